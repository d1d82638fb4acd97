"""Small helpers the use cases share: dates in words, messages that must be sent, the timeline."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from areasend.inspections.models import Inspection
from areasend.inspections.queries import timeline_for
from areasend.notifications import services as notifications





def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"

def _send_or_refuse(template_id: str, **kwargs):
    """Send a message that is part of a change; if it cannot be sent, the whole change is undone."""
    try:
        return notifications.send(template_id, **kwargs)
    except notifications.DeliveryFailed as exc:
        raise ValidationError({"__all__": f"{exc}. Nothing has been saved: try again in a few minutes."}) from exc

def _timeline_or_refuse(inspection: Inspection, field: str = "__all__"):
    timeline = timeline_for(inspection)
    if timeline is None:
        raise ValidationError({field: "Set the notification date first: meeting and visit dates come from the inspection's timeline."})
    return timeline


def _check_times(start: dt.time | None, end: dt.time | None) -> None:
    if end is not None and start is None:
        raise ValidationError({"start_time": "Enter the start time as well as the end time"})
    if end is not None and end <= start:
        raise ValidationError({"end_time": "The end time must be after the start time"})
