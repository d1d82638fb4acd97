"""Who may see and do what with an inspection. Views and services both ask here."""

from __future__ import annotations

from areasend.accounts.roles import is_inspector, is_national_planner


def can_create(user) -> bool:
    return is_national_planner(user)


def can_view(user, inspection) -> bool:
    if is_national_planner(user):
        return True
    return is_inspector(user) and inspection.lead_inspector_id == user.pk


def is_lead(user, inspection) -> bool:
    return getattr(user, "is_authenticated", False) and is_inspector(user) and inspection.lead_inspector_id == user.pk
