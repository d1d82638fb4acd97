"""Every soft date the cycle gives lands on a working day (issue 14, part 6).

A date stated as "usually" or "about" that falls on a weekend or an England
bank holiday moves forward to the next working day; firm dates are left as
their rule gives them; the firm 5-year coverage rule still holds.
"""

import datetime as dt

import pytest

from areasend import framework as fw
from areasend.framework.rules import Bound, Rule, Unit, land_soft, shift

D = dt.date
CAL = fw.ENGLAND


def _publication_days(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        if CAL.is_working_day(day):
            yield day
        day += dt.timedelta(days=1)


CASES = [("2023", {"outcome": n}) for n in (1, 2, 3)] + [("2025", {"outcome": n}) for n in (1, 2, 3)] + [
    ("2016", {"written_statement": "yes"})
]


@pytest.mark.parametrize("version, kwargs", CASES, ids=[f"{v}-{sorted(k.values())[0]}" for v, k in CASES])
def test_no_soft_date_falls_on_a_weekend_or_bank_holiday_2023_to_2030(version, kwargs):
    checked = 0
    wrong = []
    for published in _publication_days(D(2023, 1, 1), D(2030, 12, 31)):
        cycle = fw.cycle_after(version, published=published, **kwargs)
        for due in cycle.due_dates():
            if due.soft:
                checked += 1
                if not CAL.is_working_day(due.date):
                    wrong.append((published, due.key, due.date, CAL.describe_non_working(due.date)))
    assert checked > 1000  # the loop really looked at soft dates
    assert wrong == []


def test_monitoring_inspection_due_on_christmas_day_moves_past_boxing_day():
    # 18 months after 25 June 2024 is Thursday 25 December 2025; 26 December is Boxing Day.
    cycle = fw.cycle_after("2023", 3, published=D(2024, 6, 25))
    assert CAL.holiday_name(D(2025, 12, 25)) and CAL.holiday_name(D(2025, 12, 26))
    assert cycle.monitoring_inspection_due.date == D(2025, 12, 29)
    assert cycle.to_dict()["monitoring_inspection_due"] == "2025-12-29"


def test_2025_monitoring_counted_from_receipt_on_christmas_day_moves_forward():
    # 2025 counts from receipt of the final report: received 25 June 2025, due about 25 December 2026 (a Friday).
    cycle = fw.cycle_after("2025", 3, published=D(2025, 6, 30))
    assert cycle.final_report_received == D(2025, 6, 25)
    assert cycle.monitoring_inspection_due.date == D(2026, 12, 29)  # Christmas, Boxing Day (substitute Monday 28)


def test_revisit_on_a_saturday_moves_to_monday():
    cycle = fw.cycle_after("2016", written_statement="yes", published=D(2023, 1, 10),
                           written_statement_accepted=D(2023, 4, 26))
    assert D(2024, 10, 26).weekday() == 5  # 18 months on is a Saturday
    assert cycle.revisit_due.date == D(2024, 10, 28)


def test_engagement_meetings_move_forward_off_weekends_and_stay_yearly():
    cycle = fw.cycle_after("2023", 1, published=D(2024, 3, 15))
    dates = [m.date for m in cycle.engagement_meetings]
    assert dates == [D(2025, 3, 17), D(2026, 3, 16), D(2027, 3, 15), D(2028, 3, 15)]


def test_next_full_inspection_on_a_bank_holiday_moves_forward():
    # 3 January 2028 is the substitute bank holiday for New Year's Day.
    cycle = fw.cycle_after("2023", 2, published=D(2025, 1, 3))
    assert CAL.holiday_name(D(2028, 1, 3))
    assert cycle.next_full_inspection_due.date == D(2028, 1, 4)


def test_next_full_inspection_keeps_to_the_firm_five_year_coverage_rule():
    # 5 years after Monday 5 January 2026 is Sunday 5 January 2031: moving forward would break the
    # "at least one full inspection every 5 years" rule, so it lands on the Friday before.
    cycle = fw.cycle_after("2025", 1, published=D(2026, 1, 5))
    assert cycle.next_full_inspection_due.date == D(2031, 1, 3)
    assert cycle.next_full_inspection_due.date <= fw.add_months(D(2026, 1, 5), 60)


def test_firm_dates_are_not_moved():
    firm = Rule("x", "x", 1, Unit.MONTHS, "", "spec", bound=Bound.WITHIN)
    assert land_soft(firm, D(2025, 12, 25)) == D(2025, 12, 25)
    soft = Rule("y", "y", 1, Unit.MONTHS, "", "spec", bound=Bound.ABOUT)
    assert land_soft(soft, D(2025, 12, 25)) == D(2025, 12, 29)
    assert land_soft(soft, D(2025, 12, 24)) == D(2025, 12, 24)
    assert land_soft(soft, D(2025, 12, 27), not_after=D(2025, 12, 28)) == D(2025, 12, 24)


def test_tolerance_window_is_counted_from_the_moved_date():
    due = fw.cycle_after("2023", 3, published=D(2024, 6, 25)).monitoring_inspection_due
    assert due.tolerance is not None
    assert due.earliest == shift(D(2025, 12, 29), -due.tolerance.amount, due.tolerance.unit)


# --- the window either side of a soft date lands on working days too -----------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.tuples(st.sampled_from(CASES[:-1]), st.dates(min_value=D(2023, 1, 1), max_value=D(2035, 12, 31))),
    st.tuples(st.just(CASES[-1]), st.dates(min_value=D(2016, 5, 1), max_value=D(2022, 12, 31))),
))
def test_property_every_soft_date_and_its_window_lands_on_a_working_day(case_and_day):
    (version, kwargs), published = case_and_day
    cycle = fw.cycle_after(version, published=published, **kwargs)
    for due in cycle.due_dates():
        if not due.soft:
            continue
        for end, day in (("date", due.date), ("earliest", due.earliest), ("latest", due.latest)):
            assert CAL.is_working_day(day), (
                f"{due.key} {end} {day} ({CAL.describe_non_working(day)}) after publication on {published}")
        assert due.earliest <= due.date <= due.latest


