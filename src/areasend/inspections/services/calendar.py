"""Each person's meetings and visits as a calendar file."""

from __future__ import annotations

import datetime as dt


from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.inspections import access
from areasend.inspections.models import Inspection
from areasend.inspections.queries import timeline_for




from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


def calendar_file(actor, inspection: Inspection, *, now: dt.datetime) -> str:
    """``actor``'s meetings and visits on this inspection as an iCalendar file; the download is recorded."""
    from django.conf import settings
    from django.http import Http404
    from django.urls import reverse

    from areasend.inspections import ics
    from areasend.inspections.queries import calendar_items

    if not access.can(actor, inspection, Capability.SEE_MEETINGS):
        raise Http404("No inspection here")
    timeline = timeline_for(inspection)
    meetings, visits = calendar_items(inspection, actor, timeline) if timeline else ([], [])
    notes = access.can(actor, inspection, Capability.SEE_INTERNAL_NOTES)
    host = settings.AREASEND_BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "areasend"
    link = settings.AREASEND_BASE_URL + reverse("inspections:meetings", args=[inspection.pk])
    events = []
    for row in meetings:
        m = row.meeting
        description = [f"{inspection} ({inspection.area.name})", "Attending: " + ", ".join(a.name for a in row.attendees)]
        if m.video_link:
            description.append(f"Video link: {m.video_link}")
        if notes and m.notes:
            description.append(f"Team notes: {m.notes}")
        events.append(ics.Event(
            uid=f"meeting-{m.pk}@{host}", day=row.date, start=m.start_time, end=m.end_time,
            summary=f"{row.spec.label}: {inspection.area.name}",
            location=m.place or m.video_link, description="\n".join(description), url=link,
        ))
    for visit in visits:
        description = [f"{inspection} ({inspection.area.name})", "Going: " + ", ".join(str(x.user) for x in visit.members.all())]
        if notes and visit.notes:
            description.append(f"Team notes: {visit.notes}")
        events.append(ics.Event(
            uid=f"visit-{visit.pk}@{host}", day=visit.day, start=visit.start_time, end=visit.end_time,
            summary=f"{visit.get_kind_display()}: {visit.place}", location=visit.place,
            description="\n".join(description),
            url=settings.AREASEND_BASE_URL + reverse("inspections:timetable", args=[inspection.pk]),
        ))
    audit.record_download(
        actor, f"their calendar file ({len(meetings)} meetings, {len(visits)} visits)", file_format="ics",
        inspection=inspection, meetings=len(meetings), visits=len(visits),
    )
    return ics.calendar(events, name=f"{inspection.area.name}: inspection meetings and visits", now=now)
