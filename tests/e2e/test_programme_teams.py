"""Planning with named inspectors in a real browser, with axe on every page: a planner uploads a file
of inspectors with one mistake, is told which row and column, corrects it and reads each team."""

import datetime as dt
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
