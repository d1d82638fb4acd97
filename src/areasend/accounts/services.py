"""Writes the accounts app makes: the audit trail and role membership."""

from __future__ import annotations

from django.contrib.auth.models import Group

from areasend.accounts.models import AuditEvent, User
from areasend.accounts.roles import Role


def record(actor, action: str, obj=None, summary: str = "", *, object_type: str = "", object_id: str = "") -> AuditEvent:
    """Record that ``actor`` did ``action`` to ``obj``. ``actor`` may be None for the system."""
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
    label = "system"
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = f"{actor.get_full_name() or actor.username} ({actor.username})"
    else:
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:500],
    )


def grant_role(user: User, role: Role) -> None:
    group, _ = Group.objects.get_or_create(name=role.value)
    user.groups.add(group)
    if hasattr(user, "_areasend_roles"):
        del user._areasend_roles
