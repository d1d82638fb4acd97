"""Every write an inspection use case makes: permission-checked, in a transaction, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework
from areasend.accounts import services as audit
from areasend.accounts.models import AuditEvent
from areasend.accounts.roles import is_inspector
from areasend.areas import services as area_services
from areasend.inspections import permissions
from areasend.inspections.models import Inspection
from areasend.inspections.queries import timeline_for


@transaction.atomic
def create_inspection(actor, *, area, kind: str, lead_inspector) -> Inspection:
    if not permissions.can_create(actor):
        raise PermissionDenied("Only the national planning team can start an inspection.")
    if not area.is_current:
        raise ValidationError({"area": "This area no longer exists: choose the area that replaced it."})
    if not is_inspector(lead_inspector):
        raise ValidationError({"lead_inspector": "The lead inspector must be someone with the inspector role."})
    inspection = Inspection.objects.create(
        area=area, kind=kind, lead_inspector=lead_inspector, created_by=actor
    )
    audit.record(
        actor,
        AuditEvent.Action.CREATE,
        inspection,
        f"Started a {inspection.get_kind_display().lower()} of {area.name} led by {lead_inspector}",
    )
    return inspection


@transaction.atomic
def set_notification_date(actor, inspection: Inspection, notified: dt.date, *, today: dt.date) -> Inspection:
    """Record the day the lead inspector made (or will make) the notification call."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if not permissions.is_lead(actor, inspection):
        raise PermissionDenied("Only the lead inspector can set the notification date.")
    if inspection.outcome is not None:
        raise ValidationError({"notification_date": "The outcome is recorded, so the notification date can no longer change."})
    current = timeline_for(inspection)
    if current is not None and current.date("onsite_start") <= today:
        raise ValidationError({"notification_date": "The inspection is already on site, so the notification date can no longer change."})
    try:
        version = framework.version_on(notified)
        framework.inspection_timeline(notified=notified, kind=inspection.kind, version=version)
    except framework.FrameworkError as exc:
        raise ValidationError({"notification_date": str(exc)}) from None
    before = inspection.notification_date
    inspection.notification_date = notified
    inspection.framework = version.id
    inspection.save(update_fields=["notification_date", "framework"])
    audit.record(
        actor,
        AuditEvent.Action.CHANGE,
        inspection,
        f"Notification date set to {notified.isoformat()}" + (f" (was {before.isoformat()})" if before else ""),
    )
    return inspection


@transaction.atomic
def record_outcome(actor, inspection: Inspection, *, outcome: int, summary: str, today: dt.date) -> Inspection:
    """The lead inspector records the outcome once the on-site week is over.

    The report is published on the publication date the framework core gives (never before
    today); until then the outcome is not public.
    """
    inspection = Inspection.objects.select_for_update().select_related("area").get(pk=inspection.pk)
    if not permissions.is_lead(actor, inspection):
        raise PermissionDenied("Only the lead inspector can record the outcome.")
    if inspection.outcome is not None:
        raise ValidationError({"outcome": "The outcome has already been recorded."})
    timeline = timeline_for(inspection)
    if timeline is None:
        raise ValidationError({"outcome": "Set the notification date before recording an outcome."})
    onsite_end = timeline.date("onsite_end")
    if today < onsite_end:
        raise ValidationError(
            {"outcome": f"The outcome can be recorded once the on-site week ends on {onsite_end:%-d %B %Y}."}
        )
    framework.Outcome.from_number(outcome)
    publication = max(timeline.date("publication_due"), today)
    inspection.outcome = outcome
    inspection.outcome_summary = summary.strip()
    inspection.outcome_recorded_at = timezone.now()
    inspection.outcome_recorded_by = actor
    inspection.publication_date = publication
    inspection.save()
    area_services.record_published_inspection(
        area=inspection.area,
        framework=inspection.framework,
        kind=inspection.kind,
        start_date=timeline.date("onsite_start"),
        end_date=onsite_end,
        published=publication,
        outcome=outcome,
        summary=inspection.outcome_summary,
        recorded_inspection_id=inspection.pk,
        actor=actor,
    )
    audit.record(
        actor,
        AuditEvent.Action.CHANGE,
        inspection,
        f"Outcome {outcome} recorded; report to be published on {publication.isoformat()}",
    )
    return inspection
