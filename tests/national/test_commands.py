"""``areasend stats``: the JSON shapes are a contract."""

from __future__ import annotations

import json

import pytest

from areasend.commands import main

pytestmark = pytest.mark.django_db(transaction=True)


def test_stats_outcomes_by_year_json(register, capsys):
    assert main(["stats", "outcomes", "--by", "year", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"2023": {"1": 7, "2": 11, "3": 8}, "2024": {"1": 7, "2": 15, "3": 6}}


def test_stats_timeliness_json(register, capsys):
    assert main(["stats", "timeliness", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["reports", "median_working_days"]
    assert len(data["reports"]) == 54
    for report in data["reports"]:
        assert list(report) == ["area_code", "onsite_end", "published", "working_days"]
        assert isinstance(report["working_days"], int) and report["onsite_end"] < report["published"]
    assert isinstance(data["median_working_days"], (int, float))


def test_stats_as_text_and_a_bad_grouping(register, capsys):
    assert main(["stats", "outcomes"]) == 0
    out = capsys.readouterr().out
    assert "2023  7" in out and "2024  7" in out
    assert main(["stats", "timeliness"]) == 0
    assert "Median:" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["stats", "outcomes", "--by", "region"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "invalid choice: 'region'" in err


def test_stats_on_an_empty_register(db, capsys):
    assert main(["stats", "outcomes", "--by", "year", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {}
    assert main(["stats", "timeliness", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"reports": [], "median_working_days": None}
