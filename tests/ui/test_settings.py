"""Production settings refuse to start with the default secret or DEBUG on."""

import os
import subprocess
import sys

import pytest

CHECK = "import django; django.setup(); print('started')"


def _start(**env):
    full = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "AREASEND_ENV"}}
    full.update(env, DJANGO_SETTINGS_MODULE="areasend.config.settings")
    return subprocess.run([sys.executable, "-c", CHECK], env=full, capture_output=True, text=True, timeout=60)


def test_production_refuses_default_secret():
    result = _start(AREASEND_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug():
    result = _start(AREASEND_ENV="production", SECRET_KEY="k8Zq-" * 12, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_starts_with_a_real_secret():
    result = _start(AREASEND_ENV="production", SECRET_KEY="k8Zq-" * 12, AREASEND_NOTIFY_API_KEY="key",
                    AREASEND_NOTIFY_TEMPLATE_ID="template")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize("url, engine", [("sqlite:///tmp/x.sqlite3", "sqlite3"), ("postgres://u@h:5432/db", "postgresql")])
def test_database_url_picks_the_engine(url, engine):
    code = "from django.conf import settings; import django; django.setup(); print(settings.DATABASES['default']['ENGINE'])"
    env = {k: v for k, v in os.environ.items()}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="areasend.config.settings")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith(engine), result.stderr


@pytest.mark.parametrize("value, expected", [(None, "5"), ("off", "None"), ("0", "0"), ("lots", "")])
def test_postgresql_prepares_the_answer_statement_unless_turned_off(value, expected):
    code = ("from django.conf import settings; import django; django.setup(); "
            "print(settings.DATABASES['default']['OPTIONS']['prepare_threshold'])")
    env = {k: v for k, v in os.environ.items() if k != "AREASEND_DB_PREPARE_THRESHOLD"}
    env.update(DATABASE_URL="postgres://u@h:5432/db", DJANGO_SETTINGS_MODULE="areasend.config.settings")
    if value is not None:
        env["AREASEND_DB_PREPARE_THRESHOLD"] = value
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == expected, result.stderr
    if not expected:
        assert "AREASEND_DB_PREPARE_THRESHOLD must be a whole number or off, not 'lots'" in result.stderr


@pytest.mark.parametrize("env, expected", [
    ({}, "http://localhost:8000"),
    ({"PORT": "8123"}, "http://localhost:8123"),
    ({"HOST": "127.0.0.1", "PORT": "9000"}, "http://127.0.0.1:9000"),
    ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://localhost:9000"),
    ({"PORT": "9000", "AREASEND_BASE_URL": "https://areasend.example.gov.uk/"}, "https://areasend.example.gov.uk"),
])
def test_links_in_messages_point_at_the_port_the_service_listens_on(env, expected):
    code = "from django.conf import settings; import django; django.setup(); print(settings.AREASEND_BASE_URL)"
    full = {k: v for k, v in os.environ.items() if k not in {"HOST", "PORT", "AREASEND_BASE_URL"}}
    full.update(env, DJANGO_SETTINGS_MODULE="areasend.config.settings")
    result = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == expected, result.stderr
