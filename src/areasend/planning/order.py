"""The order of first inspections among areas due by the same date, and how well a rule matches the real one.

Each rule is a sort key over what was known on the planning date (:class:`AreaState`): the date of the
last 2016 inspection, the last revisit, whether a written statement of action was required and what the
revisit found. :func:`spearman` measures a rule against the order the real programme followed; the
back-test in ``bench/planner.py`` prints the figures, and :data:`DEFAULT_ORDER_RULE` is the best of them
on the shipped 2023-24 history as known on 1 January 2023.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .model import AreaState

__all__ = ["DEFAULT_ORDER_RULE", "ORDER_RULES", "OrderRule", "order_rule", "rank_areas", "spearman"]


def _oldest(day: dt.date | None) -> tuple:
    """Never inspected first of all, then oldest first."""
    return (day is not None, day or dt.date.min)


def _last_any(area: AreaState) -> tuple:
    return _oldest(area.last_inspection_date)


def _last_2016(area: AreaState) -> tuple:
    return _oldest(area.last_2016_inspection or area.last_inspection_date)


def _not_resolved(area: AreaState) -> bool:
    """A written statement of action whose weaknesses a revisit has not found all sufficiently addressed."""
    return bool(area.written_statement) and area.revisit_progress != "Yes"


def _statement_open_first(area: AreaState) -> tuple:
    return (not _not_resolved(area), *_last_2016(area))


def _insufficient_progress_first(area: AreaState) -> tuple:
    return (area.revisit_progress not in ("No", "Some"), *_last_2016(area))


def _statement_first(area: AreaState) -> tuple:
    return (not area.written_statement, *_last_2016(area))


def _resolved_last(area: AreaState) -> tuple:
    """Oldest 2016 inspection first, but an area whose revisit found every weakness addressed waits."""
    return (area.revisit_progress == "Yes", *_last_2016(area))


@dataclass(frozen=True)
class OrderRule:
    key: str
    label: str
    sort_key: Callable[[AreaState], tuple]


ORDER_RULES: tuple[OrderRule, ...] = (
    OrderRule("last_inspection_any_kind", "longest since any inspection or revisit", _last_any),
    OrderRule("oldest_2016_inspection", "oldest 2016-framework inspection first", _last_2016),
    OrderRule("statement_open_first", "written statement not yet found fully addressed first, then oldest",
              _statement_open_first),
    OrderRule("insufficient_progress_first", "revisit found insufficient progress first, then oldest",
              _insufficient_progress_first),
    OrderRule("statement_first", "written statement of action first, then oldest", _statement_first),
    OrderRule("resolved_last", "oldest first, areas whose revisit found every weakness addressed last",
              _resolved_last),
)

#: The rule the planner uses; chosen by the back-test (bench/planner.py) on the shipped history.
DEFAULT_ORDER_RULE = "oldest_2016_inspection"


def order_rule(key: str) -> OrderRule:
    for rule in ORDER_RULES:
        if rule.key == key:
            return rule
    raise ValueError(f"order rule must be one of {', '.join(r.key for r in ORDER_RULES)}, not {key!r}")


def rank_areas(areas: Sequence[AreaState], rule: str = DEFAULT_ORDER_RULE) -> list[AreaState]:
    """``areas`` in the rule's order, ties broken by ONS code."""
    key = order_rule(rule).sort_key
    return sorted(areas, key=lambda area: (*key(area), area.code))


def _ranks(values: Sequence) -> list[float]:
    """Average ranks (1-based), ties sharing the mean of their places."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: Sequence, ys: Sequence) -> float:
    """Spearman's rank correlation of two equally long sequences (Pearson's on average ranks)."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("give two sequences of the same length, at least 2 long")
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return 0.0
    return cov / (vx * vy) ** 0.5


def back_test(areas: Sequence[AreaState], real_weeks: dict[str, dt.date], *, inspected_only: bool = False
              ) -> dict[str, float]:
    """Spearman correlation of each rule's order with the real one, rule by rule.

    ``areas``: every area as known on the back-test date; ``real_weeks``: the on-site week each area was
    really inspected in afterwards. Each rule ranks all areas awaiting a first inspection. The real order
    ranks them by that week, areas inspected in the same week tied and areas not inspected in the period
    tied after all of them; with ``inspected_only`` only the areas really inspected are compared.
    """
    waiting = [a for a in areas if a.awaiting_first_full_inspection]
    after = dt.date.max
    out = {}
    for rule in ORDER_RULES:
        place = {area.code: number for number, area in enumerate(rank_areas(waiting, rule.key))}
        codes = [code for code in place if code in real_weeks] if inspected_only else list(place)
        out[rule.key] = spearman([place[c] for c in codes], [real_weeks.get(c, after) for c in codes])
    return out
