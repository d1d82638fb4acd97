"""After the inspection: items owed per area and the national overdue list, dated by the core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from areasend import framework as fw
from areasend.access.roles import Role
from areasend.areas import queries
from areasend.areas.models import LocalAreaPartnership
from tests.factories import make_user

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 15)
NOTTS = "E10000024"  # outcome 3, published 16 May 2023


def area(code: str) -> LocalAreaPartnership:
    return LocalAreaPartnership.objects.get(ons_code=code)


def test_outcome_3_area_owes_a_priority_action_plan_and_lateness_is_in_working_days(shipped_register):
    latest, items = queries.after_inspection(area(NOTTS), TODAY)
    assert latest is not None
    by_what = {i.obligation.what: i for i in items}
    cycle = fw.cycle_after("2023", 3, published=dt.date(2023, 5, 16))
    plan = next(i for i in items if i.obligation.key.endswith("priority_action_plan_submission_due"))
    assert plan.obligation.due == cycle.priority_action_plan_submission_due.date
    assert plan.owner_words == "Local area"
    expected = fw.calendar.ENGLAND.working_days_between(plan.obligation.due, TODAY)
    assert expected > 0 and plan.working_days_late == expected
    assert plan.status == "overdue" and plan.status_words == f"Overdue by {expected} working days"
    assert "Next full inspection" in " ".join(by_what)


def test_an_item_not_yet_due_is_not_overdue(shipped_register):
    _, items = queries.after_inspection(area(NOTTS), dt.date(2023, 5, 17))
    assert items and all(i.status in ("due", "not_due") and i.working_days_late == 0 and not i.is_late for i in items)
    assert {i.status for i in items} == {"not_due"}  # nothing falls within 20 working days of publication


def test_outcome_1_area_owes_no_priority_action_plan(shipped_register):
    positive = LocalAreaPartnership.objects.filter(inspection_records__outcome=1, abolished_on__isnull=True).first()
    _, items = queries.after_inspection(positive, TODAY)
    keys = [i.obligation.key for i in items]
    assert keys and not any("priority_action_plan" in k or "monitoring" in k for k in keys)


def test_national_overdue_list_is_sorted_by_lateness_and_includes_nottinghamshire(shipped_register):
    late = queries.overdue_after_inspection(TODAY)
    assert late
    days = [i.working_days_late for i in late]
    assert days == sorted(days, reverse=True) and min(days) > 0
    assert any(i.obligation.area_code == NOTTS for i in late)


def test_pages_for_the_planner_and_refused_to_others(client, shipped_register):
    client.force_login(make_user(Role.NATIONAL_PLANNER))
    page = client.get(reverse("followup:area", args=[NOTTS]))
    assert page.status_code == 200 and "Priority action plan" in page.content.decode()
    listing = client.get(reverse("followup:overdue"))
    assert listing.status_code == 200 and "working day" in listing.content.decode()
    client.logout()
    assert client.get(reverse("followup:overdue")).status_code in (302, 403, 404)


def test_overdue_list_reads_every_area_at_once_and_agrees_with_each_areas_page(shipped_register,
                                                                               django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        late = queries.overdue_after_inspection(TODAY)
    assert len({i.obligation.area_code for i in late}) > 5
    _, items = queries.after_inspection(area(NOTTS), TODAY)
    own = [(i.obligation.key, i.working_days_late) for i in items if i.is_late]
    listed = [(i.obligation.key, i.working_days_late) for i in late if i.obligation.area_code == NOTTS]
    assert own and sorted(own) == sorted(listed)
