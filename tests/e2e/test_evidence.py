"""The evidence log to a signed-off outcome in a real browser, with axe on every page.

A lead inspector, two inspectors on the team and a quality assurance reader take an inspection
staffed like the demo one, its on-site week over, from on-site evidence to a signed-off outcome:
with JavaScript, without it, and by keyboard alone. An entry
typed while the browser is offline is kept and stored exactly once when the network returns.
"""

import re

import pytest
from django.utils import timezone

from areasend import framework
from areasend.access.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(transactional_db):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West",
                                               kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Pat", last_name="Planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Lee", last_name="Lead")
    ofsted = make_user(Role.INSPECTOR, username="ofsted", inspector_kind="ofsted_inspector", first_name="Olu", last_name="Ofsted")
    cqc = make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector", first_name="Cal", last_name="Cqc")
    make_user(Role.QA_READER, username="qa", first_name="Quinn", last_name="Reader")
    today = timezone.localdate()
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=today)
    inspection = services.set_notification_date(lead, inspection, framework.add_working_days(today, -70), today=today)
    services.add_team_member(lead, inspection, user=ofsted, role="ofsted")
    services.add_team_member(lead, inspection, user=cqc, role="cqc")
    return {"inspection": inspection, "area": area}


def sign_in(ap, username):
    page = ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()


def sign_out(ap):
    ap.page.get_by_role("button", name=re.compile("Sign out")).click()
    ap.check_accessibility()


def add_entry(ap, text, source, criteria=(), supports=None):
    page = ap.page
    page.get_by_label("What did you find?").fill(text)
    page.get_by_label(source, exact=True).check()
    for c in criteria:
        page.locator(f"input[name=criteria][value={c}]").check()
    if supports:
        page.locator("fieldset", has_text="Lines of enquiry it supports").get_by_label(supports).check()
    page.get_by_role("button", name="Save entry").click()


def _journey(ap, world):
    from areasend.evidence.models import EvidenceEntry

    page, inspection = ap.page, world["inspection"]
    pk = inspection.pk

    # An inspector on the team writes what they found on a visit, and a line of enquiry.
    sign_in(ap, "ofsted")
    ap.goto(f"/inspections/{pk}/")
    page.get_by_role("link", name="Evidence log, lines of enquiry and triangulation").click()
    ap.check_accessibility()
    page.get_by_role("button", name="Save entry").click()  # empty: the server says what to do
    page.get_by_text("Enter what you found").first.wait_for()
    ap.check_accessibility()
    add_entry(ap, "Two of three schools visited had no plan for a child on SEN support.", "Sampling visit", ["I1", "I3"])
    page.get_by_text("Entry 1 saved.").wait_for()
    ap.check_accessibility()
    page.get_by_role("link", name="Lines of enquiry", exact=True).click()
    ap.check_accessibility()
    page.get_by_label("Line of enquiry", exact=True).fill("Do schools plan support for children on SEN support?")
    page.get_by_role("button", name="Add line of enquiry").click()
    ap.check_accessibility()
    sign_out(ap)

    # The second inspector adds evidence from another source that supports the line of enquiry.
    sign_in(ap, "cqc")
    ap.goto(f"/inspections/{pk}/evidence/")
    add_entry(ap, "Health visitors said referrals from schools often lack a plan.", "Other",
              ["I1"], supports="Do schools plan support for children on SEN support?")
    page.get_by_text("Entry 2 saved.").wait_for()
    ap.check_accessibility()
    sign_out(ap)
    assert EvidenceEntry.objects.filter(inspection=inspection).count() == 2

    # The lead reads the triangulation, proposes outcome 2 tied to the evidence, records the feedback.
    sign_in(ap, "lead")
    ap.goto(f"/inspections/{pk}/triangulation/")
    main = page.locator("main").inner_text()
    assert "Corroborated by two sources" in main and "No evidence yet" in main
    page.get_by_role("link", name="Outcome decision", exact=True).click()
    ap.check_accessibility()
    page.get_by_role("button", name="Save the proposal").click()
    ap.check_accessibility()
    assert page.get_by_text("There is a problem").is_visible()
    page.get_by_label("Outcome 2").check()
    page.get_by_label("Reason 1", exact=True).fill("Support for children on SEN support is planned in some schools only.")
    page.locator("fieldset", has_text="Reason 1").first.get_by_label("Entry 1:").check()
    page.locator("fieldset", has_text="Reason 1").first.get_by_label("Entry 2:").check()
    page.get_by_role("button", name="Save the proposal").click()
    ap.check_accessibility()
    assert "Waiting for the team to agree" in page.locator("main").inner_text()
    page.get_by_role("button", name="I agree the proposed outcome").click()
    ap.check_accessibility()
    page.get_by_label("What was said at the final feedback meeting").fill("Leaders accepted the findings.")
    page.get_by_role("button", name="Save what was said").click()
    ap.check_accessibility()
    sign_out(ap)

    for person in ("ofsted", "cqc"):
        sign_in(ap, person)
        ap.goto(f"/inspections/{pk}/outcome-decision/")
        page.get_by_role("button", name="I agree the proposed outcome").click()
        ap.check_accessibility()
        sign_out(ap)

    # A quality assurance reader, not on the team, signs it off: the outcome stands, nothing is public.
    sign_in(ap, "qa")
    ap.goto(f"/inspections/{pk}/outcome-decision/")
    page.get_by_role("button", name="Sign off the outcome").click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Signed off: the outcome stands" in main and framework.Outcome.INCONSISTENT.official_name in main
    sign_out(ap)
    inspection.refresh_from_db()
    assert inspection.outcome == 2 and inspection.publication_date is None

    ap.goto(f"/areas/{world['area'].ons_code}/")
    assert framework.Outcome.INCONSISTENT.official_name not in page.locator("main").inner_text()
    ap.assert_every_page_checked()


