"""The hexagon map: the shipped layout (``data/hexmap``) turned into SVG shapes for the page.

Each area is one pointy-topped hexagon; the layout file says which cell. Colour is never the
only carrier of meaning: each outcome also has its own pattern and the number of the outcome
written in the hexagon, and each hexagon is a link with the area's name and outcome in words.
"""

from __future__ import annotations

import csv
import functools
import math
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

LAYOUT = Path(settings.PROJECT_DIR) / "data" / "hexmap" / "england_hex_layout.csv"

#: Half the width of a hexagon, in SVG units.
SIZE = 14.0
MARGIN = 4.0

#: The look of each outcome: fill, pattern and the mark written in the hexagon. Fills have a
#: contrast of at least 3:1 with the white page and with white text (WCAG 1.4.11 and 1.4.3 for
#: large bold text); the legend and the table say the same in words.
STYLES = {
    1: {"fill": "#00703c", "pattern": "solid", "mark": "1", "text": "#ffffff"},
    2: {"fill": "#1d70b8", "pattern": "stripes", "mark": "2", "text": "#ffffff"},
    3: {"fill": "#d4351c", "pattern": "crosses", "mark": "3", "text": "#ffffff"},
    None: {"fill": "#ffffff", "pattern": "dots", "mark": "", "text": "#0b0c0c"},
}


@dataclass(frozen=True)
class Cell:
    code: str
    name: str
    column: int
    row: int


@functools.cache
def layout() -> dict[str, Cell]:
    with LAYOUT.open(newline="", encoding="utf-8") as f:
        return {
            row["code"]: Cell(row["code"], row["name"], int(row["column"]), int(row["row"]))
            for row in csv.DictReader(f)
        }


def _centre(cell: Cell) -> tuple[float, float]:
    width = math.sqrt(3) * SIZE
    x = MARGIN + width / 2 + cell.column * width + (width / 2 if cell.row % 2 else 0)
    y = MARGIN + SIZE + cell.row * 1.5 * SIZE
    return x, y


def _points(x: float, y: float, size: float) -> str:
    corners = []
    for i in range(6):
        angle = math.radians(60 * i - 30)
        corners.append(f"{x + size * math.cos(angle):.1f},{y + size * math.sin(angle):.1f}")
    return " ".join(corners)


def dimensions() -> tuple[float, float]:
    cells = layout().values()
    width = math.sqrt(3) * SIZE
    columns = max(c.column for c in cells) + 1.5
    rows = max(c.row for c in cells) + 1
    return round(2 * MARGIN + columns * width, 1), round(2 * MARGIN + SIZE * (1.5 * rows + 0.5), 1)


@dataclass(frozen=True)
class Hexagon:
    code: str
    name: str
    points: str
    x: float
    y: float
    style: dict
    label: str
    shown: bool


def hexagons(positions, shown_codes: set[str], describe) -> list[Hexagon]:
    """One hexagon per area in the layout, in reading order (north to south, west to east)."""
    by_code = {p.code: p for p in positions}
    result = []
    for cell in sorted(layout().values(), key=lambda c: (c.row, c.column)):
        position = by_code.get(cell.code)
        if position is None:
            continue
        x, y = _centre(cell)
        result.append(
            Hexagon(
                code=cell.code, name=position.area.name, points=_points(x, y, SIZE - 0.8), x=round(x, 1),
                y=round(y, 1), style=STYLES[position.latest_outcome], label=describe(position),
                shown=cell.code in shown_codes,
            )
        )
    return result
