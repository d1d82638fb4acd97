"""National pauses: the planner records, changes and ends them on one page; bad input is refused."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from areasend.accounts.models import AuditEvent, Verb
from areasend.programme import queries, services
from areasend.programme.models import NationalPause
from areasend import framework as fw

GOOD = {"stops": "monitoring", "start_day": "3", "start_month": "3", "start_year": "2025",
        "end_day": "11", "end_month": "7", "end_year": "2025", "reason": "a review of the framework"}


def _post(client, data, url=None):
    return client.post(url or reverse("programme:pauses"), data)


def test_the_programme_index_links_to_the_pauses_page(client, planner):
    client.force_login(planner)
    page = client.get(reverse("programme:index")).content.decode()
    assert reverse("programme:pauses") in page


def test_a_good_pause_is_recorded_with_an_audit_event(client, planner):
    client.force_login(planner)
    response = _post(client, GOOD)
    assert response.status_code == 302 and response["Location"] == reverse("programme:pauses")
    pause = NationalPause.objects.get()
    assert (pause.stops, pause.start, pause.end, pause.reason) == (
        "monitoring", dt.date(2025, 3, 3), dt.date(2025, 7, 11), "a review of the framework")
    event = AuditEvent.objects.get(verb=Verb.NATIONAL_PAUSE_RECORDED)
    assert event.object_id == str(pause.pk) and event.actor == planner
    assert event.payload["start"] == "2025-03-03" and event.payload["reason"] == "a review of the framework"
    page = client.get(reverse("programme:pauses")).content.decode()
    assert "Monitoring inspections only" in page and "3 March 2025" in page and "11 July 2025" in page
    assert queries.national_pauses() == (fw.NationalPause(f"pause {pause.pk}", "a review of the framework",
                                                          dt.date(2025, 3, 3), dt.date(2025, 7, 11),
                                                          fw.PauseStops.MONITORING),)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"end_day": "2", "end_month": "3"}, "end", "The last day of the pause must be the same as or after the first day"),
    ({"reason": "   "}, "reason", "Enter the reason for the pause, as the public will read it"),
    ({"stops": ""}, "stops", "Select what the pause stops"),
    ({"stops": "everything"}, "stops", "Select what the pause stops"),
    ({"start_day": "", "start_month": "", "start_year": ""}, "start", "Enter the first day of the pause"),
    ({"end_day": "31", "end_month": "2"}, "end", "must be a real date"),
    ({"reason": "x" * 301}, "reason", "300 characters or fewer"),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(client, planner, change, field, message):
    client.force_login(planner)
    response = _post(client, {**GOOD, **change})
    assert response.status_code == 200
    page = response.content.decode().replace("&#39;", "'")
    assert message in page
    # the message is shown at the field it is about, and linked from the summary
    assert f'href="#id_{field}' in page and f'id="id_{field}-error"' in page
    assert "There is a problem" in response.content.decode()
    assert not NationalPause.objects.exists()
    assert not AuditEvent.objects.filter(verb=Verb.NATIONAL_PAUSE_RECORDED).exists()


def test_the_service_refuses_bad_pauses_itself(planner):
    with pytest.raises(ValidationError) as caught:
        services.record_pause(planner, stops="all", start=dt.date(2025, 3, 3), end=dt.date(2025, 3, 1), reason="")
    assert set(caught.value.message_dict) == {"end", "reason"}
    assert not NationalPause.objects.exists()


def test_only_the_planner_records_pauses(inspector):
    with pytest.raises(PermissionDenied):
        services.record_pause(inspector, stops="all", start=dt.date(2025, 3, 3), end=dt.date(2025, 3, 4), reason="a review")
    assert not NationalPause.objects.exists()


def test_a_pause_is_changed_with_what_changed_in_the_audit_event(client, planner):
    pause = services.record_pause(planner, stops="monitoring", start=dt.date(2025, 3, 3), end=dt.date(2025, 7, 11),
                                  reason="a review of the framework")
    client.force_login(planner)
    url = reverse("programme:pause", args=[pause.pk])
    page = client.get(url).content.decode()
    assert 'value="a review of the framework"' in page or ">a review of the framework<" in page
    response = _post(client, {**GOOD, "action": "change", "stops": "all", "end_month": "8"}, url)
    assert response.status_code == 302
    pause.refresh_from_db()
    assert pause.stops == "all" and pause.end == dt.date(2025, 8, 11)
    event = AuditEvent.objects.get(verb=Verb.NATIONAL_PAUSE_CHANGED)
    assert event.changes == {"stops": {"from": "monitoring", "to": "all"},
                             "end": {"from": "2025-07-11", "to": "2025-08-11"}}
    # a bad change is refused and leaves the pause as it was
    response = _post(client, {**GOOD, "action": "change", "end_year": "2024"}, url)
    assert response.status_code == 200 and "must be the same as or after the first day" in response.content.decode()
    pause.refresh_from_db()
    assert pause.end == dt.date(2025, 8, 11)
    assert AuditEvent.objects.filter(verb=Verb.NATIONAL_PAUSE_CHANGED).count() == 1


def test_a_pause_in_force_is_ended_today(client, planner, monkeypatch):
    from areasend.programme import views

    today = dt.date(2025, 5, 6)
    monkeypatch.setattr(views, "_today", lambda: today)
    pause = services.record_pause(planner, stops="monitoring", start=dt.date(2025, 3, 3), end=dt.date(2025, 7, 11),
                                  reason="a review of the framework")
    client.force_login(planner)
    url = reverse("programme:pause", args=[pause.pk])
    assert "End the pause today" in client.get(url).content.decode()
    response = client.post(url, {"action": "end"})
    assert response.status_code == 302
    pause.refresh_from_db()
    assert pause.end == today and pause.ended_by == planner and pause.ended_at is not None
    event = AuditEvent.objects.get(verb=Verb.NATIONAL_PAUSE_ENDED)
    assert event.changes == {"end": {"from": "2025-07-11", "to": "2025-05-06"}}
    # ending it again is refused with a message, not an error page
    response = client.post(url, {"action": "end"}, follow=True)
    assert "already ended on 6 May 2025" in response.content.decode()
    assert AuditEvent.objects.filter(verb=Verb.NATIONAL_PAUSE_ENDED).count() == 1


def test_a_pause_not_yet_started_cannot_be_ended(planner):
    pause = services.record_pause(planner, stops="all", start=dt.date(2025, 6, 2), end=dt.date(2025, 6, 30),
                                  reason="a suspension")
    with pytest.raises(ValidationError, match="does not start until 2 June 2025"):
        services.end_pause(planner, pause, today=dt.date(2025, 5, 6))


def test_other_people_are_told_there_is_no_such_pause(client, planner, inspector):
    pause = services.record_pause(planner, stops="all", start=dt.date(2025, 6, 2), end=dt.date(2025, 6, 30),
                                  reason="a suspension")
    client.force_login(inspector)
    assert client.get(reverse("programme:pauses")).status_code == 403
    assert client.get(reverse("programme:pause", args=[pause.pk])).status_code == 404
    client.force_login(planner)
    assert client.get(reverse("programme:pause", args=[pause.pk + 99])).status_code == 404


def test_a_plan_places_no_inspection_of_the_paused_kind_in_a_paused_week(register, planner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today, until = dt.date(2026, 11, 23), dt.date(2027, 11, 22)
    kwargs = {"until": until, "full_per_week": 2, "monitoring_per_week": 1, "region_cap": 2, "today": today}
    before = services.start_plan(planner, **kwargs)
    assert before.result["items"]
    first = min(dt.date.fromisoformat(i["onsite_start"]) for i in before.result["items"])
    # All inspections paused from the first planned week for 12 weeks: nothing may start then.
    pause = services.record_pause(planner, stops="all", start=first, end=first + dt.timedelta(weeks=12, days=4),
                                  reason="a suspension of inspections")
    with CaptureQueriesContext(connection) as captured:
        after = services.start_plan(planner, **kwargs)
    assert after.status == after.Status.DONE
    starts = [dt.date.fromisoformat(i["onsite_start"]) for i in after.result["items"]]
    assert starts and not any(pause.start <= day <= pause.end for day in starts)
    assert sum("programme_nationalpause" in q["sql"] for q in captured.captured_queries) == 1
