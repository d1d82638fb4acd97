"""The 2016 written statement of action's steps, from the core alone: working days on England's calendar."""

import datetime as dt

import pytest

from areasend import framework as fw

CAL = fw.calendar.ENGLAND


def test_a_review_over_christmas_skips_the_bank_holidays():
    submitted = dt.date(2026, 12, 18)  # Friday; 25 and 28 December 2026 and 1 January 2027 are bank holidays
    steps = fw.written_statement_steps("2016", published=dt.date(2026, 9, 1),
                                       versions=[fw.StatementVersion(1, submitted)])
    review = next(s for s in steps if s.due.key == "written_statement_review_due_1")
    assert review.due.date == dt.date(2027, 1, 6) and review.done is None
    assert review.due.owner is fw.Owner.INSPECTORATES


def test_a_resubmission_counts_20_working_days_from_the_decision_and_stops_at_fit():
    decided = dt.date(2026, 3, 27)  # Good Friday is 3 April 2026, Easter Monday 6 April
    steps = fw.written_statement_steps("2016", published=dt.date(2025, 12, 1), versions=[
        fw.StatementVersion(1, dt.date(2026, 3, 16), False, decided)])
    resubmission = steps[-1]
    assert resubmission.due.key == "written_statement_resubmission_due_2" and resubmission.done is None
    assert resubmission.due.date == dt.date(2026, 4, 28)
    assert CAL.working_days_between(decided, resubmission.due.date) == 20


def test_the_first_submission_is_70_working_days_from_receipt_of_the_report_letter():
    published = dt.date(2026, 6, 1)
    first = fw.written_statement_steps("2016", published=published)[0]
    received = fw.estimated_final_report_received(fw.get_version("2016"), published)
    assert first.due.key == "written_statement_due" and first.due.owner is fw.Owner.PARTNERSHIP
    assert CAL.working_days_between(received, first.due.date) == 70
    assert "estimated from its publication on 1 June 2026" in first.due.note
    given = fw.written_statement_steps("2016", published=published, final_report_received=dt.date(2026, 5, 20))[0]
    assert CAL.working_days_between(dt.date(2026, 5, 20), given.due.date) == 70 and given.due.note == ""


def test_nothing_is_submitted_after_a_fit_version():
    with pytest.raises(fw.FrameworkError, match="nothing more"):
        fw.written_statement_steps("2016", published=dt.date(2026, 6, 1), versions=[
            fw.StatementVersion(1, dt.date(2026, 9, 1), True, dt.date(2026, 9, 3)),
            fw.StatementVersion(2, dt.date(2026, 9, 10))])


def test_revisit_findings():
    assert fw.revisit_insufficient([fw.WeaknessProgress(1, True), fw.WeaknessProgress(2, False)])
    assert not fw.revisit_insufficient([fw.WeaknessProgress(1, True)])


def test_a_revisit_finding_is_all_some_or_none_of_the_weaknesses_with_sufficient_progress():
    from areasend.framework.kinds import RevisitProgress

    def finding(*sufficient):
        return [fw.WeaknessProgress(n, ok) for n, ok in enumerate(sufficient, start=1)]

    assert fw.revisit_progress(finding(True, True)) is RevisitProgress.YES
    assert fw.revisit_progress(finding(True, False, True)) is RevisitProgress.SOME
    assert fw.revisit_progress(finding(False, False)) is RevisitProgress.NO
    with pytest.raises(fw.FrameworkError):
        fw.revisit_progress([])
