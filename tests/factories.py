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
    """A small PDF built as the format says: header, objects, cross-reference table, trailer, end marker.
    ``catalog`` adds entries to the document catalog (an /OpenAction, say)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = b"%PDF-1.7\n%" + note.encode("ascii", "replace") + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out
