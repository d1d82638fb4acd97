"""Who may use the programme pages: the national planning team only."""

from __future__ import annotations

from areasend.accounts.roles import is_national_planner


def can_plan(user) -> bool:
    return is_national_planner(user)
