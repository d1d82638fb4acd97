"""The young people's easy-read survey in a real browser, with axe on every page.

A young person answers on a phone-sized screen by keyboard alone, reaching each question's
recording; the same survey works without JavaScript; the lead inspector's survey pages pass too.
"""

import re

import pytest

from areasend.access.roles import Role
from tests.e2e.test_inspection_journey import sign_in, tab_to
from tests.factories import make_user

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 700}


@pytest.fixture
def cyp(transactional_db):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services
    from tests.surveys.access import open_surveys

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Lee", last_name="Lead")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    return open_surveys(inspection)[0]


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _choose_by_keyboard(page, choice: str):
    """Tab into the radio group, then move with the arrow keys to ``choice`` (which checks it)."""
    tab_to(page, "el.name === 'answer'")
    for _ in range(6):
        if page.evaluate("document.activeElement.labels[0].textContent.trim()") == choice:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no answer {choice!r} among the radios")


def _submit_by_keyboard(ap, button_text: str):
    page = ap.page
    tab_to(page, f"el.tagName === 'BUTTON' && el.textContent.includes({button_text!r})")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    ap.check_accessibility()


def test_young_person_answers_by_keyboard_alone_on_a_phone(browser_page, cyp):
    from areasend.surveys.models import Answer, SurveyResponse

    ap, page = browser_page, browser_page.page
    page.set_viewport_size(PHONE)
    ap.goto(f"/surveys/s/{cyp.public_token}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your views about help for children and young people with SEND"
    assert _fits_the_screen(page)
    _submit_by_keyboard(ap, "Start now")

    questions = [("help_at_school", "Sometimes"), ("adults_listen", "Yes"), ("say_in_plan", "No"),
                 ("health_help", "Yes"), ("next_steps", "I am not sure"), ("join_in", "Sometimes")]
    for number, (question_id, choice) in enumerate(questions, start=1):
        assert page.get_by_text(f"Question {number} of 8").is_visible()
        assert page.locator(".areasend-easy-read__picture img").get_attribute("alt").startswith("Picture: ")
        assert _fits_the_screen(page), question_id
        if number == 1:
            # The recording is reachable by keyboard and named by its visible label.
            label = page.locator("#audio-label-help_at_school")
            assert label.is_visible() and label.inner_text() == "Listen to the question and the answers"
            tab_to(page, "el.tagName === 'AUDIO'")
            assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "audio-label-help_at_school"
            audio = page.request.get(ap.base_url + page.locator("audio").get_attribute("src"))
            assert audio.status == 200 and audio.body()[:4] == b"RIFF"
            page.keyboard.press("Shift+Tab")
            # A try without an answer is stopped with a message, by keyboard too.
            _submit_by_keyboard(ap, "Save and continue")
            assert page.get_by_text("Choose one answer").first.is_visible()
        _choose_by_keyboard(page, choice)
        assert page.get_by_label(choice, exact=True).is_checked()
        _submit_by_keyboard(ap, "Save and continue")

    assert page.get_by_text("Question 7 of 8").is_visible()
    tab_to(page, "el.tagName === 'TEXTAREA'")
    page.keyboard.type("I would like more clubs after school.")
    _submit_by_keyboard(ap, "Save and continue")

    assert page.get_by_text("Question 8 of 8").is_visible()
    _choose_by_keyboard(page, "Yes, someone helped me")
    _submit_by_keyboard(ap, "Save and finish")
    assert page.get_by_role("heading", name="Thank you").is_visible()

    response = SurveyResponse.objects.get()
    assert response.completed_at is not None
    saved = dict(Answer.objects.filter(response=response).values_list("question_id", "value"))
    assert saved["say_in_plan"] == "no" and saved["helped"] == "helped"
    assert saved["anything_else"] == "I would like more clubs after school."

    # Reflow: at the width of 1280 pixels zoomed to 400%, a question page still fits without sideways scrolling.
    page.set_viewport_size({"width": 320, "height": 256})
    ap.goto(f"/surveys/s/{cyp.public_token}/q/health_help/")
    assert _fits_the_screen(page)


def test_survey_without_javascript(no_js_page, cyp):
    from areasend.surveys.models import Answer

    ap, page = no_js_page, no_js_page.page
    page.set_viewport_size(PHONE)
    ap.goto(f"/surveys/s/{cyp.public_token}/")
    page.get_by_role("button", name="Start now").click()
    ap.check_accessibility()
    # The recording is a plain audio control with its label, no script needed.
    assert page.locator("audio[controls]").count() == 1
    assert page.locator("#audio-label-help_at_school").is_visible()
    page.get_by_role("button", name="Save and continue").click()
    ap.check_accessibility()
    assert page.get_by_role("link", name="Choose one answer").is_visible()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()
    ap.check_accessibility()
    assert page.get_by_text("Question 2 of 8").is_visible()
    # Leaving and coming back on the same device carries on where they were.
    ap.goto(f"/surveys/s/{cyp.public_token}/")
    page.get_by_role("button", name="Carry on where you left off").click()
    ap.check_accessibility()
    assert page.get_by_text("Question 2 of 8").is_visible()
    assert list(Answer.objects.values_list("question_id", "value")) == [("help_at_school", "yes")]
    ap.goto("/surveys/privacy/")
    assert page.get_by_role("heading", name=re.compile("Privacy notice")).is_visible()


def test_lead_shares_the_surveys_and_reads_results(no_js_page, cyp):
    from areasend.surveys.models import Answer, SurveyResponse

    for n, value in enumerate(["no", "no", "no", "yes", "sometimes"]):
        response = SurveyResponse.objects.create(survey=cyp, token=f"e2e-{n}", question_set=cyp.question_set)
        Answer.objects.create(response=response, question_id="help_at_school", value=value)
    Answer.objects.create(response=response, question_id="anything_else", value="The bus to college is late a lot.")
    ap, page = no_js_page, no_js_page.page
    sign_in(ap, "lead")
    ap.goto(f"/surveys/inspection/{cyp.inspection.pk}/")
    assert page.get_by_role("img", name=re.compile("QR code that opens the survey for children and young people with SEND")).is_visible()
    page.get_by_role("link", name="See the results").click()
    ap.check_accessibility()
    assert page.get_by_text("60% of 5 children and young people").is_visible()
    page.get_by_role("button", name=re.compile("^Accept")).click()
    ap.check_accessibility()
    assert page.get_by_text("Suggestion accepted.").is_visible()
