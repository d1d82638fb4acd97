"""Visits on the agreed on-site timetable."""

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




from areasend.inspections.services.meetings import _visit_fields  # noqa: F401
from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


@dataclass(frozen=True)
class VisitDetails:
    day: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    kind: str
    member_ids: tuple[int, ...] = ()
    notes: str = ""


def _check_visit(inspection: Inspection, details: VisitDetails):
    from areasend.inspections.meetings import VisitKind
    from areasend.inspections.queries import onsite_day_list

    timeline = _timeline_or_refuse(inspection, "day")
    days = onsite_day_list(timeline)
    if details.day is None:
        raise ValidationError({"day": "Choose the day of the visit"})
    if details.day not in days:
        raise ValidationError({"day": f"Choose one of the on-site days, {days[0]:%-d %B} to {days[-1]:%-d %B %Y}"})
    if not details.place.strip():
        raise ValidationError({"place": "Enter the place or setting"})
    if details.kind not in VisitKind.values:
        raise ValidationError({"kind": "Choose what kind of visit it is"})
    _check_times(details.start_time, details.end_time)
    members = list(TeamMember.objects.filter(inspection=inspection, pk__in=details.member_ids).select_related("user"))
    if len(members) != len(set(details.member_ids)):
        raise ValidationError({"members": "Choose people on the team"})
    if not members:
        raise ValidationError({"members": "Choose who on the team is going"})
    return members

def _visit_text(visit) -> str:
    when = f"{visit.day:%Y-%m-%d}" + (f" {visit.start_time:%H:%M}" if visit.start_time else "")
    return f"visit ({visit.get_kind_display().lower()}) to {visit.place} on {when}"


@transaction.atomic
def add_visit(actor, inspection: Inspection, *, details: VisitDetails):
    from areasend.inspections.models import Visit

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.EDIT_TIMETABLE, "Only the inspection team can change the on-site timetable.")
    members = _check_visit(inspection, details)
    visit = Visit.objects.create(
        inspection=inspection, day=details.day, start_time=details.start_time, end_time=details.end_time,
        place=details.place.strip(), kind=details.kind, notes=details.notes.strip(),
    )
    visit.members.set(members)
    audit.record(actor, Verb.VISIT_ADDED, inspection=inspection, target=visit,
                 summary=f"Added the {_visit_text(visit)} to the on-site timetable", **_visit_fields(visit, members))
    return visit


@transaction.atomic
def update_visit(actor, inspection: Inspection, visit_id: int, *, details: VisitDetails):
    from areasend.inspections.models import Visit

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.EDIT_TIMETABLE, "Only the inspection team can change the on-site timetable.")
    visit = Visit.objects.select_for_update().filter(inspection=inspection, pk=visit_id).first()
    if visit is None:
        raise ValidationError({"__all__": "That visit is not on the timetable any more."})
    members = _check_visit(inspection, details)
    before = _visit_text(visit)
    old = _visit_fields(visit, list(visit.members.all()))
    visit.day, visit.start_time, visit.end_time = details.day, details.start_time, details.end_time
    visit.place, visit.kind, visit.notes = details.place.strip(), details.kind, details.notes.strip()
    visit.save()
    visit.members.set(members)
    audit.record(actor, Verb.VISIT_CHANGED, inspection=inspection, target=visit,
                 summary=f"Changed the {before}: now {_visit_text(visit)}",
                 changed=audit.changes(**{k: (old[k], v) for k, v in _visit_fields(visit, members).items()}))
    return visit


@transaction.atomic
def remove_visit(actor, inspection: Inspection, visit_id: int) -> None:
    from areasend.inspections.models import Visit

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.EDIT_TIMETABLE, "Only the inspection team can change the on-site timetable.")
    visit = Visit.objects.filter(inspection=inspection, pk=visit_id).first()
    if visit is None:
        raise ValidationError({"__all__": "That visit is not on the timetable any more."})
    text = _visit_text(visit)
    visit.delete()
    audit.record(actor, Verb.VISIT_REMOVED, inspection=inspection, summary=f"Removed the {text} from the on-site timetable")
