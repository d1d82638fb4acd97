"""The register import: the shipped data, idempotence, updates, and every kind of bad file."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter

import pytest

from areasend.accounts.models import AuditEvent, Verb
from areasend.areas.importer import RegisterImportError, RegisterNotFoundError, import_register
from areasend.areas.models import InspectionRecord, LocalAreaPartnership, Succession

from .conftest import FIXTURES, MALFORMED, SHIPPED

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything the import writes, as plain values."""
    return (
        sorted(LocalAreaPartnership.objects.values_list()),
        sorted(Succession.objects.values_list()),
        sorted(InspectionRecord.objects.values_list(), key=lambda row: row[0]),
    )


def test_the_shipped_register_gives_153_current_areas_and_their_history(shipped_register):
    report = shipped_register
    assert LocalAreaPartnership.objects.current().count() == 153
    assert set(LocalAreaPartnership.objects.abolished().values_list("ons_code", flat=True)) == {
        "E10000006",
        "E10000009",
        "E10000021",
    }
    assert Succession.objects.count() == 5
    records = InspectionRecord.objects
    assert records.filter(framework="2016", kind="full").count() == 151
    # 46 revisits with dates, plus Dorset's, known from the statistics' note only by month.
    assert records.filter(framework="2016", kind="revisit").count() == 47
    assert records.filter(framework="2016", kind="revisit", start_date__isnull=False).count() == 47
    current = records.filter(framework__in=["2023", "2025"])
    assert current.count() == 54
    assert Counter(current.values_list("outcome", flat=True)) == {1: 14, 2: 26, 3: 14}
    assert set(current.values_list("framework", flat=True)) == {"2023"}
    assert report.created == 153 + 3 + 5 + 151 + 47 + 54
    assert report.for_file("local_areas.csv").created == 153
    assert AuditEvent.objects.filter(verb=Verb.REGISTER_IMPORTED).count() == 1


def test_predecessors_are_abolished_rows_linked_to_their_successors(shipped_register):
    northamptonshire = LocalAreaPartnership.objects.get(ons_code="E10000021")
    assert northamptonshire.abolished_on == dt.date(2021, 4, 1)
    assert northamptonshire.region == "East Midlands"
    assert {a.ons_code for a in northamptonshire.successors()} == {"E06000061", "E06000062"}
    cumberland = LocalAreaPartnership.objects.get(ons_code="E06000063")
    assert [a.name for a in cumberland.predecessors()] == ["Cumbria"]
    # The 2016 row naming the old county points at the abolished row, not at a successor.
    assert InspectionRecord.objects.get(area__ons_code="E10000006", kind="full").start_date == dt.date(2019, 3, 18)


def test_a_month_without_a_day_is_stored_as_a_month(shipped_register):
    record = InspectionRecord.objects.get(area__ons_code="E10000021", framework="2016", kind="full")
    assert record.start_date == dt.date(2017, 5, 1)
    assert record.start_date_precision == "month"
    assert record.start_date_text == "May 2017 (day not known)"
    assert record.published is None


def test_importing_twice_changes_nothing(shipped_register):
    before = snapshot()
    report = import_register(SHIPPED)
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged == shipped_register.created
    assert snapshot() == before
    assert AuditEvent.objects.filter(verb=Verb.REGISTER_IMPORTED).count() == 2


def test_names_are_not_used_to_match(small_register):
    # local_areas.csv says "Bristol, City of"; the inspections file says "Bristol".
    bristol = LocalAreaPartnership.objects.get(ons_code="E06000023")
    assert bristol.name == "Bristol, City of"
    assert bristol.inspection_records.get(kind="full").wsoa_required is True


def test_a_changed_value_is_updated_in_place(small_register, small_dir):
    area = LocalAreaPartnership.objects.get(ons_code="E06000022")
    record = InspectionRecord.objects.get(area=area, framework="2016", kind="full")
    path = small_dir / "local_areas.csv"
    path.write_text(path.read_text().replace(",2469,", ",2500,"))
    path = small_dir / "inspections_2016_framework.csv"
    path.write_text(path.read_text().replace("2019-03-18,2019-05-13", "2019-03-18,2019-05-14"))
    report = import_register(small_dir)
    assert report.for_file("local_areas.csv").updated == 1
    assert report.for_file("local_areas.csv").unchanged == 6
    assert report.for_file("inspections_2016_framework.csv", "2016-framework inspections").updated == 1
    area.refresh_from_db()
    record.refresh_from_db()
    assert area.ehc_plans == 2500
    assert record.published == dt.date(2019, 5, 14)
    assert InspectionRecord.objects.filter(area=area).count() == 1


