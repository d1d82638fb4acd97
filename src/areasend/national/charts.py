"""Shapes for the dashboard's two charts, drawn as SVG on the server (no script needed).

Each chart sits beside a table with the same figures, and every bar also carries its number
as text, so neither colour nor shape alone carries a value.
"""

from __future__ import annotations

from areasend.national import hexmap


def stacked_bars(by_year: dict[int, dict[int, int]]) -> dict:
    """One horizontal bar a year, split by outcome, each part labelled with its count."""
    left, bar_height, gap, width = 60, 28, 14, 520
    top_total = max([sum(c.values()) for c in by_year.values()] + [1])
    rows = []
    for i, (year, counts) in enumerate(by_year.items()):
        y = 10 + i * (bar_height + gap)
        x = left
        parts = []
        for outcome, n in counts.items():
            w = width * n / top_total
            style = hexmap.STYLES[outcome]
            parts.append({"x": round(x, 1), "w": round(w, 1), "n": n, "outcome": outcome, "style": style,
                          "text_x": round(x + w / 2, 1)})
            x += w
        rows.append({"year": year, "y": y, "text_y": y + bar_height / 2 + 5, "parts": parts,
                     "total": sum(counts.values()), "end_x": round(x + 6, 1)})
    return {"rows": rows, "height": 20 + len(rows) * (bar_height + gap), "width": left + width + 50,
            "bar_height": bar_height, "left": left}


def histogram(bins: list[dict]) -> dict:
    """One vertical bar for each band of working days, its count written above it."""
    left, base, plot_height, bar, gap = 10, 170, 140, 48, 8
    top = max([b["reports"] for b in bins] + [1])
    bars = []
    for i, b in enumerate(bins):
        h = plot_height * b["reports"] / top
        x = left + i * (bar + gap)
        bars.append({"x": x, "y": round(base - h, 1), "h": round(h, 1), "n": b["reports"],
                     "label": f"{b['low']}-{b['high']}" if b["high"] else f"{b['low']}+",
                     "text_x": x + bar / 2})
    return {"bars": bars, "width": left + len(bins) * (bar + gap) + 10, "height": base + 44, "base": base, "bar": bar}
