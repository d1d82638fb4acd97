"""Who is booked when: meetings and visits on every inspection, to warn about double bookings.

A double booking is a warning, not a refusal: the person may be able to move, or the times may be
rough. Two bookings clash when they are on the same day and their times overlap; a booking with no
start time could be at any time of that day, so it clashes with everything on that day. A booking
with a start but no end is taken as that moment. Back-to-back bookings (one ends as the next
starts) do not clash.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Booking:
    kind: str  # "meeting" or "visit"
    pk: int
    inspection: object
    day: dt.date
    start: dt.time | None
    end: dt.time | None
    title: str

    def describe(self) -> str:
        when = f"{self.day.day} {self.day:%B %Y}"
        if self.start is not None:
            when += f" at {self.start:%H:%M}" + (f" to {self.end:%H:%M}" if self.end else "")
        else:
            when += " (time not set)"
        return f"{self.title}, {self.inspection.area.name}, on {when}"


def overlaps(a_start: dt.time | None, a_end: dt.time | None, b_start: dt.time | None, b_end: dt.time | None) -> bool:
    """Whether two bookings on the same day overlap (see the module's note on missing times)."""
    if a_start is None or b_start is None:
        return True
    a_end, b_end = a_end or a_start, b_end or b_start
    if a_end == b_start and a_start < a_end:
        return False  # a ends as b starts
    if b_end == a_start and b_start < b_end:
        return False  # b ends as a starts
    return a_start <= b_end and b_start <= a_end


def _meeting_bookings(user_id: int | None, email: str) -> list[Booking]:
    from django.db.models import Q

    from areasend.inspections.models import MeetingAttendee
    from areasend.inspections.queries import meeting_date, timeline_for

    match = Q(pk__in=[])
    if user_id is not None:
        match |= Q(user_id=user_id)
    if email:
        match |= Q(email__iexact=email)
    out = []
    timelines: dict[int, object] = {}
    attendees = MeetingAttendee.objects.filter(match).select_related("meeting__inspection__area")
    for attendee in attendees:
        meeting = attendee.meeting
        inspection = meeting.inspection
        if inspection.pk not in timelines:
            timelines[inspection.pk] = timeline_for(inspection)
        day = meeting_date(meeting, timelines[inspection.pk])
        if day is not None:
            out.append(Booking("meeting", meeting.pk, inspection, day, meeting.start_time, meeting.end_time,
                               meeting.get_kind_display()))
    return out


def _visit_bookings(user_id: int | None) -> list[Booking]:
    from areasend.inspections.models import Visit

    if user_id is None:
        return []
    visits = Visit.objects.filter(members__user_id=user_id).select_related("inspection__area").distinct()
    return [Booking("visit", v.pk, v.inspection, v.day, v.start_time, v.end_time, f"Visit to {v.place}") for v in visits]


def clashes(*, user_id: int | None, email: str, day: dt.date, start: dt.time | None, end: dt.time | None,
            exclude: tuple[str, int]) -> list[Booking]:
    """The person's other bookings that overlap ``day`` from ``start`` to ``end``, on any inspection."""
    found = {}
    for booking in _meeting_bookings(user_id, (email or "").strip()) + _visit_bookings(user_id):
        if (booking.kind, booking.pk) == exclude or booking.day != day:
            continue
        if overlaps(start, end, booking.start, booking.end):
            found[(booking.kind, booking.pk)] = booking
    return sorted(found.values(), key=lambda b: (b.start or dt.time.min, b.title))


def for_attendee(attendee, timeline) -> list[Booking]:
    """Other bookings that clash with ``attendee``'s meeting."""
    from areasend.inspections.queries import meeting_date

    meeting = attendee.meeting
    day = meeting_date(meeting, timeline)
    if day is None:
        return []
    return clashes(user_id=attendee.user_id, email=attendee.email, day=day, start=meeting.start_time,
                   end=meeting.end_time, exclude=("meeting", meeting.pk))


def for_visit(visit) -> list[tuple[object, list[Booking]]]:
    """(user, their clashing bookings) for each person going on ``visit`` who is booked elsewhere at the time."""
    out = []
    for member in visit.members.select_related("user"):
        found = clashes(user_id=member.user_id, email=member.user.email, day=visit.day, start=visit.start_time,
                        end=visit.end_time, exclude=("visit", visit.pk))
        if found:
            out.append((member.user, found))
    return out


def warning(name: str, found: list[Booking]) -> str:
    """The sentence added to a success message when someone is double-booked; empty when they are not."""
    if not found:
        return ""
    return (f" {name} is already booked at an overlapping time: " + "; ".join(b.describe() for b in found)
            + ". Check they can be at both, or change the time.")
