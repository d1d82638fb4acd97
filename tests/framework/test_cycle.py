"""Outcomes and the cycle (spec 2.1, 3.1-3.3, 8)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areasend import framework as fw

D = dt.date
CAL = fw.ENGLAND
PUBLISHED = D(2024, 3, 15)


@pytest.mark.parametrize(
    "outcome, next_full, meetings, monitoring, pap",
    [
        pytest.param(1, D(2029, 3, 15), 4, False, False, id="spec3.2-outcome-1-about-5-years"),
        pytest.param(2, D(2027, 3, 15), 2, False, False, id="spec3.2-outcome-2-about-3-years"),
        pytest.param(3, D(2027, 3, 15), 2, True, True, id="spec3.2-outcome-3-monitoring-and-pap"),
    ],
)
def test_what_follows_each_outcome_2023(outcome, next_full, meetings, monitoring, pap):
    cycle = fw.cycle_after("2023", outcome, published=PUBLISHED)
    assert cycle.outcome is fw.Outcome(outcome)
    assert cycle.next_full_inspection_due.date == next_full
    assert cycle.next_full_inspection_due.soft
    assert cycle.next_full_inspection_due.tolerance == fw.Tolerance(6, fw.Unit.MONTHS)
    assert len(cycle.engagement_meetings) == meetings
    assert (cycle.monitoring_inspection_due is not None) == monitoring
    assert (cycle.priority_action_plan_submission_due is not None) == pap
    assert (cycle.priority_action_plan_publication_due is not None) == pap
    assert cycle.strategic_plan_update_due is not None  # spec 8.1: after every outcome


def test_soft_dates_carry_their_tolerance_window_spec_3_2():
    due = fw.cycle_after("2023", 3, published=PUBLISHED).monitoring_inspection_due
    assert due.date == D(2025, 9, 15)
    # 3 months before is Sunday 15 June 2025: the window opens on the next working day.
    assert (due.earliest, due.latest) == (D(2025, 6, 16), D(2025, 12, 15))


def test_monitoring_anchor_differs_by_version_spec_3_2():
    """spec 3.2 VERSION DIFF: publication (2023) vs final report received (2025)."""
    assert fw.get_version("2023").cycle.monitoring_anchor is fw.MonitoringAnchor.PUBLICATION
    assert fw.get_version("2025").cycle.monitoring_anchor is fw.MonitoringAnchor.FINAL_REPORT_RECEIVED
    cycle = fw.cycle_after("2025", 3, published=D(2025, 10, 6), final_report_received=D(2025, 9, 1))
    assert cycle.monitoring_inspection_due.counts_from_date == D(2025, 9, 1)
    assert cycle.monitoring_inspection_due.date == D(2027, 3, 1)


def test_final_report_receipt_is_estimated_from_publication_when_not_given_spec_7_2():
    cycle = fw.cycle_after("2025", 3, published=D(2025, 9, 4))
    assert cycle.final_report_received_estimated
    assert cycle.final_report_received == D(2025, 9, 1)  # 3 WD before publication
    assert "estimated" in cycle.monitoring_inspection_due.note


def test_final_report_after_publication_is_refused():
    with pytest.raises(fw.FrameworkError, match="on or before publication"):
        fw.cycle_after("2023", 1, published=D(2024, 3, 15), final_report_received=D(2024, 3, 20))


def test_engagement_meetings_stop_at_until_spec_3_1():
    cycle = fw.cycle_after("2023", 1, published=PUBLISHED, until=D(2026, 6, 1))
    assert [m.date for m in cycle.engagement_meetings] == [D(2025, 3, 17), D(2026, 3, 16)]  # yearly; off a weekend to the next working day
    assert all(m.soft for m in cycle.engagement_meetings)


def test_outcome_checks():
    with pytest.raises(fw.FrameworkError, match="outcome must be 1, 2 or 3"):
        fw.cycle_after("2023", 4, published=PUBLISHED)
    with pytest.raises(fw.FrameworkError, match="needs an outcome"):
        fw.cycle_after("2023", published=PUBLISHED)
    with pytest.raises(fw.FrameworkError, match="2016 framework"):
        fw.cycle_after("2023", 1, published=PUBLISHED, written_statement="yes")
    with pytest.raises(fw.FrameworkError, match="no outcomes"):
        fw.cycle_after("2016", 1, published=PUBLISHED)
    with pytest.raises(fw.FrameworkError, match="written statement of action is required"):
        fw.cycle_after("2016", published=PUBLISHED)


def test_2016_written_statement_clocks_spec_2_1():
    """spec 2.1: 70 WD submission, 10 WD review, 20 WD resubmission, revisit within 18 months."""
    cycle = fw.cycle_after("2016", written_statement="yes", published=D(2018, 1, 10),
                           final_report_received=D(2018, 1, 5))
    assert cycle.written_statement_due.date == CAL.add_working_days(D(2018, 1, 5), 70)
    assert cycle.written_statement_review_due.date == CAL.add_working_days(cycle.written_statement_due.date, 10)
    assert cycle.written_statement_resubmission_due.date == CAL.add_working_days(
        cycle.written_statement_review_due.date, 20)
    assert not cycle.written_statement_resubmission_due.confirmed
    assert cycle.revisit_due.date == fw.add_months(cycle.written_statement_review_due.date, 18)
    assert cycle.revisit_due.soft
    assert cycle.escalation == ("targeted support", "continued monitoring", "statutory direction",
                                "further inspection")
    assert cycle.next_full_inspection_due is None and cycle.engagement_meetings == ()


def test_2016_no_written_statement_means_nothing_further_spec_2_1():
    cycle = fw.cycle_after("2016", written_statement="no", published=D(2018, 1, 10))
    assert cycle.due_dates() == ()
    assert cycle.to_dict()["written_statement_due"] is None


def test_2016_after_revisit_spec_2_1():
    follow_up = fw.after_revisit("2016", report_published=D(2021, 7, 20), progress_sufficient=False)
    assert "Accelerated Progress Plan" in follow_up.steps[0]
    assert follow_up.accelerated_progress_plan_review_due.owner is fw.Owner.GOVERNMENT
    with pytest.raises(fw.FrameworkError, match="2016 framework"):
        fw.after_revisit("2023", report_published=D(2024, 7, 20), progress_sufficient=False)


def test_to_dict_has_the_command_line_keys():
    data = fw.cycle_after("2023", 3, published=PUBLISHED).to_dict()
    for key in ("next_full_inspection_due", "monitoring_inspection_due", "priority_action_plan_submission_due",
                "priority_action_plan_publication_due", "strategic_plan_update_due", "engagement_meetings"):
        assert key in data
    assert data["engagement_meetings"] == ["2025-03-17", "2026-03-16"]


published_dates = st.dates(min_value=D(2023, 1, 1), max_value=D(2032, 12, 31))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["2023", "2025"]), st.sampled_from([1, 2, 3]), published_dates,
       st.integers(min_value=0, max_value=40))
def test_property_every_due_date_is_after_the_event_it_counts_from(version, outcome, published, lag):
    received = CAL.add_working_days(published, -lag)
    cycle = fw.cycle_after(version, outcome, published=published, final_report_received=received)
    dues = cycle.due_dates()
    assert dues
    for due in dues:
        assert due.date > due.counts_from_date >= received
        assert due.earliest <= due.date <= due.latest
    for meeting in cycle.engagement_meetings:
        assert published < meeting.date < cycle.next_full_inspection_due.date


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=D(2016, 5, 1), max_value=D(2022, 12, 31)), st.sampled_from(["yes", "no"]))
def test_property_2016_clocks_follow_each_other(published, wsoa):
    cycle = fw.cycle_after("2016", written_statement=wsoa, published=published)
    for due in cycle.due_dates():
        assert due.date > due.counts_from_date >= cycle.final_report_received
    if wsoa == "yes":
        assert (cycle.written_statement_due.date < cycle.written_statement_review_due.date
                < cycle.written_statement_resubmission_due.date < cycle.revisit_due.date)
