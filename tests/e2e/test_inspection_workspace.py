"""The inspection workspace in a real browser, with axe on every page.

The lead inspector records the notification call and names the local area nominated officer
(LANO); the LANO sets a password from the invitation link, sees the local area's view of the
inspection (and a 404 for the team's pages), and marks one of the area's steps done.
"""

import re

import pytest
from django.core import mail
from django.utils import timezone

from areasend import framework
from areasend.access.roles import Role
from areasend.inspections.models import Task
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)
LANO_PASSWORD = "a-long-pass-phrase-for-the-officer-42"


@pytest.fixture
def inspection(transactional_db, settings, tmp_path):
    from areasend.areas.models import LocalAreaPartnership

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    from areasend.inspections import services

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Demo", last_name="Planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Demo", last_name="Lead", email="lead@example.gov.uk")
    make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector", first_name="Demo", last_name="CQC Inspector")
    return services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)


def sign_in(ap, username, password=PASSWORD):
    page = ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()


def sign_out(ap):
    ap.page.get_by_role("button", name=re.compile("Sign out")).click()
    ap.check_accessibility()


def tab_to(page, predicate_js: str, limit: int = 120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"):
            return
    raise AssertionError(f"could not reach an element matching {predicate_js} with the Tab key")


def _run(ap, inspection, *, keyboard: bool):
    page = ap.page
    today = timezone.localdate()
    notified = framework.add_working_days(today, -2)

    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/")
    page.get_by_role("button", name="Set the notification date").click()
    ap.check_accessibility()
    # Half the call details: refused with a message for each missing one, nothing saved.
    page.get_by_label("Day").fill(str(notified.day))
    page.get_by_label("Month").fill(str(notified.month))
    page.get_by_label("Year").fill(str(notified.year))
    page.get_by_label("Director of children's services: full name").fill("Demo Director")
    page.get_by_role("button", name="Save notification date").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    assert "Enter the time of the call" in page.locator("main").inner_text()
    page.get_by_label("Time of the call").fill("9:30")
    page.get_by_label("Director of children's services: email address").fill("dcs@example.gov.uk")
    page.get_by_label("Integrated care board: full name of the person called").fill("Demo Delegate")
    page.get_by_label("The chief executive's delegate").check()
    page.get_by_label("Integrated care board: email address").fill("icb@example.nhs.uk")
    page.get_by_role("button", name="Save notification date").click()
    ap.check_accessibility()
    assert "have been sent what happens next" in page.locator("main").inner_text()
    assert sorted(m.to[0] for m in mail.outbox) == ["dcs@example.gov.uk", "icb@example.nhs.uk"]
    # The message carries a link for the area to name its own officer; the page passes axe.
    nominate = re.search(r"(/inspections/nominate/[^/\s]+/)", mail.outbox[0].body).group(1)
    ap.goto(nominate)
    assert page.get_by_role("heading", name="Name your local area nominated officer").is_visible()
    ap.goto(f"/inspections/{inspection.pk}/")

    page.get_by_role("link", name="Name nominated officer").first.click()
    ap.check_accessibility()
    page.get_by_label("Full name").fill("Demo Local Officer")
    page.get_by_label("Email address").fill("officer@example.gov.uk")
    page.get_by_role("button", name="Save nominated officer").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Where the inspection stands").is_visible()
    link = re.search(r"(/account/invitation/[^/\s]+/[^/\s]+/)", mail.outbox[-1].body).group(1)

    # The team, the workload across the programme and the activity record.
    ap.goto(f"/inspections/{inspection.pk}/team/")
    page.get_by_label("Inspector", exact=True).select_option(label="Demo CQC Inspector (CQC inspector)")
    page.get_by_label("CQC inspector").check()
    page.get_by_role("button", name="Add to the team").click()
    ap.check_accessibility()
    assert "Demo CQC Inspector added as CQC inspector" in page.locator("main").inner_text()
    page.get_by_role("link", name="See every inspector's workload").click()
    ap.check_accessibility()
    assert "Demo CQC Inspector" in page.locator("main").inner_text()
    ap.goto(f"/inspections/{inspection.pk}/activity/")
    assert "Named Demo Local Officer as the local area nominated officer" in page.locator("main").inner_text()
    sign_out(ap)

    ap.goto(link)
    page.get_by_label("Password", exact=True).fill(LANO_PASSWORD)
    page.get_by_label("Confirm password").fill(LANO_PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    ap.check_accessibility()
    assert page.get_by_role("heading", name="Your work").is_visible()
    page.get_by_role("link", name="Bath and North East Somerset").first.click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "The local area's steps" in main and "The inspection team's steps" in main
    # The team's pages are not theirs: they know the inspection exists, so they are told they cannot see it.
    ap.goto(f"/inspections/{inspection.pk}/")
    assert page.get_by_role("heading", name=re.compile("You cannot see this page")).is_visible()
    ap.goto(f"/inspections/{inspection.pk}/where-it-stands/")
    task = Task.objects.get(inspection=inspection, milestone_key="surveys_close")
    if keyboard:
        tab_to(page, "el.tagName === 'BUTTON' && el.textContent.includes('Mark as done: Surveys close')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        page.get_by_role("button", name=re.compile(r"^Mark as done\W+Surveys close$")).click()
    ap.check_accessibility()
    assert "Marked done: Surveys close" in page.locator("main").inner_text()
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.done_by.username == "officer@example.gov.uk"
    # The information request: a file is checked by its content and kept as version 1.
    page.get_by_role("link", name=re.compile("Information request")).click()
    ap.check_accessibility()
    # (Person-level data has a page of its own, with its checks: tests/e2e/test_person_level_and_tracking.py.)
    page.get_by_label("Upload a file: Annex A information").set_input_files(
        files=[{"name": "annex.pdf", "mimeType": "application/pdf", "buffer": b"not really a pdf"}]
    )
    page.get_by_role("button", name=re.compile(r"^Upload\W+Annex A information$")).click()
    ap.check_accessibility()
    assert "not a real PDF file" in page.locator("main").inner_text()
    page.get_by_label("Upload a file: Annex A information").set_input_files(
        files=[{"name": "annex.csv", "mimeType": "text/csv", "buffer": b"measure,value\nwaiting weeks,9\n"}]
    )
    page.get_by_role("button", name=re.compile(r"^Upload\W+Annex A information$")).click()
    ap.check_accessibility()
    assert "Annex A information: version 1 uploaded." in page.locator("main").inner_text()
    ap.goto(f"/inspections/{inspection.pk}/where-it-stands/")
    # Only the area's own steps have a button.
    assert page.get_by_role("button", name=re.compile(r"^Mark as done\W+The partnership sends out the three surveys$")).count() == 1
    assert page.get_by_role("button", name=re.compile(r"^Mark as done\W+On-site week starts$")).count() == 0


def test_workspace_with_javascript_and_keyboard(browser_page, inspection):
    _run(browser_page, inspection, keyboard=True)


def test_workspace_without_javascript(no_js_page, inspection):
    _run(no_js_page, inspection, keyboard=False)
