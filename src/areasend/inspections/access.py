"""Who holds which role on an inspection, for the access gate in ``access.gate``.

The gate asks here; nothing else works out a person's relation to an inspection. Views use
``inspection_page``; services call ``require`` (or ``access.fetch``) with a capability from the
table in ``access.capabilities``.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from areasend.access import gate as access
from areasend.access.gate import ObjectKind, group_roles
from areasend.access.capabilities import TABLE, AccessRole, Capability
from areasend.inspections.models import Inspection, TeamMember

_TEAM_ROLES = {
    TeamMember.Role.OFSTED: AccessRole.OFSTED_INSPECTOR,
    TeamMember.Role.SOCIAL_CARE: AccessRole.SOCIAL_CARE_INSPECTOR,
    TeamMember.Role.CQC: AccessRole.CQC_INSPECTOR,
    TeamMember.Role.LEAD: AccessRole.LEAD,
}


def roles_on(user, inspection: Inspection) -> frozenset[AccessRole]:
    """The roles ``user`` holds on ``inspection``, service-wide roles included.

    An inspection fetched by the gate for one request remembers them, so the view's check and the
    service's check that follows cost one look-up between them.
    """
    memo = getattr(inspection, "_roles_this_request", None)
    key = getattr(user, "pk", None)
    if memo is not None and key in memo:
        return memo[key]
    found = _roles_on(user, inspection)
    if memo is not None:
        memo[key] = found
    return found


def _roles_on(user, inspection: Inspection) -> frozenset[AccessRole]:
    roles = group_roles(user)
    if AccessRole.SIGNED_OUT in roles:
        return roles
    found = set(roles)
    if AccessRole.INSPECTOR in roles:
        if inspection.lead_inspector_id == user.pk:
            found.add(AccessRole.LEAD)
        for role in TeamMember.objects.filter(inspection=inspection, user=user).values_list("role", flat=True):
            found.add(_TEAM_ROLES[TeamMember.Role(role)])
    if AccessRole.OTHER_LANO in roles and inspection.lano_id is not None and inspection.lano_id == user.pk:
        found.discard(AccessRole.OTHER_LANO)
        found.add(AccessRole.OWN_LANO)
    return frozenset(found)


def _service_roles(user) -> frozenset[AccessRole]:
    """Roles held on at least one inspection: "lead" on a service-wide page means "leads one"."""
    roles = group_roles(user)
    found = set()
    if AccessRole.INSPECTOR in roles:
        if Inspection.objects.filter(lead_inspector=user).exists():
            found.add(AccessRole.LEAD)
        for role in TeamMember.objects.filter(user=user).values_list("role", flat=True).distinct():
            found.add(_TEAM_ROLES[TeamMember.Role(role)])
    if AccessRole.OTHER_LANO in roles and Inspection.objects.filter(lano=user).exists():
        found.add(AccessRole.OWN_LANO)
    return frozenset(found)


def _fetch(pk) -> Inspection | None:
    inspection = Inspection.objects.select_related("area", "lead_inspector", "lano").filter(pk=pk).first()
    if inspection is not None:
        inspection._roles_this_request = {}  # fetched for one request: see roles_on
    return inspection


access.register_kind(ObjectKind(name="inspection", fetch=_fetch, roles=roles_on))
access.register_service_roles(_service_roles)


def inspection_page(*, GET: Capability | None = None, POST: Capability | None = None):
    """A page about one inspection (URL keyword ``pk``); the view receives ``inspection``."""
    return access.object_page("inspection", GET=GET, POST=POST)


def get(user, pk, capability: Capability) -> Inspection:
    return access.fetch(user, "inspection", pk, capability)


def require(user, inspection: Inspection, capability: Capability, message: str = "") -> None:
    """For services: refuse with ``PermissionDenied`` unless ``user`` holds ``capability`` on ``inspection``."""
    access.check(user, capability, inspection, kind="inspection", message=message or "You cannot do this on this inspection.")


def can(user, inspection: Inspection, capability: Capability) -> bool:
    return access.can(user, capability, inspection, kind="inspection")


def flags(user, inspection: Inspection, *capabilities: Capability) -> dict[str, bool]:
    return access.flags(user, inspection, *capabilities, kind="inspection")


def visible_to(user, capability: Capability = Capability.SEE_INSPECTION) -> QuerySet[Inspection]:
    """The inspections on which ``user`` holds ``capability``, as one query (the table, in SQL)."""
    qs = Inspection.objects.select_related("area", "lead_inspector")
    roles = group_roles(user)
    allowed = TABLE[capability]
    if roles & allowed & {AccessRole.NATIONAL_PLANNER, AccessRole.QA_READER, AccessRole.DATA_PROTECTION_OFFICER}:
        return qs
    where = Q(pk__in=[])
    if AccessRole.INSPECTOR in roles:
        if AccessRole.LEAD in allowed:
            where |= Q(lead_inspector=user)
        team_roles = [role for role, access_role in _TEAM_ROLES.items() if access_role in allowed]
        if team_roles:
            where |= Q(pk__in=TeamMember.objects.filter(user=user, role__in=team_roles).values("inspection_id"))
    if AccessRole.OTHER_LANO in roles and AccessRole.OWN_LANO in allowed:
        where |= Q(lano=user)
    return qs.filter(where)
