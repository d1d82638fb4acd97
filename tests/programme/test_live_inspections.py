"""The programme knows about inspections in this service: those under way leave the plan, published ones
count from their outcome, and the accepted plan stops offering to start an inspection already started."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from areasend import framework
from areasend.access.roles import Role
from areasend.areas.models import LocalAreaPartnership
from areasend.inspections import services as inspections
from areasend.programme import services
from tests.factories import make_user


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def lead(db):
    return make_user(Role.INSPECTOR, username="livelead")


def _plan(planner, today, **overrides):
    kwargs = {"until": today + dt.timedelta(days=364), "full_per_week": 2, "monitoring_per_week": 1,
              "region_cap": 2, "today": today, **overrides}
    return services.start_plan(planner, **kwargs)


def _start(planner, lead, code, kind="full"):
    return inspections.create_inspection(planner, area=LocalAreaPartnership.objects.get(ons_code=code), kind=kind,
                                         lead_inspector=lead)


def _planned_codes(run):
    return {item["area_code"] for item in run.result["items"]}


def test_an_area_with_an_inspection_under_way_is_not_planned_and_is_listed(register, planner, lead, today):
    before = _plan(planner, today)
    code = sorted(_planned_codes(before))[0]
    started = _start(planner, lead, code)
    run = _plan(planner, today)
    assert code not in _planned_codes(run)
    assert run.result["under_way"] == [{"area_code": code, "area_name": started.area.name, "kind": "full",
                                        "inspection": started.pk, "stage": "inspection under way"}]
    assert _planned_codes(before) - {code} <= _planned_codes(run) | {u["area_code"] for u in run.result["unscheduled"]}


def test_an_outcome_recorded_but_not_published_keeps_the_area_out(register, planner, lead, today):
    code = sorted(_planned_codes(_plan(planner, today)))[0]
    inspection = _start(planner, lead, code)
    notified = framework.ENGLAND.add_working_days(today, -40)
    inspection = inspections.set_notification_date(lead, inspection, notified, today=notified)
    inspections.record_outcome(lead, inspection, outcome=2, summary="Inconsistent experiences.", today=today)
    inspection.refresh_from_db()
    assert inspection.publication_date is None, "recording an outcome publishes nothing"
    run = _plan(planner, today)
    assert code not in _planned_codes(run)
    assert [u["stage"] for u in run.result["under_way"]] == ["outcome recorded, not yet published"]


def test_a_published_outcome_plans_the_area_from_that_outcome(register, planner, lead, today):
    code = sorted(_planned_codes(_plan(planner, today)))[0]
    inspection = _start(planner, lead, code)
    notified = framework.ENGLAND.add_working_days(today, -60)
    inspection = inspections.set_notification_date(lead, inspection, notified, today=notified)
    inspection = inspections.record_outcome(lead, inspection, outcome=3, summary="Widespread failings.",
                                            today=framework.ENGLAND.add_working_days(notified, 15))
    inspection = inspections.publish_findings(lead, inspection, today=framework.ENGLAND.add_working_days(notified, 15))
    inspection.refresh_from_db()
    published = inspection.publication_date
    assert published <= today
    cycle = framework.cycle_after(framework.get_version(inspection.framework), 3, published=published)
    run = _plan(planner, today, until=today + dt.timedelta(days=1000))  # past the monitoring inspection's due date
    assert run.result["under_way"] == []
    own = [item for item in run.result["items"] + run.result["unscheduled"] if item["area_code"] == code]
    monitoring = [item for item in own if item["kind"] == "monitoring"]
    assert len(monitoring) == 1, "outcome 3 leads to a monitoring inspection"
    assert monitoring[0]["due_by"] == cycle.monitoring_inspection_due.date.isoformat()


def test_start_links_go_once_an_inspection_is_started(register, planner, lead, today, client):
    run = _plan(planner, today)
    services.accept(planner, run)
    first, second = sorted({(i["area_name"], i["area_code"]) for i in run.result["items"]})[:2]
    client.force_login(planner)
    page = client.get("/programme/").content.decode()
    assert f"Start inspection<span class=\"govuk-visually-hidden\"> of {first[0]}" in page
    _start(planner, lead, first[1])
    page = client.get("/programme/").content.decode()
    assert f"Start inspection<span class=\"govuk-visually-hidden\"> of {first[0]}" not in page
    assert "Inspection under way" in page
    assert f"Start inspection<span class=\"govuk-visually-hidden\"> of {second[0]}" in page


def test_a_what_if_plans_from_the_inspections_of_today_not_from_its_base(register, planner, lead, today, client):
    base = _plan(planner, today)
    code = sorted(_planned_codes(base))[0]
    started = _start(planner, lead, code)
    run = services.start_what_if(planner, base, today=today, full_per_week=3)
    assert code in _planned_codes(base) and code not in _planned_codes(run)
    assert [u["area_code"] for u in run.result["under_way"]] == [code]
    client.force_login(planner)
    page = client.get(f"/programme/plans/{run.pk}/").content.decode()
    assert "Inspections under way" in page and started.area.name in page
    with pytest.raises(ValidationError) as refused:
        services.start_what_if(planner, base, today=today, pin_area=code, pin_week=today + dt.timedelta(days=28))
    assert "has an inspection under way" in str(refused.value)
