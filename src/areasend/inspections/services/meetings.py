"""The inspection's meetings and who attends them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.inspections import access
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.queries import timeline_for




from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


# Meetings and the on-site timetable -------------------------------------------------------------


@dataclass(frozen=True)
class MeetingDetails:
    """What the lead inspector sets on a meeting. ``date`` None keeps the timeline's date."""

    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    video_link: str = ""
    notes: str = ""

def _meeting_date(inspection: Inspection, kind: str, details: MeetingDetails, timeline):
    """The date to store: None when it is the core's date, so the meeting follows the timeline."""
    from areasend.inspections.meetings import KINDS_BY_KEY
    from areasend.inspections.queries import inspection_window

    spec = KINDS_BY_KEY[kind]
    first, last = inspection_window(timeline)
    if details.date is None:
        if spec.milestone is None:
            raise ValidationError({"date": "Enter the date of the keep-in-touch meeting"})
        return None
    if not first <= details.date <= last:
        raise ValidationError(
            {"date": f"The date must be within the inspection's weeks, from {first:%-d %B %Y} to {last:%-d %B %Y}"}
        )
    if spec.milestone is not None and details.date == timeline.date(spec.milestone):
        return None
    return details.date


def _describe(meeting, timeline) -> str:
    from areasend.inspections.queries import meeting_date

    day = meeting_date(meeting, timeline)
    text = f"{meeting.get_kind_display()} on {day:%Y-%m-%d}" if day else meeting.get_kind_display()
    if meeting.start_time:
        text += f" at {meeting.start_time:%H:%M}"
    return text


@transaction.atomic
def schedule_meeting(actor, inspection: Inspection, *, kind: str, details: MeetingDetails):
    """Schedule one of the inspection's meetings; the lead inspector attends it from the start."""
    from areasend.inspections.meetings import KINDS_BY_KEY, AttendeeRole
    from areasend.inspections.models import Meeting, MeetingAttendee

    inspection = Inspection.objects.select_for_update().select_related("lead_inspector").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.SCHEDULE_MEETINGS, "Only the lead inspector can schedule the inspection's meetings.")
    spec = KINDS_BY_KEY.get(kind)
    if spec is None:
        raise ValidationError({"__all__": "Choose one of the inspection's meetings."})
    timeline = _timeline_or_refuse(inspection)
    if spec.milestone is not None:
        if spec.milestone not in {m.key for m in timeline.milestones}:
            raise ValidationError({"__all__": f"A {inspection.get_kind_display().lower()} has no {spec.label.lower()}."})
        if Meeting.objects.filter(inspection=inspection, kind=kind).exists():
            raise ValidationError({"__all__": f"The {spec.label.lower()} is already scheduled: change it instead."})
    _check_times(details.start_time, details.end_time)
    meeting = Meeting.objects.create(
        inspection=inspection,
        kind=kind,
        date=_meeting_date(inspection, kind, details, timeline),
        start_time=details.start_time,
        end_time=details.end_time,
        place=details.place.strip(),
        video_link=details.video_link.strip(),
        notes=details.notes.strip(),
    )
    lead = inspection.lead_inspector
    MeetingAttendee.objects.create(meeting=meeting, user=lead, name=str(lead), role=AttendeeRole.LEAD, email=lead.email)
    audit.record(actor, Verb.MEETING_SCHEDULED, inspection=inspection, target=meeting,
                 summary=f"Scheduled the {_describe(meeting, timeline)}", meeting=kind, date=_meeting_day(meeting, timeline))
    return meeting


def _locked_meeting(actor, inspection: Inspection, meeting_id: int):
    from areasend.inspections.models import Meeting

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.SCHEDULE_MEETINGS, "Only the lead inspector can change the inspection's meetings.")
    meeting = Meeting.objects.select_for_update().filter(inspection=inspection, pk=meeting_id).first()
    if meeting is None:
        raise ValidationError({"__all__": "That meeting is not part of this inspection."})
    return inspection, meeting


