"""A workforce made up for measurements and the demo: named people, reproducible from a seed.

Real workforces come from a file (``areasend plan --workforce FILE.csv``); this one stands in for it
where no file exists, and every person in it is labelled as made up by their name.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from areasend import framework as fw

from .model import Inspector

__all__ = ["generated_workforce"]


def generated_workforce(
    size: int,
    regions: Sequence[str],
    area_codes: Sequence[str],
    *,
    first_monday: dt.date,
    weeks: int,
    seed: int = 0,
    unavailable_weeks: int = 6,
) -> tuple[Inspector, ...]:
    """``size`` people, a quarter of each remit, homes spread over ``regions``, each away for
    ``unavailable_weeks`` random weeks of the ``weeks`` from ``first_monday`` and in conflict with one area."""
    rng = random.Random(seed)
    remits = [remit.value for remit in fw.Remit]
    people = []
    for number in range(size):
        remit = remits[number % len(remits)]
        region = regions[(number // len(remits)) % len(regions)] if regions else ""
        away = frozenset(first_monday + dt.timedelta(weeks=rng.randrange(weeks)) for _ in range(unavailable_weeks))
        conflicts = frozenset({rng.choice(list(area_codes))}) if area_codes else frozenset()
        people.append(Inspector(f"Made-up inspector {number + 1:03d}", remit, region, away, conflicts))
    return tuple(people)
