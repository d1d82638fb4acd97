"""The agreed on-site timetable (days from the core) and each person's calendar file."""

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from areasend.accounts.models import AuditEvent
from areasend.access.roles import Role
from areasend.inspections import ics, queries, services
from areasend.inspections.models import TeamMember, Visit
from areasend.inspections.services import MeetingDetails, VisitDetails
from tests.factories import make_user
from tests.inspections import ical

ONSITE = [dt.date(2026, 1, 26), dt.date(2026, 1, 27), dt.date(2026, 1, 28), dt.date(2026, 1, 29), dt.date(2026, 1, 30)]


@pytest.fixture
def cqc(notified_inspection, lead):
    user = make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector", first_name="Demo", last_name="CQC Inspector", email="cqc@example.gov.uk")
    services.add_team_member(lead, notified_inspection, user=user, role="cqc")
    return user


@pytest.fixture
def officer(notified_inspection, lead):
    user, _ = services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    return user


def member(inspection, user):
    return TeamMember.objects.get(inspection=inspection, user=user).pk


def visit_details(**overrides):
    base = {"day": ONSITE[1], "start_time": dt.time(10, 0), "end_time": dt.time(11, 30), "place": "Demo Primary School",
            "kind": "education", "member_ids": (), "notes": ""}
    base.update(overrides)
    return VisitDetails(**base)


def test_the_on_site_days_come_from_the_core(notified_inspection):
    timeline = queries.timeline_for(notified_inspection)
    assert queries.onsite_day_list(timeline) == ONSITE
    assert [day for day, _ in queries.timetable(notified_inspection, timeline)] == ONSITE


def test_a_team_member_adds_a_visit_on_an_on_site_day(notified_inspection, cqc):
    visit = services.add_visit(cqc, notified_inspection, details=visit_details(member_ids=(member(notified_inspection, cqc),)))
    assert [m.user for m in visit.members.all()] == [cqc]
    assert AuditEvent.objects.filter(summary="Added the visit (education setting (including alternative provision)) to Demo Primary School on 2026-01-27 10:00 to the on-site timetable").exists()
    days = dict(queries.timetable(notified_inspection, queries.timeline_for(notified_inspection)))
    assert [(e.title, e.people) for e in days[ONSITE[1]]] == [("Education setting (including alternative provision)", "Demo CQC Inspector")]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"day": dt.date(2026, 1, 23)}, "day", "Choose one of the on-site days, 26 January to 30 January 2026"),
        ({"day": dt.date(2026, 1, 31)}, "day", "Choose one of the on-site days, 26 January to 30 January 2026"),
        ({"place": "  "}, "place", "Enter the place or setting"),
        ({"kind": "party"}, "kind", "Choose what kind of visit it is"),
        ({"start_time": dt.time(12), "end_time": dt.time(11)}, "end_time", "The end time must be after the start time"),
        ({"member_ids": ()}, "members", "Choose who on the team is going"),
    ],
)
def test_a_bad_visit_is_refused_with_a_message_and_not_saved(notified_inspection, lead, overrides, field, message):
    details = {"member_ids": (member(notified_inspection, lead),), **overrides}
    with pytest.raises(ValidationError) as error:
        services.add_visit(lead, notified_inspection, details=visit_details(**details))
    assert error.value.message_dict[field] == [message]
    assert not Visit.objects.exists()


def test_only_the_team_changes_the_timetable(notified_inspection, lead, planner, officer):
    for person in (planner, officer):
        with pytest.raises(PermissionDenied):
            services.add_visit(person, notified_inspection, details=visit_details(member_ids=(member(notified_inspection, lead),)))
    visit = services.add_visit(lead, notified_inspection, details=visit_details(member_ids=(member(notified_inspection, lead),)))
    with pytest.raises(PermissionDenied):
        services.remove_visit(officer, notified_inspection, visit.pk)
    assert Visit.objects.count() == 1


def test_the_visit_pages_by_form(client, notified_inspection, lead, cqc):
    client.force_login(cqc)
    url = reverse("inspections:visit-add", args=[notified_inspection.pk])
    response = client.post(url, {"day": "2026-01-24", "place": "", "start_time": "ten"})
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "There is a problem" in page
    assert "Choose one of the on-site days" in page and "Enter the place or setting" in page
    assert "Enter the start time as hours and minutes" in page and "Choose who on the team is going" in page
    assert not Visit.objects.exists()
    response = client.post(url, {"day": "2026-01-28", "place": "Demo Health Centre", "kind": "health", "start_time": "13:00",
                                 "members": [member(notified_inspection, cqc)], "notes": "Ask about waiting times"})
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.day, visit.start_time, visit.kind) == (dt.date(2026, 1, 28), dt.time(13), "health")
    response = client.post(reverse("inspections:visit", args=[notified_inspection.pk, visit.pk]), {
        "day": "2026-01-29", "place": "Demo Health Centre", "kind": "health", "start_time": "14:00", "members": [member(notified_inspection, cqc)]})
    visit.refresh_from_db()
    assert response.status_code == 302 and visit.day == dt.date(2026, 1, 29) and visit.start_time == dt.time(14)
    page = unescape(client.get(reverse("inspections:timetable", args=[notified_inspection.pk])).content.decode())
    assert "Thursday 29 January 2026" in page and "Demo Health Centre" in page
    confirm = client.post(reverse("inspections:timetable", args=[notified_inspection.pk]), {"remove": visit.pk})
    assert "Are you sure you want to remove the visit to Demo Health Centre?" in unescape(confirm.content.decode())
    assert "Thursday 29 January 2026" not in unescape(confirm.content.decode()) and Visit.objects.exists()
    client.post(reverse("inspections:timetable", args=[notified_inspection.pk]), {"remove": visit.pk, "confirm": "yes"})
    assert not Visit.objects.exists()