@transaction.atomic
def update_meeting(actor, inspection: Inspection, meeting_id: int, *, details: MeetingDetails):
    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    timeline = _timeline_or_refuse(inspection)
    _check_times(details.start_time, details.end_time)
    before = _describe(meeting, timeline)
    old = _meeting_fields(meeting, timeline)
    meeting.date = _meeting_date(inspection, meeting.kind, details, timeline)
    meeting.start_time, meeting.end_time = details.start_time, details.end_time
    meeting.place, meeting.video_link, meeting.notes = details.place.strip(), details.video_link.strip(), details.notes.strip()
    meeting.save()
    audit.record(actor, Verb.MEETING_CHANGED, inspection=inspection, target=meeting,
                 summary=f"Changed the {before}: now {_describe(meeting, timeline)}",
                 changed=audit.changes(**{k: (old[k], v) for k, v in _meeting_fields(meeting, timeline).items()}))
    return meeting


@transaction.atomic
def cancel_meeting(actor, inspection: Inspection, meeting_id: int) -> None:
    """Take a meeting off the schedule (a standard meeting goes back to the timeline's date, unscheduled)."""
    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    text = _describe(meeting, timeline_for(inspection))
    meeting.delete()
    audit.record(actor, Verb.MEETING_CANCELLED, inspection=inspection, summary=f"Cancelled the {text}", meeting=meeting.kind)


@transaction.atomic
def add_team_attendee(actor, inspection: Inspection, meeting_id: int, *, member_id: int):
    from areasend.inspections.meetings import team_role
    from areasend.inspections.models import MeetingAttendee

    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    member = TeamMember.objects.filter(inspection=inspection, pk=member_id).select_related("user").first()
    if member is None:
        raise ValidationError({"member": "Choose someone on the team"})
    if meeting.attendees.filter(user=member.user).exists():
        raise ValidationError({"member": f"{member.user} is already at this meeting"})
    attendee = MeetingAttendee.objects.create(
        meeting=meeting, user=member.user, name=str(member.user), role=team_role(member.role), email=member.user.email
    )
    audit.record(actor, Verb.ATTENDEE_ADDED, inspection=inspection, target=meeting,
                 summary=f"Added {attendee.name} to the {meeting.get_kind_display().lower()}", person=member.user.username)
    return attendee


@transaction.atomic
def add_local_attendee(actor, inspection: Inspection, meeting_id: int, *, name: str, role: str, email: str):
    """A named person from the local area. The inspection's LANO, by email, is linked to their account."""
    from areasend.inspections.meetings import LOCAL_ROLES, AttendeeRole
    from areasend.inspections.models import MeetingAttendee

    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    name, email = " ".join(name.split()), email.strip().lower()
    if not name:
        raise ValidationError({"name": "Enter the person's full name"})
    if role not in {r.value for r in LOCAL_ROLES}:
        raise ValidationError({"role": "Choose the person's role"})
    if email and meeting.attendees.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"Someone with the email address {email} is already at this meeting"})
    user = None
    lano = inspection.lano
    if role == AttendeeRole.LANO and lano is not None and email and email == lano.email.lower():
        user = lano if not meeting.attendees.filter(user=lano).exists() else None
    attendee = MeetingAttendee.objects.create(meeting=meeting, user=user, name=name, role=role, email=email)
    audit.record(
        actor, Verb.ATTENDEE_ADDED, inspection=inspection, target=meeting,
        summary=f"Added {name} ({attendee.get_role_display().lower()}) to the {meeting.get_kind_display().lower()}",
        name=name, role=role,
    )
    return attendee


@transaction.atomic
def remove_attendee(actor, inspection: Inspection, meeting_id: int, attendee_id: int) -> None:
    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    attendee = meeting.attendees.filter(pk=attendee_id).first()
    if attendee is None:
        raise ValidationError({"__all__": "That person is not at this meeting any more."})
    attendee.delete()
    audit.record(actor, Verb.ATTENDEE_REMOVED, inspection=inspection, target=meeting,
                 summary=f"Removed {attendee.name} from the {meeting.get_kind_display().lower()}", name=attendee.name)

def _visit_fields(visit, members) -> dict:
    return {"day": visit.day, "start_time": visit.start_time, "end_time": visit.end_time, "place": visit.place,
            "kind": visit.kind, "members": sorted(m.user.username for m in members)}


def _meeting_day(meeting, timeline):
    from areasend.inspections.queries import meeting_date

    return meeting_date(meeting, timeline)


def _meeting_fields(meeting, timeline) -> dict:
    return {"date": _meeting_day(meeting, timeline), "start_time": meeting.start_time, "end_time": meeting.end_time,
            "place": meeting.place, "video_link": meeting.video_link}
