import datetime as dt

import pytest

from areasend import framework
from areasend.access.roles import Role
from areasend.inspections import services as inspections
from tests.factories import make_user

NOTIFIED = dt.date(2026, 1, 12)  # a Monday
BEFORE = dt.date(2026, 1, 5)


@pytest.fixture
def lead(db):
    return make_user(Role.INSPECTOR, username="lead", first_name="Lena", last_name="Lead")


@pytest.fixture
def ofsted(db):
    return make_user(Role.INSPECTOR, username="ofsted", inspector_kind="ofsted_inspector", first_name="Owen")


@pytest.fixture
def cqc(db):
    return make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector", first_name="Cara")


@pytest.fixture
def qa(db):
    return make_user(Role.QA_READER, username="qa", first_name="Quinn")


def _team_up(planner, lead, ofsted, cqc, area, kind):
    inspection = inspections.create_inspection(planner, area=area, kind=kind, lead_inspector=lead)
    inspection = inspections.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE)
    inspections.add_team_member(lead, inspection, user=ofsted, role="ofsted")
    inspections.add_team_member(lead, inspection, user=cqc, role="cqc")
    return inspection


@pytest.fixture
def inspection(planner, lead, ofsted, cqc, area):
    return _team_up(planner, lead, ofsted, cqc, area, "full")


@pytest.fixture
def lano(inspection, lead):
    inspections.name_lano(lead, inspection, name="Nina Officer", email="nina@example.gov.uk")
    inspection.refresh_from_db()
    return inspection.lano


@pytest.fixture
def timeline(inspection):
    from areasend.inspections.queries import timeline_for

    return timeline_for(inspection)


@pytest.fixture
def onsite_end(timeline):
    return framework.earliest_outcome_date(timeline)
