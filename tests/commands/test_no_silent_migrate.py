"""No command changes a database's tables without saying so: ``migrate`` does, ``demo`` says it does,
``import``, ``plan``, ``worker`` and ``serve`` refuse a database that is behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "register"


def areasend(tmp_path, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "-m", "areasend.commands", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.mark.parametrize("argv", [
    ("import", str(SHIPPED)),
    ("plan", "--as-of", "2025-01-01", "--json"),
    ("worker",),
    ("serve", "--port", "1"),
])
def test_commands_refuse_a_database_that_is_not_up_to_date(tmp_path, argv):
    result = areasend(tmp_path, *argv)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        result.stderr.strip()], "one line"
    assert "run 'areasend migrate' first" in result.stderr
    assert "Traceback" not in result.stderr
    # Nothing was made: the database still has no tables.
    again = areasend(tmp_path, "migrate")
    assert again.returncode == 0
    assert "Applied" in again.stdout


def test_migrate_twice_says_there_is_nothing_to_do(tmp_path):
    assert areasend(tmp_path, "migrate").returncode == 0
    second = areasend(tmp_path, "migrate")
    assert (second.returncode, second.stdout.strip()) == (0, "The database is up to date: nothing to do.")


def test_demo_says_it_sets_up_the_database(tmp_path):
    result = areasend(tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Setting up the database..."
    again = areasend(tmp_path, "demo")
    assert again.returncode == 0
    assert "Setting up the database" not in again.stdout
