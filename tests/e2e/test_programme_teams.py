"""Planning with named inspectors in a real browser, with axe on every page: a planner uploads a file
of inspectors with one mistake, is told which row and column, corrects it and reads each team."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone

from areasend.access.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SMALL = Path(__file__).resolve().parents[1] / "areas" / "fixtures" / "small"
HEADER = "name,remit,region,unavailable,conflicts\n"


@pytest.fixture
def planner(transactional_db, settings):
    from areasend.areas.importer import import_register

    settings.AREASEND_PLAN_TIME_LIMIT = 1.0
    settings.AREASEND_RUN_PLANS_INLINE = True
    import_register(SMALL)
    return make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Pat", last_name="Planner")


def test_planner_gives_the_plan_named_teams(browser_page, planner, tmp_path):
    ap, page = browser_page, browser_page.page
    ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill("planner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()
    ap.goto("/programme/plans/new/")
    bad = tmp_path / "inspectors.csv"
    bad.write_text(HEADER + "Ann Lead,lead,,,\n", encoding="utf-8")
    until = timezone.localdate() + dt.timedelta(days=200)
    for part in ("Day", "Month", "Year"):  # blank: the plan starts from today
        page.get_by_role("group", name="Plan from (optional)").get_by_label(part).fill("")
    end = page.get_by_role("group", name="End of the plan")
    end.get_by_label("Day").fill(str(until.day))
    end.get_by_label("Month").fill(str(until.month))
    end.get_by_label("Year").fill(str(until.year))
    page.get_by_label("Inspectors (optional)").set_input_files(str(bad))
    page.get_by_role("button", name="Make the plan").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    assert "inspectors.csv row 2, column remit" in page.locator(".govuk-error-summary").inner_text()

    good = tmp_path / "team.csv"
    rows = [f"{remit.title()} {n},{remit},,," for remit in ("hmi", "ofsted", "social_care", "cqc") for n in (1, 2)]
    good.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    page.get_by_label("Inspectors (optional)").set_input_files(str(good))
    page.get_by_role("button", name="Make the plan").click()
    ap.check_accessibility()
    table = page.locator("#plan-table")
    assert table.get_by_role("columnheader", name="Team").is_visible()
    text = table.inner_text()
    assert "His Majesty's Inspector (lead)" in text and "CQC inspector" in text


KINDS = {"hmi": "hmi", "ofsted": "ofsted_inspector", "social_care": "ofsted_inspector", "cqc": "cqc_inspector"}


def test_planner_starts_an_inspection_from_the_plan_with_the_team_filled_in_without_javascript(
        no_js_page, planner, tmp_path):
    """Plan, accept, Start inspection: the planned team is on the form, the planner only confirms,
    and the workload then shows the started inspection as live and the rest of the plan as planned."""
    from areasend.inspections.models import Inspection

    users = {remit: make_user(Role.INSPECTOR, username=f"{remit.replace('_', '')}one", first_name=remit.title(),
                              last_name="One", inspector_kind=kind) for remit, kind in KINDS.items()}
    ap, page = no_js_page, no_js_page.page
    ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill("planner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()

    ap.goto("/programme/plans/new/")
    team = tmp_path / "team.csv"
    team.write_text(HEADER + "".join(f"{remit.title()} One,{remit},,,\n" for remit in KINDS), encoding="utf-8")
    until = timezone.localdate() + dt.timedelta(days=120)
    for part in ("Day", "Month", "Year"):
        page.get_by_role("group", name="Plan from (optional)").get_by_label(part).fill("")
    end = page.get_by_role("group", name="End of the plan")
    end.get_by_label("Day").fill(str(until.day))
    end.get_by_label("Month").fill(str(until.month))
    end.get_by_label("Year").fill(str(until.year))
    page.get_by_label("Inspectors (optional)").set_input_files(str(team))
    page.get_by_role("button", name="Make the plan").click()
    ap.check_accessibility()
    page.get_by_role("button", name="Accept as the programme").click()
    ap.check_accessibility()
    page.get_by_role("button", name="Accept as the programme").click()
    ap.check_accessibility()
    assert "is now the national programme" in page.locator("main").inner_text()

    full = page.locator("#plan-table tbody tr").filter(has=page.get_by_role("cell", name="Full", exact=True)).first
    start = full.get_by_role("link", name=re.compile("^Start inspection of "))
    area_name = start.inner_text().removeprefix("Start inspection").strip().removeprefix("of ").strip()
    start.click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Start a new inspection").is_visible()
    assert "From the accepted plan" in page.locator("#from-plan").inner_text()
    assert page.get_by_label("Lead inspector").input_value() == str(users["hmi"].pk)
    assert page.get_by_label("Ofsted inspector (optional)").input_value() == str(users["ofsted"].pk)
    assert page.get_by_label("Children's social care inspector (optional)").input_value() == str(users["social_care"].pk)
    assert page.get_by_label("CQC inspector (optional)").input_value() == str(users["cqc"].pk)
    page.get_by_role("button", name="Start inspection").click()
    ap.check_accessibility()
    assert "with a team of 4" in page.locator("main").inner_text()

    inspection = Inspection.objects.get()
    assert inspection.area.name == area_name
    assert sorted(inspection.team.values_list("role", flat=True)) == ["cqc", "lead", "ofsted", "social_care"]
    ap.goto(f"/inspections/{inspection.pk}/team/")
    ap.check_accessibility()
    team_text = page.locator("main").inner_text()
    assert all(f"{remit.title()} One" in team_text for remit in KINDS)

    # Started: the area has left the plan's list of links, and the workload shows it as live.
    ap.goto("/programme/")
    ap.check_accessibility()
    assert page.get_by_role("link", name=f"Start inspection of {area_name}").count() == 0
    ap.goto("/inspections/workload/")
    ap.check_accessibility()
    row = page.locator("#workload tr", has_text="Cqc One")
    text = row.inner_text()
    assert f"Live {area_name} (CQC inspector)" in text
    assert "Planned" in text and "week of" in text
    no_js_page.assert_every_page_checked()
