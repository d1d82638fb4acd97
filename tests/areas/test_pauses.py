"""National pauses move the after-inspection items, the overdue list and the public page's dates, and say why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from areasend.areas import queries
from areasend.areas.models import LocalAreaPartnership
from areasend.programme import services as programme
from tests.factories import make_user
from areasend.access.roles import Role

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 1, 15)
NOTTS = "E10000024"  # outcome 3, published 16 May 2023: monitoring inspection due about 18 November 2024
MONITORING_DUE = dt.date(2024, 11, 18)
WHY = ("This date moved from 18 November 2024 to 2 June 2025 because monitoring inspections were paused for "
       "a review of the framework.")


def _notts() -> LocalAreaPartnership:
    return LocalAreaPartnership.objects.get(ons_code=NOTTS)


def _monitoring(items):
    return next(i for i in items if i.obligation.key.endswith(":monitoring_inspection_due"))


@pytest.fixture
def review(db):
    planner = make_user(Role.NATIONAL_PLANNER, username="pauseplanner")
    # Friday 30 May 2025 is the last day: the next working day is Monday 2 June.
    return programme.record_pause(planner, stops="monitoring", start=dt.date(2024, 11, 1), end=dt.date(2025, 5, 30),
                                  reason="a review of the framework")


def test_without_a_pause_the_monitoring_inspection_is_overdue(shipped_register):
    _, items = queries.after_inspection(_notts(), TODAY)
    item = _monitoring(items)
    assert item.obligation.due == MONITORING_DUE and item.status == "overdue"
    assert item.obligation.moved_because == ""
    assert any(i.obligation.key == item.obligation.key for i in queries.overdue_after_inspection(TODAY))


def test_a_monitoring_pause_moves_the_item_past_it_and_it_is_not_overdue_during_it(shipped_register, review):
    _, items = queries.after_inspection(_notts(), TODAY)
    item = _monitoring(items)
    assert item.obligation.due == dt.date(2025, 6, 2)
    # not late while the pause lasts: its date is months away, so not even due yet
    assert item.status == "not_due" and item.working_days_late == 0 and not item.is_late
    assert item.obligation.moved_because == WHY
    assert not any(i.obligation.key == item.obligation.key for i in queries.overdue_after_inspection(TODAY))
    # other items are not inspections, and a monitoring-only pause leaves them where they were
    unpaused = {i.obligation.key: i for i in queries.after_inspection(_notts(), TODAY, pauses=())[1]}
    for other in items:
        if other is not item:
            assert other == unpaused[other.obligation.key]
    # after the pause, lateness counts from the new date
    later = _monitoring(queries.after_inspection(_notts(), dt.date(2025, 6, 4))[1])
    assert later.status == "overdue" and later.working_days_late == 2


def test_a_pause_that_ends_before_the_due_date_moves_nothing(shipped_register, db):
    planner = make_user(Role.NATIONAL_PLANNER, username="pauseplanner2")
    programme.record_pause(planner, stops="all", start=dt.date(2024, 9, 2), end=dt.date(2024, 11, 15),
                           reason="a suspension")
    item = _monitoring(queries.after_inspection(_notts(), TODAY)[1])
    assert item.obligation.due == MONITORING_DUE and item.status == "overdue" and not item.obligation.moved_because


def test_the_overdue_list_reads_the_pauses_once(shipped_register, review):
    with CaptureQueriesContext(connection) as captured:
        queries.overdue_after_inspection(TODAY)
    reads = [q["sql"] for q in captured.captured_queries if "programme_nationalpause" in q["sql"]]
    assert len(reads) == 1


def test_the_public_area_page_says_why_a_date_moved(client, shipped_register, review, monkeypatch):
    monkeypatch.setattr(queries, "today_in_england", lambda: TODAY)
    page = client.get(reverse("areas:detail", args=[NOTTS])).content.decode().replace("&#39;", "'")
    assert WHY in page
    assert page.count("This date moved") == 1  # only the date that moved


def test_the_public_page_says_nothing_of_pauses_when_no_date_moved(client, shipped_register, monkeypatch):
    monkeypatch.setattr(queries, "today_in_england", lambda: TODAY)
    page = client.get(reverse("areas:detail", args=[NOTTS])).content.decode()
    assert "This date moved" not in page and "paused" not in page


def test_the_next_steps_move_and_say_why(shipped_register, review):
    steps = {s.key: s for s in queries.next_steps(_notts(), TODAY).steps}
    assert steps["monitoring_inspection_due"].date == dt.date(2025, 6, 2)
    assert steps["monitoring_inspection_due"].moved_because == WHY
    assert steps["monitoring_inspection_due"].to_dict()["moved_because"] == WHY
    assert steps["next_full_inspection_due"].moved_because == ""


def test_the_planner_sees_why_on_the_after_inspection_page(client, shipped_register, review, monkeypatch):
    monkeypatch.setattr(queries, "today_in_england", lambda: TODAY)
    client.force_login(make_user(Role.NATIONAL_PLANNER, username="reader"))
    page = client.get(reverse("followup:area", args=[NOTTS])).content.decode().replace("&#39;", "'")
    assert WHY in page
