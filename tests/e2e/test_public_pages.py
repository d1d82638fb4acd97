"""The public register in a real browser, on the shipped data, with and without JavaScript."""

from pathlib import Path

import pytest

from areasend import framework
from areasend.areas.importer import import_register

REGISTER = Path(__file__).resolve().parents[2] / "data" / "register"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register(transactional_db):
    return import_register(REGISTER)


def _filter_and_open_an_area(ap):
    page = ap.goto("/")
    assert "Showing 153 of 153 local areas" in page.locator("main").inner_text()
    page.get_by_label("Region").select_option(label="East Midlands")
    page.get_by_label("Widespread and/or systemic failings").check()
    page.get_by_role("button", name="Apply filters").click()
    ap.check_accessibility()
    table = page.locator("table")
    assert "North Northamptonshire" in table.inner_text()
    assert "Leicester" not in table.inner_text()
    assert "region=East+Midlands" in page.url
    page.get_by_role("link", name="North Northamptonshire").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert framework.Outcome.SYSTEMIC_FAILINGS.official_name in main
    assert "Inspected as Northamptonshire (pre-2021 county area)" in main
    assert "May 2017" in main
    assert "What comes next" in main


def test_register_with_javascript(browser_page, register):
    _filter_and_open_an_area(browser_page)


def test_register_without_javascript(no_js_page, register):
    _filter_and_open_an_area(no_js_page)


def test_search_by_name_and_an_unknown_area(browser_page, register):
    page = browser_page.goto("/")
    page.get_by_label("Search by name").fill("cumber")
    page.get_by_role("button", name="Apply filters").click()
    browser_page.check_accessibility()
    assert "Showing 1 of 153 local areas" in page.locator("main").inner_text()
    browser_page.goto("/areas/E99999999/")
    assert page.get_by_role("heading", name="Page not found").is_visible()
    page = browser_page.goto("/accessibility/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Accessibility statement")
    browser_page.goto("/privacy/")


def _written_statements(ap):
    page = ap.goto("/")
    page.get_by_role("link", name="Written statements of action and revisits under the 2016 framework").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Inspections that needed a statement" in main
    assert "Birmingham" in main and "Insufficient progress" in main
    # The table scrolls on its own by keyboard: the region takes focus.
    page.locator("[role=region]").focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    page.get_by_role("link", name="Bedford", exact=True).first.click()
    ap.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == "Bedford"


def test_written_statements_with_javascript(browser_page, register):
    _written_statements(browser_page)


def test_written_statements_without_javascript(no_js_page, register):
    _written_statements(no_js_page)
