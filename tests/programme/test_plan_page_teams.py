"""The plan page with named inspectors: a file of inspectors on the new-plan form, a team on each row."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from areasend import framework as fw
from areasend.programme.models import PlanRun

HEADER = "name,remit,region,unavailable,conflicts\n"


@pytest.fixture
def signed_in(client, planner):
    client.force_login(planner)
    return client


def _date(prefix, day):
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def _form(until, upload):
    return {**_date("until", until), "full_per_week": "2", "monitoring_per_week": "1", "region_cap": "2",
            "workforce": upload}


def test_a_plan_with_a_file_of_inspectors_shows_each_inspections_team(signed_in, register):
    rows = [f"{remit.title()} {n},{remit},,," for remit in ("hmi", "ofsted", "social_care", "cqc") for n in (1, 2, 3)]
    upload = SimpleUploadedFile("inspectors.csv", (HEADER + "\n".join(rows) + "\n").encode(), "text/csv")
    until = timezone.localdate() + dt.timedelta(days=200)
    response = signed_in.post(reverse("programme:new"), _form(until, upload))
    run = PlanRun.objects.get()
    assert response.status_code == 302
    assert len(run.parameters["workforce"]) == 12
    items = run.result["items"]
    assert items
    for item in items:
        assert [m["remit"] for m in item["team"]] == [r.remit.value for r in fw.team_places(item["kind"])]
    body = signed_in.get(response["Location"]).content.decode()
    assert '<th scope="col" class="govuk-table__header">Team</th>' in body
    first = items[0]["team"][0]
    assert f"{first['name']} (His Majesty" in body  # the lead, named, with their place in words


def test_a_plan_without_inspectors_has_no_team_column(signed_in, register):
    until = timezone.localdate() + dt.timedelta(days=200)
    response = signed_in.post(reverse("programme:new"), {**_date("until", until), "full_per_week": "2",
                                                         "monitoring_per_week": "1", "region_cap": "2"})
    body = signed_in.get(response["Location"]).content.decode()
    assert '<th scope="col" class="govuk-table__header">Team</th>' not in body
    assert all(item["team"] == [] for item in PlanRun.objects.get().result["items"])


def test_a_bad_file_of_inspectors_says_which_row_and_column_and_saves_nothing(signed_in, register):
    upload = SimpleUploadedFile("inspectors.csv", (HEADER + "Ann,lead,,,\nBea,hmi,,2027-01-05,\n").encode(),
                                "text/csv")
    until = timezone.localdate() + dt.timedelta(days=200)
    response = signed_in.post(reverse("programme:new"), _form(until, upload))
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "inspectors.csv row 2, column remit" in body
    assert "inspectors.csv row 3, column unavailable" in body and "give the Monday of each week" in body
    assert 'href="#id_workforce"' in body
    assert not PlanRun.objects.exists()
