"""National pauses in a real browser, with axe on every page, with and without JavaScript.

The planner opens the pauses page from the programme, is refused a pause that ends before it starts,
records one that stops all inspections around Nottinghamshire's next inspection date, and ends it early.
The public area page then says why that date moved.
"""

import datetime as dt

import pytest
from django.utils import timezone

from tests.e2e.test_programme import planner, sign_in  # noqa: F401  (the fixture is used by name)

pytestmark = pytest.mark.django_db(transaction=True)

NOTTS = "E10000024"


def _fill_date(page, group: str, day: dt.date):
    box = page.get_by_role("group", name=group)
    box.get_by_label("Day").fill(str(day.day))
    box.get_by_label("Month").fill(str(day.month))
    box.get_by_label("Year").fill(str(day.year))


def _written(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _pauses_journey(ap):
    from areasend.areas import queries
    from areasend.areas.models import LocalAreaPartnership

    page = ap.page
    page.context.set_default_timeout(60_000)  # a busy machine: the journey's first pages can be slow
    today = timezone.localdate()
    area = LocalAreaPartnership.objects.get(ons_code=NOTTS)
    step = next(s for s in queries.next_steps(area, today, pauses=()).steps if "inspection" in s.key)
    start, end = min(step.date, today) - dt.timedelta(days=3), max(step.date, today) + dt.timedelta(days=40)

    sign_in(ap)
    ap.goto("/programme/")
    page.get_by_role("link", name="National pauses to inspections").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="National pauses", exact=True).is_visible()
    assert "No national pause has been recorded" in page.locator("main").inner_text()

    # Ends before it starts, and no reason: refused, with each problem linked from the summary.
    page.get_by_label("All inspections").check()
    _fill_date(page, "First day of the pause", start)
    _fill_date(page, "Last day of the pause", start - dt.timedelta(days=1))
    page.get_by_role("button", name="Record the pause").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_role("link", name="The last day of the pause must be the same as or after the first day").is_visible()
    assert page.get_by_role("link", name="Enter the reason for the pause, as the public will read it").is_visible()

    _fill_date(page, "Last day of the pause", end)
    page.get_by_label("Reason, as the public will read it").fill("a review of the framework")
    page.get_by_role("button", name="Record the pause").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Pause recorded" in main and "a review of the framework" in main and "In force" in main

    # The public page says why the date moved.
    ap.goto(f"/areas/{NOTTS}/")
    moved = page.get_by_text(f"This date moved from {_written(step.date)}")
    assert moved.is_visible()
    assert "because all inspections were paused for a review of the framework." in moved.inner_text()

    # Change it, then end it today.
    ap.goto("/programme/pauses/")
    page.get_by_role("link", name=f"Change the pause from {_written(start)}").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Change a national pause").is_visible()
    page.get_by_role("button", name="End the pause today").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert f"its last day is {_written(today)}" in main and "(ended early)" in main


def test_national_pauses_with_javascript(browser_page, planner):  # noqa: F811
    _pauses_journey(browser_page)


def test_national_pauses_without_javascript(no_js_page, planner):  # noqa: F811
    _pauses_journey(no_js_page)
