"""The demo's outcome-3 area through its cycle in a real browser, with axe on every page.

On the real register with the demo loaded: the area's nominated officer uploads a new version of the
priority action plan; the planner accepts and publishes it, then starts the monitoring inspection from
the after-inspection page; the lead inspector notifies it and, once on-site work is over, proposes a
conclusion for each area for priority action, which quality assurance signs off; the lead publishes its
report; an engagement meeting's notes are recorded. The public area page then shows each step: the plan's
link, the monitoring inspection and its findings, its report, the meeting held.

The key forms are filled and sent by keyboard (Tab, typing, Space, Enter). The same journey runs with
JavaScript off. The report's drafting, quality assurance and factual-accuracy steps between the signed-off
conclusions and publishing go through the services: their pages have their own journey (test_report_journey).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from areasend import framework as fw
from areasend.areas.importer import import_register

pytestmark = pytest.mark.django_db(transaction=True)

REGISTER = Path(__file__).resolve().parents[2] / "data" / "register"


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    from areasend.demo import DEMO_PASSWORD, load_demo
    from areasend.followup.models import PlanVersion

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    today = timezone.localdate()
    import_register(REGISTER)
    load_demo(today)
    area = PlanVersion.objects.filter(submitted_by__username="lano").first().area
    return {"area": area, "password": DEMO_PASSWORD, "today": today}


# --- the keyboard -------------------------------------------------------------------------------


def _enter(ap, locator):
    """Focus a button (or link) and press Enter: the page that answers is checked with axe."""
    locator.focus()
    with ap.page.expect_navigation():
        ap.page.keyboard.press("Enter")
    ap.check_accessibility()


def _type(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


def _date(page, label: str, day: dt.date):
    """Day, Tab, month, Tab, year: a GOV.UK date input by keyboard."""
    group = page.get_by_role("group", name=re.compile(label))
    group.get_by_label("Day").focus()
    for part in (str(day.day), str(day.month), str(day.year)):
        page.keyboard.press("Control+A")
        page.keyboard.type(part)
        if part != str(day.year):
            page.keyboard.press("Tab")
    assert group.get_by_label("Year").evaluate("e => e === document.activeElement"), "Tab moves day, month, year"


def _sign_in(ap, username, password):
    page = ap.goto("/account/sign-in/")
    _type(page, page.get_by_label("Username"), username)
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    ap.check_accessibility()


def _sign_out(ap):
    _enter(ap, ap.page.get_by_role("button", name=re.compile("Sign out")))


def _follow(ap, name):
    _enter(ap, ap.page.get_by_role("link", name=name))


def _main(page) -> str:
    return page.locator("main").inner_text()


# --- the journey --------------------------------------------------------------------------------


def _report_through_the_services(monitoring, users, today):
    """Drafted, signed off, sent, commented on and made final on the framework's clock (their pages have their
    own journey); left ready for the lead to publish."""
    from areasend.inspections import services as inspections
    from areasend.reports import services as reports

    inspections.name_lano(users["lead"], monitoring, name="Demo Local Area Officer", email=users["lano"].email)
    monitoring.refresh_from_db()
    texts = {"life": "Demo report. Families now wait half as long for an assessment as they did. (evidence 1)",
             "strengths": "Leaders meet each week to check the priority action plan. (evidence 1)",
             "improve": "Plans for alternative provision are not yet published. (evidence 1)",
             "recommendations": "Local authority: publish the plan for alternative provision. (evidence 1)"}
    reports.save_version(users["lead"], monitoring, texts=texts, note="Demo draft")
    reports.qa_sign_off(users["qa"], monitoring, today=today)
    reports.send_to_local_area(users["lead"], monitoring, today=today)
    reports.close_comments(users["lano"], monitoring, today=today)
    reports.make_final(users["lead"], monitoring, today=today)
    reports.qa_sign_off(users["qa"], monitoring, today=today)


def _journey(ap, demo):
    from areasend.accounts.models import User
    from areasend.evidence import services as evidence
    from areasend.followup.models import EngagementMeeting, PlanVersion
    from areasend.inspections.models import Inspection
    from areasend.reports.models import PublishedReport
    from tests.factories import pdf_bytes

    page, area, today, password = ap.page, demo["area"], demo["today"], demo["password"]
    code = area.ons_code
    users = {name: User.objects.get(username=name) for name in ("planner", "lead", "lano", "qa")}
    versions = PlanVersion.objects.filter(area=area, kind="priority_action_plan").count()

    # The nominated officer uploads a new version of the priority action plan.
    _sign_in(ap, "lano", password)
    ap.goto(f"/after-inspection/{code}/")
    _follow(ap, "Upload a new version of the priority action plan")
    page.get_by_label("Upload the plan").set_input_files(files=[
        {"name": "priority-action-plan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("plan")}])
    _enter(ap, page.get_by_role("button", name="Submit the plan"))
    new = versions + 1
    assert f"version {new} submitted" in _main(page)
    _sign_out(ap)

    # The planner accepts it and publishes it, by keyboard.
    _sign_in(ap, "planner", password)
    ap.goto(f"/after-inspection/{code}/")
    _follow(ap, f"Record a decision on version {new} of the priority action plan")
    page.get_by_label("Accepted").focus()
    page.keyboard.press("Space")
    _date(page, "Date of the decision", today)
    page.keyboard.press("Tab")
    page.keyboard.type("Each area for priority action has dated actions and a named lead.")
    assert page.get_by_label("Reason").input_value().startswith("Each area for priority action")
    _enter(ap, page.get_by_role("button", name="Save the decision"))
    assert f"version {new}: accepted" in _main(page).lower()
    _follow(ap, f"Publish version {new} of the priority action plan")
    _date(page, "Date the plan was published", today)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Enter in the last field sends the form
    ap.check_accessibility()
    plan = PlanVersion.objects.get(area=area, kind="priority_action_plan", version=new)
    assert plan.published_on == today

    # The monitoring inspection, started from the cycle: the form comes with the area and kind chosen.
    assert "Monitoring inspection" in _main(page)
    _follow(ap, f"Start the monitoring inspection of {area.name}")
    assert page.get_by_label("Local area partnership").input_value() == str(area.pk)
    assert page.get_by_label("Monitoring inspection").is_checked()
    lead_option = page.get_by_label("Lead inspector").locator("option", has_text="Demo Lead Inspector").first
    page.get_by_label("Lead inspector").select_option(value=lead_option.get_attribute("value"))
    _enter(ap, page.get_by_role("button", name="Start inspection"))
    monitoring = Inspection.objects.get(area=area, kind="monitoring")
    assert monitoring.lead_inspector == users["lead"]
    ap.goto(f"/after-inspection/{code}/")
    assert "The monitoring inspection is under way" in _main(page)
    assert page.get_by_role("link", name=re.compile("Start the monitoring inspection")).count() == 0
    _sign_out(ap)

    # The lead notifies it (the call was some weeks ago, so the on-site work is over).
    notified = fw.add_working_days(today, -60)
    _sign_in(ap, "lead", password)
    ap.goto(f"/inspections/{monitoring.pk}/notification/")
    _date(page, "Notification date", notified)
    _enter(ap, page.get_by_role("button", name=re.compile("^Save")).first)
    monitoring.refresh_from_db()
    assert monitoring.notification_date == notified

    # A conclusion for each area for priority action, each resting on the evidence.
    evidence.add_entry(users["lead"], monitoring, key=uuid.uuid4(), fields=evidence.EntryFields(
        text="Demo entry: the assessment panel now meets weekly and waits have halved.", source="document"))
    ap.goto(f"/inspections/{monitoring.pk}/outcome-decision/")
    for number, (what, reason) in enumerate((
            ("Waiting times for assessments", "The panel meets weekly and waits have halved."),
            ("Plans for alternative provision", "Leaders have a plan, though it is not published yet.")), start=1):
        _type(page, page.get_by_label(f"Area for priority action {number}", exact=True), what)
        page.locator(f"#id_answer_{number}").first.check()
        _type(page, page.get_by_label(f"Reason for the conclusion on area {number}"), reason)
        page.get_by_role("group", name=f"Evidence entries the conclusion on area {number} rests on") \
            .get_by_role("checkbox").first.check()
    _type(page, page.get_by_label("Further recommendations"), "Publish the plan for alternative provision.")
    _enter(ap, page.get_by_role("button", name="Save the proposal"))
    assert "Proposal saved" in _main(page)
    _enter(ap, page.get_by_role("button", name="I agree the proposed conclusions"))
    _sign_out(ap)
    _sign_in(ap, "qa", password)
    ap.goto(f"/inspections/{monitoring.pk}/outcome-decision/")
    _enter(ap, page.get_by_role("button", name="Sign off the conclusions"))
    assert "Signed off" in _main(page)
    _sign_out(ap)

    # Its report, ready; the lead publishes it.
    _report_through_the_services(monitoring, users, today)
    _sign_in(ap, "lead", password)
    ap.goto(f"/inspections/{monitoring.pk}/report/")
    _enter(ap, page.get_by_role("button", name="Publish the report"))
    assert "Report published." in _main(page)
    assert PublishedReport.objects.filter(report__inspection=monitoring).exists()

    # The next engagement meeting, held today: its notes recorded by keyboard.
    ap.goto(f"/after-inspection/{code}/")
    assert "The monitoring inspection is under way" not in _main(page)
    _follow(ap, "Schedule an engagement meeting or record its notes")
    held = set(EngagementMeeting.objects.filter(area=area, held_on__isnull=False).values_list("due_key", flat=True))
    record = page.get_by_label("Which engagement meeting").nth(1)
    choice = next(o for o in record.locator("option").all()
                  if o.get_attribute("value") and o.get_attribute("value") not in held)
    key, label = choice.get_attribute("value"), choice.inner_text().split(",")[0]
    record.select_option(value=key)
    _date(page, "Date the meeting was held", today)
    page.keyboard.press("Tab")
    page.keyboard.type("Demo notes: progress on the plan reviewed with leaders.")
    _enter(ap, page.get_by_role("button", name="Save the notes"))
    assert "Notes of the engagement meeting recorded" in _main(page)
    assert EngagementMeeting.objects.get(area=area, due_key=key).held_on == today
    _sign_out(ap)

    # The public area page shows each step.
    ap.goto(f"/areas/{code}/")
    text = _main(page)
    link = page.get_by_role("link", name=f"Priority action plan, version {new}")
    assert link.get_attribute("href") == f"/areas/{code}/plans/{plan.pk}/"
    assert f"{label}, held on {fw.written_date(today)}" in text
    assert "Demo notes" not in text, "the notes of a meeting are not public"
    assert "Monitoring inspection" in text
    assert "Waiting times for assessments: the partnership is taking effective action" in text
    assert label not in page.locator("#next ~ .areasend-scroll").inner_text(), "a meeting held is not shown as to come"
    _follow(ap, re.compile("^Inspection reports on"))
    published = PublishedReport.objects.get(report__inspection=monitoring)
    assert page.locator(f"main a[href='{reverse('published:report', args=[published.report_id])}']").count() == 1
    response = page.request.get(f"{ap.base_url}/areas/{code}/plans/{plan.pk}/")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"


def test_outcome_3_cycle_with_javascript(browser_page, demo):
    _journey(browser_page, demo)


def test_outcome_3_cycle_without_javascript(no_js_page, demo):
    _journey(no_js_page, demo)
