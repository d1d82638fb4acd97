"""Under production settings: the headers every page carries, a clean deploy check, admin off, email only through Notify."""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Zp3-kQ9v_Lm2xR7t" * 4


def _production_env(**extra) -> dict:
    # (The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for the test process; a deployment never does.)
    env = {k: v for k, v in os.environ.items()
           if k not in {"DEBUG", "EMAIL_BACKEND", "AREASEND_ADMIN", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        AREASEND_ENV="production", SECRET_KEY=SECRET, ALLOWED_HOSTS="127.0.0.1,areasend.example.gov.uk",
        AREASEND_NOTIFY_API_KEY="test-key", AREASEND_NOTIFY_TEMPLATE_ID="test-template",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https", DJANGO_SETTINGS_MODULE="areasend.config.settings",
    )
    env.update(extra)
    return env


def _django(code: str, **extra):
    return subprocess.run([sys.executable, "-c", code], env=_production_env(**extra), capture_output=True, text=True,
                          timeout=120)


def test_the_deploy_check_has_no_warnings_under_production_settings():
    result = subprocess.run([sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                            env=_production_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_an_email_backend_that_prints_messages():
    result = _django("import django; django.setup()", EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    assert result.returncode != 0
    assert "EMAIL_BACKEND cannot print or file messages in production" in result.stderr


def test_production_refuses_to_start_without_notify():
    env_code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", env_code],
                            env={k: v for k, v in _production_env().items() if k != "AREASEND_NOTIFY_API_KEY"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "AREASEND_NOTIFY_API_KEY must be set in production" in result.stderr


def test_the_admin_is_off_in_production_unless_turned_on():
    code = ("import django; django.setup(); from django.urls import resolve, Resolver404\n"
            "try:\n    resolve('/admin/'); print('admin on')\nexcept Resolver404:\n    print('admin off')")
    assert _django(code).stdout.strip() == "admin off"
    assert _django(code, AREASEND_ADMIN="1").stdout.strip() == "admin on"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, headers: dict):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_serve_sends_the_security_headers_under_production_settings(tmp_path):
    env = _production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}", AREASEND_VAR_DIR=str(tmp_path))
    env.pop("DJANGO_SETTINGS_MODULE")
    subprocess.run([sys.executable, "-m", "areasend.commands", "migrate"], env=env, check=True, capture_output=True)
    port = _free_port()
    serve = subprocess.Popen([sys.executable, "-m", "areasend.commands", "serve", "--port", str(port), "--workers", "1"],
                             env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
    https = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    try:
        deadline = time.monotonic() + 120
        answer = None
        while time.monotonic() < deadline and serve.poll() is None:
            try:
                answer = _get(port, "/", https)
                break
            except OSError:
                time.sleep(0.2)  # until gunicorn listens
        assert answer is not None, serve.stdout.read() if serve.poll() is not None else "no answer"
        status, headers, body = answer
        assert status == 200, body[:500]
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "no-store" in headers["Cache-Control"]
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        # GOV.UK Frontend's one inline script carries the same nonce, so it runs; nothing else inline does.
        assert f'nonce="{nonce}"'.encode() in body
        assert body.count(b"<script") == body.count(b"nonce=") + body.count(b'<script type="module" src=')
        # A plain HTTP request is sent to HTTPS.
        plain_status, plain_headers, _ = _get(port, "/", {"Host": "127.0.0.1"})
        assert plain_status == 301 and plain_headers["Location"].startswith("https://")
        assert _get(port, "/admin/", https)[0] == 404
    finally:
        if serve.poll() is None:
            serve.send_signal(signal.SIGINT)
            try:
                serve.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
                serve.wait()