def test_revisits_follow_their_inspection(small_register):
    revisit = InspectionRecord.objects.get(area__ons_code="E06000055", kind="revisit")
    assert revisit.follows.kind == "full"
    assert revisit.follows.area == revisit.area
    assert (revisit.sufficient_progress, revisit.weaknesses_with_sufficient_progress) == ("Yes", 5)
    assert revisit.weaknesses_with_insufficient_progress == 0
    assert revisit.wsoa_required is True


def test_rows_from_june_2025_are_filed_under_the_updated_framework(small_register, small_dir):
    shutil.copy(FIXTURES / "inspections_2023_framework_2025.csv", small_dir)
    report = import_register(small_dir)
    assert report.for_file("inspections_2023_framework_2025.csv").created == 2
    assert InspectionRecord.objects.get(area__ons_code="E06000022", start_date=dt.date(2025, 3, 3)).framework == "2023"
    assert InspectionRecord.objects.get(area__ons_code="E06000023", start_date=dt.date(2025, 9, 15)).framework == "2025"


def test_a_framework_column_overrides_the_date(small_register, small_dir):
    path = small_dir / "inspections_2023_framework_extra.csv"
    path.write_text(
        "local_area,la_code,fieldwork_start,fieldwork_end,published,outcome,framework\n"
        "Bedford,E06000055,2025-03-03,2025-03-07,2025-05-02,2,2025\n"
    )
    import_register(small_dir)
    assert InspectionRecord.objects.get(area__ons_code="E06000055", start_date=dt.date(2025, 3, 3)).framework == "2025"


def test_an_inspection_file_alone_can_be_imported_against_the_register_in_the_database(small_register, tmp_path):
    newer = tmp_path / "newer"
    newer.mkdir()
    shutil.copy(FIXTURES / "inspections_2023_framework_2025.csv", newer)
    report = import_register(newer)
    assert report.created == 2
    assert LocalAreaPartnership.objects.count() == 8


# --- rejected files ---------------------------------------------------------------------------

MALFORMED_CASES = [
    # (fixture, replaces, expected problem text)
    ("local_areas_bad_code.csv", "local_areas.csv",
     "local_areas.csv row 3, column code: 'X123' is not an ONS code like E06000001"),
    ("local_areas_duplicate_code.csv", "local_areas.csv",
     "local_areas.csv row 3, column code: E09000002 is already used on row 2"),
    ("local_areas_missing_column.csv", "local_areas.csv",
     "local_areas.csv row 1, column region: this column is missing from the header row"),
    ("local_areas_not_a_number.csv", "local_areas.csv",
     "local_areas.csv row 2, column ehc_plans: 'about 3000' is not a whole number of 0 or more"),
    ("local_areas_empty.csv", "local_areas.csv",
     "local_areas.csv row 1: the file is empty: it needs a header row"),
    ("inspections_2016_bad_date.csv", "inspections_2016_framework.csv",
     "inspections_2016_framework.csv row 3, column inspection_start: '18/03/2019' is not a date written like "
     "2023-05-16, or a month like 2017-05"),
    ("inspections_2016_impossible_date.csv", "inspections_2016_framework.csv",
     "inspections_2016_framework.csv row 2, column inspection_start: '2017-02-30' is not a real date"),
    ("inspections_2016_bad_yes_no.csv", "inspections_2016_framework.csv",
     "inspections_2016_framework.csv row 2, column wsoa_required: 'Maybe' must be Yes or No"),
    ("inspections_2016_unknown_area.csv", "inspections_2016_framework.csv",
     "inspections_2016_framework.csv row 3, column la_code: E06999999 is not a local area or predecessor in the register"),
    ("inspections_2016_bad_progress.csv", "inspections_2016_framework.csv",
     "inspections_2016_framework.csv row 2, column revisit_sufficient_progress_all: 'Partly' must be Yes, Some or No"),
    ("inspections_2016_revisit_without_wsoa.csv", "inspections_2016_framework.csv",
     "inspections_2016_framework.csv row 2, column wsoa_required: is No, but the row gives a revisit"),
    ("inspections_2023_bad_outcome.csv", "inspections_2023_framework_2023_2024.csv",
     "inspections_2023_framework_2023_2024.csv row 3, column outcome: '4' is not an outcome"),
    ("inspections_2023_unknown_area.csv", "inspections_2023_framework_2023_2024.csv",
     "inspections_2023_framework_2023_2024.csv row 3, column la_code: E06999999 is not a local area"),
    ("inspections_2023_missing_start.csv", "inspections_2023_framework_2023_2024.csv",
     "inspections_2023_framework_2023_2024.csv row 2, column fieldwork_start: a value is needed here"),
    ("predecessors_month_only.csv", "predecessors.csv",
     "predecessors.csv row 2, column successor_from: '2021-04' is not a date written like 2023-05-16"),
    ("predecessors_unknown_successor.csv", "predecessors.csv",
     "predecessors.csv row 3, column successor_code: E06000099 is not a current local area in the register"),
]


