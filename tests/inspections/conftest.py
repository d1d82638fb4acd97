import datetime as dt

import pytest

from areasend import framework
from areasend.access.roles import Role
from areasend.inspections import services
from tests.factories import make_user

NOTIFIED = dt.date(2026, 1, 12)  # a Monday
BEFORE = dt.date(2026, 1, 5)


@pytest.fixture
def lead(db):
    return make_user(Role.INSPECTOR, username="lead", email="lead@example.gov.uk", first_name="Demo", last_name="Lead")


@pytest.fixture
def notified_inspection(planner, lead, area):
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    return services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE)


@pytest.fixture
def second_area(db):
    from areasend.areas.models import LocalAreaPartnership

    return LocalAreaPartnership.objects.create(ons_code="E06000023", name="Bristol", region="South West", kind="unitary authority")


def working_days_after(day, n):
    return framework.add_working_days(day, n)


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_directory(settings, tmp_path):
    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    return settings.AREASEND_UPLOAD_DIR


def record_standing_outcome(area, outcome=3, start=dt.date(2024, 3, 4), published=dt.date(2024, 5, 1)):
    """An imported full inspection under the 2023 framework in the area's history."""
    from areasend.areas.models import InspectionRecord

    return InspectionRecord.objects.create(area=area, framework="2023", kind="full", start_date=start,
                                           end_date=start + dt.timedelta(days=4), published=published, outcome=outcome)
