"""Signing in, hardened, in a real browser with axe on every page: the Content Security Policy lets GOV.UK
Frontend's own script run, a staff member sets up an authenticator app and gives a code, and repeated wrong
passwords lock the name out."""

import base64
import re

import pytest

from areasend.access.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _code(key_text: str) -> str:
    from django_otp.oath import totp

    key = key_text.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(base64.b32decode(key)):06d}"


def test_gov_uk_frontends_script_runs_under_the_policy(browser_page):
    page = browser_page.goto("/")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def test_staff_set_up_an_authenticator_app_then_give_a_code(browser_page, settings):
    settings.AREASEND_REQUIRE_MFA = True
    make_user(Role.NATIONAL_PLANNER, username="planner2fa", first_name="Demo", last_name="Planner")
    page = browser_page.goto("/account/sign-in/")
    page.get_by_label("Username").fill("planner2fa")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    browser_page.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == "Set up an authenticator app"
    key = re.search(r"Key: ([A-Z2-7 ]+)", page.locator("main").inner_text()).group(1)
    page.get_by_label("Code from your authenticator app").fill("000000" if _code(key) != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    browser_page.check_accessibility()
    assert "The code is not right" in page.locator(".govuk-error-summary").inner_text()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    page.get_by_label("Code from your authenticator app").fill(_code(key))
    page.get_by_role("button", name="Continue").click()
    browser_page.check_accessibility()
    assert "Your authenticator app is set up." in page.locator("main").inner_text()


def test_repeated_wrong_passwords_lock_the_name_out(no_js_page, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user(Role.INSPECTOR, username="locked", first_name="Demo", last_name="Inspector")
    page = no_js_page.goto("/account/sign-in/")
    for attempt in range(3):
        page.get_by_label("Username").fill("locked")
        page.get_by_label("Password").fill(f"wrong {attempt}")
        page.get_by_role("button", name="Sign in").click()
        no_js_page.check_accessibility()
        if attempt < 2:
            assert "Enter a correct username and password" in page.locator(".govuk-error-summary").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot sign in for now"
    page = no_js_page.goto("/account/sign-in/")
    page.get_by_label("Username").fill("locked")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    no_js_page.check_accessibility()
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot sign in for now"
