"""The national picture in a real browser, on the shipped data: filters, the map by keyboard, with and without JavaScript."""

from pathlib import Path

import pytest

from areasend.areas.importer import import_register

REGISTER = Path(__file__).resolve().parents[2] / "data" / "register"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def register(transactional_db):
    return import_register(REGISTER)


def _filter_the_dashboard(ap):
    page = ap.goto("/statistics/")
    main = page.locator("main")
    assert "Showing 153 of 153 local areas" in main.inner_text()
    assert "Data last updated:" in main.inner_text()
    assert page.locator(".areasend-hexmap a").count() == 153
    page.get_by_label("Region", exact=True).select_option(label="London")
    page.get_by_label("Latest outcome", exact=True).select_option(label="Widespread and/or systemic failings")
    page.get_by_role("button", name="Apply filters").click()
    ap.check_accessibility()
    assert "region=London" in page.url
    links = page.locator(".areasend-hexmap a")
    assert 0 < links.count() < 33
    table = page.locator("#table-latest-outcomes")
    assert "Nottinghamshire" not in table.inner_text()
    # The map's text alternative: the same areas, by name, in the table.
    for label in links.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))"):
        assert label.split(":")[0] in table.inner_text()
    page.get_by_role("link", name="Clear filters").click()
    ap.check_accessibility()
    assert page.locator(".areasend-hexmap a").count() == 153
    return page


def test_dashboard_with_javascript_and_the_map_by_keyboard(browser_page, register):
    page = _filter_the_dashboard(browser_page)
    skip = page.get_by_role("link", name="Skip the map and go to the table of local areas")
    skip.focus()
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert first and first.startswith("Northumberland:")
    # The focused hexagon changes to the focus colour, so a keyboard user sees where they are.
    fill = page.evaluate("getComputedStyle(document.activeElement.querySelector('.areasend-hex')).fill")
    assert fill == "rgb(255, 221, 0)"
    page.keyboard.press("Tab")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert second != first and ":" in second
    page.keyboard.press("Enter")
    page.wait_for_url("**/areas/E*/")
    browser_page.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == second.split(":")[0]
    assert "Data last updated:" in page.locator("main").inner_text()
    page = browser_page.goto("/statistics/open-data/")
    assert page.get_by_role("heading", name="The API", exact=True).is_visible()


def test_dashboard_without_javascript(no_js_page, register):
    page = _filter_the_dashboard(no_js_page)
    page.get_by_text("Show the 99 areas, longest since last inspected first").click()
    assert page.locator("#table-not-yet-inspected").is_visible()
    page.get_by_role("link", name="open data and the API").click()
    no_js_page.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == "Open data and the API"
