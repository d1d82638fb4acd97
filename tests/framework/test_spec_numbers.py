"""Every numeric rule in the specification's section 9 table, one test per row.

Each case is named ``rowNN-<rule>`` and its docstring/param names the spec
section the number comes from. :func:`test_every_section_9_row_has_a_case`
fails if a row is left without a case.
"""

import datetime as dt

import pytest

from areasend import framework as fw
from areasend.framework.rules import Bound, Unit
from areasend.framework.versions import EARLY_2023_NOTICE

D = dt.date
V2016, V2023, V2025 = fw.get_version("2016"), fw.get_version("2023"), fw.get_version("2025")
CAL = fw.ENGLAND


def row01_age_range():
    """spec 1.2: CYP aged 0-25, all versions."""
    for version in fw.VERSIONS:
        assert (version.age_range.amount, version.age_range.maximum) == (0, 25)
    case = fw.TrackingCase("A", 26, frozenset({"autism"}), fw.SupportLevel.EHC_PLAN)
    assert not fw.check_tracking([case])["age_range"].met


def row02_notice_2016():
    """spec 2.1: 5 days' notice, Monday call, start the following Monday."""
    assert (V2016.full.notice.amount, V2016.full.notice.unit) == (5, Unit.WORKING_DAYS)
    timeline = fw.full_inspection_timeline(notified=D(2017, 1, 9), version="2016")
    assert timeline.date("onsite_start") == D(2017, 1, 16)


def row03_on_site_maximum_2016():
    """spec 2.1: on site normally no more than 5 days."""
    rule = V2016.full.on_site_days
    assert (rule.amount, rule.bound) == (5, Bound.AT_MOST)
    timeline = fw.full_inspection_timeline(notified=D(2017, 1, 9), version="2016")
    assert CAL.working_days_between(timeline.date("onsite_start"), timeline.date("onsite_end")) == 4


def row04_programme_2016():
    """spec 2.1: all areas over about 5 years from May 2016."""
    rule = V2016.programme
    assert (rule.amount, rule.unit, rule.bound, rule.counts_from) == (5, Unit.YEARS, Bound.ABOUT, "May 2016")


def row05_wsoa_submission():
    """spec 2.1: WSoA within 70 WD of receiving the final report."""
    assert V2016.written_statement.submission.amount == 70
    cycle = fw.cycle_after("2016", written_statement="yes", published=D(2018, 1, 10),
                           final_report_received=D(2018, 1, 5))
    assert CAL.working_days_between(D(2018, 1, 5), cycle.written_statement_due.date) == 70


def row06_wsoa_review():
    """spec 2.1: fitness decided within 10 WD of receipt."""
    assert V2016.written_statement.review.amount == 10
    cycle = fw.cycle_after("2016", written_statement="yes", published=D(2018, 1, 10),
                           written_statement_submitted=D(2018, 3, 1))
    assert cycle.written_statement_review_due.date == CAL.add_working_days(D(2018, 3, 1), 10)


def row07_wsoa_resubmission():
    """spec 2.1: resubmission within 20 WD; start UNCONFIRMED (review decision chosen)."""
    rule = V2016.written_statement.resubmission
    assert (rule.amount, rule.unit, rule.confirmed) == (20, Unit.WORKING_DAYS, False)
    cycle = fw.cycle_after("2016", written_statement="yes", published=D(2018, 1, 10),
                           written_statement_decision=D(2018, 4, 3))
    assert cycle.written_statement_resubmission_due.date == CAL.add_working_days(D(2018, 4, 3), 20)


def row08_revisit():
    """spec 2.1: revisit usually within 18 months of the WSoA being accepted."""
    rule = V2016.written_statement.revisit
    assert (rule.amount, rule.unit, rule.soft) == (18, Unit.MONTHS, True)
    cycle = fw.cycle_after("2016", written_statement="yes", published=D(2018, 1, 10),
                           written_statement_accepted=D(2018, 6, 1))
    assert cycle.revisit_due.date == D(2019, 12, 2)  # 1 December 2019 is a Sunday: the next working day


