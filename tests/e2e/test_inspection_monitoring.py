"""A monitoring inspection in a real browser, with axe on every page: the planner can start one only
after a standing outcome 3; the lead records a conclusion for each area for priority action from the
evidence, not an outcome; a quality assurance reader signs it off; nothing is public yet."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from areasend import framework
from areasend.access.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    from areasend.areas.models import LocalAreaPartnership

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West", kind="unitary authority")
    return {
        "planner": make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Pat", last_name="Planner"),
        "lead": make_user(Role.INSPECTOR, username="lead", first_name="Lee", last_name="Lead"),
        "qa": make_user(Role.QA_READER, username="qa", first_name="Quinn", last_name="Reader"),
        "area": area,
    }


def sign_in(ap, username):
    page = ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()


def test_monitoring_inspection_from_start_to_signed_off_conclusions(browser_page, people):
    from areasend.areas.models import InspectionRecord
    from areasend.inspections import services
    from areasend.inspections.models import Inspection

    ap, page, area = browser_page, browser_page.page, people["area"]
    today = timezone.localdate()

    def start_monitoring():
        page.get_by_label("Local area partnership").select_option(label=area.name)
        page.get_by_label("Monitoring inspection").check()
        page.get_by_label("Lead inspector").select_option(label="Lee Lead")
        page.get_by_role("button", name="Start inspection").click()
        ap.check_accessibility()

    sign_in(ap, "planner")
    ap.goto("/inspections/new/")
    ap.check_accessibility()
    start_monitoring()
    assert page.get_by_text("There is a problem").is_visible()
    assert "A monitoring inspection follows outcome 3" in page.locator(".govuk-error-summary").inner_text()
    assert not Inspection.objects.exists()

    start = today - dt.timedelta(days=800)
    InspectionRecord.objects.create(area=area, framework="2023", kind="full", start_date=start,
                                    end_date=start + dt.timedelta(days=4), published=start + dt.timedelta(days=60), outcome=3)
    start_monitoring()
    inspection = Inspection.objects.get()
    assert inspection.kind == "monitoring"
    page.get_by_role("button", name=re.compile("Sign out")).click()
    ap.check_accessibility()

    services.set_notification_date(people["lead"], inspection, framework.add_working_days(today, -60), today=today)
    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/")
    ap.check_accessibility()
    page.get_by_role("link", name="Evidence log, lines of enquiry and triangulation").click()
    ap.check_accessibility()
    page.get_by_label("What did you find?").fill("The assessment panel now meets weekly; waits have halved.")
    page.get_by_label("Information request document").check()
    page.get_by_role("button", name="Save entry").click()
    page.get_by_text("Entry 1 saved.").wait_for()
    ap.check_accessibility()
    ap.goto(f"/inspections/{inspection.pk}/outcome-decision/")
    assert page.locator("input[name=outcome]").count() == 0
    page.get_by_role("button", name="Save the proposal").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    page.get_by_label("Area for priority action 1").fill("Waiting times for assessments")
    page.locator("#id_answer_1").check()
    page.get_by_label("Reason for the conclusion on area 1").fill("The panel meets weekly and waits have halved.")
    page.get_by_label("Entry 1: The assessment panel").first.check()
    page.get_by_label("Further recommendations").fill("Publish the plan for alternative provision.")
    page.get_by_role("button", name="Save the proposal").click()
    ap.check_accessibility()
    assert "Proposal saved" in page.locator("main").inner_text()
    page.get_by_role("button", name="I agree the proposed conclusions").click()
    ap.check_accessibility()
    page.get_by_role("button", name=re.compile("Sign out")).click()
    ap.check_accessibility()

    sign_in(ap, "qa")
    ap.goto(f"/inspections/{inspection.pk}/outcome-decision/")
    page.get_by_role("button", name="Sign off the conclusions").click()
    ap.check_accessibility()
    assert "Signed off" in page.locator("main").inner_text()
    inspection.refresh_from_db()
    assert inspection.findings_recorded and inspection.outcome is None and inspection.publication_date is None
    assert "Waiting times for assessments: the partnership is taking effective action." in inspection.outcome_summary

    ap.goto(f"/areas/{area.ons_code}/")
    text = page.locator("main").inner_text()
    assert "Waiting times for assessments" not in text, "nothing is public until the report is published"
    ap.assert_every_page_checked()
