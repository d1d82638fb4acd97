"""Reads of inspections that views and other apps share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q


from areasend.inspections.access import visible_to  # noqa: F401  (the list of inspections a person may see)
from areasend.inspections.models import Inspection, Task, TeamMember


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
class Work:
    """One piece of an inspector's work: live (an inspection started in this service) or planned (an
    item of the accepted plan not started yet). Dates are the on-site days: from the core's timeline for
    a live inspection (None before notification), the planned week (Monday to Friday) for a planned one."""

    planned: bool
    area_name: str
    role_label: str
    start: dt.date | None
    end: dt.date | None
    inspection: Inspection | None = None

    def overlaps(self, other: "Work") -> bool:
        if None in (self.start, self.end, other.start, other.end):
            return False
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class WorkloadRow:
    inspector: object  # the account, or None for a planned person with no account in the service
    name: str
    live: tuple[Work, ...]
    planned: tuple[Work, ...]
    clashes: tuple[tuple[Work, Work], ...]

    @property
    def placements(self) -> tuple[Work, ...]:
        return self.live


def _by_week(work: list[Work]) -> tuple[Work, ...]:
    return tuple(sorted(work, key=lambda w: (w.start or dt.date.max, w.area_name)))


def workload(today: dt.date | None = None, *, with_plan: bool = True) -> list[WorkloadRow]:
    """Every inspector, their live inspections and (``with_plan``) their planned ones, and any clashes.

    A fixed number of reads whatever the size of the workforce: the inspectors, the team places of open
    inspections, and the accepted plan. A planned person is matched to an account the way starting an
    inspection from the plan matches them; one with no account is listed under their name in the plan.
    """
    from django.utils import timezone

    from areasend.accounts.models import User
    from areasend.access.roles import Role

    today = today or timezone.localdate()
    inspectors = list(User.objects.filter(groups__name=Role.INSPECTOR.value, is_active=True).distinct()
                      .order_by("last_name", "first_name", "pk"))
    live: dict[object, list[Work]] = {}
    days: dict[int, tuple] = {}
    members = TeamMember.objects.filter(user__in=[u.pk for u in inspectors]).select_related("inspection__area")
    for member in members:
        inspection = member.inspection
        if not inspection.is_open_on(today):
            continue
        if inspection.pk not in days:
            days[inspection.pk] = onsite_days(inspection)
        live.setdefault(member.user_id, []).append(
            Work(False, inspection.area.name, member.get_role_display(), *days[inspection.pk], inspection=inspection))
    planned: dict[object, list[Work]] = {}
    if with_plan:
        for key, work in _planned_work(today):
            planned.setdefault(key, []).append(work)
    people = [(u, str(u), u.pk) for u in inspectors]
    people += sorted(((None, name, name) for name in planned if isinstance(name, str)), key=lambda p: p[1])
    rows = []
    for user, name, key in people:
        mine_live, mine_planned = _by_week(live.get(key, [])), _by_week(planned.get(key, []))
        every = list(mine_live + mine_planned)
        clashes = tuple((a, b) for i, a in enumerate(every) for b in every[i + 1:] if a.overlaps(b))
        rows.append(WorkloadRow(user, name, mine_live, mine_planned, clashes))
    return rows


@dataclass(frozen=True)
class PlannedStart:
    """The accepted plan's inspection of one area: its kind, on-site week in words and team places
    (the core's team role, the workforce name, the matching account or None)."""

    area: object
    kind: str
    week: str
    places: list


def has_accepted_plan() -> bool:
    from areasend.programme import queries as programme

    return programme.current_programme() is not None


def planned_start(area_pk: str) -> PlannedStart | None:
    """What the accepted plan says of the area with this primary key, or None (no such area, no accepted
    plan, or the area not in it)."""
    from areasend.areas import queries as areas
    from areasend.programme import queries as programme

    area = areas.area_by_pk(area_pk)
    item = programme.planned_item(area.ons_code) if area is not None else None
    if item is None:
        return None
    return PlannedStart(area, item["kind"], programme.display_date(item["onsite_start"]), programme.planned_team(item))


def _planned_work(today: dt.date):
    """(account pk, or the workforce name when no account fits; the work) for each planned team place of
    the accepted plan whose area has no inspection started."""
    from areasend.programme import queries as programme

    current = programme.current_programme()
    if current is None or not current.result:
        return []
    started = set(live_by_area(today))
    items = [item for item in current.result.get("items", [])
             if item.get("onsite_start") and item["area_code"] not in started]
    places = [(item, programme.team_role_of(m["remit"]), m["name"]) for item in items for m in item.get("team") or []]
    places = [(item, role, name) for item, role, name in places if role is not None]
    users = inspectors_by_name({(name, role) for _, role, name in places})
    out = []
    for item, role, name in places:
        monday = dt.date.fromisoformat(item["onsite_start"])
        user = users.get(name)
        out.append((user.pk if user is not None else name,
                    Work(True, item.get("area_name") or item["area_code"], TeamMember.Role(role.value).label,
                         monday, monday + dt.timedelta(days=4))))
    return out


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


# Meetings and the on-site timetable ---------------------------------------------------------------


def inspection_window(timeline) -> tuple[dt.date, dt.date]:
    """The inspection's weeks: from the notification to the last on-site day (both from the core)."""
    return timeline.date("notification"), timeline.date("onsite_end")


def onsite_day_list(timeline) -> list[dt.date]:
    """The on-site days: the core's working days from the first to the last on-site day."""
    from areasend import framework

    start, end = timeline.date("onsite_start"), timeline.date("onsite_end")
    days, day = [], start
    while day <= end:
        days.append(day)
        day = framework.next_working_day(day)
    return days


def meeting_date(meeting, timeline) -> dt.date | None:
    """The meeting's date: its own when the lead moved it, else the core's milestone date."""
    from areasend.inspections.meetings import KINDS_BY_KEY

    if meeting.date is not None:
        return meeting.date
    milestone = KINDS_BY_KEY[meeting.kind].milestone
    if milestone is None or not timeline_has(timeline, milestone):
        return None
    return timeline.date(milestone)


def timeline_has(timeline, key: str) -> bool:
    return timeline is not None and any(m.key == key for m in timeline.milestones)


@dataclass(frozen=True)
class MeetingRow:
    spec: object  # meetings.MeetingKind
    meeting: object | None  # None: not scheduled yet
    date: dt.date | None
    attendees: tuple
    missing: tuple  # required attendee roles nobody at the meeting has


def meeting_rows(inspection: Inspection, timeline) -> list[MeetingRow]:
    """Every meeting of the inspection: the standard ones (scheduled or not) and each KIT, by date."""
    from areasend.inspections.meetings import KINDS, missing_roles
    from areasend.inspections.models import Meeting

    meetings = list(Meeting.objects.filter(inspection=inspection).prefetch_related("attendees"))
    by_kind = {m.kind: m for m in meetings if m.kind != "kit"}
    rows = []
    for spec in KINDS:
        if spec.milestone is None:
            for m in (m for m in meetings if m.kind == spec.kind):
                attendees = tuple(m.attendees.all())
                rows.append(MeetingRow(spec, m, m.date, attendees, tuple(missing_roles(m.kind, [a.role for a in attendees]))))
            continue
        if not timeline_has(timeline, spec.milestone):
            continue
        m = by_kind.get(spec.kind.value)
        attendees = tuple(m.attendees.all()) if m else ()
        date = meeting_date(m, timeline) if m else timeline.date(spec.milestone)
        rows.append(MeetingRow(spec, m, date, attendees, tuple(missing_roles(spec.kind.value, [a.role for a in attendees]))))
    return sorted(rows, key=lambda r: (r.date or dt.date.max, r.meeting.start_time if r.meeting and r.meeting.start_time else dt.time.min))


@dataclass(frozen=True)
class TimetableEntry:
    start_time: dt.time | None
    end_time: dt.time | None
    title: str
    place: str
    people: str
    meeting: object | None = None
    visit: object | None = None


def timetable(inspection: Inspection, timeline) -> list[tuple[dt.date, list[TimetableEntry]]]:
    """The agreed on-site timetable: each on-site day (from the core) with its meetings and visits by time."""
    from areasend.inspections.models import Visit

    days = onsite_day_list(timeline)
    entries: dict[dt.date, list[TimetableEntry]] = {day: [] for day in days}
    for row in meeting_rows(inspection, timeline):
        if row.meeting is not None and row.date in entries:
            m = row.meeting
            where = m.place or ("Video call" if m.video_link else "")
            entries[row.date].append(
                TimetableEntry(m.start_time, m.end_time, row.spec.label, where, ", ".join(a.name for a in row.attendees), meeting=m)
            )
    for visit in Visit.objects.filter(inspection=inspection).prefetch_related("members__user"):
        if visit.day in entries:
            entries[visit.day].append(
                TimetableEntry(
                    visit.start_time, visit.end_time, visit.get_kind_display(), visit.place,
                    ", ".join(str(m.user) for m in visit.members.all()), visit=visit,
                )
            )
    return [(day, sorted(items, key=lambda e: (e.start_time or dt.time.min, e.title))) for day, items in entries.items()]


def calendar_items(inspection: Inspection, user, timeline) -> tuple[list[MeetingRow], list]:
    """The meetings ``user`` attends (by account or by email) and the visits they go on.

    The inspection's LANO arranges the visits, so their calendar has every visit.
    """
    from areasend.inspections.models import Visit

    email = (getattr(user, "email", "") or "").lower()
    mine = [
        row for row in meeting_rows(inspection, timeline)
        if row.meeting is not None and row.date is not None
        and any(a.user_id == user.pk or (email and a.email.lower() == email) for a in row.attendees)
    ]
    visits = Visit.objects.filter(inspection=inspection).prefetch_related("members__user")
    from areasend.access.capabilities import AccessRole
    from areasend.inspections.access import roles_on

    if AccessRole.OWN_LANO not in roles_on(user, inspection):
        visits = visits.filter(members__user=user).distinct()
    return mine, list(visits)


@dataclass(frozen=True)
class LiveInspection:
    """An inspection in this service that has started and whose outcome is not yet public."""

    inspection_id: int
    area_code: str
    area_name: str
    kind: str
    outcome_recorded: bool


def live_by_area(as_of: dt.date) -> dict[str, LiveInspection]:
    """By ONS code, the areas with an inspection started on or before ``as_of`` and not published by then.

    Started means the inspection exists in this service (it was started on or before ``as_of``); not
    published means no outcome yet, or an outcome recorded whose publication date is after ``as_of``.
    An inspection whose outcome is published is in the area's history (the register) instead.
    """
    live = (
        Inspection.objects.filter(created_at__date__lte=as_of)
        .filter(Q(outcome_recorded_at__isnull=True) | Q(publication_date__isnull=True) | Q(publication_date__gt=as_of))
        .select_related("area")
        .order_by("created_at", "pk")
    )
    return {
        inspection.area.ons_code: LiveInspection(
            inspection.pk, inspection.area.ons_code, inspection.area.name, inspection.kind,
            inspection.findings_recorded,
        )
        for inspection in live
    }


def inspectors_by_name(wanted) -> dict[str, object]:
    """The account of each planned team member, by workforce name, from one read of the inspectors.

    ``wanted`` is pairs of (full name, the core's team role). A name is matched to an active inspector
    with that full name whose kind may take the role (an HMI for the lead); a name that fits nobody, or
    more than one person, is left out, so the planner chooses that person themselves.
    """
    from django.contrib.auth import get_user_model

    from areasend import framework as fw
    from areasend.access.roles import Role

    wanted = list(wanted)
    names = {name for name, _ in wanted}
    if not names:
        return {}
    users = (get_user_model().objects.filter(groups__name=Role.INSPECTOR.value, is_active=True,
                                             inspector_profile__isnull=False)
             .select_related("inspector_profile").distinct())
    by_name: dict[str, list] = {}
    for user in users:
        name = user.get_full_name()
        if name in names:
            by_name.setdefault(name, []).append(user)
    found = {}
    for name, role in wanted:
        fits = [u for u in by_name.get(name, ()) if role.may_be_taken_by(fw.InspectorKind(u.inspector_profile.kind))]
        if len(fits) == 1:  # only a name that names one person who may take the place
            found[name] = fits[0]
    return found


def areas_named_on(person) -> list:
    """The areas of the inspections ``person`` is named on as nominated officer or lead inspector, by name."""
    found = {inspection.area_id: inspection.area for inspection in
             Inspection.objects.filter(Q(lano=person) | Q(lead_inspector=person)).select_related("area")}
    return sorted(found.values(), key=lambda area: area.name)


def latest_in_area(area) -> Inspection | None:
    """The area's latest inspection in this service, with its nominated officer and lead inspector (the
    one whose nominated officer speaks for the area after it, as the follow-up pages' access has it)."""
    return (Inspection.objects.filter(area=area).select_related("lano", "lead_inspector")
            .order_by("-created_at", "-pk").first())


def latest_in_areas(areas) -> dict[int, Inspection]:
    """``latest_in_area`` for each of ``areas`` at once, by area id (areas with none are left out): one query."""
    latest: dict[int, Inspection] = {}
    ids = [getattr(area, "pk", area) for area in areas]
    if not ids:
        return latest
    for inspection in (Inspection.objects.filter(area_id__in=ids).select_related("lano", "lead_inspector")
                       .order_by("area_id", "-created_at", "-pk")):
        latest.setdefault(inspection.area_id, inspection)
    return latest