def row09_revisit_notice():
    """spec 2.1: 10 days' notice of a revisit (working days in 2021)."""
    assert (V2016.revisit.notice.amount, V2016.revisit.notice.unit) == (10, Unit.WORKING_DAYS)
    timeline = fw.revisit_timeline(notified=D(2019, 3, 4))
    assert timeline.date("onsite_start") == D(2019, 3, 18)


def row10_revisit_length():
    """spec 2.1: revisits last 2-4 days."""
    rule = V2016.revisit.on_site_days
    assert (rule.amount, rule.maximum) == (2, 4)
    assert fw.revisit_timeline(notified=D(2019, 3, 4), days_on_site=2).date("onsite_end") == D(2019, 3, 19)
    with pytest.raises(fw.FrameworkError, match="2 to 4 days"):
        fw.revisit_timeline(notified=D(2019, 3, 4), days_on_site=5)


def row11_revisit_report():
    """spec 2.1: revisit report about 33 days after the revisit ends."""
    rule = V2016.written_statement.revisit_report
    assert (rule.amount, rule.bound, rule.soft) == (33, Bound.ABOUT, True)
    timeline = fw.revisit_timeline(notified=D(2019, 3, 4), days_on_site=4)
    assert timeline.date("revisit_report_due") - timeline.date("onsite_end") == dt.timedelta(days=33)


def row12_accelerated_progress_plan_review():
    """spec 2.1: formal review within 6 months of the revisit report."""
    follow_up = fw.after_revisit("2016", report_published=D(2021, 7, 20), progress_sufficient=False)
    assert follow_up.accelerated_progress_plan_review_due.date == D(2022, 1, 20)
    assert fw.after_revisit("2016", report_published=D(2021, 7, 20),
                            progress_sufficient=True).accelerated_progress_plan_review_due is None


def row13_full_inspection_three_weeks():
    """spec 3.1 and 4: a full inspection lasts 3 weeks from notification."""
    assert (V2023.full.duration.amount, V2023.full.duration.unit) == (3, Unit.WEEKS)
    timeline = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert timeline.date("onsite_end") == D(2024, 1, 26)  # Friday of week 3


def row14_notification_early_2023():
    """spec 4: early 2023 text, 10 WD before fieldwork."""
    assert (EARLY_2023_NOTICE.amount, EARLY_2023_NOTICE.unit) == (10, Unit.WORKING_DAYS)
    assert EARLY_2023_NOTICE.amount == V2023.full.notice.amount


def row15_notification_clarified():
    """spec 4: 8 WD before fieldwork, 10 WD before on-site (2023 clarified; 2025 UNCONFIRMED)."""
    assert (V2023.full.fieldwork_lead.amount, V2023.full.notice.amount) == (8, 10)
    assert V2023.full.notice.confirmed and not V2025.full.notice.confirmed
    timeline = fw.full_inspection_timeline(notified=D(2023, 3, 6))
    assert timeline.date("fieldwork_start") == D(2023, 3, 16)
    assert timeline.date("onsite_start") == D(2023, 3, 20)


def row16_tracking_case_count():
    """spec 4.2: about 6 tracking cases."""
    rule = V2025.tracking.case_count
    assert (rule.amount, rule.bound) == (6, Bound.ABOUT)


def row17_tracking_in_alternative_provision():
    """spec 4.2: usually at least 1 in AP."""
    assert (V2025.tracking.in_alternative_provision.amount, V2025.tracking.in_alternative_provision.bound) == (
        1, Bound.AT_LEAST)


def row18_tracking_on_sen_support():
    """spec 4.2: usually at least 2 on SEN support."""
    assert V2025.tracking.on_sen_support.amount == 2


def row19_survey_age():
    """spec 4.1: CYP survey for ages 11-25."""
    rule = V2023.survey.children_and_young_people_age
    assert (rule.amount, rule.maximum) == (11, 25)


