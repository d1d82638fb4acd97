"""``areasend plan``: the JSON contract on a small register, the as-of filter on the shipped one, bad options."""

import datetime as dt
import json
from pathlib import Path

import pytest

from areasend.areas.importer import import_register
from areasend.commands import main

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "areas" / "fixtures" / "small"
SHIPPED = ROOT / "data" / "register"


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.django_db
def test_plan_json_contract_on_the_small_register(capsys):
    import_register(SMALL)
    code, out, err = run(capsys, "plan", "--as-of", "2024-10-01", "--until", "2026-03-31", "--capacity-per-week", "1",
                         "--time-limit", "5", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["status"] in {"OPTIMAL", "FEASIBLE"}
    assert isinstance(data["objective"], int) and isinstance(data["bound"], int)
    assert data["bound"] <= data["objective"] <= data["greedy_objective"]
    assert data["items"], "the small register has areas to plan"
    for item in data["items"]:
        assert set(item) == {"area_code", "kind", "onsite_start", "due_by", "reason", "team"}
        assert item["team"] == []  # no workforce given
        assert item["kind"] in {"full", "monitoring"}
        assert dt.date.fromisoformat(item["onsite_start"]).weekday() == 0
        assert item["reason"]
    kinds = {(item["area_code"], item["kind"]) for item in data["items"]}
    # North Northamptonshire: outcome 3 published 2024-03-25, so a monitoring inspection about 18 months on.
    assert ("E06000061", "monitoring") in kinds
    monitoring = next(i for i in data["items"] if (i["area_code"], i["kind"]) == ("E06000061", "monitoring"))
    assert monitoring["due_by"] == "2025-09-25"
    # Barking and Dagenham was inspected under the 2023 framework in July 2024: nothing due within the plan.
    assert all(item["area_code"] != "E09000002" for item in data["items"])
    assert len({i["onsite_start"] for i in data["items"] if i["kind"] == "full"}) == sum(
        1 for i in data["items"] if i["kind"] == "full")


@pytest.mark.django_db
def test_plan_table_without_json(capsys):
    import_register(SMALL)
    code, out, _ = run(capsys, "plan", "--as-of", "2024-10-01", "--until", "2025-03-31", "--time-limit", "5")
    assert code == 0
    assert out.splitlines()[0].split() == ["Week", "of", "Kind", "Area", "Name", "Due", "by", "Days", "late"]
    assert "Solver: OPTIMAL" in out or "Solver: FEASIBLE" in out


@pytest.mark.django_db
def test_back_test_as_of_1_january_2023_sees_no_2023_framework_outcome(capsys):
    from areasend.commands.plan_inputs import load_area_states

    import_register(SHIPPED)
    states = load_area_states(dt.date(2023, 1, 1))
    codes = {s.code for s in states}
    # The current areas only: Cumberland and Westmorland and Furness (from 1 April 2023), never Cumbria,
    # each with Cumbria's history as known on the day.
    assert len(states) == 153 and "E10000006" not in codes and {"E06000063", "E06000064"} <= codes
    by_code = {s.code: s for s in states}
    assert by_code["E06000063"].last_2016_inspection == by_code["E06000064"].last_2016_inspection is not None
    assert len(load_area_states(dt.date(2023, 4, 1))) == 153
    assert all(s.last_outcome is None and s.last_full_under_current_framework is None for s in states)
    assert all(s.last_inspection_date is None or s.last_inspection_date <= dt.date(2023, 1, 1) for s in states)
    later = {s.code: s for s in load_area_states(dt.date(2023, 6, 1))}
    assert later["E10000024"].last_outcome == 3  # Nottinghamshire, published 16 May 2023
    code, out, _ = run(capsys, "plan", "--as-of", "2023-01-01", "--until", "2023-06-30", "--time-limit", "5",
                       "--json")
    data = json.loads(out)
    assert code == 0 and data["items"]
    assert {item["kind"] for item in data["items"]} == {"full"}
    assert {item["due_by"] for item in data["items"]} == {"2027-12-31"}


@pytest.mark.parametrize(
    "argv, message",
    [
        (("--as-of", "2024-02-30"), "'2024-02-30' is not a real date"),
        (("--as-of", "2024-01-01", "--capacity-per-week", "two"), "'two' is not a whole number"),
        (("--as-of", "2024-01-01", "--time-limit", "0"), "must be more than 0 seconds"),
        (("--as-of", "2024-01-01", "--pace", "-1"), "negative"),
    ],
)
def test_bad_options_exit_non_zero_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, "plan", *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_until_before_as_of_is_one_line(capsys):
    code, out, err = run(capsys, "plan", "--as-of", "2024-01-01", "--until", "2023-01-01")
    assert code == 2 and out == ""
    assert err == "areasend: error: --until 2023-01-01 is before --as-of 2024-01-01\n"
