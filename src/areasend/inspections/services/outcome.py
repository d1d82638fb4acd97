"""The outcome of a full inspection, or the findings of a monitoring inspection."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework
from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.areas import services as area_services
from areasend.inspections import access
from areasend.inspections.models import Inspection
from areasend.inspections.queries import timeline_for




from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


def _check_findings_for_kind(inspection: Inspection, outcome: int | None, recommendations: str) -> None:
    """A full inspection ends in one of the three outcomes; a monitoring inspection in findings and
    further recommendations, with no outcome (the core's ``InspectionKind.ends_in``)."""
    if inspection.is_graded:
        if outcome is None:
            raise ValidationError({"outcome": "Choose the outcome the team reached"})
        try:
            framework.Outcome.from_number(outcome)
        except framework.FrameworkError:
            raise ValidationError({"outcome": "Choose one of the three outcomes"}) from None
        if recommendations.strip():
            raise ValidationError({"recommendations": "A full inspection's recommendations go in its report summary"})
        return
    if outcome is not None:
        raise ValidationError({"outcome": "A monitoring inspection is not given one of the three outcomes: record its "
                                          "findings on progress and its further recommendations instead"})
    if not recommendations.strip():
        raise ValidationError({"recommendations": "Enter the further recommendations for the partnership"})


def _check_on_site_week_over(inspection: Inspection, timeline, today: dt.date) -> None:
    """Findings are recorded from the last on-site day (final feedback), never before."""
    earliest = framework.earliest_outcome_date(timeline)
    if today < earliest:
        field, what = ("outcome", "outcome") if inspection.is_graded else ("summary", "findings")
        raise ValidationError({field: f"The {what} can be recorded once the on-site week ends on {earliest:%-d %B %Y}."})


def _history_summary(inspection: Inspection) -> str:
    """The text the area's public history shows: a monitoring inspection's findings and recommendations."""
    if inspection.is_graded:
        return inspection.outcome_summary
    return (f"Progress with the areas for priority action: {inspection.outcome_summary} "
            f"Further recommendations: {inspection.recommendations}")


@transaction.atomic
def record_outcome(
    actor, inspection: Inspection, *, outcome: int | None, summary: str, today: dt.date, recommendations: str = ""
) -> Inspection:
    """Record the outcome (full inspection) or the findings (monitoring inspection) once the on-site
    week is over. The evidence app calls this when a quality assurance reader signs the decision off.

    Recording publishes nothing: the publication date stays empty and the area's public history is
    not touched until :func:`publish_findings` (the report's publish step) runs.
    """
    inspection = Inspection.objects.select_for_update().select_related("area").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.RECORD_OUTCOME, "Only the lead inspector can record the outcome.")
    if inspection.findings_recorded:
        raise ValidationError({"outcome": "The outcome has already been recorded."})
    timeline = timeline_for(inspection)
    if timeline is None:
        raise ValidationError({"outcome": "Set the notification date before recording an outcome."})
    _check_on_site_week_over(inspection, timeline, today)
    _check_findings_for_kind(inspection, outcome, recommendations)
    inspection.outcome = outcome
    inspection.outcome_summary = summary.strip()
    inspection.recommendations = recommendations.strip()
    inspection.outcome_recorded_at = timezone.now()
    inspection.outcome_recorded_by = actor
    inspection.save()
    audit.record(
        actor, Verb.OUTCOME_RECORDED, inspection=inspection,
        summary=f"{f'Outcome {outcome}' if outcome else 'Monitoring findings'} recorded; nothing is public until the report is published",
        changed=audit.changes(outcome=(None, outcome)),
    )
    return inspection


@transaction.atomic
def publish_findings(actor, inspection: Inspection, *, today: dt.date) -> Inspection:
    """Make recorded findings public on ``today``: the publication date and the area's public history.
    The report's explicit publish step calls it; nothing publishes on a date by itself."""
    inspection = Inspection.objects.select_for_update().select_related("area").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.RECORD_OUTCOME, "Only the lead inspector can publish the findings.")
    if not inspection.findings_recorded:
        raise ValidationError({"outcome": "Record the outcome before publishing it."})
    if inspection.publication_date is not None:
        raise ValidationError({"outcome": "The findings are already published."})
    timeline = timeline_for(inspection)
    publication = today
    inspection.publication_date = publication
    inspection.save(update_fields=["publication_date"])
    area_services.record_published_inspection(
        area=inspection.area,
        framework=inspection.framework,
        kind=inspection.kind,
        start_date=timeline.date("onsite_start"),
        end_date=timeline.date("onsite_end"),
        published=publication,
        outcome=inspection.outcome,
        summary=_history_summary(inspection),
        recorded_inspection_id=inspection.pk,
        actor=actor,
    )
    audit.record(
        actor, Verb.OUTCOME_RECORDED, inspection=inspection,
        summary=f"Findings published on {publication:%-d %B %Y}",
        changed=audit.changes(publication_date=(None, publication)),
    )
    return inspection
