"""Reads of inspections that views and other apps share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from areasend.accounts.roles import is_inspector, is_national_planner
from areasend.inspections import permissions
from areasend.inspections.models import Inspection


def visible_to(user) -> QuerySet[Inspection]:
    qs = Inspection.objects.select_related("area", "lead_inspector")
    if is_national_planner(user):
        return qs
    if is_inspector(user):
        return qs.filter(lead_inspector=user)
    return qs.none()


def get_visible(user, pk: int) -> Inspection:
    """The inspection if ``user`` may see it; a 404 otherwise, so its existence is not revealed."""
    inspection = visible_to(user).filter(pk=pk).first()
    if inspection is None or not permissions.can_view(user, inspection):
        raise Http404("No inspection here")
    return inspection


def timeline_for(inspection: Inspection):
    """The inspection's timeline from the framework core, or None before a notification date is set."""
    from areasend import framework

    if inspection.notification_date is None:
        return None
    return framework.inspection_timeline(
        notified=inspection.notification_date,
        kind=inspection.kind,
        version=framework.get_version(inspection.framework) if inspection.framework else None,
    )


@dataclass(frozen=True)
class TimelineRow:
    milestone: object
    state: str  # "done", "today" or "to come"


@dataclass(frozen=True)
class TimelinePosition:
    rows: tuple[TimelineRow, ...]
    today: dt.date
    today_index: int  # rows before this index are in the past
    stage: str


def position_on(timeline, today: dt.date) -> TimelinePosition:
    """Where ``today`` falls among the milestones: which are done and which come next."""
    milestones = sorted(timeline.milestones, key=lambda m: (m.date, m.key))
    rows = tuple(
        TimelineRow(m, "done" if m.date < today else "today" if m.date == today else "to come") for m in milestones
    )
    index = sum(1 for m in milestones if m.date < today)
    onsite_start, onsite_end = timeline.date("onsite_start"), timeline.date("onsite_end")
    if today < timeline.date("notification"):
        stage = "Not yet notified"
    elif today < onsite_start:
        stage = "Notified: preparing for the on-site week"
    elif today <= onsite_end:
        stage = "On site"
    elif today < timeline.date("publication_due"):
        stage = "Reporting"
    else:
        stage = "Report due to be published"
    return TimelinePosition(rows=rows, today=today, today_index=index, stage=stage)
