"""The local area uploads person-level data with errors, sees them, fixes them and uploads again; the lead
gets a tracking proposal, swaps a case with a recorded reason and sends the request; the nominated officer
arranges the meetings. Without JavaScript and with it; axe on every page (issue 13)."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from areasend.access.roles import Role
from areasend.intake import sample_return
from areasend.tracking.models import TrackingCase
from tests.e2e.test_inspection_workspace import sign_in, sign_out
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inspection(transactional_db, settings, tmp_path):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West",
                                               kind="unitary authority", ehc_plans=2400, sen_support_pupils=4100)
    planner = make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Demo", last_name="Planner")
    make_user(Role.INSPECTOR, username="lead", first_name="Demo", last_name="Lead", email="lead@example.gov.uk")
    from areasend.accounts.models import User

    lead = User.objects.get(username="lead")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    inspection = services.set_notification_date(lead, inspection, dt.date(2026, 1, 12), today=dt.date(2026, 1, 5))
    officer, _ = services.name_lano(lead, inspection, name="Demo Officer", email="officer@example.gov.uk")
    officer.set_password(PASSWORD)
    officer.save()
    return inspection


def _upload(ap, name, content):
    page = ap.page
    page.get_by_label("Upload the person-level data").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    page.get_by_role("button", name="Upload and check").click()
    ap.check_accessibility()
    return page.locator("main").inner_text()


def _run(ap, inspection):
    page = ap.page
    today = timezone.localdate()
    good = sample_return.csv_bytes(300, seed=4, today=today)
    bad = good.replace(b"\nLA-000007,", b"\nLA-000003,", 1).replace(b"SEN support", b"SEN suport", 1)

    # The local area: a file with errors is refused with each problem by row and column.
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/inspections/{inspection.pk}/where-it-stands/")
    page.get_by_role("link", name="Person-level data").click()
    ap.check_accessibility()
    main = _upload(ap, "return.csv", bad)
    assert "This file was not loaded" in main and "It has 2 problems" in main
    problems = page.get_by_role("table", name="Problems in version 1").locator("tbody tr")
    assert problems.count() == 2
    assert re.search(r"^\d+\s+support\s+'SEN suport' is not one of the choices", problems.nth(0).inner_text())
    assert "This identifier is also on row 4" in problems.nth(1).inner_text()
    assert page.get_by_role("link", name="Download every problem as a CSV file").is_visible()
    # Fixed, uploaded again, and loaded.
    page.get_by_role("link", name="Upload a corrected file").click()
    ap.check_accessibility()
    main = _upload(ap, "return-corrected.csv", good)
    assert "Loaded" in main and "300 rows loaded" in main
    sign_out(ap)

    # The lead: counts against the register, a proposal, a swap that needs a reason, the request.
    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/person-level-data/counts/")
    assert "300 children and young people" in page.locator("main").inner_text()
    ap.goto(f"/inspections/{inspection.pk}/tracking/")
    page.get_by_label("Seed").fill("5")
    page.get_by_role("button", name="Propose cases").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name=re.compile(r"^Case \d: row \d+$")).count() == 6
    ap_case = next(c for c in TrackingCase.objects.all() if c.facts["alternative_provision"])
    chosen = set(TrackingCase.objects.values_list("row", flat=True))
    from areasend.intake.models import PersonLevelRecord

    replacement = PersonLevelRecord.objects.filter(support="EHC plan").exclude(
        setting_type="alternative provision").exclude(row__in=chosen).order_by("row").first().row
    page.get_by_role("link", name=f"Swap case {ap_case.position}").click()
    ap.check_accessibility()
    page.get_by_label("Row of the person-level data to track instead").fill(str(replacement))
    page.get_by_role("button", name="Swap the case").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    assert "This swap breaks a rule" in page.locator("main").inner_text()
    page.get_by_label("Reason for the swap").fill("The family asked that this young person be seen")
    page.get_by_role("button", name="Swap the case").click()
    ap.check_accessibility()
    assert f"Tracking case {ap_case.position} swapped." in page.locator("main").inner_text()
    ap_case.refresh_from_db()
    assert ap_case.row == replacement and ap_case.override_reason == "The family asked that this young person be seen"
    page.get_by_role("button", name="Send the request to arrange tracking meetings").click()
    ap.check_accessibility()
    assert "arranged by 21 January 2026" in page.locator("main").inner_text()
    sign_out(ap)

    # The nominated officer arranges the first case's meetings; a day outside the window is refused.
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/inspections/{inspection.pk}/tracking/")
    page.get_by_role("link", name="Arrange meetings for case 1").click()
    ap.check_accessibility()
    page.get_by_label("Case coordinator: full name").fill("Sam Coordinator")
    page.get_by_label("Case coordinator: email address").fill("sam@example.gov.uk")
    for prefix, (day, time) in {"family_date": ((14, 1, 2026), "10:00"), "practitioners_date": ((23, 1, 2026), "14:30")}.items():
        for part, value in zip(("day", "month", "year"), day):
            page.locator(f"#id_{prefix}_{part}").fill(str(value))
    page.get_by_label("Meeting with the family: start time").fill("10:00")
    page.get_by_label("Multi-agency meeting: start time").fill("14:30")
    page.get_by_role("button", name="Save the meetings").click()
    ap.check_accessibility()
    assert "The meeting must be on a working day from 22 January 2026 to 30 January 2026" in page.locator("main").inner_text()
    page.locator("#id_family_date_day").fill("22")
    page.get_by_role("button", name="Save the meetings").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Meetings for tracking case 1 arranged." in main
    assert "22 January 2026 at 10:00" in main and "23 January 2026 at 14:30" in main
    case = TrackingCase.objects.get(position=1)
    assert case.arranged and case.coordinator_name == "Sam Coordinator"


def test_person_level_and_tracking_without_javascript(no_js_page, inspection):
    _run(no_js_page, inspection)


def test_person_level_and_tracking_with_javascript(browser_page, inspection):
    _run(browser_page, inspection)


def _press(ap, predicate_js: str):
    """Tab to the element, press Enter, and check the page it leads to."""
    from tests.e2e.test_inspection_workspace import tab_to

    tab_to(ap.page, predicate_js, limit=250)
    with ap.page.expect_navigation():
        ap.page.keyboard.press("Enter")
    ap.check_accessibility()


def _type_into(ap, predicate_js: str, text: str):
    from tests.e2e.test_inspection_workspace import tab_to

    tab_to(ap.page, predicate_js, limit=250)
    ap.page.keyboard.type(text)


def _keyboard_upload(ap, name, content):
    from tests.e2e.test_inspection_workspace import tab_to

    # The operating system's file dialog is outside the page: the file is given to the focused input.
    tab_to(ap.page, "el.type === 'file'", limit=250)
    ap.page.locator("input[type=file]:focus").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    _press(ap, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Upload and check'")
    return ap.page.locator("main").inner_text()


def test_person_level_and_tracking_by_keyboard_alone(browser_page, inspection):
    ap, page = browser_page, browser_page.page
    today = timezone.localdate()
    good = sample_return.csv_bytes(300, seed=4, today=today)
    bad = good.replace(b"SEN support", b"SEN suport", 1)
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/inspections/{inspection.pk}/person-level-data/")
    main = _keyboard_upload(ap, "return.csv", bad)
    assert "This file was not loaded" in main and "'SEN suport' is not one of the choices" in main
    _press(ap, "el.tagName === 'A' && el.textContent.trim() === 'Upload a corrected file'")
    assert "300 rows loaded" in _keyboard_upload(ap, "return.csv", good)
    sign_out(ap)

    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/tracking/")
    _type_into(ap, "el.name === 'seed'", "5")
    _press(ap, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Propose cases'")
    assert page.get_by_role("heading", name=re.compile(r"^Case \d: row \d+$")).count() == 6
    sen_case = next(c for c in TrackingCase.objects.order_by("position") if c.facts["support"] == "SEN support"
                    and not c.facts["alternative_provision"] and not c.facts["social_care"] and not c.facts["youth_justice"])
    from areasend.intake.models import PersonLevelRecord

    chosen = set(TrackingCase.objects.values_list("row", flat=True))
    replacement = PersonLevelRecord.objects.filter(support="EHC plan").exclude(row__in=chosen).order_by("row").first().row
    _press(ap, f"el.tagName === 'A' && el.textContent.trim() === 'Swap case {sen_case.position}'")
    _type_into(ap, "el.name === 'row'", str(replacement))
    _type_into(ap, "el.name === 'reason'", "Seen by the team last year")
    _press(ap, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Swap the case'")
    assert f"Tracking case {sen_case.position} swapped." in page.locator("main").inner_text()
    _press(ap, "el.tagName === 'BUTTON' && el.textContent.includes('Send the request')")
    assert "Sent to the nominated officer" in page.locator("main").inner_text()
    sign_out(ap)

    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/inspections/{inspection.pk}/tracking/")
    _press(ap, "el.tagName === 'A' && el.textContent.trim() === 'Arrange meetings for case 1'")
    for name, value in [("coordinator_name", "Sam Coordinator"), ("coordinator_email", "sam@example.gov.uk"),
                        ("family_date_day", "22"), ("family_date_month", "1"), ("family_date_year", "2026"),
                        ("family_time", "10:00"), ("practitioners_date_day", "23"), ("practitioners_date_month", "1"),
                        ("practitioners_date_year", "2026"), ("practitioners_time", "14:30")]:
        _type_into(ap, f"el.name === '{name}'", value)
    _press(ap, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Save the meetings'")
    assert "Meetings for tracking case 1 arranged." in page.locator("main").inner_text()
    assert TrackingCase.objects.get(position=1).arranged