def test_the_lano_reads_the_timetable_without_the_teams_notes(client, notified_inspection, lead, officer):
    services.add_visit(lead, notified_inspection, details=visit_details(
        member_ids=(member(notified_inspection, lead),), notes="Check the EHC plan timeliness"))
    client.force_login(officer)
    page = client.get(reverse("inspections:timetable", args=[notified_inspection.pk])).content.decode()
    assert "Demo Primary School" in page and "Check the EHC plan timeliness" not in page
    assert "Add a visit" not in page
    visit = Visit.objects.get()
    assert client.get(reverse("inspections:visit", args=[notified_inspection.pk, visit.pk])).status_code == 403
    assert client.post(reverse("inspections:timetable", args=[notified_inspection.pk]), {"remove": visit.pk}).status_code == 403
    assert Visit.objects.exists()


def _calendar(client, inspection):
    response = client.get(reverse("inspections:calendar", args=[inspection.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    return {event["SUMMARY"][1]: event for event in ical.parse(response.content)}


def test_each_person_gets_their_own_meetings_and_visits(client, settings, notified_inspection, lead, cqc, officer):
    settings.AREASEND_BASE_URL = "https://areasend.example.org:8443"
    final = services.schedule_meeting(lead, notified_inspection, kind="final_feedback", details=MeetingDetails(
        start_time=dt.time(14, 0), end_time=dt.time(15, 0), place="Council House, room 2", notes="Outcome agreed beforehand"))
    services.add_local_attendee(lead, notified_inspection, final.pk, name="Demo Officer", role="lano", email="officer@example.gov.uk")
    services.schedule_meeting(lead, notified_inspection, kind="kit", details=MeetingDetails(date=dt.date(2026, 1, 20)))
    services.add_visit(lead, notified_inspection, details=visit_details(member_ids=(member(notified_inspection, cqc),)))

    client.force_login(lead)
    events = _calendar(client, notified_inspection)
    assert set(events) == {"Final feedback meeting: Bath and North East Somerset", "Keep-in-touch meeting: Bath and North East Somerset"}
    event = events["Final feedback meeting: Bath and North East Somerset"]
    # 14:00 in London in January is 14:00 UTC; the date is the core's final feedback date.
    assert event["DTSTART"] == ("", "20260130T140000Z") and event["DTEND"] == ("", "20260130T150000Z")
    assert event["UID"][1] == f"meeting-{final.pk}@areasend.example.org"
    assert ical.unescape(event["LOCATION"][1]) == "Council House, room 2"
    assert "Team notes: Outcome agreed beforehand" in ical.unescape(event["DESCRIPTION"][1])
    kit = events["Keep-in-touch meeting: Bath and North East Somerset"]
    assert kit["DTSTART"] == ("VALUE=DATE", "20260120") and kit["DTEND"] == ("VALUE=DATE", "20260121")
    assert AuditEvent.objects.filter(actor=lead, summary="Downloaded their calendar file (2 meetings, 0 visits)").exists()

    client.force_login(cqc)
    events = _calendar(client, notified_inspection)
    assert list(events) == ["Education setting (including alternative provision): Demo Primary School"]
    assert events["Education setting (including alternative provision): Demo Primary School"]["DTSTART"][1] == "20260127T100000Z"

    client.force_login(officer)
    events = _calendar(client, notified_inspection)
    assert set(events) == {"Final feedback meeting: Bath and North East Somerset",
                           "Education setting (including alternative provision): Demo Primary School"}
    assert "Team notes" not in ical.unescape(events["Final feedback meeting: Bath and North East Somerset"]["DESCRIPTION"][1])


def test_summer_times_are_converted_to_utc_and_long_lines_are_folded():
    event = ics.Event(uid="x@example", day=dt.date(2026, 6, 1), start=dt.time(9, 30), end=None,
                      summary="Visit, with; a comma " + "é" * 60, location="")
    text = ics.calendar([event], name="Test", now=dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC))
    (parsed,) = ical.parse(text.encode())
    assert parsed["DTSTART"][1] == "20260601T083000Z" and parsed["DTEND"][1] == "20260601T093000Z"
    assert parsed["DTSTAMP"][1] == "20260501T120000Z"
    assert ical.unescape(parsed["SUMMARY"][1]) == "Visit, with; a comma " + "é" * 60
    assert "\r\n " in text


def test_the_calendar_is_only_for_people_who_may_see_the_inspection(client, notified_inspection, inspector):
    url = reverse("inspections:calendar", args=[notified_inspection.pk])
    assert client.get(url).status_code == 302
    client.force_login(inspector)
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(summary__startswith="Downloaded their calendar file").exists()
