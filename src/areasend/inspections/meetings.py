"""The inspection's meetings and who must attend them, as data (specification sections 1.3 and 4).

Each standard meeting is tied to a milestone of the framework core's timeline: its date is the
core's date unless the lead inspector moves it. Keep-in-touch (KIT) meetings happen at key points
throughout, so they have no milestone: the lead inspector adds each one with its own date.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class AttendeeRole(models.TextChoices):
    LEAD = "lead", "Lead inspector (HMI)"
    INSPECTOR = "inspector", "Inspector on the team"
    CQC = "cqc", "CQC inspector"
    LANO = "lano", "Local area nominated officer"
    DCS = "dcs", "Director of children's services"
    ELECTED_MEMBER = "elected_member", "Elected member responsible for SEND"
    ICB = "icb", "Integrated care board representative"
    PCF = "pcf", "Parent carer forum representative"
    LEADER = "leader", "Other leader or senior manager"
    OTHER = "other", "Someone else"


# The roles of the people who come from the local area (not from the inspectorates).
LOCAL_ROLES = frozenset(
    {AttendeeRole.LANO, AttendeeRole.DCS, AttendeeRole.ELECTED_MEMBER, AttendeeRole.ICB, AttendeeRole.PCF, AttendeeRole.LEADER, AttendeeRole.OTHER}
)
# The roles a named local person can be given (team members take their role from the team).
LOCAL_ROLE_CHOICES = [(r.value, r.label) for r in AttendeeRole if r in LOCAL_ROLES]


class Kind(models.TextChoices):
    PCF = "pcf", "Parent carer forum meeting"
    INITIAL = "initial", "Initial meeting with leaders"
    SELF_EVALUATION = "self_evaluation", "Self-evaluation and strategic planning meeting"
    KIT = "kit", "Keep-in-touch meeting"
    FINAL_FEEDBACK = "final_feedback", "Final feedback meeting"


@dataclass(frozen=True)
class MeetingKind:
    kind: Kind
    milestone: str | None  # the core's milestone giving the default date; None for KIT meetings
    required: tuple[AttendeeRole, ...]
    about: str

    @property
    def label(self) -> str:
        return self.kind.label


KINDS = (
    MeetingKind(
        Kind.PCF,
        "pcf_meeting",
        (AttendeeRole.LEAD, AttendeeRole.PCF),
        "A virtual meeting with the parent carer forum and parent groups at the start, to identify themes and lines of enquiry.",
    ),
    MeetingKind(
        Kind.INITIAL,
        "initial_meeting_with_leaders",
        (AttendeeRole.LEAD, AttendeeRole.CQC, AttendeeRole.LANO),
        "The lead inspector and the CQC inspector meet the nominated officer and colleagues agreed with them and the "
        "integrated care board representative; the partnership sets out its context.",
    ),
    MeetingKind(
        Kind.SELF_EVALUATION,
        "self_evaluation_meeting",
        (AttendeeRole.LEAD, AttendeeRole.LANO),
        "On the first day on site, arranged by the lead inspector and the nominated officer: self-evaluation, strategy "
        "and action plans. The director of children's services, the integrated care board representative, the parent "
        "carer forum, elected members and other leaders may attend.",
    ),
    MeetingKind(
        Kind.KIT,
        None,
        (AttendeeRole.LEAD, AttendeeRole.DCS, AttendeeRole.ICB, AttendeeRole.LANO),
        "At key points throughout: the lead inspector keeps in touch with the director of children's services, the "
        "integrated care board's chief executive (or their delegate) and the nominated officer.",
    ),
    MeetingKind(
        Kind.FINAL_FEEDBACK,
        "final_feedback",
        (AttendeeRole.LEAD, AttendeeRole.LANO, AttendeeRole.DCS, AttendeeRole.ELECTED_MEMBER, AttendeeRole.ICB, AttendeeRole.PCF),
        "At the end of the on-site week: the nominated officer; the director of children's services and elected members "
        "responsible for SEND; the integrated care board representative; parent carer forum representatives.",
    ),
)
KINDS_BY_KEY = {k.kind.value: k for k in KINDS}


def team_role(team_member_role: str) -> AttendeeRole:
    """The attendee role of a team member, from their role on the team."""
    return {"lead": AttendeeRole.LEAD, "cqc": AttendeeRole.CQC}.get(team_member_role, AttendeeRole.INSPECTOR)


def missing_roles(kind: str, present_roles) -> list[AttendeeRole]:
    """The required roles of a meeting of ``kind`` that no attendee has."""
    present = set(present_roles)
    return [role for role in KINDS_BY_KEY[kind].required if role not in present]


class VisitKind(models.TextChoices):
    EDUCATION = "education", "Education setting (including alternative provision)"
    HEALTH = "health", "Health service"
    SOCIAL_CARE = "social_care", "Social care service"
    EARLY_HELP = "early_help", "Early help service"
    TRACKING = "tracking", "Tracking meeting"
    OTHER = "other", "Other meeting"
