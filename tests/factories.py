"""Factories the tests share."""

import itertools

from areasend.accounts.models import User
from areasend.access.roles import Role
from areasend.accounts.services import grant_role

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_user(*roles: Role, username: str | None = None, **extra) -> User:
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
    return user
