"""A 2016 written statement of action: the nominated officer uploads it, the planner finds it not fit for
purpose, the officer sends a revised version, the planner finds it fit, records the revisit's finding on
each significant weakness (a missing one first, refused) and the escalation to the Minister; the
public area page shows the statement. Axe on every page, with JavaScript and without."""

import datetime as dt
import re

import pytest

from areasend.access.roles import Role
from areasend.followup.models import MinisterEscalation, PlanVersion, Revisit
from tests.e2e.test_inspection_workspace import sign_in, sign_out
from tests.factories import PASSWORD, make_user, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "E08000016"


@pytest.fixture
def statement_area(transactional_db, settings, tmp_path):
    from django.utils import timezone

    from areasend.areas.models import InspectionRecord, LocalAreaPartnership
    from areasend.inspections import services

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    area = LocalAreaPartnership.objects.create(ons_code=CODE, name="Barnsley", region="Yorkshire and The Humber",
                                               kind="metropolitan district")
    published = timezone.localdate() - dt.timedelta(days=60)
    InspectionRecord.objects.create(area=area, framework="2016", kind="full", start_date=published - dt.timedelta(days=60),
                                    published=published, wsoa_required=True, significant_weaknesses=2)
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


def _upload(ap, link: str):
    page = ap.page
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/after-inspection/{CODE}/")
    page.get_by_role("link", name=link).click()
    ap.check_accessibility()
    page.get_by_label("Upload the plan").set_input_files(files=[
        {"name": "statement.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("statement")}])
    page.get_by_role("button", name="Submit the written statement").click()
    ap.check_accessibility()
    assert "submitted to the national team" in page.locator("main").inner_text()
    sign_out(ap)


def _decide(ap, version: int, decision: str, reason: str, today: dt.date):
    page = ap.page
    sign_in(ap, "planner")
    ap.goto(f"/after-inspection/{CODE}/")
    page.get_by_role("link", name=f"Record whether version {version} is fit for purpose").click()
    ap.check_accessibility()
    page.get_by_label(decision, exact=True).check()
    _date(page, "Date of the decision", today)
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Save the decision").click()
    ap.check_accessibility()


def _journey(ap, area):
    from django.utils import timezone

    page, today = ap.page, timezone.localdate()
    ap.goto(f"/areas/{CODE}/")
    assert "Written statement of action (2016 framework)" in page.locator("main").inner_text()
    _upload(ap, "Upload the written statement of action")
    _decide(ap, 1, "Not fit for purpose", "The actions do not say who is responsible.", today)
    main = page.locator("main").inner_text()
    assert "Not fit for purpose" in main and "Revised written statement (version 2) resubmitted" in main
    sign_out(ap)
    _upload(ap, "Upload a revised version")
    _decide(ap, 2, "Fit for purpose", "Each weakness has owned, dated actions.", today)
    assert [p.decision for p in PlanVersion.objects.order_by("version")] == ["not_fit", "fit"]
    page.get_by_role("link", name="Record the revisit's findings").click()
    ap.check_accessibility()
    _date(page, "Date of the revisit's report", today)
    page.get_by_role("group", name="Significant weakness 1").get_by_label("Sufficient progress", exact=True).check()
    page.get_by_role("button", name="Save the revisit findings").click()
    ap.check_accessibility()
    assert "Choose whether progress on significant weakness 2 was sufficient" in page.locator("main").inner_text()
    assert not Revisit.objects.exists()
    page.get_by_role("group", name="Significant weakness 2").get_by_label("Insufficient progress", exact=True).check()
    page.get_by_role("button", name="Save the revisit findings").click()
    ap.check_accessibility()
    assert "Significant weakness 2: insufficient progress" in page.locator("main").inner_text()
    page.get_by_role("link", name="Record the escalation to the Minister").click()
    ap.check_accessibility()
    _date(page, "Date of the escalation", today)
    page.get_by_label("What went to the Minister, and why").fill("Advice on the Secretary of State's powers.")
    page.get_by_role("button", name="Save the escalation").click()
    ap.check_accessibility()
    assert "Escalated to the Minister" in page.locator("main").inner_text()
    assert MinisterEscalation.objects.get().on == today
    ap.goto("/after-inspection/overdue/")
    sign_out(ap)


def test_written_statement_journey_with_javascript(browser_page, statement_area):
    _journey(browser_page, statement_area)


def test_written_statement_journey_without_javascript(no_js_page, statement_area):
    _journey(no_js_page, statement_area)
