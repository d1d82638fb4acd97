"""Building blocks shared by every rule: units, intervals, due dates, milestones.

A :class:`Rule` is one number from the specification with its unit, the event
it counts from, how firm it is (``bound``), its source section and whether the
specification confirmed it. :func:`apply_rule` turns a rule and a start date
into a :class:`DueDate`.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from .calendar import ENGLAND, WorkingDayCalendar, add_months, plural, written_date

__all__ = [
    "Bound",
    "DueDate",
    "FrameworkError",
    "Milestone",
    "Owner",
    "Rule",
    "Tolerance",
    "Unit",
    "apply_rule",
    "land_soft",
    "shift",
]


class FrameworkError(ValueError):
    """An input the framework cannot work with; the message is one plain sentence."""


class Unit(enum.Enum):
    WORKING_DAYS = "working days"
    CALENDAR_DAYS = "calendar days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    CHILDREN = "children and young people"
    COUNT = "count"
    DATE = "date"


class Bound(enum.Enum):
    """How firm a rule is."""

    EXACT = "exact"  # the date is the date
    WITHIN = "within"  # due by the date (a hard deadline)
    USUALLY_WITHIN = "usually within"  # due by the date, soft
    ABOUT = "about"  # target date, soft, tolerance either side
    AT_LEAST = "at least"
    AT_MOST = "at most"


SOFT_BOUNDS = frozenset({Bound.USUALLY_WITHIN, Bound.ABOUT})


class Owner(enum.Enum):
    INSPECTORATES = "Ofsted and CQC"
    INSPECTION_TEAM = "inspection team"
    PARTNERSHIP = "local area partnership"
    GOVERNMENT = "DfE and NHS England"


@dataclass(frozen=True)
class Tolerance:
    """How far either side of a soft date is still on time."""

    amount: int
    unit: Unit

    def to_dict(self) -> dict:
        return {"amount": self.amount, "unit": self.unit.value}

    def __str__(self) -> str:
        return plural(self.amount, self.unit.value)


@dataclass(frozen=True)
class Rule:
    """One numeric rule, as the specification states it."""

    rule_id: str
    label: str
    amount: int
    unit: Unit
    counts_from: str
    source: str
    spec_row: int | None = None
    bound: Bound = Bound.EXACT
    tolerance: Tolerance | None = None
    confirmed: bool = True
    stated_unit: str = ""
    note: str = ""
    maximum: int | None = None  # for ranges such as 2-4 days or ages 0-25
    on: dt.date | None = None  # for rules that are a date (effective dates, deadlines)

    @property
    def soft(self) -> bool:
        return self.bound in SOFT_BOUNDS

    def describe(self) -> str:
        """Plain-English statement such as "within 70 working days from receipt of the final report"."""
        if self.on is not None:
            on = written_date(self.on)
            return f"{self.bound.value} {on}" if self.bound is not Bound.EXACT else on
        prefix = "" if self.bound is Bound.EXACT else f"{self.bound.value} "
        if self.maximum is not None:
            text = f"{prefix}{self.amount} to {self.maximum} {self.unit.value}"
        else:
            text = prefix + plural(self.amount, self.unit.value)
        if self.counts_from:
            text += f" from {self.counts_from}"
        return text

    def to_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "label": self.label,
            "amount": self.amount,
            "maximum": self.maximum,
            "unit": self.unit.value,
            "stated_unit": self.stated_unit or self.unit.value,
            "bound": self.bound.value,
            "soft": self.soft,
            "tolerance": self.tolerance.to_dict() if self.tolerance else None,
            "counts_from": self.counts_from,
            "source": self.source,
            "spec_row": self.spec_row,
            "confirmed": self.confirmed,
            "note": self.note,
            "on": self.on.isoformat() if self.on else None,
        }


def shift(day: dt.date, amount: int, unit: Unit, calendar: WorkingDayCalendar = ENGLAND) -> dt.date:
    """``day`` moved by ``amount`` of ``unit`` (negative moves back)."""
    if unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(day, amount)
    if unit is Unit.CALENDAR_DAYS:
        return day + dt.timedelta(days=amount)
    if unit is Unit.WEEKS:
        return day + dt.timedelta(weeks=amount)
    if unit is Unit.MONTHS:
        return add_months(day, amount)
    if unit is Unit.YEARS:
        return add_months(day, 12 * amount)
    raise FrameworkError(f"{unit.value} is not a unit of time")


@dataclass(frozen=True)
class DueDate:
    """A date something is due, with how firm it is and where the rule comes from."""

    key: str
    label: str
    date: dt.date
    rule_id: str
    source: str
    counts_from: str
    counts_from_date: dt.date
    soft: bool = False
    tolerance: Tolerance | None = None
    confirmed: bool = True
    owner: Owner = Owner.PARTNERSHIP
    note: str = ""

    @property
    def earliest(self) -> dt.date:
        """Start of the tolerance window (the date itself when there is none); for a soft date, on a working day."""
        if self.tolerance is None:
            return self.date
        return self._land_window_end(shift(self.date, -self.tolerance.amount, self.tolerance.unit))

    @property
    def latest(self) -> dt.date:
        """End of the tolerance window (the date itself when there is none); for a soft date, on a working day."""
        if self.tolerance is None:
            return self.date
        return self._land_window_end(shift(self.date, self.tolerance.amount, self.tolerance.unit))

    def _land_window_end(self, day: dt.date) -> dt.date:
        """A soft date's window ends where its date does: off a weekend or bank holiday to the next working
        day (as :func:`land_soft` moves the date itself). The window still holds the date, which is a
        working day on or after the start."""
        return ENGLAND.on_or_after(day) if self.soft else day

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "date": self.date.isoformat(),
            "soft": self.soft,
            "tolerance": self.tolerance.to_dict() if self.tolerance else None,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "rule_id": self.rule_id,
            "source": self.source,
            "counts_from": self.counts_from,
            "counts_from_date": self.counts_from_date.isoformat(),
            "confirmed": self.confirmed,
            "owner": self.owner.value,
            "note": self.note,
        }


def land_soft(
    rule: Rule, day: dt.date, calendar: WorkingDayCalendar = ENGLAND, *, not_after: dt.date | None = None
) -> dt.date:
    """Where a date from ``rule`` lands: a soft date ("usually", "about") is moved
    forward to the next working day when it falls on a weekend or bank holiday;
    a firm date is left as the rule gives it.

    ``not_after`` is a firm limit the soft date must keep to (such as the
    5-year coverage rule): when moving forward would pass it, the date moves
    back to the last working day on or before the limit instead.
    """
    if not rule.soft:
        return day
    landed = calendar.on_or_after(day)
    if not_after is not None and landed > not_after:
        return calendar.on_or_before(min(day, not_after))
    return landed


def apply_rule(
    rule: Rule,
    start: dt.date,
    *,
    key: str | None = None,
    label: str | None = None,
    owner: Owner = Owner.PARTNERSHIP,
    calendar: WorkingDayCalendar = ENGLAND,
    note: str = "",
) -> DueDate:
    """The :class:`DueDate` that ``rule`` gives when counted from ``start``.

    A soft date lands on a working day (see :func:`land_soft`).
    """
    return DueDate(
        key=key or rule.rule_id,
        label=label or rule.label,
        date=land_soft(rule, shift(start, rule.amount, rule.unit, calendar), calendar),
        rule_id=rule.rule_id,
        source=rule.source,
        counts_from=rule.counts_from,
        counts_from_date=start,
        soft=rule.soft,
        tolerance=rule.tolerance,
        confirmed=rule.confirmed,
        owner=owner,
        note=" ".join(part for part in (rule.note, note) if part),
    )


@dataclass(frozen=True)
class Milestone:
    """One dated step of an inspection, in words a user can read."""

    key: str
    label: str
    date: dt.date
    owner: Owner
    rule: str
    source: str
    confirmed: bool = True
    soft: bool = False
    note: str = ""

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "date": self.date.isoformat(),
            "owner": self.owner.value,
            "rule": self.rule,
            "source": self.source,
            "confirmed": self.confirmed,
            "soft": self.soft,
            "note": self.note,
        }
