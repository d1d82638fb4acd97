"""Roles people hold across the service.

A role is a Django group; per-inspection roles (the lead inspector) are fields on the
inspection itself. Views ask these functions, never the group names directly.
"""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    NATIONAL_PLANNER = "national_planner"
    INSPECTOR = "inspector"
    #: The local area nominated officer (LANO): sees only the inspections they are named on.
    LOCAL_AREA_OFFICER = "local_area_officer"
    #: Reads draft reports for quality assurance.
    QA_READER = "qa_reader"
    #: Reads the audit trail across inspections; sees nothing of an inspection's content.
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    #: A leader the LANO invites to the area's self-evaluation: sees that area's self-evaluation only.
    LOCAL_AREA_CONTRIBUTOR = "local_area_contributor"

    @property
    def label(self) -> str:
        return {
            Role.NATIONAL_PLANNER: "National planner",
            Role.INSPECTOR: "Inspector",
            Role.LOCAL_AREA_OFFICER: "Local area nominated officer",
            Role.QA_READER: "Quality assurance reader",
            Role.DATA_PROTECTION_OFFICER: "Data-protection officer",
            Role.LOCAL_AREA_CONTRIBUTOR: "Local area contributor",
        }[self]


def has_role(user, role: Role) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cache = getattr(user, "_areasend_roles", None)
    if cache is None:
        cache = frozenset(user.groups.values_list("name", flat=True))
        user._areasend_roles = cache
    return role.value in cache


def is_national_planner(user) -> bool:
    return has_role(user, Role.NATIONAL_PLANNER)


def is_inspector(user) -> bool:
    return has_role(user, Role.INSPECTOR)


def is_local_area_officer(user) -> bool:
    return has_role(user, Role.LOCAL_AREA_OFFICER)


def roles_of(user) -> list[Role]:
    return [role for role in Role if has_role(user, role)]
