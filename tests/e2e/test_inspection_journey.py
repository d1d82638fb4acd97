"""The thin end-to-end journey in a real browser, with axe on every page.

A national planner starts a full inspection and names its lead; the lead inspector sets
the notification date, reads the timeline with today on it and reaches the outcome decision; the
public area page shows no outcome until the report is published.
"""

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
        "area": area,
    }


def sign_in(ap, username):
    page = ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()


def sign_out(ap):
    ap.page.get_by_role("button", name=re.compile("Sign out")).click()
    ap.check_accessibility()


def _run_journey(ap, people):
    page = ap.page
    today = timezone.localdate()
    notified = framework.add_working_days(today, -70)

    sign_in(ap, "planner")
    assert page.get_by_role("heading", name="Your work").is_visible()
    page.get_by_role("button", name="Start a new inspection").first.click()
    ap.check_accessibility()
    # An empty form is refused with an error summary linking to the field.
    page.get_by_role("button", name="Start inspection").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    page.get_by_label("Local area partnership").select_option(label="Bath and North East Somerset")
    page.get_by_label("Full inspection").check()
    page.get_by_label("Lead inspector").select_option(label="Lee Lead")
    page.get_by_role("button", name="Start inspection").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Bath and North East Somerset").is_visible()
    sign_out(ap)

    sign_in(ap, "lead")
    page.get_by_role("link", name="Bath and North East Somerset").first.click()
    ap.check_accessibility()
    page.get_by_role("button", name="Set the notification date").click()
    ap.check_accessibility()
    page.get_by_label("Day").fill(str(notified.day))
    page.get_by_label("Month").fill(str(notified.month))
    page.get_by_label("Year").fill(str(notified.year))
    page.get_by_role("button", name="Save notification date").click()
    ap.check_accessibility()
    timeline = framework.inspection_timeline("full", notified=notified)
    body = page.locator("main").inner_text()
    assert f"Today, {today.day} {today:%B %Y}" in body
    onsite = timeline.date("onsite_start")
    assert f"{onsite.day} {onsite:%B %Y}" in body

    # The outcome is decided from the evidence (tests/e2e/test_evidence.py takes it to sign-off).
    page.get_by_role("button", name="Decide the outcome").click()
    ap.check_accessibility()
    assert "add entries to the evidence log" in page.locator("main").inner_text()
    sign_out(ap)

    ap.goto(f"/areas/{people['area'].ons_code}/")
    main = page.locator("main").inner_text()
    assert framework.Outcome.INCONSISTENT.official_name not in main


def test_journey_with_javascript(browser_page, people):
    _run_journey(browser_page, people)


def test_journey_without_javascript(no_js_page, people):
    _run_journey(no_js_page, people)


def tab_to(page, predicate_js: str, limit: int = 80):
    """Press Tab until the focused element satisfies ``predicate_js`` (a JS expression on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"):
            return
    raise AssertionError(f"could not reach an element matching {predicate_js} with the Tab key")


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_lead_inspector_by_keyboard_alone(browser_page, people):
    from areasend.inspections import services

    inspection = services.create_inspection(people["planner"], area=people["area"], kind="full", lead_inspector=people["lead"])
    ap, page = browser_page, browser_page.page
    today = timezone.localdate()
    notified = framework.add_working_days(today, 3)

    ap.goto("/account/sign-in/")
    tab_to(page, "el.id === 'id_username'")
    page.keyboard.type("lead")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page)
    ap.check_accessibility()
    tab_to(page, f"el.tagName === 'A' && el.getAttribute('href') === '/inspections/{inspection.pk}/'")
    press_enter_and_wait(page)
    ap.check_accessibility()
    tab_to(page, "el.tagName === 'A' && el.textContent.includes('Set the notification date')")
    press_enter_and_wait(page)
    ap.check_accessibility()
    tab_to(page, "el.id === 'id_notification_date_day'")
    page.keyboard.type(str(notified.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(notified.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(notified.year))
    press_enter_and_wait(page)
    ap.check_accessibility()
    assert "Notification date saved" in page.locator("main").inner_text()
    inspection.refresh_from_db()
    assert inspection.notification_date == notified
