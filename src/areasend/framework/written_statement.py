"""A 2016 written statement of action (WSoA), step by step, from what has happened so far (spec 2.1).

The local area submits its statement within 70 working days of receiving the report letter; Ofsted
and CQC decide within 10 working days of each submission whether it is fit for purpose; a statement
found not fit is resubmitted within 20 working days of that decision. If a revised statement fails
again, advice goes to the Minister. A statement found fit is followed by a revisit, usually within
18 months, which finds sufficient or insufficient progress on each significant weakness; after
insufficient progress the next steps (including the Minister's or the Secretary of State's powers)
follow, and the service records the escalation.

:func:`written_statement_steps` gives every step due so far, each with the date the framework gives
and the date it was done, if it was. Nothing here knows about pages or the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from .calendar import ENGLAND, WorkingDayCalendar, written_date
from .cycle import estimated_final_report_received
from .kinds import RevisitProgress
from .rules import DueDate, FrameworkError, Owner, apply_rule
from .versions import FrameworkVersion, get_version

__all__ = [
    "StatementVersion",
    "WeaknessProgress",
    "WrittenStatementStep",
    "advice_to_minister",
    "revisit_insufficient",
    "revisit_progress",
    "written_statement_steps",
]


@dataclass(frozen=True)
class StatementVersion:
    """One version of the statement as submitted, and Ofsted and CQC's decision on it, if made."""

    version: int
    submitted: dt.date
    fit: bool | None = None
    decided: dt.date | None = None


@dataclass(frozen=True)
class WeaknessProgress:
    """The revisit's finding on one significant weakness (numbered from 1)."""

    number: int
    sufficient: bool


@dataclass(frozen=True)
class WrittenStatementStep:
    """One step of the statement's life: what is due, by when, and when it was done (or None)."""

    due: DueDate
    done: dt.date | None = None
    #: What the step ended in when done: ``submitted``, ``fit``, ``not_fit`` or ``revisited``.
    result: str = ""


def _version(version: FrameworkVersion | str) -> FrameworkVersion:
    version = get_version(version) if isinstance(version, str) else version
    if version.written_statement is None:
        raise FrameworkError(f"Written statements of action belong to the 2016 framework, not the {version.id} framework")
    return version


def written_statement_steps(
    version: FrameworkVersion | str,
    *,
    published: dt.date,
    versions: Sequence[StatementVersion] = (),
    revisit: dt.date | None = None,
    final_report_received: dt.date | None = None,
    calendar: WorkingDayCalendar = ENGLAND,
) -> tuple[WrittenStatementStep, ...]:
    """Every step due so far, oldest first.

    The first submission counts from receipt of the report letter (estimated from ``published``
    when not given); each review from that version's submission; each resubmission from the
    decision that the version before was not fit for purpose; the revisit from the decision that a
    version was fit. ``versions`` are in the order submitted; ``revisit`` is the day the revisit
    (its report) is recorded.
    """
    version = _version(version)
    rules = version.written_statement
    assert rules is not None
    estimated = final_report_received is None
    received = (estimated_final_report_received(version, published, calendar) if estimated
                else final_report_received)
    assert received is not None
    ordered = sorted(versions, key=lambda v: v.version)
    for before, after in zip(ordered, ordered[1:]):
        if before.fit is None:
            raise FrameworkError(f"Version {after.version} was submitted before a decision on version {before.version}")
        if before.fit:
            raise FrameworkError(f"Version {before.version} was fit for purpose: nothing more is submitted after it")
    note = (f"Counted from receipt of the report letter, estimated from its publication on {written_date(published)}."
            if estimated else "")
    first = apply_rule(rules.submission, received, key="written_statement_due",
                       label="Written statement of action submitted", calendar=calendar, note=note)
    steps = [WrittenStatementStep(first, ordered[0].submitted if ordered else None, "submitted" if ordered else "")]
    for index, item in enumerate(ordered):
        review = apply_rule(rules.review, item.submitted, key=f"written_statement_review_due_{item.version}",
                            label=f"Decision on whether version {item.version} is fit for purpose",
                            owner=Owner.INSPECTORATES, calendar=calendar)
        result = "" if item.fit is None else ("fit" if item.fit else "not_fit")
        steps.append(WrittenStatementStep(review, item.decided if item.fit is not None else None, result))
        if item.fit is None:
            break
        assert item.decided is not None
        if item.fit:
            due = apply_rule(rules.revisit, item.decided, key="revisit_due", label="Revisit",
                             owner=Owner.INSPECTORATES, calendar=calendar)
            steps.append(WrittenStatementStep(due, revisit, "revisited" if revisit else ""))
            break
        following = ordered[index + 1] if index + 1 < len(ordered) else None
        resubmission = apply_rule(rules.resubmission, item.decided,
                                  key=f"written_statement_resubmission_due_{item.version + 1}",
                                  label=f"Revised written statement (version {item.version + 1}) resubmitted",
                                  calendar=calendar)
        steps.append(WrittenStatementStep(resubmission, following.submitted if following else None,
                                          "submitted" if following else ""))
    return tuple(steps)


def advice_to_minister(versions: Sequence[StatementVersion]) -> bool:
    """True once a revised statement has also been found not fit for purpose: advice goes to the Minister."""
    return sum(1 for v in versions if v.fit is False) >= 2


def revisit_insufficient(findings: Sequence[WeaknessProgress]) -> bool:
    """True when the revisit found insufficient progress on at least one significant weakness."""
    return any(not f.sufficient for f in findings)


def revisit_progress(findings: Sequence[WeaknessProgress]) -> RevisitProgress:
    """The revisit's finding as the history states it: sufficient progress on all, some or none of the
    significant weaknesses."""
    if not findings:
        raise FrameworkError("a revisit's finding needs its finding on each significant weakness")
    sufficient = sum(1 for f in findings if f.sufficient)
    if sufficient == len(findings):
        return RevisitProgress.YES
    return RevisitProgress.SOME if sufficient else RevisitProgress.NO
