"""The shipped hexagon layout covers every current area once, one area a cell."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"


def test_one_cell_for_each_area_in_the_register():
    with (DATA / "register" / "local_areas.csv").open(encoding="utf-8") as f:
        register = {row["code"] for row in csv.DictReader(f)}
    with (DATA / "hexmap" / "england_hex_layout.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {row["code"] for row in rows} == register
    cells = [(int(row["column"]), int(row["row"])) for row in rows]
    assert len(set(cells)) == len(cells) == 153
    assert min(c for c, _ in cells) == 0 and min(r for _, r in cells) >= 0


def test_north_is_at_the_top_and_london_is_south_east_of_birmingham():
    with (DATA / "hexmap" / "england_hex_layout.csv").open(encoding="utf-8") as f:
        cells = {row["name"]: (int(row["column"]), int(row["row"])) for row in csv.DictReader(f)}
    assert cells["Northumberland"][1] < cells["Birmingham"][1] < cells["Westminster"][1] < cells["Isles of Scilly"][1]
    assert cells["Cornwall"][0] < cells["Birmingham"][0] < cells["Westminster"][0] < cells["Kent"][0]


def test_the_source_licence_and_script_are_shipped():
    readme = (DATA / "hexmap" / "README.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in readme and "make_layout.py" in readme
    assert (DATA / "hexmap" / "make_layout.py").exists()
