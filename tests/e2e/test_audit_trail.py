"""The data-protection officer reads the audit trail in a real browser, with and without JavaScript.

They sign in (after one refused attempt, which the trail then shows), filter by what happened and
by a back-to-front date range (refused with a message), and reach the CSV download. Axe on every page.
"""

import re

import pytest

from areasend.access.roles import Role
from areasend.inspections import services
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(transactional_db):
    from areasend.areas.models import LocalAreaPartnership

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset",
                                               region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Lee", last_name="Lead")
    services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    return make_user(Role.DATA_PROTECTION_OFFICER, username="dpo", first_name="Dana", last_name="Officer")


def _journey(ap):
    page = ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill("dpo")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility("refused sign-in")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility("your work")
    page.get_by_role("link", name="Audit trail", exact=True).first.click()
    ap.check_accessibility("audit trail")
    main = page.locator("main")
    assert "Sign-in refused" in main.inner_text()
    assert "Started a full inspection of Bath and North East Somerset" in main.inner_text()
    page.get_by_label("What happened").select_option(label="Sign-in refused")
    page.get_by_role("button", name="Apply filters").click()
    ap.check_accessibility("filtered")
    text = main.inner_text()
    assert re.search(r"\b1 event match the filters", text)
    assert "Started a full inspection" not in text
    assert main.get_by_role("link", name=re.compile("Download these as a CSV file")).is_visible()
    page.get_by_role("link", name="Clear filters").click()
    fieldset = page.get_by_role("group", name="From")
    fieldset.get_by_label("Day").fill("5")
    fieldset.get_by_label("Month").fill("1")
    fieldset.get_by_label("Year").fill("2026")
    to = page.get_by_role("group", name="To")
    to.get_by_label("Day").fill("1")
    to.get_by_label("Month").fill("1")
    to.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Apply filters").click()
    ap.check_accessibility("refused filter")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert "The 'to' date must be the same as or after the 'from' date" in page.locator(".govuk-error-summary").inner_text()


def test_dpo_reads_and_filters_the_trail_with_javascript(browser_page, people):
    _journey(browser_page)
    browser_page.assert_every_page_checked()


def test_dpo_reads_and_filters_the_trail_without_javascript(no_js_page, people):
    _journey(no_js_page)
    no_js_page.assert_every_page_checked()
