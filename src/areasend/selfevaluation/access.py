"""Who holds which role on an area's self-evaluation, for the access gate.

The area's own people are the nominated officer of the area's latest inspection and the
contributors that officer invited. Nobody else holds a role on the workspace: the team reads only
the version shared with its inspection, through an inspection page. Every refusal is "not found".
"""

from __future__ import annotations

from areasend.access import gate as access
from areasend.access.capabilities import AccessRole
from areasend.access.gate import ObjectKind, group_roles
from areasend.areas.queries import LocalAreaPartnership
from areasend.inspections.queries import Inspection
from areasend.selfevaluation.models import Contributor, SelfEvaluation


def current_inspection(area) -> Inspection | None:
    """The area's latest inspection in this service: its nominated officer leads the self-evaluation."""
    return Inspection.objects.filter(area=area).order_by("-created_at", "-pk").first()


def current_lano_id(area) -> int | None:
    inspection = current_inspection(area)
    return inspection.lano_id if inspection is not None else None


def roles_on(user, self_evaluation: SelfEvaluation) -> frozenset[AccessRole]:
    roles = group_roles(user)
    if AccessRole.SIGNED_OUT in roles:
        return roles
    found = set(roles)
    if AccessRole.OTHER_LANO in roles and current_lano_id(self_evaluation.area) == user.pk:
        found.discard(AccessRole.OTHER_LANO)
        found.add(AccessRole.OWN_LANO)
    if (AccessRole.OTHER_CONTRIBUTOR in roles and self_evaluation.pk is not None
            and Contributor.objects.filter(self_evaluation=self_evaluation, user=user).exists()):
        found.discard(AccessRole.OTHER_CONTRIBUTOR)
        found.add(AccessRole.AREA_CONTRIBUTOR)
    return frozenset(found)


def _service_roles(user) -> frozenset[AccessRole]:
    if AccessRole.OTHER_CONTRIBUTOR in group_roles(user) and Contributor.objects.filter(user=user).exists():
        return frozenset({AccessRole.AREA_CONTRIBUTOR})
    return frozenset()


def _fetch(code) -> SelfEvaluation | None:
    """The area's self-evaluation; for an area that has none yet, an unsaved one (saved on the first write)."""
    area = LocalAreaPartnership.objects.filter(ons_code=str(code)).first()
    if area is None:
        return None
    found = SelfEvaluation.objects.select_related("area").filter(area=area).first()
    return found or SelfEvaluation(area=area)


access.register_kind(ObjectKind(name="self_evaluation", fetch=_fetch, roles=roles_on, hidden=True,
                                url_kwarg="code", view_kwarg="self_evaluation"))
access.register_service_roles(_service_roles)


def self_evaluation_page(*, GET=None, POST=None):
    """A page about one area's self-evaluation (URL keyword ``code``); the view receives ``self_evaluation``."""
    return access.object_page("self_evaluation", GET=GET, POST=POST)


def require(user, self_evaluation: SelfEvaluation, capability, message: str = "") -> None:
    access.check(user, capability, self_evaluation, kind="self_evaluation",
                 message=message or "You cannot do this on this self-evaluation.")


def can(user, self_evaluation: SelfEvaluation, capability) -> bool:
    return access.can(user, capability, self_evaluation, kind="self_evaluation")


def areas_of(user) -> list:
    """The areas whose self-evaluation ``user`` works on, as LANO or contributor."""
    areas = {c.self_evaluation.area for c in Contributor.objects.select_related("self_evaluation__area").filter(user=user)}
    for inspection in Inspection.objects.select_related("area").filter(lano=user):
        if current_lano_id(inspection.area) == user.pk:
            areas.add(inspection.area)
    return sorted(areas, key=lambda a: a.name)
