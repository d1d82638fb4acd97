"""Signing in fit for the data: lockout after repeated failures (audited), a second step for staff on
local passwords, session lifetimes from settings, and OpenID Connect matching only existing accounts."""

import time

import pytest
from django.urls import reverse

from areasend.access.roles import Role
from areasend.accounts.models import AuditEvent, Verb
from tests.factories import PASSWORD, make_user

SIGN_IN = "/account/sign-in/"


def _try(client, username, password, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_forty_wrong_passwords_then_the_right_one_is_refused(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    user = make_user(Role.INSPECTOR, username="target")
    statuses = [_try(client, "target", f"wrong-{n}").status_code for n in range(40)]
    assert statuses[:4] == [200] * 4  # the form again, with its message
    assert set(statuses[5:]) == {429}
    right = _try(client, "target", PASSWORD)
    assert right.status_code == 429
    assert "too many attempts to sign in" in right.content.decode()
    assert "_auth_user_id" not in client.session
    failures = AuditEvent.objects.filter(verb=Verb.SIGN_IN_FAILED, payload__username="target").count()
    assert failures >= 5
    assert AuditEvent.objects.filter(verb=Verb.SIGN_IN_LOCKED_OUT, payload__username="target").exists()
    assert not AuditEvent.objects.filter(verb=Verb.SIGNED_IN, actor=user).exists()


@pytest.mark.django_db
def test_the_lockout_is_per_name_and_a_good_sign_in_resets_the_count(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user(Role.INSPECTOR, username="alice")
    make_user(Role.INSPECTOR, username="bob")
    for n in range(2):
        _try(client, "alice", "nope", REMOTE_ADDR="10.0.0.1")
    assert _try(client, "alice", PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 302  # two failures, then right
    client.post("/account/sign-out/")
    for n in range(2):
        assert _try(client, "alice", "nope", REMOTE_ADDR="10.0.0.1").status_code == 200  # counting afresh
    assert _try(client, "bob", PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_lockout_counts_the_address_from_the_trusted_proxy_header(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AREASEND_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.AREASEND_TRUSTED_PROXY_COUNT = 1
    for name in ("one", "two", "three"):
        _try(client, name, "x", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    # The proxy's own address is shared by everyone: another client behind it is not locked out.
    make_user(Role.INSPECTOR, username="other")
    ok = _try(client, "other", PASSWORD, REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert ok.status_code == 302
    client.post("/account/sign-out/")
    # The address the client wrote into the header itself is not believed: 203.0.113.7 is locked.
    locked = _try(client, "other", PASSWORD, REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7")
    assert locked.status_code == 429


def _totp(device):
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
def test_staff_on_a_local_password_set_up_and_then_give_a_code(client, settings):
    settings.AREASEND_REQUIRE_MFA = True
    user = make_user(Role.INSPECTOR, username="staffer")
    response = _try(client, "staffer", PASSWORD)
    assert response.status_code == 302
    home = client.get("/your-work/")
    assert home.status_code == 302 and home.headers["Location"].startswith(reverse("accounts:two-factor-setup"))
    setup = client.get(reverse("accounts:two-factor-setup"))
    assert setup.status_code == 200 and "<svg" in setup.content.decode()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:two-factor-setup"), {"code": "000000" if _totp(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "The code is not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(reverse("accounts:two-factor-setup"), {"code": _totp(device)})
    assert done.status_code == 302
    assert client.get("/your-work/").status_code == 200
    assert AuditEvent.objects.filter(verb=Verb.AUTHENTICATOR_ADDED, actor=user).exists()
    assert AuditEvent.objects.filter(verb=Verb.SECOND_STEP_FAILED, actor=user).exists()
    # The next sign-in asks for a code, and no page opens before it.
    client.post("/account/sign-out/")
    _try(client, "staffer", PASSWORD)
    asked = client.get("/inspections/")
    assert asked.status_code == 302 and asked.headers["Location"].startswith(reverse("accounts:two-factor"))


@pytest.mark.django_db
def test_a_local_areas_nominated_officer_is_not_asked_for_a_code(client, settings):
    settings.AREASEND_REQUIRE_MFA = True
    make_user(Role.LOCAL_AREA_OFFICER, username="lano")
    _try(client, "lano", PASSWORD)
    assert client.get("/your-work/").status_code == 200


@pytest.mark.django_db
def test_a_session_ends_after_the_idle_limit(client, settings, monkeypatch):
    settings.AREASEND_SESSION_IDLE_MINUTES = 30
    user = make_user(Role.NATIONAL_PLANNER, username="idle")
    client.force_login(user)
    assert client.get("/your-work/").status_code == 200
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/your-work/")
    assert response.status_code == 302 and response.headers["Location"].startswith(SIGN_IN)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_session_ends_after_the_absolute_limit_even_when_busy(client, settings, monkeypatch):
    settings.AREASEND_SESSION_IDLE_MINUTES = 30
    settings.AREASEND_SESSION_ABSOLUTE_HOURS = 2
    user = make_user(Role.NATIONAL_PLANNER, username="busy")
    client.force_login(user)
    start = time.time()
    for minutes in range(0, 120, 20):  # a request every 20 minutes: never idle
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert client.get("/your-work/").status_code == 200
    monkeypatch.setattr(time, "time", lambda: start + 121 * 60)
    assert client.get("/your-work/").status_code == 302


@pytest.mark.django_db
def test_openid_connect_lets_in_only_an_existing_active_account_by_verified_email():
    from areasend.accounts.oidc import AreasendOIDCBackend

    backend = AreasendOIDCBackend.__new__(AreasendOIDCBackend)
    backend.UserModel = __import__("areasend.accounts.models", fromlist=["User"]).User
    user = make_user(Role.INSPECTOR, username="known", email="known@ofsted.example")
    make_user(Role.INSPECTOR, username="gone", email="gone@ofsted.example", is_active=False)
    assert list(backend.filter_users_by_claims({"email": "KNOWN@ofsted.example", "email_verified": True})) == [user]
    assert list(backend.filter_users_by_claims({"email": "known@ofsted.example", "email_verified": False})) == []
    assert list(backend.filter_users_by_claims({"email": "gone@ofsted.example"})) == []
    assert list(backend.filter_users_by_claims({"email": "stranger@example.com"})) == []
    assert backend.create_user({"email": "stranger@example.com"}) is None


def test_openid_connect_settings_come_from_the_environment():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "areasend.config.settings", "OIDC_RP_CLIENT_ID": "client",
           "OIDC_RP_CLIENT_SECRET": "secret", "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/authorize",
           "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token", "OIDC_OP_USER_ENDPOINT": "https://idp.example/userinfo",
           "OIDC_OP_JWKS_ENDPOINT": "https://idp.example/jwks"}
    code = ("import django; django.setup(); from django.conf import settings; from django.urls import reverse;"
            "print(settings.AUTHENTICATION_BACKENDS[-1]); print(reverse('accounts:oidc-start'))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["areasend.accounts.oidc.AreasendOIDCBackend", "/account/sign-in-provider/"]
    missing = subprocess.run([sys.executable, "-c", "import django; django.setup()"],
                             env={k: v for k, v in env.items() if k != "OIDC_OP_TOKEN_ENDPOINT"},
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode != 0 and "OIDC_OP_TOKEN_ENDPOINT" in missing.stderr
