"""What follows an inspection, and by when (spec 2.1, 3.1-3.3, 8).

2023 framework and later: for each of the 3 outcomes, the next full
inspection, the monitoring inspection (outcome 3), the priority action plan
(outcome 3), the strategic plan update and the engagement meetings.

2016 framework: when a written statement of action (WSoA) was required, its
submission, review, resubmission, escalation and the revisit.

Dates stated as "usually" or "about" come back soft, with their tolerance, and
land on a working day: one that falls on a weekend or bank holiday moves
forward to the next working day (``rules.land_soft``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .calendar import ENGLAND, WorkingDayCalendar, written_date
from .outcomes import Outcome, WrittenStatementDecision
from .rules import DueDate, FrameworkError, Owner, apply_rule, land_soft, shift
from .versions import FrameworkVersion, MonitoringAnchor, get_version

__all__ = ["Cycle", "RevisitFollowUp", "after_revisit", "cycle_after", "estimated_final_report_received"]


@dataclass(frozen=True)
class Cycle:
    """Everything due after one full inspection (or 2016 inspection) is published."""

    framework: str
    published: dt.date
    final_report_received: dt.date
    final_report_received_estimated: bool
    outcome: Outcome | None = None
    written_statement: WrittenStatementDecision | None = None
    next_full_inspection_due: DueDate | None = None
    monitoring_inspection_due: DueDate | None = None
    priority_action_plan_submission_due: DueDate | None = None
    priority_action_plan_publication_due: DueDate | None = None
    strategic_plan_update_due: DueDate | None = None
    engagement_meetings: tuple[DueDate, ...] = ()
    written_statement_due: DueDate | None = None
    written_statement_review_due: DueDate | None = None
    written_statement_resubmission_due: DueDate | None = None
    written_statement_second_review_due: DueDate | None = None
    revisit_due: DueDate | None = None
    escalation: tuple[str, ...] = ()

    _SINGLE = (
        "next_full_inspection_due",
        "monitoring_inspection_due",
        "priority_action_plan_submission_due",
        "priority_action_plan_publication_due",
        "strategic_plan_update_due",
        "written_statement_due",
        "written_statement_review_due",
        "written_statement_resubmission_due",
        "written_statement_second_review_due",
        "revisit_due",
    )

    def due_dates(self) -> tuple[DueDate, ...]:
        """Every due date, in date order."""
        items = [getattr(self, name) for name in self._SINGLE if getattr(self, name) is not None]
        items.extend(self.engagement_meetings)
        return tuple(sorted(items, key=lambda item: item.date))

    def to_dict(self) -> dict:
        out: dict = {
            "framework": self.framework,
            "outcome": self.outcome.value if self.outcome else None,
            "wsoa": self.written_statement.value if self.written_statement else None,
            "published": self.published.isoformat(),
            "final_report_received": self.final_report_received.isoformat(),
            "final_report_received_estimated": self.final_report_received_estimated,
        }
        for name in self._SINGLE:
            item = getattr(self, name)
            out[name] = item.date.isoformat() if item else None
        out["engagement_meetings"] = [item.date.isoformat() for item in self.engagement_meetings]
        out["escalation"] = list(self.escalation)
        out["details"] = [item.to_dict() for item in self.due_dates()]
        return out


def estimated_final_report_received(
    version: FrameworkVersion, published: dt.date, calendar: WorkingDayCalendar = ENGLAND
) -> dt.date:
    """When the final report was received, counted back from publication by the version's publication rule."""
    rule = version.report.publication
    return shift(published, -rule.amount, rule.unit, calendar)


