"""Reads the after-inspection pages share: what is recorded against each due item, for one area or all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from areasend.areas import queries as areas
from areasend.areas.queries import Progress
from areasend.followup.models import (
    PUBLICATION_DUE,
    SUBMISSION_DUE,
    EngagementMeeting,
    PlanKind,
    PlanVersion,
    SupportActivity,
)


def _progress(plans, meetings, today: dt.date) -> dict[tuple[int, str], Progress]:
    """(inspection record id, due key) -> what is recorded, from plan versions (latest first) and meetings."""
    out: dict[tuple[int, str], Progress] = {}
    seen: set[tuple[int, str]] = set()
    for plan in plans:  # ordered by record, kind, newest version first
        kind = PlanKind(plan.kind)
        if (plan.record_id, kind) in seen:
            continue
        seen.add((plan.record_id, kind))
        submission, publication = SUBMISSION_DUE[kind], PUBLICATION_DUE[kind]
        if plan.published_on:
            out[(plan.record_id, publication)] = Progress("published", plan.published_on,
                                                          f"Version {plan.version} published")
            if submission != publication:
                out[(plan.record_id, submission)] = Progress("accepted", plan.decided_on,
                                                             f"Version {plan.version} accepted")
            continue
        status = plan.decision or "submitted"
        note = f"Version {plan.version} submitted on {_day(plan.submitted_on)}"
        if plan.decision:
            note = f"Version {plan.version}: {plan.get_decision_display().lower()} on {_day(plan.decided_on)}"
        out[(plan.record_id, submission)] = Progress(status, plan.decided_on or plan.submitted_on, note)
    for meeting in meetings:
        if meeting.held_on:
            out[(meeting.record_id, meeting.due_key)] = Progress("done", meeting.held_on,
                                                                 f"Held on {_day(meeting.held_on)}")
        else:
            out[(meeting.record_id, meeting.due_key)] = Progress("scheduled", None,
                                                                 f"Scheduled for {_day(meeting.scheduled_for)}")
    return out


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def recorded_for(area) -> dict[tuple[int, str], Progress]:
    plans = PlanVersion.objects.filter(area=area).order_by("record_id", "kind", "-version")
    meetings = EngagementMeeting.objects.filter(area=area)
    return _progress(plans, meetings, areas.today_in_england())


def recorded_for_all() -> dict[tuple[int, str], Progress]:
    """What is recorded for every area, read in two queries (the overdue list)."""
    plans = PlanVersion.objects.order_by("record_id", "kind", "-version")
    meetings = EngagementMeeting.objects.all()
    return _progress(plans, meetings, areas.today_in_england())


@dataclass(frozen=True)
class AfterInspection:
    area: object
    latest: object
    items: list
    plans: dict  # kind -> list[PlanVersion], newest first
    support: list
    meetings: list


def after_inspection(area, today: dt.date | None = None) -> AfterInspection:
    """One area's items owed with their statuses, and its plans, support and engagement meetings."""
    today = today or areas.today_in_england()
    latest, items = areas.after_inspection(area, today, recorded_for(area))
    plans: dict[str, list] = {kind.value: [] for kind in PlanKind}
    support: list = []
    meetings: list = []
    if latest is not None:
        record = latest.record
        for plan in PlanVersion.objects.filter(record=record).order_by("kind", "-version"):
            plans[plan.kind].append(plan)
        support = list(SupportActivity.objects.filter(record=record))
        meetings = list(EngagementMeeting.objects.filter(record=record))
    return AfterInspection(area, latest, items, plans, support, meetings)


def overdue_after_inspection(today: dt.date | None = None) -> list:
    today = today or areas.today_in_england()
    return areas.overdue_after_inspection(today, recorded_for_all())


__all__ = ["AfterInspection", "after_inspection", "overdue_after_inspection", "recorded_for", "recorded_for_all"]
