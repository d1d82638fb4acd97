"""Sampling visits: the providers file through the shared reader, visits onto the timetable, the core's coverage check (issue 13)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from areasend.inspections.models import Visit
from areasend.tracking import sampling
from areasend.tracking.models import Provider

HEADER = "provider_name,sector,alternative_provision,sen_support,health_tier,stages\n"
GOOD = (HEADER + "Riverside Primary,education,no,yes,,\n"
        "Hill Pupil Referral Unit,education,yes,no,,\n"
        "Health visiting,health,,,universal,assessment\n"
        "Children's therapies,health,,,specialist,intervention; transition\n"
        "Disabled children's team,social care,,,,identification;assessment;intervention;transition\n")


def _file(text, name="providers.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_providers_file_with_problems_is_kept_with_them_and_not_loaded(notified_inspection, lano):
    bad = HEADER + "Riverside Primary,schools,no,yes,,\nClinic,health,,,,assessment\nTeam,social care,,,,planning\n"
    upload = sampling.upload_providers(lano, notified_inspection, _file(bad))
    assert not upload.loaded and not Provider.objects.exists()
    reasons = {(p["row"], p["column"]): p["reason"] for p in upload.problems}
    assert "'schools' is not a sector" in reasons[(2, "sector")]
    assert "'planning' is not a stage" in reasons[(4, "stages")]
    assert "needs a tier" in reasons[(3, None)]
    assert sampling.loaded_file(notified_inspection) is None


def test_the_team_chooses_visits_which_go_on_the_timetable_and_the_core_names_what_is_missing(
        notified_inspection, lano, lead, planner):
    with pytest.raises(PermissionDenied):
        sampling.upload_providers(planner, notified_inspection, _file(GOOD))
    upload = sampling.upload_providers(lano, notified_inspection, _file(GOOD))
    assert upload.loaded and upload.providers.count() == 5
    assert not sampling.coverage(notified_inspection).ok  # nothing chosen yet: no education, health or social care
    day = dt.date(2026, 1, 27)
    for provider in upload.providers.all():
        if provider.name != "Children's therapies":
            sampling.choose(lead, notified_inspection, provider.pk, day=day)
    assert Visit.objects.filter(inspection=notified_inspection, day=day).count() == 4
    assert set(Visit.objects.values_list("kind", flat=True)) == {"education", "health", "social_care"}
    result = sampling.coverage(notified_inspection)
    assert result.ok  # every sector has a visit
    assert "No health visit to targeted, specialist teams" in result["sampling_health_tiers"].message
    assert "do not cover intervention, transition" in result["sampling_health_stages"].message
    with pytest.raises(PermissionDenied):
        sampling.choose(lano, notified_inspection, upload.providers.first().pk, day=day)


def test_the_sampling_page_for_the_lano_and_the_team(client, notified_inspection, lano, lead):
    client.force_login(lano)
    url = reverse("tracking:sampling", args=[notified_inspection.pk])
    response = client.post(url, {"file": _file(GOOD)})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Riverside Primary" in html and "What the chosen visits cover" not in html
    client.force_login(lead)
    provider = Provider.objects.get(name="Riverside Primary")
    client.post(reverse("tracking:sampling-visit", args=[notified_inspection.pk]),
                {"provider": provider.pk, "day": "2026-01-27"})
    html = client.get(url).content.decode()
    assert "What the chosen visits cover" in html and "On the timetable" in html
