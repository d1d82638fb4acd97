"""Who holds which role on an area after its inspection, for the access gate.

The area's own people are the nominated officer who leads its self-evaluation (the officer named
on its latest inspection in this service) and the leaders invited to that self-evaluation. The
national team and inspectors hold their roles across the service. Areas are public, so a refusal
is "not allowed", never "not found".
"""

from __future__ import annotations

from areasend.access import gate
from areasend.access.capabilities import AccessRole
from areasend.access.gate import ObjectKind, group_roles
from areasend.areas.queries import LocalAreaPartnership
from areasend.selfevaluation.queries import area_people_roles


def roles_on(user, area) -> frozenset[AccessRole]:
    roles = group_roles(user)
    if AccessRole.SIGNED_OUT in roles:
        return roles
    found = set(roles)
    if AccessRole.OTHER_LANO in roles or AccessRole.OTHER_CONTRIBUTOR in roles:
        lano, contributor = area_people_roles(user, area)
        if lano and AccessRole.OTHER_LANO in roles:
            found.discard(AccessRole.OTHER_LANO)
            found.add(AccessRole.OWN_LANO)
        if contributor and AccessRole.OTHER_CONTRIBUTOR in roles:
            found.discard(AccessRole.OTHER_CONTRIBUTOR)
            found.add(AccessRole.AREA_CONTRIBUTOR)
    return frozenset(found)


def _fetch(code) -> LocalAreaPartnership | None:
    return LocalAreaPartnership.objects.filter(ons_code=str(code).upper()).first()


gate.register_kind(ObjectKind(name="area", fetch=_fetch, roles=roles_on, url_kwarg="ons_code", view_kwarg="area"))


def area_page(*, GET=None, POST=None):
    """A page about one area after its inspection (URL keyword ``ons_code``); the view receives ``area``."""
    return gate.object_page("area", GET=GET, POST=POST)


def require(user, area, capability) -> None:
    gate.require(user, capability, area, kind="area")


def flags(user, area, *capabilities) -> dict[str, bool]:
    return gate.flags(user, area, *capabilities, kind="area")
