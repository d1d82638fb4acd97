"""The report's journey in a real browser with JavaScript off, by keyboard, with axe on every page.

The lead inspector drafts the report from the evidence log, a quality assurance reader signs off
the draft, the lead sends it, the local area's nominated officer comments on a paragraph, the team
answers with a reason, the lead makes it final, quality assurance signs off the final report, and
the lead publishes it. Then the public report page (reached from the area's page) and its PDF,
made by the background worker, tagged.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from django.core.management import call_command

from areasend.access.roles import Role
from areasend.inspections import services as inspections
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD, make_user
from tests.reports.conftest import sign_off_decision

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db):
    import datetime as dt

    from areasend import framework as fw
    from areasend.areas.models import LocalAreaPartnership

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset",
                                               region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Lena", last_name="Lead")
    ofsted = make_user(Role.INSPECTOR, username="ofsted", inspector_kind="ofsted_inspector")
    cqc = make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector")
    qa = make_user(Role.QA_READER, username="qa", first_name="Quinn", last_name="Reader")
    inspection = inspections.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    notified = dt.date(2026, 1, 12)
    inspection = inspections.set_notification_date(lead, inspection, notified, today=dt.date(2026, 1, 5))
    inspections.add_team_member(lead, inspection, user=ofsted, role="ofsted")
    inspections.add_team_member(lead, inspection, user=cqc, role="cqc")
    lano, _ = inspections.name_lano(lead, inspection, name="Nina Officer", email="nina@example.gov.uk")
    lano.set_password(PASSWORD)
    lano.save()
    end = fw.earliest_outcome_date(fw.full_inspection_timeline(notified=notified))
    sign_off_decision(inspection, lead, [ofsted, cqc], qa, end)
    return {"inspection": inspection, "area": area, "lano": lano}


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


def press(ap, button):
    button.focus()
    press_enter_and_wait(ap.page)
    ap.check_accessibility()


def sign_in(ap, username):
    page = ap.goto("/account/sign-in/")
    type_into(page, page.get_by_label("Username"), username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page)
    ap.check_accessibility()


def sign_out(ap):
    press(ap, ap.page.get_by_role("button", name=re.compile("Sign out")))


def follow(ap, name):
    press(ap, ap.page.get_by_role("link", name=name, exact=isinstance(name, str)))


def test_report_journey_by_keyboard_without_javascript(no_js_page, world):
    from areasend.reports.models import AccuracyComment, Report

    ap, page = no_js_page, no_js_page.page
    inspection = world["inspection"]

    # The lead drafts from the evidence log: paragraphs cite entries; one entry is quoted.
    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/")
    follow(ap, re.compile("^Report: drafts"))
    assert "Being drafted" in page.content()
    type_into(page, page.get_by_label("What life is like for children and young people with SEND in this area", exact=True),
              "Families wait too long for an assessment. (evidence 1)")
    type_into(page, page.get_by_label("What the partnership does well", exact=True),
              "Leaders share one plan for the area. (evidence 2)")
    type_into(page, page.get_by_label("What needs to improve", exact=True), "Assessments must be quicker. (evidence 1)")
    type_into(page, page.get_by_label("Recommendations", exact=True), "Cut the wait for assessments. (evidence 1)")
    press(ap, page.get_by_role("button", name="Save as a new version"))
    # A recommendation without its partner is refused, saying what to do.
    assert "There is a problem" in page.content()
    assert "start the recommendation with the partner mainly responsible" in page.content()
    box = page.get_by_label("Recommendations", exact=True)
    box.focus()
    page.keyboard.press("Control+Home")
    page.keyboard.type("Local authority: ")
    press(ap, page.get_by_role("button", name="Save as a new version"))
    assert "Version 1 saved." in page.content()
    press(ap, page.get_by_role("button", name="Quote entry 3"))
    assert "Entry quoted: version 2 saved." in page.content()
    assert "Young people in alternative provision said staff knew them well." in page.content()
    follow(ap, "Version 2")
    assert "Added: " in page.content() or "areasend-added" in page.content()
    ap.page.go_back()
    ap.check_accessibility()
    sign_out(ap)

    # Quality assurance signs off the draft.
    sign_in(ap, "qa")
    ap.goto(f"/inspections/{inspection.pk}/report/")
    type_into(page, page.get_by_label("Your comment on this draft"), "Clear and well evidenced.")
    press(ap, page.get_by_role("button", name="Add comment"))
    press(ap, page.get_by_role("button", name="Sign off draft version 2"))
    assert "Draft signed off." in page.content()
    sign_out(ap)

    # The lead sends it to the local area.
    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/report/")
    press(ap, page.get_by_role("button", name="Send the draft to the local area"))
    assert "With the local area for factual accuracy" in page.content()
    sign_out(ap)

    # The nominated officer comments on one paragraph and sees the clock.
    sign_in(ap, world["lano"].username)
    ap.goto(f"/inspections/{inspection.pk}/where-it-stands/")
    follow(ap, re.compile("The draft report: factual accuracy"))
    assert "The local area can comment on any paragraph until" in page.content()
    assert "When each step of the report is due" in page.content()
    type_into(page, page.locator("#comment-life-1"), "Waits fell this year: the council's data shows 14 weeks.")
    press(ap, page.locator("#comment-life-1").locator("xpath=ancestor::form").get_by_role("button", name="Send this comment"))
    assert "Comment sent to the inspection team." in page.content()
    press(ap, page.get_by_role("button", name="We have no more comments"))
    assert "Comments closed on" in page.content()
    sign_out(ap)

    # The team answers with a reason; the lead makes the report final.
    comment = AccuracyComment.objects.get()
    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/report/factual-accuracy/")
    press(ap, page.get_by_role("button", name="Save the answer"))
    assert "Choose whether the team accepts the comment" in page.content()
    page.locator(f"#response-{comment.pk}-rejected").focus()
    page.keyboard.press("Space")
    type_into(page, page.locator(f"#reason-{comment.pk}"), "The data we saw covers the whole year.")
    press(ap, page.get_by_role("button", name="Save the answer"))
    assert "The team's answer: Not accepted" in page.content()
    ap.goto(f"/inspections/{inspection.pk}/report/")
    press(ap, page.get_by_role("button", name="Make version 2 the final report"))
    sign_out(ap)

    sign_in(ap, "qa")
    ap.goto(f"/inspections/{inspection.pk}/report/")
    press(ap, page.get_by_role("button", name="Sign off the final report (version 2)"))
    sign_out(ap)

    # Publishing is the lead's explicit step.
    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/report/")
    assert "Ready to publish" in page.content()
    press(ap, page.get_by_role("button", name="Publish the report"))
    assert "Report published." in page.content()
    sign_out(ap)

    # The public reads it from the area's page; the PDF is made by the background worker.
    report = Report.objects.get()
    ap.goto(f"/areas/{world['area'].ons_code}/")
    follow(ap, re.compile("Inspection reports on"))
    follow(ap, "Bath and North East Somerset")
    content = page.content()
    assert "Area SEND inspection of Bath and North East Somerset" in content
    assert "Mainly for the local authority" in content
    assert "evidence 1" not in content and "entry 1" not in content, "the public page shows no internal references"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-public-page.png"), full_page=True)
    follow(ap, "Download this report as a PDF")
    assert "The PDF is being made" in page.content()
    call_command("db_worker", "--batch", "--no-startup-delay")
    answer = page.request.get(f"{ap.base_url}/reports/{report.pk}.pdf")
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    path = ARTIFACTS / "report.pdf"
    path.write_bytes(answer.body())
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(ARTIFACTS / "report-pdf-page")],
                       check=True)
