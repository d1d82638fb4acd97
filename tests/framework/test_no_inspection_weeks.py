"""The no-inspection weeks are rules from the real programme, tested against the shipped history."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from areasend import framework as fw

D = dt.date
REGISTER = Path(__file__).resolve().parents[2] / "data" / "register"


def real_onsite_weeks() -> list[tuple[str, dt.date]]:
    """The Monday of every real on-site week of 2023 and 2024 (the week the fieldwork ends in)."""
    with open(REGISTER / "inspections_2023_framework_2023_2024.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    out = []
    for row in rows:
        end = dt.date.fromisoformat(row["fieldwork_end"])
        out.append((row["local_area"], end - dt.timedelta(days=end.weekday())))
    return out


def test_the_shipped_history_has_54_on_site_weeks():
    assert len(real_onsite_weeks()) == 54


@pytest.mark.parametrize("area, monday", real_onsite_weeks(), ids=lambda v: str(v))
def test_no_real_on_site_week_is_closed(area, monday):
    assert fw.is_no_inspection_week(monday) is None, f"{area}: week of {monday} is closed"


def test_the_week_of_17_july_2023_is_open_and_the_next_is_the_summer_holidays():
    """Oxfordshire was on site in the week of 17 July 2023, whose Friday is 21 July."""
    assert fw.is_no_inspection_week(D(2023, 7, 17)) is None
    assert fw.is_no_inspection_week(D(2023, 7, 24)).key == "summer_holidays"


@pytest.mark.parametrize("monday, key", [
    (D(2025, 8, 4), "summer_holidays"),  # August
    (D(2025, 9, 1), "summer_holidays"),  # first two weeks of September
    (D(2025, 9, 8), "summer_holidays"),
    (D(2025, 12, 15), "christmas"),  # after mid-December
    (D(2026, 1, 5), "christmas"),  # first two weeks of January
    (D(2026, 1, 12), "christmas"),
    (D(2026, 3, 30), "easter"),  # Good Friday 3 April 2026
    (D(2026, 4, 6), "easter"),  # Easter Monday
    (D(2026, 5, 4), "bank_holiday"),
])
def test_the_weeks_the_real_programme_never_uses_are_closed(monday, key):
    assert fw.is_no_inspection_week(monday).key == key


@pytest.mark.parametrize("monday", [D(2025, 9, 15), D(2025, 12, 8), D(2026, 1, 19), D(2026, 4, 13), D(2024, 6, 17)])
def test_term_weeks_are_open_including_a_general_election_period(monday):
    assert fw.is_no_inspection_week(monday) is None


def test_the_rules_are_versioned_data_with_their_sources():
    (version,) = fw.NO_INSPECTION_WEEK_VERSIONS
    assert version.in_force_from == D(2023, 1, 1)
    assert fw.no_inspection_weeks_on(D(2030, 1, 7)) is version
    assert all(rule.source and rule.note and not rule.confirmed for rule in version.rules)


def test_the_real_pace_is_the_shipped_history():
    weeks = [monday for _, monday in real_onsite_weeks()]
    span = (max(weeks) - min(weeks)).days // 7 + 1
    assert (fw.REAL_PACE.first_week, fw.REAL_PACE.last_week) == (min(weeks), max(weeks))
    assert fw.REAL_PACE.inspections == len(weeks)
    assert fw.REAL_PACE.full_per_week == len(weeks) / span
    assert round(fw.REAL_PACE.full_per_week, 2) == 0.55
    assert fw.REAL_PACE.most_in_one_week == max(weeks.count(w) for w in weeks) == 2


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=D(2023, 3, 1), max_value=D(2030, 12, 31)), st.sampled_from(["2023", "2025"]))
def test_soft_dates_land_on_working_days(published, version):
    """The monitoring inspection due about 18 months on and each engagement meeting fall on working days."""
    if not fw.ENGLAND.is_working_day(published):
        return
    cycle = fw.cycle_after(version, 3, published=published)
    assert fw.ENGLAND.is_working_day(cycle.monitoring_inspection_due.date)
    assert cycle.engagement_meetings
    assert all(fw.ENGLAND.is_working_day(meeting.date) for meeting in cycle.engagement_meetings)
