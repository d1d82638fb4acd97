"""Reads the after-inspection pages share: what is recorded against each due item, for one area or all,
and an area's 2016 written statement of action with what the service records for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from areasend.areas import queries as areas
from areasend.areas.queries import Progress, RecordedStatement
from areasend.followup.models import (
    PUBLICATION_DUE,
    SUBMISSION_DUE,
    EngagementMeeting,
    MinisterEscalation,
    PlanKind,
    PlanVersion,
    Revisit,
    SupportActivity,
)


def _progress(plans, meetings, today: dt.date) -> dict[tuple[int, str], Progress]:
    """(inspection record id, due key) -> what is recorded, from plan versions (latest first) and meetings."""
    out: dict[tuple[int, str], Progress] = {}
    seen: set[tuple[int, str]] = set()
    for plan in plans:  # ordered by record, kind, newest version first
        kind = PlanKind(plan.kind)
        if kind is PlanKind.WRITTEN_STATEMENT:  # its steps come from the statement's own case
            continue
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


def _recorded_statement(record) -> RecordedStatement:
    from areasend import framework as fw

    versions = tuple(
        fw.StatementVersion(p.version, p.submitted_on,
                            None if not p.decision else p.decision == PlanVersion.Decision.FIT, p.decided_on)
        for p in PlanVersion.objects.filter(record=record, kind=PlanKind.WRITTEN_STATEMENT).order_by("version")
    )
    revisit = Revisit.objects.filter(record=record).prefetch_related("findings").first()
    findings = tuple(fw.WeaknessProgress(f.number, f.sufficient) for f in revisit.findings.all()) if revisit else ()
    escalations = tuple((e.on, e.note) for e in MinisterEscalation.objects.filter(record=record))
    return RecordedStatement(versions, revisit.on if revisit else None, findings, escalations)


def statement_case(area, today: dt.date | None = None, history=None, pauses=None):
    """The area's 2016 written statement of action (shipped history and what the service records), or None."""
    today = today or areas.today_in_england()
    history = areas.history_for(area, today) if history is None else history
    shipped = areas.written_statement_case(area, today, history=history)
    if shipped is None:
        return None
    recorded = _recorded_statement(shipped.inspection)
    pauses = areas.national_pauses() if pauses is None else pauses
    return areas.written_statement_case(area, today, recorded, history=history, pauses=pauses)


def revisit_findings(case) -> list:
    """The findings of a revisit recorded in the service, with their notes, in weakness order."""
    revisit = Revisit.objects.filter(record=case.inspection).first()
    return list(revisit.findings.all()) if revisit else []


@dataclass(frozen=True)
class AfterInspection:
    area: object
    latest: object
    items: list
    plans: dict  # kind -> list[PlanVersion], newest first
    support: list
    meetings: list
    statement: object = None  # areas.queries.StatementCase, for an area with a 2016 written statement of action


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
    statement = statement_case(area, today)
    if statement is not None:
        plans[PlanKind.WRITTEN_STATEMENT.value] = list(
            PlanVersion.objects.filter(record=statement.inspection, kind=PlanKind.WRITTEN_STATEMENT).order_by("-version"))
    return AfterInspection(area, latest, items, plans, support, meetings, statement)


def overdue_after_inspection(today: dt.date | None = None) -> list:
    """Late items after every area's latest full inspection, and the late steps of 2016 written
    statements of action the service tracks, the latest first."""
    today = today or areas.today_in_england()
    plans = list(PlanVersion.objects.order_by("record_id", "kind", "-version"))
    late = list(areas.overdue_after_inspection(today, _progress(plans, EngagementMeeting.objects.all(), today)))
    # Only statements the service tracks can be late: the shipped history holds no dates to count from.
    tracked = {p.area_id for p in plans if p.kind == PlanKind.WRITTEN_STATEMENT}
    tracked |= areas.areas_with_statements_recorded_in_service()
    if tracked:
        pauses = areas.national_pauses()
        heirs = areas.current_heirs(tracked)
        for area in heirs:
            case = statement_case(area, today, pauses=pauses)
            if case is not None:
                late.extend(case.late_items)
    late.sort(key=lambda item: (-item.working_days_late, item.obligation.area_name, item.obligation.what))
    return late


# --- who owes each item in the service, and what one person owes -----------------------------

#: An item still to do is "due soon" (reminded of each day, and listed on the person's own page) from this
#: many working days before its date.
REMINDER_WORKING_DAYS = 5

#: The owner of an item every national planner shares (see :func:`owner_in_service`).
PLANNERS = "national planners"

#: Steps of a written statement of action that Ofsted and CQC owe and the national team records here.
_RECORDED_BY_PLANNERS = ("written_statement_review_due", "revisit_due")


def reminder_kind(item, today: dt.date) -> str | None:
    """"overdue", "due", "review" (a plan waiting for the national team's decision) or None when the
    item needs nobody's attention yet (or no more)."""
    from areasend import framework

    due = item.obligation.due
    soon = due <= today or framework.working_days_between(today, due) <= REMINDER_WORKING_DAYS
    if item.status == "submitted":
        # A plan waiting for the national team's decision; a written statement's submission is a step done
        # (its review is a step of its own, which Ofsted and CQC owe).
        return "review" if soon and item.owner_words == "National team" else None
    if item.is_late:
        return "overdue"
    if item.status in ("due", "not_due", "further_work") and due >= today and soon:
        return "due"
    return None


