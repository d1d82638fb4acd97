"""The register import lists bad cells by row and column (a huge number, a NUL, a very long or formula-looking
name) and saves nothing; it never prints a traceback. Runs on the test database, so on PostgreSQL too."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from areasend.areas.importer import RegisterImportError, import_register
from areasend.areas.models import LocalAreaPartnership

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "register"


def _register_with(tmp_path, changes: dict[tuple[int, str], str]) -> Path:
    rows = list(csv.reader((SHIPPED / "local_areas.csv").open(newline="", encoding="utf-8")))
    header = rows[0]
    for (row, column), value in changes.items():
        rows[row - 1][header.index(column)] = value
    folder = tmp_path / "register"
    folder.mkdir()
    with (folder / "local_areas.csv").open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    return folder


BAD = {
    (2, "ehc_plans"): "9" * 5000,
    (3, "name"): "Bad\x00name",
    (4, "name"): "N" * 5000,
    (5, "name"): '=HYPERLINK("http://example.com")',
    (6, "school_pupils"): "99999999999",
    (7, "region"): "London\x1b",
}


@pytest.mark.django_db
def test_each_bad_cell_is_listed_by_row_and_column_and_nothing_is_saved(tmp_path):
    with pytest.raises(RegisterImportError) as error:
        import_register(_register_with(tmp_path, BAD))
    found = {(p.row, p.column): p.reason for p in error.value.problems}
    assert set(found) == set(BAD)
    assert "too large" in found[(2, "ehc_plans")] and len(found[(2, "ehc_plans")]) < 200
    assert "control character (code 0)" in found[(3, "name")]
    assert "5,000 characters long" in found[(4, "name")]
    assert "as a spreadsheet formula does" in found[(5, "name")]
    assert "largest number this column takes is 2,147,483,647" in found[(6, "school_pupils")]
    assert "control character (code 27)" in found[(7, "region")]
    assert not LocalAreaPartnership.objects.exists()


@pytest.mark.django_db
def test_the_largest_numbers_the_columns_take_are_saved(tmp_path):
    folder = _register_with(tmp_path, {(2, "ehc_plans"): "2147483647"})
    import_register(folder)
    assert LocalAreaPartnership.objects.filter(ehc_plans=2_147_483_647).count() == 1


def test_the_command_prints_the_problems_as_json_and_no_traceback(tmp_path):
    import os

    folder = _register_with(tmp_path, BAD)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-c", "import sys; from areasend.commands import main; sys.exit(main())"]
    subprocess.run(command + ["migrate"], env=env, check=True, capture_output=True, timeout=300)
    result = subprocess.run(command + ["import", str(folder), "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    answer = json.loads(result.stdout)
    assert answer["imported"] is False
    assert {(p["row"], p["column"]) for p in answer["problems"]} == set(BAD)
    plain = subprocess.run(command + ["import", str(folder)], env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in plain.stderr
    assert "local_areas.csv row 3, column name: holds a control character" in plain.stderr