def row20_survey_open():
    """spec 4.1: open 1 week from notification (2022 proposal; 2025 UNCONFIRMED)."""
    rule = V2023.survey.open_window
    assert rule.stated_unit == "1 week" and rule.counts_from == "the notification call"
    timeline = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert timeline.date("surveys_open") == D(2024, 1, 8)
    assert timeline.date("surveys_close") == D(2024, 1, 15)


def row21_criteria():
    """spec 5.1 and 5.2: 5 impact + 6 leadership criteria."""
    assert [c.id for c in fw.IMPACT_CRITERIA] == ["I1", "I2", "I3", "I4", "I5"]
    assert [c.id for c in fw.LEADERSHIP_CRITERIA] == ["L1", "L2", "L3", "L4", "L5", "L6"]
    assert V2025.criteria == fw.CRITERIA and len(V2023.criteria) == 11


def row22_planning_horizon():
    """spec 5.3: plans for the next 12 months."""
    assert (V2023.planning_horizon.amount, V2023.planning_horizon.unit) == (12, Unit.MONTHS)


def row23_draft_report():
    """spec 7.2: draft within 14 WD of the inspection ending."""
    timeline = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert CAL.working_days_between(timeline.date("onsite_end"), timeline.date("draft_report_due")) == 14


def row24_comment_period():
    """spec 7.2: 10 days to comment (unit unclear; WD chosen)."""
    assert V2023.report.comments.stated_unit == "days (unit unclear)" and not V2023.report.comments.confirmed
    timeline = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert CAL.working_days_between(timeline.date("draft_report_due"), timeline.date("comments_due")) == 10


def row25_final_report():
    """spec 7.2: final report within 30 WD of the inspection ending."""
    timeline = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert CAL.working_days_between(timeline.date("onsite_end"), timeline.date("final_report_due")) == 30


def row26_publication():
    """spec 7.2: published within 3 days of the final report (unit unclear; WD chosen)."""
    timeline = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert CAL.working_days_between(timeline.date("final_report_due"), timeline.date("publication_due")) == 3


def row27_next_full_after_outcome_1():
    """spec 3.2: next full inspection usually within about 5 years after outcome 1."""
    cycle = fw.cycle_after("2023", 1, published=D(2024, 3, 15))
    assert cycle.next_full_inspection_due.date == D(2029, 3, 15) and cycle.next_full_inspection_due.soft


def row28_next_full_after_outcomes_2_and_3():
    """spec 3.2: next full inspection usually within about 3 years after outcome 2 or 3."""
    for outcome in (2, 3):
        assert fw.cycle_after("2025", outcome, published=D(2025, 9, 1)).next_full_inspection_due.date == D(2028, 9, 1)


def row29_monitoring_inspection():
    """spec 3.2: about 18 months; from publication (2023), from final report received (2025)."""
    c2023 = fw.cycle_after("2023", 3, published=D(2024, 3, 15), final_report_received=D(2024, 3, 12))
    c2025 = fw.cycle_after("2025", 3, published=D(2025, 9, 4), final_report_received=D(2025, 9, 1))
    assert c2023.monitoring_inspection_due.date == D(2025, 9, 15)
    assert c2025.monitoring_inspection_due.date == D(2027, 3, 1)


def row30_engagement_meetings():
    """spec 3.1: engagement meetings once a year (2025 frequency UNCONFIRMED)."""
    cycle = fw.cycle_after("2023", 2, published=D(2024, 3, 15))
    assert [m.date for m in cycle.engagement_meetings] == [D(2025, 3, 17), D(2026, 3, 16)]  # yearly; off a weekend to the next working day
    assert V2023.cycle.engagement_interval.confirmed and not V2025.cycle.engagement_interval.confirmed


def row31_coverage():
    """spec 3.3: at least one full inspection every 5 years."""
    rule = V2025.cycle.coverage
    assert (rule.amount, rule.unit, rule.bound) == (5, Unit.YEARS, Bound.WITHIN)
    assert fw.cycle_after("2025", 1, published=D(2026, 1, 5)).next_full_inspection_due.date <= fw.add_months(
        D(2026, 1, 5), 12 * rule.amount)


