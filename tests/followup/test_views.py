"""The after-inspection pages: forms that say what to do, nothing half-saved, the public page's link."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from areasend.followup.models import PlanVersion, SupportActivity
from tests.followup.world import pdf_upload

pytestmark = pytest.mark.django_db


def _date(prefix: str, day) -> dict:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_the_lano_uploads_and_sees_the_status(client, cycle_area, lano):
    client.force_login(lano)
    page = client.get(reverse("followup:area", args=[cycle_area.ons_code]))
    assert page.status_code == 200 and "Upload a new version" in page.content.decode()
    url = reverse("followup:plan-upload", args=[cycle_area.ons_code, "priority-action-plan"])
    response = client.post(url, {"file": pdf_upload()})
    assert response.status_code == 302
    page = client.get(reverse("followup:area", args=[cycle_area.ons_code])).content.decode()
    assert "Submitted" in page and "Waiting for the national team" in page


def test_a_wrong_file_type_gets_a_clear_message(client, cycle_area, lano):
    client.force_login(lano)
    url = reverse("followup:plan-upload", args=[cycle_area.ons_code, "priority-action-plan"])
    response = client.post(url, {"file": SimpleUploadedFile("plan.xlsx", b"PK\x03\x04nonsense")})
    text = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in text and "must be a PDF, DOCX, ODT" in text
    response = client.post(url, {})
    assert "Select a file to upload" in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_the_planner_must_give_a_reason(client, cycle_area, lano, planner):
    from areasend.followup import services

    services.submit_plan(lano, cycle_area, kind="priority_action_plan", uploaded_file=pdf_upload(),
                         today=timezone.localdate())
    client.force_login(planner)
    url = reverse("followup:plan-review", args=[cycle_area.ons_code, "priority-action-plan"])
    response = client.post(url, {"decision": "accepted", **_date("decided_on", timezone.localdate()), "reason": ""})
    assert response.status_code == 200 and "Enter the reason for the decision" in response.content.decode()
    assert PlanVersion.objects.get().decision == ""
    response = client.post(url, {"decision": "accepted", **_date("decided_on", timezone.localdate()),
                                 "reason": "Clear actions."})
    assert response.status_code == 302 and PlanVersion.objects.get().decision == "accepted"
    publish = reverse("followup:plan-publish", args=[cycle_area.ons_code, "priority-action-plan"])
    assert client.post(publish, _date("published_on", timezone.localdate())).status_code == 302
    client.logout()
    detail = client.get(reverse("areas:detail", args=[cycle_area.ons_code])).content.decode()
    link = reverse("followup:published-plan", args=[cycle_area.ons_code, PlanVersion.objects.get().pk])
    assert "Priority action plan, version 1" in detail and link in detail
    download = client.get(link)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_an_unpublished_plan_is_not_public(client, cycle_area, lano):
    from areasend.followup import services

    plan = services.submit_plan(lano, cycle_area, kind="priority_action_plan", uploaded_file=pdf_upload(),
                                today=timezone.localdate())
    assert client.get(reverse("followup:published-plan", args=[cycle_area.ons_code, plan.pk])).status_code == 404


def test_support_form_rejects_missing_kind_and_date(client, cycle_area, planner, inspector):
    client.force_login(planner)
    url = reverse("followup:support", args=[cycle_area.ons_code])
    text = client.post(url, {"note": "Spoke to the director."}).content.decode()
    assert "Choose the kind of support and challenge" in text and "Enter the date of the activity" in text
    assert not SupportActivity.objects.exists()
    assert client.post(url, {"kind": "stocktake", **_date("on", timezone.localdate()), "note": ""}).status_code == 302
    page = client.get(reverse("followup:area", args=[cycle_area.ons_code])).content.decode()
    assert "Stocktake" in page
    client.force_login(inspector)
    assert client.get(url).status_code == 403


def test_overdue_page_for_the_planner_only(client, cycle_area, planner, inspector):
    client.force_login(planner)
    response = client.get(reverse("followup:overdue"))
    assert response.status_code == 200 and cycle_area.name in response.content.decode()
    client.force_login(inspector)
    assert client.get(reverse("followup:overdue")).status_code == 403


def test_the_area_page_links_to_after_the_inspection_for_those_allowed(client, cycle_area, lano, other_lano):
    detail = reverse("areas:detail", args=[cycle_area.ons_code])
    link = reverse("followup:area", args=[cycle_area.ons_code])
    assert link not in client.get(detail).content.decode()
    client.force_login(other_lano)
    assert link not in client.get(detail).content.decode()
    client.force_login(lano)
    assert link in client.get(detail).content.decode()
