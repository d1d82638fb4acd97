"""Cells written to CSV and spreadsheet downloads.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return ahead of one) as a formula. Every download that writes text someone typed or uploaded
passes each cell through :func:`safe_cell`, so opening it never runs anything.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` unchanged, unless it is text a spreadsheet would run: then with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
