import datetime as dt

import pytest

from areasend.access.roles import Role
from areasend.inspections import services as inspections
from tests.factories import make_user
from tests.followup.world import outcome_3

TODAY = dt.date(2026, 3, 2)
PUBLISHED = dt.date(2025, 12, 1)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    return tmp_path / "uploads"


@pytest.fixture
def cycle_area(area, uploads):
    """The area after an outcome-3 full inspection published on 1 December 2025."""
    outcome_3(area, PUBLISHED)
    return area


@pytest.fixture
def lano(cycle_area, planner, inspector):
    inspection = inspections.create_inspection(planner, area=cycle_area, kind="full", lead_inspector=inspector)
    user, _ = inspections.name_lano(inspector, inspection, name="Area Officer", email="officer@example.gov.uk")
    return user


@pytest.fixture
def other_lano(db):
    return make_user(Role.LOCAL_AREA_OFFICER, username="elsewhere")
