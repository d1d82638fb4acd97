"""Reads the information request's pages share."""

from __future__ import annotations

from areasend.inspections.models import Inspection
from areasend.intake.models import InformationUpload


def uploads_by_item(inspection: Inspection) -> dict[str, list[InformationUpload]]:
    """Each item's versions, latest first."""
    uploads: dict[str, list[InformationUpload]] = {}
    for upload in InformationUpload.objects.filter(inspection=inspection).select_related("uploaded_by"):
        uploads.setdefault(upload.item_key, []).append(upload)
    return uploads
