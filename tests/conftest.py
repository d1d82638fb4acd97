"""Shared test fixtures: users with roles, an area to hang inspections on."""

import pytest

from areasend.access.roles import Role
from tests.factories import make_user


@pytest.fixture
def planner(db):
    return make_user(Role.NATIONAL_PLANNER, username="planner")


@pytest.fixture
def inspector(db):
    return make_user(Role.INSPECTOR, username="inspector")


@pytest.fixture
def other_inspector(db):
    return make_user(Role.INSPECTOR, username="otherinspector")


@pytest.fixture
def area(db):
    from areasend.areas.models import LocalAreaPartnership

    return LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West", kind="unitary authority")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing with the production hasher makes every sign-in in a test take a quarter second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _virus_scanner_stand_in(settings):
    """Uploads are scanned by the stand-in that finds the EICAR test string (no ClamAV daemon in tests)."""
    settings.AREASEND_VIRUS_SCANNER = "eicar"