@pytest.mark.parametrize("fixture, replaces, expected", MALFORMED_CASES, ids=[c[0] for c in MALFORMED_CASES])
def test_a_malformed_file_is_rejected_whole_and_nothing_is_saved(small_dir, fixture, replaces, expected):
    shutil.copy(MALFORMED / fixture, small_dir / replaces)
    with pytest.raises(RegisterImportError) as raised:
        import_register(small_dir)
    messages = [str(p) for p in raised.value.problems]
    assert any(m.startswith(expected) for m in messages), messages
    assert LocalAreaPartnership.objects.count() == 0
    assert InspectionRecord.objects.count() == 0
    assert not AuditEvent.objects.filter(verb=Verb.REGISTER_IMPORTED).exists()


def test_a_bad_file_leaves_an_earlier_import_untouched(small_register, small_dir):
    before = snapshot()
    path = small_dir / "local_areas.csv"
    path.write_text(path.read_text().replace(",2469,", ",2500,"))
    shutil.copy(MALFORMED / "inspections_2023_bad_outcome.csv", small_dir / "inspections_2023_framework_2023_2024.csv")
    with pytest.raises(RegisterImportError):
        import_register(small_dir)
    # The good change to local_areas.csv is not saved either.
    assert snapshot() == before


def test_every_problem_is_reported_not_only_the_first(small_dir):
    shutil.copy(MALFORMED / "local_areas_bad_code.csv", small_dir / "local_areas.csv")
    shutil.copy(MALFORMED / "inspections_2023_bad_outcome.csv", small_dir / "inspections_2023_framework_2023_2024.csv")
    with pytest.raises(RegisterImportError) as raised:
        import_register(small_dir)
    problems = raised.value.problems
    assert {p.file for p in problems} >= {"local_areas.csv", "inspections_2023_framework_2023_2024.csv"}
    assert all(p.reason for p in problems)


def test_a_missing_directory_is_reported(tmp_path):
    with pytest.raises(RegisterNotFoundError, match="does not exist"):
        import_register(tmp_path / "nowhere")


def test_a_directory_without_register_files_is_reported(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing to import")
    with pytest.raises(RegisterNotFoundError, match="holds none of"):
        import_register(tmp_path)


def test_a_blank_start_date_is_kept_blank_and_said_to_be_unknown(small_dir, client):
    path = small_dir / "inspections_2016_framework.csv"
    text = path.read_text().replace("East Midlands,2017-05,", "East Midlands,,")
    path.write_text(text.replace("Inspected May 2017; the day is not given.", "No date in the source."))
    import_register(small_dir)
    record = InspectionRecord.objects.get(area__ons_code="E10000021", kind="full")
    assert (record.start_date, record.start_date_precision) == (None, "unknown")
    html = client.get("/areas/E06000061/").content.decode()
    assert "Date not known" in html
    assert "The sources give no start date." in html


def test_a_blank_start_date_takes_the_month_the_notes_give(small_dir):
    """As in the published statistics: the cell is empty and the note says "inspected May 2017"."""
    path = small_dir / "inspections_2016_framework.csv"
    text = path.read_text().replace("East Midlands,2017-05,", "East Midlands,,")
    path.write_text(text.replace("Inspected May 2017; the day is not given.", "From a note: inspected May 2017 (day not given)."))
    import_register(small_dir)
    record = InspectionRecord.objects.get(area__ons_code="E10000021", kind="full")
    assert (record.start_date, record.start_date_precision) == (dt.date(2017, 5, 1), "month")
    assert record.start_date_text == "May 2017 (day not known)"
