"""Steps of the cycle the pages show: an engagement meeting held is public (never its notes) and no longer
shown as to come; the planner starts the monitoring inspection from the after-inspection page."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse

from areasend import framework as fw
from areasend.areas import queries as areas
from areasend.areas.models import HeldMeeting
from areasend.followup import services
from tests.followup.conftest import PUBLISHED

pytestmark = pytest.mark.django_db
MEETINGS = fw.cycle_after("2023", 3, published=PUBLISHED).engagement_meetings


def test_a_meeting_held_early_is_listed_publicly_and_not_shown_as_to_come(client, cycle_area, inspector):
    first, second = MEETINGS[0], MEETINGS[1]
    today = fw.add_working_days(first.date, 5)  # meeting 1 is past, meeting 2 is the next to come
    assert [s.key for s in areas.next_steps(cycle_area, today).steps if s.key.startswith("engagement")] == [second.key]
    services.record_meeting(inspector, cycle_area, due_key=second.key, held_on=today, notes="Private notes.", today=today)
    held = HeldMeeting.objects.get()
    assert (held.due_key, held.held_on, held.label) == (second.key, today, "Engagement meeting 2")
    assert not [s for s in areas.next_steps(cycle_area, today).steps if s.key.startswith("engagement")]
    services.record_meeting(inspector, cycle_area, due_key=second.key, held_on=today - dt.timedelta(days=1),
                            notes="Corrected.", today=today)
    assert HeldMeeting.objects.get().held_on == today - dt.timedelta(days=1), "recording again updates it"
    page = unescape(client.get(reverse("areas:detail", args=[cycle_area.ons_code])).content.decode())
    assert "Engagement meetings held after the inspection" in page
    assert f"Engagement meeting 2, held on {fw.written_date(today - dt.timedelta(days=1))}" in page
    assert "Corrected." not in page and "Private notes." not in page


def test_the_planner_starts_the_monitoring_inspection_from_the_cycle(client, cycle_area, planner, lano):
    from django.utils import timezone

    from areasend.inspections.models import Inspection

    url = reverse("followup:area", args=[cycle_area.ons_code])
    start = f'{reverse("inspections:create")}?area={cycle_area.pk}&amp;kind=monitoring'
    client.force_login(lano)
    assert start not in client.get(url).content.decode(), "only the planner starts inspections"
    client.force_login(planner)
    assert start in client.get(url).content.decode()
    # With the full inspection finished, a monitoring inspection started shows as under way instead.
    Inspection.objects.filter(area=cycle_area).update(notification_date=PUBLISHED - dt.timedelta(days=90), outcome=3,
                                                      outcome_recorded_at=timezone.now(), publication_date=PUBLISHED)
    monitoring = Inspection.objects.create(area=cycle_area, kind="monitoring", lead_inspector=lano, created_by=planner)
    page = client.get(url).content.decode()
    assert start not in page and "The monitoring inspection is under way" in page
    assert reverse("inspections:detail", args=[monitoring.pk]) in page
