"""Factories the tests share."""

import itertools

from areasend.accounts.models import User
from areasend.access.roles import Role
from areasend.accounts.services import grant_role

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_user(*roles: Role, username: str | None = None, inspector_kind: str | None = "hmi", **extra) -> User:
    """A user with ``roles``. Someone with the inspector role is recorded as an HMI unless
    ``inspector_kind`` says otherwise ("ofsted_inspector", "cqc_inspector", or None for not recorded)."""
    username = username or f"user{next(_counter)}"
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=extra.pop("first_name", username.capitalize()),
        last_name=extra.pop("last_name", "Tester"),
        **extra,
    )
    for role in roles:
        grant_role(user, role)
    if Role.INSPECTOR in roles and inspector_kind is not None:
        from areasend.inspections.models import InspectorProfile

        InspectorProfile.objects.create(user=user, kind=inspector_kind)
    return user


def pdf_bytes(note: str = "", catalog: bytes = b"") -> bytes:
    """A small, well-formed PDF (see areasend.demo.minimal_pdf)."""
    from areasend.demo import minimal_pdf

    return minimal_pdf(note, catalog)
