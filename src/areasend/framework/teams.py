"""Who is on an inspection team, and which inspectors may take which place (spec 1.3, 2.1).

The lead inspector is one of His Majesty's Inspectors (HMI) at Ofsted. CQC inspectors take the CQC
place on the team, and only that place. Ofsted's other places (the Ofsted inspector and the
children's social care inspector) are taken by an HMI or an Ofsted Inspector.
"""

from __future__ import annotations

import enum

from .rules import FrameworkError

__all__ = ["InspectorKind", "Remit", "TEAM_PLACES", "TeamRole", "team_places"]


class InspectorKind(enum.Enum):
    """Which inspectorate an inspector works for, and in what capacity."""

    HMI = "hmi"
    OFSTED_INSPECTOR = "ofsted_inspector"
    CQC_INSPECTOR = "cqc_inspector"

    @property
    def label(self) -> str:
        return {
            InspectorKind.HMI: "His Majesty's Inspector (HMI), Ofsted",
            InspectorKind.OFSTED_INSPECTOR: "Ofsted Inspector",
            InspectorKind.CQC_INSPECTOR: "CQC inspector",
        }[self]

    @property
    def with_article(self) -> str:
        """The kind as it reads in a sentence: "an HMI", "an Ofsted Inspector", "a CQC inspector"."""
        return {
            InspectorKind.HMI: "an HMI",
            InspectorKind.OFSTED_INSPECTOR: "an Ofsted Inspector",
            InspectorKind.CQC_INSPECTOR: "a CQC inspector",
        }[self]

    @property
    def short_label(self) -> str:
        return {
            InspectorKind.HMI: "HMI",
            InspectorKind.OFSTED_INSPECTOR: "Ofsted Inspector",
            InspectorKind.CQC_INSPECTOR: "CQC",
        }[self]


class TeamRole(enum.Enum):
    """A place on an inspection team; the value is the key stored on the team member."""

    LEAD = "lead"
    OFSTED = "ofsted"
    SOCIAL_CARE = "social_care"
    CQC = "cqc"

    @property
    def label(self) -> str:
        return {
            TeamRole.LEAD: "Lead inspector (HMI)",
            TeamRole.OFSTED: "Ofsted inspector",
            TeamRole.SOCIAL_CARE: "Children's social care inspector",
            TeamRole.CQC: "CQC inspector",
        }[self]

    @property
    def taken_by(self) -> frozenset[InspectorKind]:
        """The kinds of inspector who may take this place."""
        ofsted = frozenset({InspectorKind.HMI, InspectorKind.OFSTED_INSPECTOR})
        return {
            TeamRole.LEAD: frozenset({InspectorKind.HMI}),
            TeamRole.OFSTED: ofsted,
            TeamRole.SOCIAL_CARE: ofsted,
            TeamRole.CQC: frozenset({InspectorKind.CQC_INSPECTOR}),
        }[self]

    def may_be_taken_by(self, kind: InspectorKind | None) -> bool:
        return kind is not None and kind in self.taken_by

    def refusal(self, kind: InspectorKind | None, who: str) -> str | None:
        """Why ``who`` (of ``kind``) cannot take this place, as a sentence to show; None when they can."""
        if self.may_be_taken_by(kind):
            return None
        if kind is None:
            return (f"Record whether {who} is an HMI, an Ofsted Inspector or a CQC inspector before giving "
                    f"them a place on a team")
        if self is TeamRole.LEAD:
            return f"The lead inspector must be an HMI: {who} is recorded as {kind.with_article}"
        if kind is InspectorKind.CQC_INSPECTOR:
            return f"{who} is a CQC inspector, so can only take the CQC inspector role"
        return f"The CQC inspector role is for a CQC inspector: {who} works for Ofsted"

    @property
    def remit(self) -> "Remit":
        """The remit of the inspector a planner puts in this place."""
        return Remit(self.value if self is not TeamRole.LEAD else "hmi")

    @classmethod
    def from_key(cls, key: str) -> TeamRole:
        try:
            return cls(str(key))
        except ValueError:
            raise FrameworkError(f"The team role must be one of {', '.join(r.value for r in cls)}, not {key!r}") from None


class Remit(enum.Enum):
    """What an inspector in the national workforce does on a team: the key a workforce file gives."""

    HMI = "hmi"
    OFSTED = "ofsted"
    SOCIAL_CARE = "social_care"
    CQC = "cqc"

    @property
    def label(self) -> str:
        return {
            Remit.HMI: "His Majesty's Inspector (lead)",
            Remit.OFSTED: "Ofsted SEND inspector",
            Remit.SOCIAL_CARE: "Children's social care inspector",
            Remit.CQC: "CQC inspector",
        }[self]

    @property
    def inspector_kind(self) -> InspectorKind:
        """How the inspector is recorded on a team: HMI, Ofsted Inspector or CQC inspector."""
        return {
            Remit.HMI: InspectorKind.HMI,
            Remit.OFSTED: InspectorKind.OFSTED_INSPECTOR,
            Remit.SOCIAL_CARE: InspectorKind.OFSTED_INSPECTOR,
            Remit.CQC: InspectorKind.CQC_INSPECTOR,
        }[self]

    @classmethod
    def from_key(cls, key: str) -> "Remit":
        try:
            return cls(str(key).strip().lower())
        except ValueError:
            raise FrameworkError(f"The remit must be one of {', '.join(r.value for r in cls)}, not {key!r}") from None


#: The places on a team for each kind of inspection, lead first (spec 1.3: lead HMI, Ofsted SEND
#: inspector, children's social care inspector, CQC inspector). The monitoring team is not stated
#: (spec 4.4, UNCONFIRMED): the service's reading is a lead HMI and a CQC inspector.
TEAM_PLACES: dict[str, tuple[TeamRole, ...]] = {
    "full": (TeamRole.LEAD, TeamRole.OFSTED, TeamRole.SOCIAL_CARE, TeamRole.CQC),
    "monitoring": (TeamRole.LEAD, TeamRole.CQC),
}


def team_places(kind: str) -> tuple[TeamRole, ...]:
    """The places a team for an inspection of ``kind`` must fill, lead first."""
    try:
        return TEAM_PLACES[str(kind)]
    except KeyError:
        raise FrameworkError(f"there is no planned team for a {kind!r} inspection") from None
