"""The three outcomes of a full inspection under the 2023 framework and later (spec 3.2).

The outcome texts are the official names. The short labels appear in
secondary material only and are not official; use them where space is tight.
The 2016 framework had no outcome: a report letter said whether a written
statement of action was required (see :class:`WrittenStatementDecision`).
"""

from __future__ import annotations

import enum

from .rules import FrameworkError

__all__ = ["Outcome", "WrittenStatementDecision"]

_OFFICIAL = {
    1: (
        "The local area partnership's SEND arrangements typically lead to positive experiences "
        "and outcomes for children and young people with SEND. The local area partnership is "
        "taking action where improvements are needed."
    ),
    2: (
        "The local area partnership's arrangements lead to inconsistent experiences and outcomes "
        "for children and young people with SEND. The local area partnership must work jointly "
        "to make improvements."
    ),
    3: (
        "There are widespread and/or systemic failings leading to significant concerns about the "
        "experiences and outcomes of children and young people with SEND, which the local area "
        "partnership must address urgently."
    ),
}

_SHORT = {1: "typically positive", 2: "inconsistent", 3: "widespread and/or systemic failings"}


class Outcome(enum.Enum):
    """Outcome of a full area SEND inspection; the value is its number (1 to 3)."""

    POSITIVE = 1
    INCONSISTENT = 2
    SYSTEMIC_FAILINGS = 3

    @property
    def number(self) -> int:
        return self.value

    @property
    def official_name(self) -> str:
        """The outcome exactly as the framework words it."""
        return _OFFICIAL[self.value]

    @property
    def short_label(self) -> str:
        """A short, unofficial label."""
        return _SHORT[self.value]

    @property
    def requires_priority_action_plan(self) -> bool:
        return self is Outcome.SYSTEMIC_FAILINGS

    @property
    def leads_to_monitoring_inspection(self) -> bool:
        return self is Outcome.SYSTEMIC_FAILINGS

    @classmethod
    def from_number(cls, number: int | str) -> Outcome:
        try:
            return cls(int(number))
        except (ValueError, TypeError):
            raise FrameworkError(f"The outcome must be 1, 2 or 3, not {number!r}") from None

    def to_dict(self) -> dict:
        return {
            "number": self.value,
            "name": self.name,
            "official_name": self.official_name,
            "short_label": self.short_label,
        }


class WrittenStatementDecision(enum.Enum):
    """2016 framework: whether inspectors required a written statement of action (spec 2.1)."""

    REQUIRED = "yes"
    NOT_REQUIRED = "no"

    @classmethod
    def from_text(cls, text: str | bool) -> WrittenStatementDecision:
        if isinstance(text, bool):
            return cls.REQUIRED if text else cls.NOT_REQUIRED
        lowered = str(text).strip().lower()
        if lowered in {"yes", "y", "true", "required"}:
            return cls.REQUIRED
        if lowered in {"no", "n", "false", "not required"}:
            return cls.NOT_REQUIRED
        raise FrameworkError(f"Say yes or no for the written statement of action, not {text!r}")
