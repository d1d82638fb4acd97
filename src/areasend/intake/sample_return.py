"""A made-up person-level return, generated reproducibly from a seed: for the demo, the tests and the bench.

Every row is invented; nothing here describes a real child. The mix of needs, settings and services is
a plausible spread, not a statistic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterator

from areasend.framework import person_level as pl

HEADER = list(pl.CURRENT_SCHEMA.names)


def rows(count: int, *, seed: int = 1, today: dt.date = dt.date(2026, 1, 12)) -> Iterator[list[str]]:
    """``count`` rows of text cells in the template's column order (no header)."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        age = rng.randint(2, 24)
        born = today - dt.timedelta(days=age * 365 + rng.randint(5, 360))
        support = "SEN support" if rng.random() < 0.6 else "EHC plan"
        if age < 5:
            setting = "early years setting"
        elif age > 18:
            setting = rng.choice(["further education", "apprenticeship or training",
                                  "not in education, employment or training"])
        else:
            setting = rng.choices(
                ["mainstream school", "special school", "alternative provision", "resourced provision or SEN unit",
                 "not on roll", "home education"], weights=[70, 12, 6, 6, 3, 3])[0]
        care = rng.choices(pl.SOCIAL_CARE, weights=[85, 8, 3, 3, 1])[0]
        yield [
            f"LA-{number:06d}",
            born.isoformat(),
            "yes",
            "yes" if rng.random() < 0.08 else "no",
            support,
            rng.choice(pl.NEEDS[:12]),
            setting,
            f"Setting {rng.randint(1, 400)}" if setting not in pl.NOT_IN_SCHOOL else "",
            str(rng.randint(40, 100)) if 5 <= age <= 16 else "",
            "yes" if rng.random() < 0.04 else "no",
            care,
            "yes" if age >= 10 and rng.random() < 0.03 else "no",
            "yes" if support == "EHC plan" and rng.random() < 0.02 else "no",
            rng.choice(["female", "male", "male"]),
            rng.choice(pl.ETHNIC_GROUPS),
        ]


def csv_bytes(count: int, *, seed: int = 1, today: dt.date = dt.date(2026, 1, 12)) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(count, seed=seed, today=today))
    return buffer.getvalue().encode("utf-8")
