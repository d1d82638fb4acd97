"""The inspection's meetings and who must attend them, as Django choices over the framework core's data.

The meetings, their labels, the milestone each is tied to and the required attendees live in the
core (:mod:`areasend.framework.meetings`); this module only turns them into choices for the
models and forms. Each standard meeting's date is the core's milestone date unless the lead
inspector moves it; keep-in-touch (KIT) meetings have no milestone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from areasend import framework as fw

#: Why someone is at a meeting (values and labels from the core).
AttendeeRole = models.TextChoices("AttendeeRole", [(r.name, (r.value, r.label)) for r in fw.AttendeeRole])

# The roles of the people who come from the local area (not from the inspectorates).
LOCAL_ROLES = frozenset(AttendeeRole(r.value) for r in fw.AttendeeRole if r.from_local_area)
# The roles a named local person can be given (team members take their role from the team).
LOCAL_ROLE_CHOICES = [(r.value, r.label) for r in AttendeeRole if r in LOCAL_ROLES]

#: The meetings of an inspection (values and labels from the core).
Kind = models.TextChoices("Kind", [(m.kind.name, (m.key, m.label)) for m in fw.INSPECTION_MEETINGS])


@dataclass(frozen=True)
class MeetingKind:
    """One meeting of the core, with Django choices for its kind and required attendees."""

    kind: Kind
    milestone: str | None  # the core's milestone giving the default date; None for KIT meetings
    required: tuple[AttendeeRole, ...]
    about: str

    @property
    def label(self) -> str:
        return self.kind.label


KINDS = tuple(
    MeetingKind(Kind(m.key), m.milestone, tuple(AttendeeRole(r.value) for r in m.required), m.about)
    for m in fw.INSPECTION_MEETINGS
)
KINDS_BY_KEY = {k.kind.value: k for k in KINDS}


def team_role(team_member_role: str) -> AttendeeRole:
    """The attendee role of a team member, from their role on the team (the core's mapping)."""
    return AttendeeRole(fw.AttendeeRole.for_team_role(team_member_role).value)


def missing_roles(kind: str, present_roles) -> list[AttendeeRole]:
    """The required roles of a meeting of ``kind`` that no attendee has."""
    return [AttendeeRole(role.value) for role in fw.missing_roles(kind, present_roles)]


class VisitKind(models.TextChoices):
    EDUCATION = "education", "Education setting (including alternative provision)"
    HEALTH = "health", "Health service"
    SOCIAL_CARE = "social_care", "Social care service"
    EARLY_HELP = "early_help", "Early help service"
    TRACKING = "tracking", "Tracking meeting"
    OTHER = "other", "Other meeting"