def test_every_window_end_is_a_working_day_for_every_publication_day_2023_to_2030():
    wrong = []
    for published in _publication_days(D(2023, 1, 1), D(2030, 12, 31)):
        for version, kwargs in CASES[:-1]:
            for due in fw.cycle_after(version, published=published, **kwargs).due_dates():
                if due.soft:
                    wrong.extend((published, due.key, day) for day in (due.earliest, due.latest)
                                 if not CAL.is_working_day(day))
    assert wrong == []


def test_monitoring_window_opening_on_easter_monday_moves_to_the_tuesday():
    # 18 months after Monday 2 January 2023 is 2 July 2024; 3 months before that is Monday 1 April 2024, Easter Monday.
    due = fw.cycle_after("2023", 3, published=D(2023, 1, 2)).monitoring_inspection_due
    assert due.date == D(2024, 7, 2)
    assert CAL.holiday_name(D(2024, 4, 1))  # Easter Monday
    assert due.earliest == D(2024, 4, 2)
    assert due.to_dict()["earliest"] == "2024-04-02"


def test_engagement_meeting_window_ending_on_a_saturday_moves_to_monday():
    # Meeting 1 after publication on 3 January 2023 is about 3 January 2024, give or take a month:
    # 3 February 2024 is a Saturday.
    meeting = fw.cycle_after("2023", 1, published=D(2023, 1, 3)).engagement_meetings[0]
    assert D(2024, 2, 3).weekday() == 5
    assert meeting.latest == D(2024, 2, 5)


def test_a_window_around_christmas_skips_christmas_and_boxing_day():
    # Next full inspection about 3 years after 25 June 2024 (25 June 2027), 6 months either side:
    # the window opens on 25 December 2026, a Friday and Christmas Day; 28 December is the Boxing Day substitute.
    due = fw.cycle_after("2023", 2, published=D(2024, 6, 25)).next_full_inspection_due
    assert due.date == D(2027, 6, 25)
    assert due.earliest == D(2026, 12, 29)
