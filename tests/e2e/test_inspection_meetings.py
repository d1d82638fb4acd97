"""The lead inspector schedules a meeting, adds a visit and downloads their calendar file, in a
real browser with and without JavaScript, axe on every page."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone

from areasend import framework
from areasend.access.roles import Role
from areasend.inspections.models import Meeting, Visit
from tests.e2e.test_inspection_workspace import sign_in
from tests.factories import make_user
from tests.inspections import ical

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inspection(transactional_db):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Demo", last_name="Planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Demo", last_name="Lead", email="lead@example.gov.uk")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    today = timezone.localdate()
    notified = framework.add_working_days(today, -2) if framework.is_working_day(today) else framework.previous_working_day(today)
    return services.set_notification_date(lead, inspection, notified, today=today)


def _fill_date(page, day: dt.date):
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))


def _run(ap, inspection):
    from areasend.inspections import queries

    page = ap.page
    timeline = queries.timeline_for(inspection)
    final_day, second_day = timeline.date("onsite_end"), queries.onsite_day_list(timeline)[1]

    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/")
    page.get_by_role("link", name="Meetings and the on-site timetable").click()
    ap.check_accessibility()
    assert "Not scheduled yet" in page.locator("main").inner_text()
    page.get_by_role("link", name="Schedule the final feedback meeting").click()
    ap.check_accessibility()
    # The core's date is filled in; a date after the on-site week is refused with a message.
    assert page.get_by_label("Day", exact=True).input_value() == str(final_day.day)
    _fill_date(page, final_day + dt.timedelta(days=7))
    page.get_by_label("Start time (optional)").fill("14:00")
    page.get_by_label("Place (optional)").fill("Council House, room 2")
    page.get_by_role("button", name="Schedule the meeting").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    assert "The date must be within the inspection's weeks" in page.locator("main").inner_text()
    assert not Meeting.objects.exists()
    _fill_date(page, final_day)
    page.get_by_role("button", name="Schedule the meeting").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Final feedback meeting scheduled" in main
    assert "Not yet added: Local area nominated officer; Director of children's services" in main
    page.get_by_label("Full name").fill("Demo Director")
    page.get_by_label("Role", exact=True).select_option(label="Director of children's services")
    page.get_by_role("button", name="Add from the local area").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Demo Director added." in main
    assert "Not yet added: Local area nominated officer; Elected member responsible for SEND" in main

    page.get_by_role("link", name="Back to the meetings").click()
    ap.check_accessibility()
    page.get_by_role("link", name="The agreed on-site timetable, day by day").click()
    ap.check_accessibility()
    page.get_by_role("link", name="Add a visit").click()
    ap.check_accessibility()
    page.get_by_role("button", name="Save the visit").click()
    ap.check_accessibility()
    assert "Choose the day of the visit" in page.locator("main").inner_text()
    page.get_by_label(f"{second_day:%A} {second_day.day} {second_day:%B}").check()
    page.get_by_label("Start time (optional)").fill("10:00")
    page.get_by_label("Place or setting").fill("Demo Primary School")
    page.get_by_label("Education setting (including alternative provision)").check()
    page.get_by_label("Demo Lead (Lead inspector (HMI))").check()
    page.get_by_role("button", name="Save the visit").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Demo Primary School" in main and "Final feedback meeting" in main
    assert Visit.objects.get().day == second_day

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download your meetings and visits")).click()
    events = {e["SUMMARY"][1]: e for e in ical.parse(Path(download.value.path()).read_bytes())}
    assert set(events) == {
        "Final feedback meeting: Bath and North East Somerset",
        "Education setting (including alternative provision): Demo Primary School",
    }
    assert events["Final feedback meeting: Bath and North East Somerset"]["DTSTART"][1].startswith(f"{final_day:%Y%m%d}T")


def test_lead_schedules_with_javascript(browser_page, inspection):
    _run(browser_page, inspection)


def test_lead_schedules_without_javascript(no_js_page, inspection):
    _run(no_js_page, inspection)
