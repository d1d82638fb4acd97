"""The inspection team: adding and removing members."""

from __future__ import annotations


from django.core.exceptions import ValidationError
from django.db import transaction

from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.access.roles import is_inspector
from areasend.inspections import access
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.queries import clashes_for




from areasend.inspections.services.starting import _check_team_place
from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


# Team -------------------------------------------------------------------------------------------


@transaction.atomic
def add_team_member(actor, inspection: Inspection, *, user, role: str):
    """Put an inspector on the team. Returns the member and their other inspections on site in the same days."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.MANAGE_TEAM, "Only the lead inspector or the national planning team can change the team.")
    if role not in TeamMember.Role.values or role == TeamMember.Role.LEAD:
        raise ValidationError({"role": "Choose the person's role on the team."})
    if not is_inspector(user):
        raise ValidationError({"user": "Team members must be people with the inspector role."})
    if TeamMember.objects.filter(inspection=inspection, user=user).exists():
        raise ValidationError({"user": f"{user} is already on the team."})
    _check_team_place(user, role, "role")
    member = TeamMember.objects.create(inspection=inspection, user=user, role=role)
    audit.record(actor, Verb.TEAM_MEMBER_ADDED, inspection=inspection, target=member,
                 summary=f"Added {user} to the team as {member.get_role_display()}", person=user.username, role=role)
    return member, clashes_for(user, inspection)


@transaction.atomic
def remove_team_member(actor, inspection: Inspection, member_id: int) -> None:
    access.require(actor, inspection, Capability.MANAGE_TEAM, "Only the lead inspector or the national planning team can change the team.")
    member = TeamMember.objects.filter(inspection=inspection, pk=member_id).select_related("user").first()
    if member is None:
        raise ValidationError({"remove": "That person is not on the team."})
    if member.role == TeamMember.Role.LEAD:
        raise ValidationError({"remove": "The lead inspector stays on the team."})
    member.delete()
    audit.record(actor, Verb.TEAM_MEMBER_REMOVED, inspection=inspection, summary=f"Removed {member.user} from the team",
                 person=member.user.username, role=member.role)
