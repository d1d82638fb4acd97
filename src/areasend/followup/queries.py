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


__all__ = ["AfterInspection", "after_inspection", "overdue_after_inspection", "recorded_for", "recorded_for_all",
           "revisit_findings", "statement_case"]
