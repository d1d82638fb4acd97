"""Fixtures for the survey tests: an inspection whose surveys the core's timeline has opened today."""

import pytest
from django.core.cache import cache

from areasend.access.roles import Role
from areasend.inspections import services as inspection_services
from tests.factories import make_user
from tests.surveys.access import open_surveys


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path, db):
    settings.VAR_DIR = tmp_path  # spoken questions are cached here, not in the project's var folder
    cache.clear()  # rate-limit counters (the cache is a database table, so this needs the database)
    yield
    cache.clear()


@pytest.fixture
def lead(db):
    return make_user(Role.INSPECTOR, username="slead")


@pytest.fixture
def member(db):
    return make_user(Role.INSPECTOR, username="smember")


@pytest.fixture
def inspection(db, planner, lead, member, area):
    from areasend.inspections.models import TeamMember

    inspection = inspection_services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    TeamMember.objects.create(inspection=inspection, user=member, role=TeamMember.Role.OFSTED)
    return inspection


@pytest.fixture
def lano(inspection, lead):
    user, _ = inspection_services.name_lano(lead, inspection, name="Area Officer", email="area.officer@example.gov.uk")
    return user


@pytest.fixture
def surveys(inspection):
    """The three surveys, open today (cyp, parents, practitioners)."""
    return open_surveys(inspection)


@pytest.fixture
def cyp(surveys):
    return surveys[0]