def owner_in_service(item, latest):
    """Who owes ``item`` among the people in the service, following the page's "Who owes it": the
    area's nominated officer (on ``latest``, its latest inspection here), the lead inspector for an
    engagement meeting, :data:`PLANNERS` for what the national team decides or records (and a
    monitoring inspection to start), or None when nobody here is named."""
    if item.owner_words == "National team" or item.due_key.startswith(_RECORDED_BY_PLANNERS):
        return PLANNERS
    if item.owner_words == "Local area":
        return latest.lano if latest is not None else None
    if item.due_key == "monitoring_inspection_due":
        under_way = latest is not None and latest.kind == "monitoring" and latest.publication_date is None
        return None if under_way else PLANNERS
    if item.due_key.startswith("engagement_meeting"):
        return latest.lead_inspector if latest is not None else None
    return None


def _statement_items(area_ids, today: dt.date) -> dict[int, tuple[object, list]]:
    """The steps of each written statement of action the service tracks (a version submitted here, or the
    2016 inspection recorded here), for the current areas among ``area_ids`` (None: all): each area and its
    steps, by area id."""
    tracked = set(PlanVersion.objects.filter(kind=PlanKind.WRITTEN_STATEMENT).values_list("area_id", flat=True))
    tracked |= areas.areas_with_statements_recorded_in_service()
    if area_ids is not None:
        tracked &= set(area_ids)
    out: dict[int, tuple[object, list]] = {}
    if tracked:
        pauses = areas.national_pauses()
        for area in areas.current_heirs(tracked):
            case = statement_case(area, today, pauses=pauses)
            if case is not None and case.current:
                out[area.pk] = (area, list(case.items))
    return out


def owed_everywhere(today: dt.date | None = None) -> list[tuple[object, list]]:
    """Every current area with something owed after an inspection, and its items with their statuses: after
    its latest full inspection, and the steps of a 2016 written statement the service tracks; by name."""
    today = today or areas.today_in_england()
    found = {area.pk: (area, list(items)) for area, items in areas.owed_after_inspection_everywhere(today, recorded_for_all())}
    for area, steps in _statement_items(None, today).values():
        found.setdefault(area.pk, (area, []))[1].extend(steps)
    return sorted(found.values(), key=lambda pair: pair[0].name)


def reminded(owed, today: dt.date) -> list[tuple[object, list, object]]:
    """Of ``owed`` (areas and their items), the areas with items to remind someone of today: each area, its
    items with their reminder kinds, and its latest inspection in the service (None if none), which says
    who owns them. The latest inspections are looked up together."""
    from areasend.inspections import queries as inspections

    wanted_in = [(area, wanted) for area, items in owed
                 if (wanted := [(item, kind) for item in items if (kind := reminder_kind(item, today))])]
    latest_in = inspections.latest_in_areas(area for area, _ in wanted_in)
    return [(area, wanted, latest_in.get(area.pk)) for area, wanted in wanted_in]


@dataclass(frozen=True)
class Owed:
    """One thing a person owes after an inspection, and why it is on their list now."""

    area: object
    item: object  # areas.queries.OwedItem
    kind: str  # "overdue", "due" or "review" (see reminder_kind)


def owed_by(person, today: dt.date | None = None) -> list[Owed]:
    """What ``person`` owes after inspections that is late, due within a working week, or waiting for their
    decision: the items the daily reminders send them, the latest first and then by date."""
    from areasend.access.roles import Role, roles_of
    from areasend.inspections import queries as inspections

    today = today or areas.today_in_england()
    if not getattr(person, "is_authenticated", False):
        return []
    planner = Role.NATIONAL_PLANNER in roles_of(person)
    if planner:
        owed = owed_everywhere(today)
    else:
        mine = [area for area in inspections.areas_named_on(person) if area.is_current]
        statements = _statement_items([area.pk for area in mine], today)
        owed = []
        for area in mine:
            _, items = areas.after_inspection(area, today, recorded_for(area))
            owed.append((area, list(items) + statements.get(area.pk, (area, []))[1]))
    out = []
    for area, wanted, latest in reminded(owed, today):
        for item, kind in wanted:
            owner = owner_in_service(item, latest)
            if owner == person or (owner == PLANNERS and planner):
                out.append(Owed(area, item, kind))
    out.sort(key=lambda o: (-o.item.working_days_late, o.item.obligation.due, o.area.name, o.item.obligation.what))
    return out


__all__ = ["PLANNERS", "REMINDER_WORKING_DAYS", "AfterInspection", "Owed", "after_inspection", "overdue_after_inspection",
           "owed_by", "owed_everywhere", "owner_in_service", "recorded_for", "recorded_for_all", "reminded", "reminder_kind",
           "revisit_findings", "statement_case"]
