"""``areasend import DIR`` run as a user runs it: a fresh process on an empty database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import MALFORMED, SHIPPED


def run_import(tmp_path, *args, command="import"):
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from areasend.commands import main; sys.exit(main())", command, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(autouse=True)
def _migrated(tmp_path):
    """``import`` never changes the tables: the database is brought up to date first, as a person would."""
    result = run_import(tmp_path, command="migrate")
    assert result.returncode == 0, result.stderr


def test_import_after_migrate_imports_and_a_second_run_changes_nothing(tmp_path):
    first = run_import(tmp_path, str(SHIPPED))
    assert first.returncode == 0, first.stderr
    assert "local_areas.csv, local areas: 153 created" in first.stdout
    second = run_import(tmp_path, str(SHIPPED), "--json")
    assert second.returncode == 0, second.stderr
    result = json.loads(second.stdout)
    assert (result["created"], result["updated"], result["unchanged"]) == (0, 0, 413)
    assert {f["file"] for f in result["files"]} == {
        "local_areas.csv",
        "predecessors.csv",
        "inspections_2016_framework.csv",
        "inspections_2023_framework_2023_2024.csv",
    }


@pytest.fixture
def bad_dir(tmp_path):
    target = tmp_path / "bad"
    shutil.copytree(SHIPPED, target)
    shutil.copy(MALFORMED / "local_areas_bad_code.csv", target / "local_areas.csv")
    shutil.copy(MALFORMED / "inspections_2023_bad_outcome.csv", target / "inspections_2023_framework_2023_2024.csv")
    return target


def test_a_bad_directory_exits_1_with_one_line_per_problem(tmp_path, bad_dir):
    result = run_import(tmp_path, str(bad_dir))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "nothing was saved" in lines[0]
    assert "local_areas.csv row 3, column code: 'X123' is not an ONS code like E06000001" in lines
    assert any(line.startswith("inspections_2023_framework_2023_2024.csv row 3, column outcome:") for line in lines)
    assert "Traceback" not in result.stderr


def test_a_bad_directory_with_json_lists_the_problems(tmp_path, bad_dir):
    result = run_import(tmp_path, str(bad_dir), "--json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert {"file": "local_areas.csv", "row": 3, "column": "code",
            "reason": "'X123' is not an ONS code like E06000001"} in problems


def test_a_missing_directory_is_one_line_and_exit_2(tmp_path):
    result = run_import(tmp_path, str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "does not exist" in result.stderr


def test_a_directory_without_register_files_is_one_line_and_exit_2(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_import(tmp_path, str(empty))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "holds none of" in result.stderr
