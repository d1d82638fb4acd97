"""``areasend serve`` behind a TLS proxy: forms pass CSRF, static files are served, Ctrl+C stops everything."""

from __future__ import annotations

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
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_post_through_a_tls_proxy_passes_csrf_when_the_settings_say_so():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/account/sign-in/", secure=False)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    posted = {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": token}
    proxied = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_ORIGIN": "https://areasend.example.gov.uk",
               "HTTP_HOST": "areasend.example.gov.uk"}
    with override_settings(ALLOWED_HOSTS=["areasend.example.gov.uk"]):
        # Without the settings Django takes the request for plain HTTP and refuses the https origin.
        assert client.post("/account/sign-in/", posted, **proxied).status_code == 403
    with override_settings(ALLOWED_HOSTS=["areasend.example.gov.uk"],
                           SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
                           CSRF_TRUSTED_ORIGINS=["https://areasend.example.gov.uk"]):
        response = client.post("/account/sign-in/", posted, **proxied)
    assert response.status_code == 200, "the form is checked (wrong password), not refused"
    assert "There is a problem" in response.content.decode()


def test_the_proxy_settings_come_from_the_environment():
    env = {**os.environ, "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
           "CSRF_TRUSTED_ORIGINS": "https://a.example, https://b.example", "AREASEND_BASE_URL": "https://a.example/"}
    code = ("from django.conf import settings; import django; django.setup(); "
            "print(settings.SECURE_PROXY_SSL_HEADER, settings.CSRF_TRUSTED_ORIGINS, settings.AREASEND_BASE_URL)")
    out = subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "areasend.config.settings"},
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == "('HTTP_X_FORWARDED_PROTO', 'https') ['https://a.example', 'https://b.example'] https://a.example"
    bad = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**env, "SECURE_PROXY_SSL_HEADER": "https", "DJANGO_SETTINGS_MODULE": "areasend.config.settings"})
    assert bad.returncode != 0 and "SECURE_PROXY_SSL_HEADER must be a header and a value" in bad.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_serve_runs_gunicorn_and_the_worker_and_stops_both(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}", "AREASEND_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([sys.executable, "-m", "areasend.commands", "migrate"], env=env, check=True, capture_output=True)
    port = _free_port()
    serve = subprocess.Popen([sys.executable, "-m", "areasend.commands", "serve", "--port", str(port), "--workers", "2"],
                             env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and serve.poll() is None:
            try:
                status, body = _get(port, "/")
                break
            except OSError:
                time.sleep(0.2)  # until gunicorn listens
        assert status == 200, serve.stdout.read() if serve.poll() is not None else "no answer"
        assert b"govuk-template" in body
        css = re.search(rb'href="(/static/[^"]+\.css)"', body).group(1).decode()
        assert _get(port, css)[0] == 200, "WhiteNoise serves the collected stylesheet"
        children = subprocess.run(["ps", "-o", "args=", "--ppid", str(serve.pid)], capture_output=True,
                                  text=True).stdout
        assert "gunicorn" in children and "worker" in children
        serve.send_signal(signal.SIGINT)
        serve.wait(timeout=120)
        assert serve.returncode == 0
        left = subprocess.run(["pgrep", "-s", str(serve.pid)], capture_output=True, text=True).stdout.split()
        assert left == [], "gunicorn and the worker stopped with it"
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
