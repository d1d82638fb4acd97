"""Reads other parts of the service may make of case tracking: the evidence log links entries to a case."""

from __future__ import annotations

from areasend.tracking.models import SamplingVisit, TrackingCase


def cases_for(inspection) -> list[TrackingCase]:
    """The inspection's tracking cases, in order (none before a proposal)."""
    return list(TrackingCase.objects.filter(selection__inspection=inspection).order_by("position"))


def case_for(inspection, case_id: int) -> TrackingCase | None:
    """One tracking case of this inspection, for an evidence entry that links to it."""
    return TrackingCase.objects.filter(selection__inspection=inspection, pk=case_id).first()


def sampling_visits_for(inspection) -> list[SamplingVisit]:
    return list(SamplingVisit.objects.filter(inspection=inspection).select_related("provider"))
