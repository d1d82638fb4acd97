"""The world's area after an outcome-3 inspection, for the access test: a published priority action plan."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from areasend.areas.models import InspectionRecord
from tests.factories import pdf_bytes


def outcome_3(area, published: dt.date) -> InspectionRecord:
    """An imported full inspection with outcome 3, published on ``published``."""
    return InspectionRecord.objects.create(area=area, framework="2023", kind="full",
                                           start_date=published - dt.timedelta(days=70),
                                           end_date=published - dt.timedelta(days=66), published=published, outcome=3)


def pdf_upload(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes("plan"), content_type="application/pdf")


def build(world) -> dict:
    if "followup" in world:
        return world["followup"]
    from django.utils import timezone

    from areasend.followup import services
    from areasend.selfevaluation.models import Contributor, SelfEvaluation

    area, today = world["area"], timezone.localdate()
    saved, _ = SelfEvaluation.objects.get_or_create(area=area)
    if not Contributor.objects.filter(self_evaluation=saved, user=world["people"]["contributor"]).exists():
        Contributor.objects.create(self_evaluation=saved, user=world["people"]["contributor"], position="director",
                                   added_by=world["people"]["own_lano"])
    outcome_3(area, today - dt.timedelta(days=120))
    plan = services.submit_plan(world["people"]["own_lano"], area, kind="priority_action_plan",
                                uploaded_file=pdf_upload(), today=today)
    services.review_plan(world["planner"], area, kind="priority_action_plan", decision="accepted", decided_on=today,
                         reason="Sets out clear actions.", today=today)
    services.publish_plan(world["planner"], area, kind="priority_action_plan", published_on=today, today=today)
    world["followup"] = {"plan": plan}
    return world["followup"]


def followup_url(name, world) -> str:
    built = build(world)
    code = world["area"].ons_code
    if name == "followup:overdue":
        return reverse(name)
    if name in ("followup:plan-file", "followup:published-plan"):
        return reverse(name, args=[code, built["plan"].pk])
    if name in ("followup:plan-upload", "followup:plan-review", "followup:plan-publish"):
        return reverse(name, args=[code, "priority-action-plan"])
    return reverse(name, args=[code])
