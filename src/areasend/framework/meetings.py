"""The meetings of a full inspection and who must attend each (spec 1.3, 4).

Each standard meeting is tied to a milestone of the inspection's timeline, which gives its usual
date. Keep-in-touch (KIT) meetings happen at key points throughout, so they have no milestone.
These are the meetings *within* one inspection; the annual engagement meetings between
inspections are part of the cycle (:func:`~areasend.framework.cycle_after`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .teams import TeamRole

__all__ = [
    "AttendeeRole",
    "INSPECTION_MEETINGS",
    "InspectionMeeting",
    "MeetingKind",
    "inspection_meeting",
    "missing_roles",
]


class AttendeeRole(enum.Enum):
    """Why someone is at a meeting; the value is the key stored on the attendee."""

    LEAD = "lead"
    INSPECTOR = "inspector"
    CQC = "cqc"
    LANO = "lano"
    DCS = "dcs"
    ELECTED_MEMBER = "elected_member"
    ICB = "icb"
    PCF = "pcf"
    LEADER = "leader"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _ATTENDEE_LABELS[self]

    @property
    def from_local_area(self) -> bool:
        """True for the partnership's people; False for the inspectorates'."""
        return self not in {AttendeeRole.LEAD, AttendeeRole.INSPECTOR, AttendeeRole.CQC}

    @classmethod
    def for_team_role(cls, role: TeamRole | str) -> AttendeeRole:
        """The attendee role of a team member, from their place on the team."""
        role = role if isinstance(role, TeamRole) else TeamRole.from_key(role)
        return {TeamRole.LEAD: cls.LEAD, TeamRole.CQC: cls.CQC}.get(role, cls.INSPECTOR)


_ATTENDEE_LABELS = {
    AttendeeRole.LEAD: "Lead inspector (HMI)",
    AttendeeRole.INSPECTOR: "Inspector on the team",
    AttendeeRole.CQC: "CQC inspector",
    AttendeeRole.LANO: "Local area nominated officer",
    AttendeeRole.DCS: "Director of children's services",
    AttendeeRole.ELECTED_MEMBER: "Elected member responsible for SEND",
    AttendeeRole.ICB: "Integrated care board representative",
    AttendeeRole.PCF: "Parent carer forum representative",
    AttendeeRole.LEADER: "Other leader or senior manager",
    AttendeeRole.OTHER: "Someone else",
}


class MeetingKind(enum.Enum):
    """A meeting of the inspection; the value is the key stored on the meeting."""

    PCF = "pcf"
    INITIAL = "initial"
    SELF_EVALUATION = "self_evaluation"
    KIT = "kit"
    FINAL_FEEDBACK = "final_feedback"

    @property
    def label(self) -> str:
        return inspection_meeting(self).label


@dataclass(frozen=True)
class InspectionMeeting:
    """One meeting of the inspection, as data."""

    kind: MeetingKind
    label: str
    milestone: str | None  # the timeline milestone giving the usual date; None for KIT meetings
    required: tuple[AttendeeRole, ...]
    about: str
    source: str

    @property
    def key(self) -> str:
        return self.kind.value


INSPECTION_MEETINGS: tuple[InspectionMeeting, ...] = (
    InspectionMeeting(
        MeetingKind.PCF,
        "Parent carer forum meeting",
        "pcf_meeting",
        (AttendeeRole.LEAD, AttendeeRole.PCF),
        "A virtual meeting with the parent carer forum and parent groups at the start, to identify themes and lines "
        "of enquiry.",
        "spec 1.3, 4 (start of inspection)",
    ),
    InspectionMeeting(
        MeetingKind.INITIAL,
        "Initial meeting with leaders",
        "initial_meeting_with_leaders",
        (AttendeeRole.LEAD, AttendeeRole.CQC, AttendeeRole.LANO),
        "The lead inspector and the CQC inspector meet the nominated officer and colleagues agreed with them and the "
        "integrated care board representative; the partnership sets out its context.",
        "spec 4 (week 2)",
    ),
    InspectionMeeting(
        MeetingKind.SELF_EVALUATION,
        "Self-evaluation and strategic planning meeting",
        "self_evaluation_meeting",
        (AttendeeRole.LEAD, AttendeeRole.LANO),
        "On the first day on site, arranged by the lead inspector and the nominated officer: self-evaluation, strategy "
        "and action plans. The director of children's services, the integrated care board representative, the parent "
        "carer forum, elected members and other leaders may attend.",
        "spec 1.3, 4 (week 3, day 1)",
    ),
    InspectionMeeting(
        MeetingKind.KIT,
        "Keep-in-touch meeting",
        None,
        (AttendeeRole.LEAD, AttendeeRole.DCS, AttendeeRole.ICB, AttendeeRole.LANO),
        "At key points throughout: the lead inspector keeps in touch with the director of children's services, the "
        "integrated care board's chief executive (or their delegate) and the nominated officer.",
        "spec 1.3, 4 (throughout)",
    ),
    InspectionMeeting(
        MeetingKind.FINAL_FEEDBACK,
        "Final feedback meeting",
        "final_feedback",
        (AttendeeRole.LEAD, AttendeeRole.LANO, AttendeeRole.DCS, AttendeeRole.ELECTED_MEMBER, AttendeeRole.ICB,
         AttendeeRole.PCF),
        "At the end of the on-site week: the nominated officer; the director of children's services and elected members "
        "responsible for SEND; the integrated care board representative; parent carer forum representatives.",
        "spec 1.3, 4 (end of week 3)",
    ),
)

_BY_KIND = {meeting.kind: meeting for meeting in INSPECTION_MEETINGS}


def inspection_meeting(kind: MeetingKind | str) -> InspectionMeeting:
    """The meeting of this kind (a :class:`MeetingKind` or its key)."""
    return _BY_KIND[kind if isinstance(kind, MeetingKind) else MeetingKind(kind)]


def missing_roles(kind: MeetingKind | str, present_roles) -> list[AttendeeRole]:
    """The required roles of a meeting of ``kind`` that none of ``present_roles`` (roles or keys) covers."""
    present = {role if isinstance(role, AttendeeRole) else AttendeeRole(str(role)) for role in present_roles}
    return [role for role in inspection_meeting(kind).required if role not in present]