def row32_first_cycle_complete():
    """spec 3.3: first cycle complete by December 2027."""
    assert V2025.cycle.first_cycle_complete.on == D(2027, 12, 31)


def row33_area_counts():
    """spec 1.1: 152 (2016), 151 (March 2021), 153 (2025)."""
    assert fw.area_count_on(D(2017, 1, 1)) == 152
    assert fw.area_count_on(D(2022, 1, 1)) == 151
    assert fw.area_count_on(D(2025, 7, 1)) == 153


def row34_effective_dates():
    """spec 2: May 2016; 1 Jan 2023; 6 June 2025."""
    assert fw.version_on(D(2016, 5, 1)).id == "2016"
    assert fw.version_on(D(2022, 12, 31)).id == "2016"
    assert fw.version_on(D(2023, 1, 1)).id == "2023"
    assert fw.version_on(D(2025, 6, 5)).id == "2023"
    assert fw.version_on(D(2025, 6, 6)).id == "2025"


def row35_pre_election_pause():
    """spec 7.3: about 4 weeks before a local poll."""
    assert (fw.LOCAL_ELECTION_PAUSE.amount, fw.LOCAL_ELECTION_PAUSE.unit) == (4, Unit.WEEKS)
    pause = fw.local_election_pause(D(2024, 5, 2), {"E08000025"})
    assert pause.start == D(2024, 4, 4)


def row36_priority_action_plan_deadlines():
    """spec 8.2: PAP deadlines UNCONFIRMED; default 35 WD to submit and 70 WD to publish, from publication."""
    for version in (V2023, V2025):
        assert not version.cycle.priority_action_plan_submission.confirmed
        assert not version.cycle.priority_action_plan_publication.confirmed
    cycle = fw.cycle_after("2023", 3, published=D(2024, 3, 15), final_report_received=D(2024, 3, 12))
    assert CAL.working_days_between(D(2024, 3, 15), cycle.priority_action_plan_submission_due.date) == 35
    assert CAL.working_days_between(D(2024, 3, 15), cycle.priority_action_plan_publication_due.date) == 70
    quicker = fw.with_priority_action_plan_deadlines(V2023, submit_working_days=20, publish_working_days=40)
    assert not quicker.cycle.priority_action_plan_submission.confirmed
    cycle = fw.cycle_after(quicker, 3, published=D(2024, 3, 15))
    assert CAL.working_days_between(D(2024, 3, 15), cycle.priority_action_plan_submission_due.date) == 20
    assert CAL.working_days_between(D(2024, 3, 15), cycle.priority_action_plan_publication_due.date) == 40


def row37_strategic_plan_deadline():
    """spec 8.1: strategic plan deadline UNCONFIRMED; default 70 WD from publication."""
    assert not V2023.cycle.strategic_plan_update.confirmed
    cycle = fw.cycle_after("2023", 1, published=D(2024, 3, 15))
    assert CAL.working_days_between(D(2024, 3, 15), cycle.strategic_plan_update_due.date) == 70


ROWS = {
    int(name[3:5]): function
    for name, function in sorted(globals().items())
    if name.startswith("row") and callable(function)
}


@pytest.mark.parametrize("row", sorted(ROWS), ids=[f"{ROWS[r].__name__}-{ROWS[r].__doc__.split(':')[0]}" for r in sorted(ROWS)])
def test_spec_section_9_row(row):
    ROWS[row]()


def test_every_section_9_row_has_a_case():
    assert sorted(ROWS) == list(range(1, 38))
    for function in ROWS.values():
        assert function.__doc__.startswith("spec ")


def test_every_rule_with_a_spec_row_is_covered():
    rows_in_data = {rule.spec_row for _, rule in fw.all_rules() if rule.spec_row is not None}
    rows_in_data.add(fw.LOCAL_ELECTION_PAUSE.spec_row)
    assert rows_in_data <= set(ROWS)
    # rows held outside Rule objects: criteria (21) and area counts (33)
    assert set(ROWS) - rows_in_data == {21, 33}