def test_evidence_to_signed_off_outcome_with_javascript(browser_page, world):
    _journey(browser_page, world)


def test_evidence_to_signed_off_outcome_without_javascript(no_js_page, world):
    _journey(no_js_page, world)


def test_an_entry_typed_offline_is_stored_exactly_once(browser_page, world):
    from areasend.evidence.models import EvidenceEntry, EvidenceVersion

    ap, page, pk = browser_page, browser_page.page, world["inspection"].pk
    sign_in(ap, "ofsted")
    ap.goto(f"/inspections/{pk}/evidence/")
    page.context.set_offline(True)
    add_entry(ap, "Typed with no connection: the parent forum meets monthly.", "Other")
    page.get_by_text("Waiting to be sent").wait_for()
    assert EvidenceEntry.objects.count() == 0
    assert "Typed with no connection" in page.locator("[data-evidence-outbox-list]").inner_text()
    page.context.set_offline(False)
    page.get_by_text("Entry 1 saved.").wait_for()
    page.locator("[data-evidence-outbox]").wait_for(state="hidden")
    # The same entry sent again (say, from a second tab that kept it) is stored once.
    stored = EvidenceVersion.objects.get()
    page.evaluate("""([store, key]) => {
        const body = new URLSearchParams({key, text: "Typed with no connection: the parent forum meets monthly.",
                                          source: "other",
                                          csrfmiddlewaretoken: document.querySelector('[name=csrfmiddlewaretoken]').value});
        localStorage.setItem(store + ':outbox', JSON.stringify([{key, body: body.toString(), preview: 'again'}]));
        window.dispatchEvent(new Event('online'));
    }""", [page.locator("[data-evidence-form]").get_attribute("data-store"), str(stored.key)])
    page.get_by_text("Entry 1 was already saved.").wait_for()
    ap.goto(f"/inspections/{pk}/evidence/")
    assert "Entries (1)" in page.locator("main").inner_text()
    assert EvidenceEntry.objects.count() == 1 and EvidenceVersion.objects.count() == 1