def cycle_after(
    version: FrameworkVersion | str,
    outcome: Outcome | int | None = None,
    *,
    published: dt.date,
    final_report_received: dt.date | None = None,
    written_statement: WrittenStatementDecision | bool | str | None = None,
    written_statement_submitted: dt.date | None = None,
    written_statement_decision: dt.date | None = None,
    written_statement_accepted: dt.date | None = None,
    until: dt.date | None = None,
    calendar: WorkingDayCalendar = ENGLAND,
) -> Cycle:
    """Everything that follows a published inspection report.

    2023 and 2025 need ``outcome``; 2016 needs ``written_statement`` (yes/no)
    instead. ``final_report_received`` defaults to publication counted back by
    the publication rule (flagged as estimated). Engagement meetings run
    yearly until the next full inspection is due, or ``until`` if earlier.
    For 2016 the review, resubmission and revisit count from the actual
    submission, decision and acceptance dates when given, else from the
    latest date each could fall on.
    """
    if isinstance(version, str):
        version = get_version(version)
    estimated = final_report_received is None
    received = estimated_final_report_received(version, published, calendar) if estimated else final_report_received
    assert received is not None
    if received > published:
        raise FrameworkError(
            f"The final report must be received on or before publication: it was received on "
            f"{written_date(received)}, after publication on {written_date(published)}"
        )
    if version.has_outcomes:
        if written_statement is not None:
            raise FrameworkError(f"Written statements of action belong to the 2016 framework, not the {version.id} framework")
        if outcome is None:
            raise FrameworkError(f"The {version.id} framework needs an outcome: choose 1, 2 or 3")
        return _cycle_with_outcome(version, Outcome.from_number(outcome.value if isinstance(outcome, Outcome)
                                                                else outcome),
                                   published, received, estimated, until, calendar)
    if outcome is not None:
        raise FrameworkError("The 2016 framework has no outcomes: say whether a written statement of action is required instead")
    if written_statement is None:
        raise FrameworkError("Say whether a written statement of action is required: the 2016 framework needs to know")
    decision = (written_statement if isinstance(written_statement, WrittenStatementDecision)
                else WrittenStatementDecision.from_text(written_statement))
    return _cycle_2016(version, decision, published, received, estimated, written_statement_submitted,
                       written_statement_decision, written_statement_accepted, calendar)


def _received_note(estimated: bool) -> str:
    return "Final report receipt estimated from the publication date." if estimated else ""


def _cycle_with_outcome(
    version: FrameworkVersion,
    outcome: Outcome,
    published: dt.date,
    received: dt.date,
    estimated: bool,
    until: dt.date | None,
    calendar: WorkingDayCalendar,
) -> Cycle:
    rules = version.cycle
    assert rules is not None
    next_full_rule = rules.next_full_inspection(outcome)
    next_full = apply_rule(next_full_rule, published, key="next_full_inspection_due",
                           owner=Owner.INSPECTORATES, calendar=calendar)
    # A soft next-full date moved forward off a weekend must still keep to the firm coverage rule.
    coverage_limit = shift(published, rules.coverage.amount, rules.coverage.unit, calendar)
    if next_full.date > coverage_limit:
        unmoved = shift(published, next_full_rule.amount, next_full_rule.unit, calendar)
        next_full = replace(next_full, date=land_soft(next_full_rule, unmoved, calendar, not_after=coverage_limit))
    monitoring = submission = pap_published = None
    if outcome.leads_to_monitoring_inspection:
        anchor = published if rules.monitoring_anchor is MonitoringAnchor.PUBLICATION else received
        note = _received_note(estimated) if rules.monitoring_anchor is MonitoringAnchor.FINAL_REPORT_RECEIVED else ""
        monitoring = apply_rule(rules.monitoring, anchor, key="monitoring_inspection_due",
                                owner=Owner.INSPECTORATES, calendar=calendar, note=note)
    if outcome.requires_priority_action_plan:
        submission = apply_rule(rules.priority_action_plan_submission, published,
                                key="priority_action_plan_submission_due", calendar=calendar)
        pap_published = apply_rule(rules.priority_action_plan_publication, published,
                                   key="priority_action_plan_publication_due", calendar=calendar)
    strategic = apply_rule(rules.strategic_plan_update, published, key="strategic_plan_update_due", calendar=calendar)
    meetings = []
    interval = rules.engagement_interval
    stop = next_full.date if until is None else min(next_full.date, until)
    number = 1
    while True:
        meeting = land_soft(interval, shift(published, interval.amount * number, interval.unit, calendar), calendar)
        if meeting >= next_full.date or meeting > stop:
            break
        due = apply_rule(interval, published, key=f"engagement_meeting_{number}",
                         label=f"Engagement meeting {number}", owner=Owner.INSPECTORATES, calendar=calendar)
        meetings.append(replace(due, date=meeting))
        number += 1
    return Cycle(
        framework=version.id,
        outcome=outcome,
        published=published,
        final_report_received=received,
        final_report_received_estimated=estimated,
        next_full_inspection_due=next_full,
        monitoring_inspection_due=monitoring,
        priority_action_plan_submission_due=submission,
        priority_action_plan_publication_due=pap_published,
        strategic_plan_update_due=strategic,
        engagement_meetings=tuple(meetings),
    )


