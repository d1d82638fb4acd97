"""The national programme in a real browser, with axe on every page.

A national planner makes a plan (after one refused form), tries a what-if that leaves an area out,
reads the comparison, accepts the what-if as the programme and starts an inspection from it. Without
JavaScript, the solving page refreshes itself until the plan is ready.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone

from areasend.access.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SMALL = Path(__file__).resolve().parents[1] / "areas" / "fixtures" / "small"


@pytest.fixture
def planner(transactional_db, settings):
    from areasend.areas.importer import import_register

    settings.AREASEND_PLAN_TIME_LIMIT = 1.0
    import_register(SMALL)
    return make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Pat", last_name="Planner")


def sign_in(ap):
    page = ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill("planner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()


def fill_plan_form(page, full_per_week: str):
    until = timezone.localdate() + dt.timedelta(days=300)
    for part in ("Day", "Month", "Year"):  # blank: the plan starts from today
        page.get_by_role("group", name="Plan from (optional)").get_by_label(part).fill("")
    end = page.get_by_role("group", name="End of the plan")
    end.get_by_label("Day").fill(str(until.day))
    end.get_by_label("Month").fill(str(until.month))
    end.get_by_label("Year").fill(str(until.year))
    page.get_by_label("Full inspections per week").fill(full_per_week)
    page.get_by_role("button", name="Make the plan").click()


def test_planner_makes_a_plan_tries_a_what_if_and_accepts_it(browser_page, planner, settings):
    settings.AREASEND_RUN_PLANS_INLINE = True
    ap, page = browser_page, browser_page.page
    sign_in(ap)
    page.get_by_role("link", name="Programme").click()
    ap.check_accessibility()
    assert "No plan has been accepted yet" in page.locator("main").inner_text()
    page.get_by_role("button", name="Make a new plan").click()
    ap.check_accessibility()

    fill_plan_form(page, "0")
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    assert page.get_by_role("link", name="Full inspections per week must be 1 or more").is_visible()
    page.get_by_label("Full inspections per week").fill("2")
    page.get_by_role("button", name="Make the plan").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="On-site inspections in the plan").is_visible()
    assert page.locator("#plan-table").get_by_text("Barking and Dagenham").is_visible()
    assert page.get_by_role("img", name="Weeks against capacity").is_visible()
    first_plan = re.search(r"Plan (\d+)", page.locator(".govuk-caption-l").inner_text()).group(1)

    page.get_by_role("button", name="Try a what-if").click()
    ap.check_accessibility()
    page.get_by_label("Area to leave out of the plan").select_option(label="Barking and Dagenham")
    page.get_by_role("button", name="Make the what-if plan").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert f"Compared with plan {first_plan}" in main
    assert "Barking and Dagenham" in page.locator("#dropped").inner_text()
    assert "Barking and Dagenham" not in page.locator("#plan-table").inner_text()

    page.get_by_role("button", name="Accept as the programme").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Are you sure you want to make this plan the national programme?").is_visible()
    page.get_by_role("button", name="Accept as the programme").click()
    ap.check_accessibility()
    assert "is now the national programme" in page.locator("main").inner_text()
    assert page.get_by_role("heading", name="The current programme").is_visible()
    page.get_by_role("link", name="Start inspection of Nottinghamshire").first.click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Start a new inspection").is_visible()
    chosen = page.get_by_label("Local area partnership").evaluate("el => el.options[el.selectedIndex].text")
    assert chosen == "Nottinghamshire"


def test_the_solving_page_refreshes_without_javascript(no_js_page, planner, settings, monkeypatch):
    from areasend.programme import services
    from areasend.programme.models import PlanRun

    settings.AREASEND_RUN_PLANS_INLINE = False
    queued: list[int] = []
    monkeypatch.setattr(services, "enqueue", queued.append)
    ap, page = no_js_page, no_js_page.page
    sign_in(ap)
    ap.goto("/programme/plans/new/")
    fill_plan_form(page, "2")
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Solving the plan").is_visible()
    assert "refreshes by itself" in page.locator("main").inner_text()
    assert len(queued) == 1 and PlanRun.objects.get(pk=queued[0]).status == PlanRun.Status.QUEUED

    services.execute(queued[0])
    page.get_by_role("heading", name="On-site inspections in the plan").wait_for(timeout=15_000)
    ap.check_accessibility()
    assert page.locator("#plan-table").get_by_text("Nottinghamshire").first.is_visible()