def test_a_draft_reaches_the_server_while_typing(browser_page, world):
    from areasend.evidence.models import Draft

    ap, page, pk = browser_page, browser_page.page, world["inspection"].pk
    sign_in(ap, "cqc")
    ap.goto(f"/inspections/{pk}/evidence/")
    page.get_by_label("What did you find?").fill("Half a thought about short breaks")
    page.get_by_text(re.compile(r"Draft saved at \d\d:\d\d:\d\d")).wait_for()
    assert Draft.objects.get().text == "Half a thought about short breaks"
    # Leaving and coming back: the unsaved entry comes back from the browser's storage.
    ap.goto(f"/inspections/{pk}/evidence/")
    assert page.get_by_label("What did you find?").input_value() == "Half a thought about short breaks"


def tab_to(page, predicate_js: str, limit: int = 200):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"):
            return
    raise AssertionError(f"could not reach an element matching {predicate_js} with the Tab key")


def test_writing_proposing_agreeing_and_signing_off_by_keyboard(no_js_page, world):
    """The whole path by Tab, Space, arrow keys and Enter alone, without JavaScript (every step a form post)."""
    from areasend.evidence.models import EvidenceEntry

    ap, page, inspection = no_js_page, no_js_page.page, world["inspection"]
    pk = inspection.pk

    def keyboard_sign_in(username):
        ap.goto("/account/sign-in/")
        tab_to(page, "el.id === 'id_username'")
        page.keyboard.type(username)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        ap.check_accessibility()

    def press(predicate):
        tab_to(page, predicate)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        ap.check_accessibility()

    keyboard_sign_in("ofsted")
    ap.goto(f"/inspections/{pk}/evidence/")
    tab_to(page, "el.id === 'id_text'")
    page.keyboard.type("Written by keyboard: the local offer is hard to find.")
    tab_to(page, "el.name === 'source'")
    page.keyboard.press("ArrowUp")  # a radio group wraps round: from the first choice to the last, "Other"
    assert page.evaluate("document.activeElement.value") == "other" and page.evaluate("document.activeElement.checked")
    press("el.tagName === 'BUTTON' && el.textContent.includes('Save entry')")
    assert "Entry 1 saved." in page.locator("main").inner_text()
    entry = EvidenceEntry.objects.get()

    press("el.tagName === 'BUTTON' && el.textContent.includes('Sign out')")

    # The lead proposes outcome 1, tied to the entry, and agrees it; then each inspector agrees.
    keyboard_sign_in("lead")
    ap.goto(f"/inspections/{pk}/outcome-decision/")
    tab_to(page, "el.name === 'outcome'")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.value") == "1" and page.evaluate("document.activeElement.checked")
    tab_to(page, "el.id === 'id_reason_1'")
    page.keyboard.type("Leaders know where the local offer falls short and are acting on it.")
    tab_to(page, "el.name === 'reason_1_entries'")
    page.keyboard.press("Space")
    press("el.tagName === 'BUTTON' && el.textContent.includes('Save the proposal')")
    assert "Proposal saved" in page.locator("main").inner_text()
    press("el.tagName === 'BUTTON' && el.textContent.includes('I agree the proposed outcome')")
    assert "Your agreement is recorded." in page.locator("main").inner_text()
    press("el.tagName === 'BUTTON' && el.textContent.includes('Sign out')")
    for person in ("ofsted", "cqc"):
        keyboard_sign_in(person)
        ap.goto(f"/inspections/{pk}/outcome-decision/")
        press("el.tagName === 'BUTTON' && el.textContent.includes('I agree the proposed outcome')")
        assert "Your agreement is recorded." in page.locator("main").inner_text()
        press("el.tagName === 'BUTTON' && el.textContent.includes('Sign out')")
    assert [r.entries.get() for r in inspection.outcome_decision.reasons.all()] == [entry]

    keyboard_sign_in("qa")
    ap.goto(f"/inspections/{pk}/outcome-decision/")
    press("el.tagName === 'BUTTON' && el.textContent.includes('Sign off the outcome')")
    assert "Signed off: the outcome stands" in page.locator("main").inner_text()
    inspection.refresh_from_db()
    assert inspection.outcome == 1 and inspection.publication_date is None
    ap.assert_every_page_checked()
