"""``areasend plan --workforce FILE.csv``: named teams in the JSON, the file's problems by row and column,
the plan from the last day of the shipped history, and no abolished area or closed week in any plan."""

import datetime as dt
import json
from pathlib import Path

import pytest

from areasend import framework as fw
from areasend.areas.importer import import_register
from areasend.commands import main
from areasend.programme.workforce import WorkforceError, read_workforce

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "register"
SMALL = ROOT / "tests" / "areas" / "fixtures" / "small"
HEADER = "name,remit,region,unavailable,conflicts\n"


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def workforce_file(tmp_path, rows: list[str]) -> Path:
    path = tmp_path / "workforce.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def people(per_remit: int, region: str = "London", unavailable: str = "", conflicts: str = "") -> list[str]:
    rows = []
    for remit in ("hmi", "ofsted", "social_care", "cqc"):
        for n in range(per_remit):
            rows.append(f"{remit.title()} person {n + 1},{remit},{region},{unavailable},{conflicts}")
    return rows


@pytest.mark.django_db
def test_every_planned_inspection_gets_a_full_team_within_the_hard_rules(capsys, tmp_path):
    import_register(SHIPPED)
    away = "2025-01-13;2025-01-20"
    rows = people(3) + ["Away lead,hmi,London," + away + ",", "Conflicted lead,hmi,London,,E09000033"]
    path = workforce_file(tmp_path, rows)
    code, out, err = run(capsys, "plan", "--as-of", "2025-01-01", "--until", "2025-07-31", "--time-limit", "5",
                         "--workforce", str(path), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["items"]
    busy: set[tuple[str, str]] = set()
    for item in data["items"]:
        assert set(item) == {"area_code", "kind", "onsite_start", "due_by", "reason", "team"}
        wanted = [role.remit.value for role in fw.team_places(item["kind"])]
        assert [member["remit"] for member in item["team"]] == wanted  # a full team, lead first
        for member in item["team"]:
            assert set(member) == {"name", "remit"}
            key = (member["name"], item["onsite_start"])
            assert key not in busy, "one inspection a person a week"
            busy.add(key)
            if member["name"] == "Away lead":
                assert item["onsite_start"] not in away.split(";")
            if member["name"] == "Conflicted lead":
                assert item["area_code"] != "E09000033"
    assert data["terms"]["objective"] == data["objective"] and "travel" in data["terms"]


@pytest.mark.django_db
def test_without_as_of_the_plan_starts_on_the_last_day_of_the_shipped_history(capsys):
    import_register(SHIPPED)
    code, out, _ = run(capsys, "plan", "--until", "2025-12-31", "--time-limit", "5", "--json")
    data = json.loads(out)
    assert code == 0
    assert "2024-12-13" <= data["as_of"] < "2025-06-01"  # the last 2024 report is published in 2025


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", ["2023-01-01", "2023-09-04", "2024-01-15", "2024-06-01", "2025-03-01", "2025-10-06"])
def test_plans_as_of_any_date_have_no_abolished_area_no_closed_week_only_mondays_and_full_teams(capsys, tmp_path, as_of):
    import_register(SHIPPED)
    path = workforce_file(tmp_path, people(3))
    code, out, _ = run(capsys, "plan", "--as-of", as_of, "--until", "2026-12-31", "--time-limit", "3",
                       "--workforce", str(path), "--json")
    data = json.loads(out)
    assert code == 0 and data["items"]
    codes = {item["area_code"] for item in data["items"]} | {item["area_code"] for item in data["unscheduled"]}
    assert not codes & {"E10000006", "E10000009", "E10000021"}  # Cumbria, Dorset and Northamptonshire counties
    if as_of == "2023-01-01":
        assert {"E06000063", "E06000064"} <= codes  # Cumbria's successors inherit its history and are planned
    for item in data["items"]:
        monday = dt.date.fromisoformat(item["onsite_start"])
        assert monday.weekday() == 0
        assert fw.is_no_inspection_week(monday) is None, item
        wanted = [role.remit.value for role in fw.team_places(item["kind"])]
        assert [member["remit"] for member in item["team"]] == wanted, item


def test_workforce_file_problems_are_given_by_row_and_column(tmp_path):
    path = workforce_file(tmp_path, [
        "Ann,hmi,London,2025-01-14,",  # a Tuesday
        "Bea,lead,London,,",  # not a remit
        "Cat,cqc,Narnia,,E0600001",  # not a region, not an ONS code
        "Ann,ofsted,London,,",  # the same name twice
        ",cqc,London,,",  # no name
    ])
    with pytest.raises(WorkforceError) as error:
        read_workforce(path, regions={"London"}, area_codes={"E06000001"})
    found = {(p.row, p.column) for p in error.value.problems}
    assert {(2, "unavailable"), (3, "remit"), (4, "conflicts"), (6, "name")} <= found
    messages = " ".join(p.reason for p in error.value.problems)
    assert "give the Monday of each week, like 2025-01-13" in messages
    assert "write hmi, ofsted, social_care or cqc" in messages


def test_a_region_and_a_conflict_must_be_the_registers(tmp_path):
    path = workforce_file(tmp_path, ["Cat,cqc,Narnia,,E06000002"])
    with pytest.raises(WorkforceError) as error:
        read_workforce(path, regions={"London"}, area_codes={"E06000001"})
    assert {(p.row, p.column) for p in error.value.problems} == {(2, "region"), (2, "conflicts")}


@pytest.mark.django_db
def test_a_bad_workforce_file_fails_with_one_line(capsys, tmp_path):
    import_register(SMALL)
    path = workforce_file(tmp_path, ["Bea,lead,London,,"])
    code, out, err = run(capsys, "plan", "--as-of", "2024-10-01", "--workforce", str(path))
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "row 2, column remit" in err
    code, _, err = run(capsys, "plan", "--as-of", "2024-10-01", "--workforce", str(tmp_path / "missing.csv"))
    assert code != 0 and "no such file" in err
