"""Starting an inspection: who may, and what is refused (a second open inspection, a monitoring
inspection without a standing outcome 3, a lead who is not an HMI)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework
from areasend.access import gate
from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.access.roles import is_inspector
from areasend.inspections.models import Inspection, TeamMember




from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


def _check_no_open_inspection(area, kind: str, today: dt.date) -> None:
    """One open inspection of each kind per area: open means its outcome or findings are not published yet."""
    for other in Inspection.objects.filter(area=area, kind=kind).order_by("-created_at"):
        if other.is_open_on(today):
            when = f"notified on {_long_date(other.notification_date)}" if other.notification_date else "not notified yet"
            raise ValidationError({"area": f"{area.name} already has a {other.get_kind_display().lower()} under way "
                                           f"({when}, led by {other.lead_inspector}). Carry on with that one, or choose another area"})


def _check_standing_outcome_3(area, kind: str, today: dt.date) -> None:
    """A monitoring inspection follows a published outcome 3 that no later full inspection has replaced."""
    from areasend.areas.queries import latest_full_inspection_under_current_framework

    follows = framework.InspectionKind(kind).follows_outcome
    if follows is None:
        return
    latest = latest_full_inspection_under_current_framework(area, today)
    if latest is None or latest.record.outcome != follows.value:
        found = "has had no full inspection under the 2023 framework" if latest is None else (
            f"had outcome {latest.record.outcome} at its latest full inspection")
        raise ValidationError({"kind": f"A monitoring inspection follows outcome {follows.value}, and {area.name} {found}. "
                                       f"Choose a full inspection"})
    later = Inspection.objects.filter(area=area, kind=framework.InspectionKind.FULL.value)
    if any(other.is_open_on(today) for other in later):
        raise ValidationError({"kind": f"{area.name} has a full inspection under way, which replaces its outcome "
                                       f"{follows.value}. Choose a full inspection, or carry on with that one"})


def _check_team_place(user, role: str, field: str) -> None:
    """The core says which kinds of inspector may take each place on the team."""
    from areasend.inspections.models import inspector_kind

    kind = inspector_kind(user)
    refusal = framework.TeamRole(role).refusal(kind, str(user))
    if refusal is not None:
        raise ValidationError({"user" if kind is None and field == "role" else field: refusal})


#: The form field each place after the lead is chosen in, for refusals to point at.
TEAM_FIELD = {TeamMember.Role.OFSTED.value: "team_ofsted", TeamMember.Role.SOCIAL_CARE.value: "team_social_care",
              TeamMember.Role.CQC.value: "team_cqc"}


def _check_starting_team(lead_inspector, team: dict) -> None:
    """Every place after the lead is a known one, taken by an inspector the core allows, each person once."""
    seen = {lead_inspector.pk}
    for role, user in team.items():
        field = TEAM_FIELD.get(role)
        if field is None:
            raise ValidationError({"__all__": "Choose the team from the places on the form."})
        if not is_inspector(user):
            raise ValidationError({field: "Team members must be people with the inspector role."})
        if user.pk in seen:
            raise ValidationError({field: f"{user} is already on the team: choose someone else"})
        seen.add(user.pk)
        _check_team_place(user, role, field)


@transaction.atomic
def create_inspection(actor, *, area, kind: str, lead_inspector, team: dict | None = None,
                      today: dt.date | None = None) -> Inspection:
    """Start an inspection led by ``lead_inspector``; ``team`` fills the other places (team role -> user)."""
    if not gate.can(actor, Capability.START_INSPECTION):
        raise PermissionDenied("Only the national planning team can start an inspection.")
    if not area.is_current:
        raise ValidationError({"area": "This area no longer exists: choose the area that replaced it."})
    if not is_inspector(lead_inspector):
        raise ValidationError({"lead_inspector": "The lead inspector must be someone with the inspector role."})
    if kind not in Inspection.Kind.values:
        raise ValidationError({"kind": "Choose the kind of inspection"})
    today = today or timezone.localdate()
    _check_team_place(lead_inspector, TeamMember.Role.LEAD, "lead_inspector")
    team = dict(team or {})
    _check_starting_team(lead_inspector, team)
    _check_no_open_inspection(area, kind, today)
    _check_standing_outcome_3(area, kind, today)
    inspection = Inspection.objects.create(
        area=area, kind=kind, lead_inspector=lead_inspector, created_by=actor
    )
    TeamMember.objects.create(inspection=inspection, user=lead_inspector, role=TeamMember.Role.LEAD)
    audit.record(
        actor, Verb.INSPECTION_STARTED, inspection=inspection,
        summary=f"Started a {inspection.get_kind_display().lower()} of {area.name} led by {lead_inspector}",
        area=area.ons_code, kind=kind, lead=lead_inspector.username,
    )
    for role, user in team.items():
        member = TeamMember.objects.create(inspection=inspection, user=user, role=role)
        audit.record(actor, Verb.TEAM_MEMBER_ADDED, inspection=inspection, target=member,
                     summary=f"Added {user} to the team as {member.get_role_display()}", person=user.username, role=role)
    return inspection