def _cycle_2016(
    version: FrameworkVersion,
    decision: WrittenStatementDecision,
    published: dt.date,
    received: dt.date,
    estimated: bool,
    submitted: dt.date | None,
    decided: dt.date | None,
    accepted: dt.date | None,
    calendar: WorkingDayCalendar,
) -> Cycle:
    common = dict(framework=version.id, written_statement=decision, published=published,
                  final_report_received=received, final_report_received_estimated=estimated)
    if decision is WrittenStatementDecision.NOT_REQUIRED:
        return Cycle(**common)
    rules = version.written_statement
    assert rules is not None
    due = apply_rule(rules.submission, received, key="written_statement_due", calendar=calendar,
                     note=_received_note(estimated))
    review_from = submitted or due.date
    review = apply_rule(rules.review, review_from, key="written_statement_review_due", owner=Owner.INSPECTORATES,
                        calendar=calendar,
                        note="" if submitted else "Counted from the submission deadline.")
    decision_day = decided or review.date
    resubmission = apply_rule(rules.resubmission, decision_day, key="written_statement_resubmission_due",
                              calendar=calendar,
                              note="Applies only if the statement is found not fit for purpose."
                              + ("" if decided else " Counted from the review deadline."))
    second_review = apply_rule(rules.review, resubmission.date, key="written_statement_second_review_due",
                               label="Ofsted and CQC decide whether the revised statement is fit for purpose",
                               owner=Owner.INSPECTORATES, calendar=calendar,
                               note="The 10 WD review applied to the resubmission; if it fails again, advice goes "
                               "to the Minister.")
    second_review = replace(second_review, confirmed=False)
    revisit = apply_rule(rules.revisit, accepted or review.date, key="revisit_due", owner=Owner.INSPECTORATES,
                         calendar=calendar,
                         note="" if accepted else "Counted from the review deadline, taken as acceptance.")
    return Cycle(
        **common,
        written_statement_due=due,
        written_statement_review_due=review,
        written_statement_resubmission_due=resubmission,
        written_statement_second_review_due=second_review,
        revisit_due=revisit,
        escalation=rules.escalation_responses,
    )


@dataclass(frozen=True)
class RevisitFollowUp:
    """What follows a 2016 revisit report."""

    progress_sufficient: bool
    steps: tuple[str, ...]
    accelerated_progress_plan_review_due: DueDate | None

    def to_dict(self) -> dict:
        review = self.accelerated_progress_plan_review_due
        return {
            "progress_sufficient": self.progress_sufficient,
            "steps": list(self.steps),
            "accelerated_progress_plan_review_due": review.date.isoformat() if review else None,
        }


def after_revisit(
    version: FrameworkVersion | str,
    *,
    report_published: dt.date,
    progress_sufficient: bool,
    calendar: WorkingDayCalendar = ENGLAND,
) -> RevisitFollowUp:
    """Sufficient progress ends DfE/NHS England monitoring; otherwise an Accelerated Progress Plan follows."""
    if isinstance(version, str):
        version = get_version(version)
    rules = version.written_statement
    if rules is None:
        raise FrameworkError(f"Revisits belong to the 2016 framework, not the {version.id} framework")
    if progress_sufficient:
        return RevisitFollowUp(True, ("DfE and NHS England monitoring of the written statement stops",), None)
    review = apply_rule(rules.accelerated_progress_plan_review, report_published,
                        key="accelerated_progress_plan_review_due", owner=Owner.GOVERNMENT, calendar=calendar)
    return RevisitFollowUp(False, rules.insufficient_progress_steps, review)
