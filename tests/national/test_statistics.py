"""The national statistics reproduce Ofsted's official counts, and newer inspections count too."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics

import pytest

from areasend import framework as fw
from areasend.areas.importer import import_register
from areasend.areas.models import LocalAreaPartnership
from areasend.areas.services import record_published_inspection
from areasend.national import queries
from tests.national.conftest import REGISTER

pytestmark = pytest.mark.django_db

OFFICIAL = {"2023": {"1": 7, "2": 11, "3": 8}, "2024": {"1": 7, "2": 15, "3": 6}}


def test_counts_by_outcome_and_year_match_the_official_statistics(register):
    assert queries.outcomes_json(queries.history()) == OFFICIAL


def test_an_imported_newer_file_counts(register, tmp_path):
    folder = tmp_path / "register"
    folder.mkdir()
    shutil.copy(REGISTER / "inspections_2023_framework_2023_2024.csv", folder)
    (folder / "inspections_2023_framework_2025.csv").write_text(
        "local_area,la_code,fieldwork_start,fieldwork_end,published,outcome,previous_inspection_as_stated\n"
        "Hartlepool,E06000001,2025-03-03,2025-03-07,2025-05-02,1,13 to 17 March 2023\n"
        "Barnet,E09000003,2025-09-15,2025-09-19,2025-11-14,3,\n",
        encoding="utf-8",
    )
    import_register(folder)
    counts = queries.outcomes_json(queries.history())
    assert counts["2025"] == {"1": 1, "2": 0, "3": 1}
    assert counts["2023"] == OFFICIAL["2023"]


def test_an_inspection_recorded_in_the_service_counts_once_published(register, planner):
    area = LocalAreaPartnership.objects.get(ons_code="E06000022")
    today = dt.date(2026, 6, 1)
    record_published_inspection(
        area=area, framework="2025", kind="full", start_date=dt.date(2026, 3, 2), end_date=dt.date(2026, 3, 6),
        published=dt.date(2026, 5, 1), outcome=2, summary="", recorded_inspection_id=9001, actor=planner,
    )
    assert "2026" not in queries.outcomes_json(queries.history(today=dt.date(2026, 4, 30)))
    assert queries.outcomes_json(queries.history(today=today))["2026"] == {"1": 0, "2": 1, "3": 0}
    picture = queries.picture(today=today)
    bath = next(p for p in picture.positions if p.code == "E06000022")
    assert bath.latest_outcome == 2
    assert bath.latest_start == dt.date(2026, 3, 2)


def test_timeliness_counts_working_days_on_the_core_calendar(register):
    data = queries.timeliness_json(queries.history())
    assert set(data) == {"reports", "median_working_days"}
    assert len(data["reports"]) == 54
    first = data["reports"][0]
    assert set(first) == {"area_code", "onsite_end", "published", "working_days"}
    # Nottinghamshire: on site to 3 February 2023, published 16 May 2023.
    notts = next(r for r in data["reports"] if r["area_code"] == "E10000024")
    assert notts["onsite_end"] == "2023-02-03" and notts["published"] == "2023-05-16"
    assert notts["working_days"] == fw.working_days_between(dt.date(2023, 2, 3), dt.date(2023, 5, 16))
    # Easter 2023 (7 and 10 April) and the coronation bank holiday (8 May) are not working days.
    weekdays = sum(1 for n in range(1, 103) if (dt.date(2023, 2, 3) + dt.timedelta(n)).weekday() < 5)
    assert notts["working_days"] == weekdays - 4  # Good Friday, Easter Monday, 1 May, 8 May
    assert data["median_working_days"] == statistics.median(r["working_days"] for r in data["reports"])


def test_the_dashboard_figures(register):
    today = dt.date(2026, 12, 2)
    p = queries.picture(today=today)
    assert len(p.positions) == 153
    # 54 full inspections, of which none repeats an area: 99 areas are still waiting.
    assert len(p.not_yet_inspected) == 153 - 54
    assert p.as_of == dt.date(2025, 2, 12)  # the latest report on record
    by_outcome = {row["outcome"]: row for row in p.ehc_by_outcome}
    assert by_outcome[1]["areas"] + by_outcome[2]["areas"] + by_outcome[3]["areas"] == 54
    assert sum(row["ehc_plans"] for row in p.ehc_by_outcome) == sum(
        LocalAreaPartnership.objects.current().values_list("ehc_plans", flat=True)
    )
    assert sum(b["areas"] for b in p.since_last) == 153
    assert sum(r["areas"] for r in p.by_region) == 153
    assert sum(b["reports"] for b in p.distribution) == len(p.reports) == 54
    # Every area not yet inspected is due its first full inspection by the end of the first cycle (core).
    first_cycle_end = fw.version_on(today).cycle.first_cycle_complete.on
    assert p.first_cycle_end == first_cycle_end
    firsts = [d for d in p.due + p.overdue if d.what == "first_full"]
    if first_cycle_end <= fw.add_months(today, 12):
        assert len(firsts) == 99
    # Next full inspections come from the core's cycle after each outcome.
    trafford = next(d for d in p.due + p.overdue if d.area.code == "E08000009" and d.what == "next_full")
    position = next(x for x in p.positions if x.code == "E08000009")
    cycle = fw.cycle_after(position.latest_framework, position.latest_outcome, published=position.latest_published)
    assert trafford.date == cycle.next_full_inspection_due.date


def test_filters_narrow_the_picture(register):
    p = queries.picture(queries.Filters(region="London", outcome="3"), today=dt.date(2026, 12, 2))
    assert p.shown and all(x.area.region == "London" and x.latest_outcome == 3 for x in p.shown)
    assert sum(c["3"] for c in p.by_region) >= len(p.shown)
    assert [r["region"] for r in p.by_region] == ["London"]
    end_2023 = queries.picture(queries.Filters(year=2023), today=dt.date(2026, 12, 2))
    assert end_2023.as_of == dt.date(2023, 12, 31)
    assert sum(1 for x in end_2023.positions if x.latest_outcome is not None) == 26
    assert all(i["record"].start_date.year == 2023 for i in end_2023.reports)


def test_successor_areas_inherit_the_last_inspection(register):
    p = queries.picture(today=dt.date(2026, 12, 2))
    cumberland = next(x for x in p.positions if x.code == "E06000063")
    # Cumbria's 2016-framework inspection is Cumberland's last inspection until it has its own.
    assert cumberland.last_inspection is not None
    assert cumberland.last_inspection < dt.date(2023, 4, 1)
