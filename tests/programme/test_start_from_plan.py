"""Starting an inspection from the accepted plan: the whole planned team is on the form, looked up on
the server from the area, the planner only confirms, and saving puts every member on the team."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from areasend.access.roles import Role
from areasend.accounts.models import AuditEvent, Verb
from areasend.areas.models import LocalAreaPartnership
from areasend.inspections.models import Inspection, TeamMember
from areasend.programme.models import PlanRun
from tests.factories import make_user

HEADER = "name,remit,region,unavailable,conflicts\n"
KINDS = {"hmi": "hmi", "ofsted": "ofsted_inspector", "social_care": "ofsted_inspector", "cqc": "cqc_inspector"}


@pytest.fixture
def signed_in(client, planner):
    client.force_login(planner)
    return client


def _accepted_plan(client, rows):
    until = timezone.localdate() + dt.timedelta(days=120)
    upload = SimpleUploadedFile("inspectors.csv", (HEADER + "\n".join(rows) + "\n").encode(), "text/csv")
    client.post(reverse("programme:new"), {"until_day": str(until.day), "until_month": str(until.month),
                                           "until_year": str(until.year), "full_per_week": "2",
                                           "monitoring_per_week": "1", "region_cap": "2", "workforce": upload})
    run = PlanRun.objects.get()
    client.post(reverse("programme:accept", args=[run.pk]), {"confirm": "yes"})
    run.refresh_from_db()
    assert run.is_current and run.result["items"]
    return run


def _team_of_one_each():
    """One workforce row per remit, and an account with the same name and the right kind for each."""
    users = {}
    for remit, kind in KINDS.items():
        users[remit] = make_user(Role.INSPECTOR, username=f"{remit.replace('_', '')}one", first_name=remit.title(),
                                 last_name="One", inspector_kind=kind)
    rows = [f"{remit.title()} One,{remit},,," for remit in KINDS]
    return users, rows


def _selected(body: str, field: str) -> str | None:
    select = re.search(rf'<select[^>]*name="{field}"[^>]*>(.*?)</select>', body, re.S)
    assert select, field
    chosen = re.search(r'<option value="(\d+)" selected', select.group(1))
    return chosen.group(1) if chosen else None


def test_starting_from_the_plan_fills_in_the_whole_team_and_saving_creates_it(signed_in, register):
    users, rows = _team_of_one_each()
    run = _accepted_plan(signed_in, rows)
    item = next(i for i in run.result["items"] if i["kind"] == "full")
    area = LocalAreaPartnership.objects.get(ons_code=item["area_code"], abolished_on__isnull=True)

    plan_page = signed_in.get(reverse("programme:index")).content.decode()
    link = f'{reverse("inspections:create")}?area={area.pk}"'
    assert link in plan_page  # the link names the area only: the team comes from the accepted plan
    assert "lead=" not in plan_page

    form = signed_in.get(reverse("inspections:create"), {"area": area.pk}).content.decode()
    assert _selected(form, "area") == str(area.pk)
    assert _selected(form, "lead_inspector") == str(users["hmi"].pk)
    assert _selected(form, "team_ofsted") == str(users["ofsted"].pk)
    assert _selected(form, "team_social_care") == str(users["social_care"].pk)
    assert _selected(form, "team_cqc") == str(users["cqc"].pk)
    week = dt.date.fromisoformat(item["onsite_start"])
    assert f"on site in the week of {week.day} {week:%B %Y}" in form

    response = signed_in.post(reverse("inspections:create") + f"?area={area.pk}", {
        "area": area.pk, "kind": "full", "lead_inspector": users["hmi"].pk, "team_ofsted": users["ofsted"].pk,
        "team_social_care": users["social_care"].pk, "team_cqc": users["cqc"].pk})
    inspection = Inspection.objects.get(area=area)
    assert response.status_code == 302 and response["Location"] == reverse("inspections:detail", args=[inspection.pk])
    team = {m.role: m.user for m in TeamMember.objects.filter(inspection=inspection)}
    assert team == {"lead": users["hmi"], "ofsted": users["ofsted"], "social_care": users["social_care"],
                    "cqc": users["cqc"]}
    added = AuditEvent.objects.filter(inspection=inspection, verb=Verb.TEAM_MEMBER_ADDED)
    assert sorted(e.payload["role"] for e in added) == ["cqc", "ofsted", "social_care"]

    # Started: the area shows as under way on the plan, and its link has gone.
    plan_page = signed_in.get(reverse("programme:index")).content.decode()
    assert link not in plan_page


def test_a_planned_name_with_no_fitting_account_is_left_for_the_planner_to_choose(signed_in, register):
    users, rows = _team_of_one_each()
    users["cqc"].inspector_profile.kind = "ofsted_inspector"  # the same name, but not a CQC inspector
    users["cqc"].inspector_profile.save()
    run = _accepted_plan(signed_in, rows)
    area = LocalAreaPartnership.objects.get(ons_code=run.result["items"][0]["area_code"], abolished_on__isnull=True)
    form = signed_in.get(reverse("inspections:create"), {"area": area.pk}).content.decode()
    assert _selected(form, "lead_inspector") == str(users["hmi"].pk)
    assert _selected(form, "team_cqc") is None
    assert "The plan names Cqc One as CQC inspector, but no one in this service with that name can take the place" in form


def test_the_team_is_checked_again_when_the_form_is_sent_and_nothing_is_half_saved(signed_in, register):
    users, _ = _team_of_one_each()
    area = LocalAreaPartnership.objects.filter(abolished_on__isnull=True).first()
    data = {"area": area.pk, "kind": "full", "lead_inspector": users["hmi"].pk}
    # A CQC inspector put in an Ofsted place, as a changed form could send.
    response = signed_in.post(reverse("inspections:create"), {**data, "team_ofsted": users["cqc"].pk})
    assert response.status_code == 200
    assert "Choose the Ofsted inspector from the list, or No one yet" in response.content.decode()
    # The same person twice.
    response = signed_in.post(reverse("inspections:create"), {**data, "team_ofsted": users["ofsted"].pk,
                                                              "team_social_care": users["ofsted"].pk})
    assert response.status_code == 200
    assert "Ofsted One is already on the team as Ofsted inspector: choose someone else" in response.content.decode()
    assert not Inspection.objects.exists() and not TeamMember.objects.exists()


def test_without_an_accepted_plan_the_form_starts_empty(signed_in, register):
    area = LocalAreaPartnership.objects.filter(abolished_on__isnull=True).first()
    form = signed_in.get(reverse("inspections:create"), {"area": area.pk}).content.decode()
    assert _selected(form, "area") == str(area.pk)
    assert _selected(form, "lead_inspector") is None and 'id="from-plan"' not in form
    assert signed_in.get(reverse("inspections:create"), {"area": "not a number"}).status_code == 200


def test_the_service_refuses_a_place_the_core_does_not_allow_and_saves_nothing(planner, register):
    from django.core.exceptions import ValidationError

    from areasend.inspections import services

    users, _ = _team_of_one_each()
    area = LocalAreaPartnership.objects.filter(abolished_on__isnull=True).first()
    with pytest.raises(ValidationError) as refused:
        services.create_inspection(planner, area=area, kind="full", lead_inspector=users["hmi"],
                                   team={"ofsted": users["ofsted"], "cqc": users["social_care"]})
    assert refused.value.message_dict == {
        "team_cqc": ["The CQC inspector role is for a CQC inspector: Social_Care One works for Ofsted"]}
    assert not Inspection.objects.exists() and not TeamMember.objects.exists()
