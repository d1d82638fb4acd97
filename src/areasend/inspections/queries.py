"""Reads of inspections that views and other apps share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from areasend.accounts.roles import is_inspector, is_local_area_officer, is_national_planner
from areasend.inspections import permissions
from areasend.inspections.models import Inspection, Task, TeamMember


def visible_to(user) -> QuerySet[Inspection]:
    """Inspections ``user`` may list: all for planners, their team's for inspectors, theirs for a LANO."""
    qs = Inspection.objects.select_related("area", "lead_inspector")
    if is_national_planner(user):
        return qs
    allowed = Q(pk__in=[])
    if is_inspector(user):
        allowed |= Q(lead_inspector=user) | Q(pk__in=TeamMember.objects.filter(user=user).values("inspection_id"))
    if is_local_area_officer(user):
        allowed |= Q(lano=user)
    return qs.filter(allowed)


def get_visible(user, pk: int) -> Inspection:
    """The inspection if ``user`` may see it; a 404 otherwise, so its existence is not revealed."""
    inspection = visible_to(user).filter(pk=pk).first()
    if inspection is None or not permissions.can_view(user, inspection):
        raise Http404("No inspection here")
    return inspection


def get_local_area_view(user, pk: int) -> Inspection:
    """The inspection for the page both sides share; a 404 for anyone else."""
    inspection = visible_to(user).filter(pk=pk).first()
    if inspection is None or not permissions.can_view_local_area(user, inspection):
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


# Team and workload --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """One inspector on one inspection, with the on-site days from the core (None before notification)."""

    inspection: Inspection
    role_label: str
    onsite_start: dt.date | None
    onsite_end: dt.date | None

    def overlaps(self, other: "Placement") -> bool:
        if None in (self.onsite_start, self.onsite_end, other.onsite_start, other.onsite_end):
            return False
        return self.onsite_start <= other.onsite_end and other.onsite_start <= self.onsite_end


def onsite_days(inspection: Inspection) -> tuple[dt.date | None, dt.date | None]:
    timeline = timeline_for(inspection)
    if timeline is None:
        return None, None
    return timeline.date("onsite_start"), timeline.date("onsite_end")


def placements_of(user) -> list[Placement]:
    """Every inspection ``user`` is on, with on-site days, soonest first."""
    members = TeamMember.objects.filter(user=user).select_related("inspection__area", "inspection__lead_inspector")
    result = [Placement(m.inspection, m.get_role_display(), *onsite_days(m.inspection)) for m in members]
    return sorted(result, key=lambda p: (p.onsite_start or dt.date.max, p.inspection.pk))


def clashes_for(user, inspection: Inspection) -> list[Placement]:
    """``user``'s other inspections whose on-site days overlap this inspection's."""
    start, end = onsite_days(inspection)
    here = Placement(inspection, "", start, end)
    return [p for p in placements_of(user) if p.inspection.pk != inspection.pk and here.overlaps(p)]


@dataclass(frozen=True)
class WorkloadRow:
    inspector: object
    placements: tuple[Placement, ...]
    clashes: tuple[tuple[Placement, Placement], ...]


def workload() -> list[WorkloadRow]:
    """Every inspector across the programme, their inspections, and any on-site weeks that clash."""
    from areasend.accounts.models import User
    from areasend.accounts.roles import Role

    rows = []
    for inspector in User.objects.filter(groups__name=Role.INSPECTOR.value, is_active=True).distinct():
        places = placements_of(inspector)
        clashes = tuple(
            (a, b) for i, a in enumerate(places) for b in places[i + 1 :] if a.overlaps(b)
        )
        rows.append(WorkloadRow(inspector, tuple(places), clashes))
    return rows


# Tasks --------------------------------------------------------------------------------------------


REMINDER_WINDOW_WORKING_DAYS = 2


@dataclass(frozen=True)
class TaskRow:
    task: Task
    state: str  # "done", "overdue", "due soon" or "to do"

    @property
    def tag_class(self) -> str:
        return {
            "done": "govuk-tag--green",
            "overdue": "govuk-tag--red",
            "due soon": "govuk-tag--yellow",
            "to do": "govuk-tag--grey",
        }[self.state]


def task_state(task: Task, today: dt.date) -> str:
    from areasend import framework

    if task.status == Task.Status.DONE:
        return "done"
    if task.due < today:
        return "overdue"
    if framework.working_days_between(today, task.due) <= REMINDER_WINDOW_WORKING_DAYS:
        return "due soon"
    return "to do"


def task_rows(inspection: Inspection, today: dt.date) -> dict[str, list[TaskRow]]:
    """Tasks by side: the team's (team and inspectorates) and the local area's."""
    sides: dict[str, list[TaskRow]] = {"team": [], "local_area": []}
    for task in inspection.tasks.select_related("done_by").order_by("due", "id"):
        side = "local_area" if task.owner == Task.Party.PARTNERSHIP else "team"
        sides[side].append(TaskRow(task, task_state(task, today)))
    return sides
