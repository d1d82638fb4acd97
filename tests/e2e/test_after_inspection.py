"""After an outcome-3 inspection: the nominated officer uploads a priority action plan (a wrong file
first, refused), the planner accepts and publishes it, an inspector records an engagement meeting,
and the public area page links the plan. Axe on every page, with JavaScript and without."""

import datetime as dt
import re

import pytest

from areasend.access.roles import Role
from areasend.followup.models import EngagementMeeting, PlanVersion
from tests.e2e.test_inspection_workspace import sign_in, sign_out
from tests.factories import PASSWORD, make_user, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "E06000022"


@pytest.fixture
def cycle(transactional_db, settings, tmp_path):
    from django.utils import timezone

    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services
    from tests.followup.world import outcome_3

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    area = LocalAreaPartnership.objects.create(ons_code=CODE, name="Bath and North East Somerset",
                                               region="South West", kind="unitary authority")
    # Published about 13 months ago: the first engagement meeting is due, the plan is overdue.
    outcome_3(area, timezone.localdate() - dt.timedelta(days=400))
    planner = make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Demo", last_name="Planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Demo", last_name="Lead")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    officer, _ = services.name_lano(lead, inspection, name="Demo Officer", email="officer@example.gov.uk")
    officer.set_password(PASSWORD)
    officer.save()
    return area


def _date(page, label: str, day: dt.date):
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _journey(ap, area):
    from django.utils import timezone

    page, today = ap.page, timezone.localdate()
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/after-inspection/{CODE}/")
    assert "Overdue" in page.locator("main").inner_text()
    page.get_by_role("link", name="Upload a new version of the priority action plan").click()
    ap.check_accessibility()
    page.get_by_label("Upload the plan").set_input_files(files=[
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"not a PDF at all"}])
    page.get_by_role("button", name="Submit the plan").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    assert "is not a real PDF file" in page.locator("main").inner_text()
    assert not PlanVersion.objects.exists()
    page.get_by_label("Upload the plan").set_input_files(files=[
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("plan")}])
    page.get_by_role("button", name="Submit the plan").click()
    ap.check_accessibility()
    assert "version 1 submitted" in page.locator("main").inner_text()
    sign_out(ap)

    sign_in(ap, "planner")
    ap.goto(f"/after-inspection/{CODE}/")
    page.get_by_role("link", name="Record a decision on version 1 of the priority action plan").click()
    ap.check_accessibility()
    page.get_by_label("Accepted").check()
    _date(page, "Date of the decision", today)
    page.get_by_role("button", name="Save the decision").click()
    ap.check_accessibility()
    assert "Enter the reason for the decision" in page.locator("main").inner_text()
    assert PlanVersion.objects.get().decision == ""
    page.get_by_label("Reason").fill("Each area for priority action has dated actions.")
    page.get_by_role("button", name="Save the decision").click()
    ap.check_accessibility()
    page.get_by_role("link", name="Publish version 1 of the priority action plan").click()
    ap.check_accessibility()
    _date(page, "Date the plan was published", today)
    page.get_by_role("button", name="Publish the plan").click()
    ap.check_accessibility()
    assert "Published" in page.locator("main").inner_text()
    page.get_by_role("link", name="Schedule an engagement meeting or record its notes").click()
    ap.check_accessibility()
    page.get_by_label("Which engagement meeting").nth(1).select_option(index=1)
    _date(page, "Date the meeting was held", today)
    page.get_by_label("Notes of the meeting").fill("Progress on the plan reviewed with leaders.")
    page.get_by_role("button", name="Save the notes").click()
    ap.check_accessibility()
    assert "Notes of the engagement meeting recorded" in page.locator("main").inner_text()
    assert EngagementMeeting.objects.get().held_on == today
    ap.goto("/after-inspection/overdue/")
    sign_out(ap)

    ap.goto(f"/areas/{CODE}/")
    link = page.get_by_role("link", name="Priority action plan, version 1")
    assert link.is_visible()
    assert f"/areas/{CODE}/plans/{PlanVersion.objects.get().pk}/" in link.get_attribute("href")


def test_priority_action_plan_journey_with_javascript(browser_page, cycle):
    _journey(browser_page, cycle)


def test_priority_action_plan_journey_without_javascript(no_js_page, cycle):
    _journey(no_js_page, cycle)
