"""Meetings against the timeline: default dates from the core, moves within the inspection's
weeks, required attendees as data, and who may see and change what."""

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from areasend.accounts.models import AuditEvent
from areasend.access.roles import Role
from areasend.inspections import queries, services
from areasend.inspections.meetings import AttendeeRole, missing_roles
from areasend.inspections.models import Meeting, MeetingAttendee
from areasend.inspections.services import MeetingDetails
from tests.factories import make_user
from tests.inspections.conftest import BEFORE, NOTIFIED, record_standing_outcome


@pytest.fixture
def cqc(db):
    return make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector", first_name="Demo", last_name="CQC Inspector", email="cqc@example.gov.uk")


@pytest.fixture
def officer(notified_inspection, lead):
    user, _ = services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    return user


@pytest.fixture
def timeline(notified_inspection):
    return queries.timeline_for(notified_inspection)


def test_every_standard_meeting_starts_on_the_cores_date(notified_inspection, timeline):
    rows = {row.spec.kind.value: row for row in queries.meeting_rows(notified_inspection, timeline)}
    assert set(rows) == {"pcf", "initial", "self_evaluation", "final_feedback"}
    assert rows["pcf"].date == timeline.date("pcf_meeting")
    assert rows["initial"].date == timeline.date("initial_meeting_with_leaders")
    assert rows["self_evaluation"].date == timeline.date("self_evaluation_meeting") == timeline.date("onsite_start")
    assert rows["final_feedback"].date == timeline.date("final_feedback") == timeline.date("onsite_end")
    assert all(row.meeting is None for row in rows.values())


def test_the_lead_schedules_a_meeting_that_follows_the_timeline(notified_inspection, lead, timeline):
    meeting = services.schedule_meeting(lead, notified_inspection, kind="final_feedback", details=MeetingDetails(
        start_time=dt.time(14, 0), end_time=dt.time(15, 30), place="Council House, room 2"))
    assert meeting.date is None
    assert queries.meeting_date(meeting, timeline) == timeline.date("final_feedback")
    assert [(a.user, a.role) for a in meeting.attendees.all()] == [(lead, AttendeeRole.LEAD)]
    assert AuditEvent.objects.filter(summary__startswith="Scheduled the Final feedback meeting on 2026-01-30 at 14:00").exists()
    # Giving the core's own date keeps the meeting on the timeline, so a later change moves it too.
    services.update_meeting(lead, notified_inspection, meeting.pk, details=MeetingDetails(date=timeline.date("final_feedback")))
    meeting.refresh_from_db()
    assert meeting.date is None
    later = services.set_notification_date(lead, notified_inspection, NOTIFIED + dt.timedelta(days=7), today=BEFORE)
    moved = queries.timeline_for(later)
    assert queries.meeting_date(meeting, moved) == moved.date("final_feedback") == timeline.date("final_feedback") + dt.timedelta(days=7)


def test_a_date_outside_the_inspections_weeks_is_refused_and_nothing_is_saved(notified_inspection, lead, timeline):
    for day in (NOTIFIED - dt.timedelta(days=1), timeline.date("onsite_end") + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails(date=day))
        assert error.value.message_dict["date"] == [
            "The date must be within the inspection's weeks, from 12 January 2026 to 30 January 2026"
        ]
    assert not Meeting.objects.exists()
    moved = services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails(date=dt.date(2026, 1, 20)))
    assert moved.date == dt.date(2026, 1, 20)


def test_end_before_start_is_refused(notified_inspection, lead):
    with pytest.raises(ValidationError) as error:
        services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails(start_time=dt.time(10), end_time=dt.time(9)))
    assert "end_time" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_several_kit_meetings_each_with_a_date_but_one_of_each_standard_meeting(notified_inspection, lead):
    with pytest.raises(ValidationError) as error:
        services.schedule_meeting(lead, notified_inspection, kind="kit", details=MeetingDetails())
    assert error.value.message_dict["date"] == ["Enter the date of the keep-in-touch meeting"]
    for day in (dt.date(2026, 1, 16), dt.date(2026, 1, 28)):
        services.schedule_meeting(lead, notified_inspection, kind="kit", details=MeetingDetails(date=day))
    assert Meeting.objects.filter(kind="kit").count() == 2
    services.schedule_meeting(lead, notified_inspection, kind="initial", details=MeetingDetails())
    with pytest.raises(ValidationError):
        services.schedule_meeting(lead, notified_inspection, kind="initial", details=MeetingDetails())
    assert Meeting.objects.filter(kind="initial").count() == 1


def test_only_the_lead_schedules(notified_inspection, planner, cqc, lead, officer):
    services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    for person in (planner, cqc, officer):
        with pytest.raises(PermissionDenied):
            services.schedule_meeting(person, notified_inspection, kind="pcf", details=MeetingDetails())
    meeting = services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails())
    with pytest.raises(PermissionDenied):
        services.add_local_attendee(officer, notified_inspection, meeting.pk, name="Someone", role="pcf", email="")
    assert meeting.attendees.count() == 1


def test_before_the_notification_date_there_is_nothing_to_schedule_against(planner, lead, area):
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    with pytest.raises(ValidationError) as error:
        services.schedule_meeting(lead, inspection, kind="pcf", details=MeetingDetails())
    assert "Set the notification date first" in error.value.messages[0]


def test_a_monitoring_inspection_has_final_feedback_and_kits_only(planner, lead, area):
    record_standing_outcome(area, 3)
    inspection = services.create_inspection(planner, area=area, kind="monitoring", lead_inspector=lead)
    inspection = services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE)
    timeline = queries.timeline_for(inspection)
    assert [row.spec.kind.value for row in queries.meeting_rows(inspection, timeline)] == ["final_feedback"]
    with pytest.raises(ValidationError):
        services.schedule_meeting(lead, inspection, kind="pcf", details=MeetingDetails())


def test_required_attendees_are_data_and_missing_ones_are_warned(notified_inspection, lead, officer):
    assert missing_roles("final_feedback", [AttendeeRole.LEAD]) == [
        AttendeeRole.LANO, AttendeeRole.DCS, AttendeeRole.ELECTED_MEMBER, AttendeeRole.ICB, AttendeeRole.PCF
    ]
    meeting = services.schedule_meeting(lead, notified_inspection, kind="final_feedback", details=MeetingDetails())
    attendee = services.add_local_attendee(lead, notified_inspection, meeting.pk, name="Demo Officer", role="lano", email="Officer@example.gov.uk")
    assert attendee.user == officer
    services.add_local_attendee(lead, notified_inspection, meeting.pk, name="Demo Director", role="dcs", email="dcs@example.gov.uk")
    row = next(r for r in queries.meeting_rows(notified_inspection, queries.timeline_for(notified_inspection)) if r.meeting)
    assert list(row.missing) == [AttendeeRole.ELECTED_MEMBER, AttendeeRole.ICB, AttendeeRole.PCF]
    with pytest.raises(ValidationError) as error:
        services.add_local_attendee(lead, notified_inspection, meeting.pk, name="  ", role="pcf", email="")
    assert error.value.message_dict == {"name": ["Enter the person's full name"]}
    with pytest.raises(ValidationError):
        services.add_local_attendee(lead, notified_inspection, meeting.pk, name="Demo Inspector", role="lead", email="")
    assert MeetingAttendee.objects.filter(meeting=meeting).count() == 3


def test_the_meeting_page_warns_but_does_not_block(client, notified_inspection, lead):
    meeting = services.schedule_meeting(lead, notified_inspection, kind="initial", details=MeetingDetails())
    client.force_login(lead)
    page = unescape(client.get(reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk])).content.decode())
    assert "Not yet added: CQC inspector; Local area nominated officer" in page
    response = client.post(reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk]), {
        "action": "local", "local-name": "Demo Officer", "local-role": "lano", "local-email": "",
    })
    assert response.status_code == 302
    page = unescape(client.get(response["Location"]).content.decode())
    assert "Not yet added: CQC inspector." in page


def test_schedule_page_refuses_a_bad_date_with_a_message(client, notified_inspection, lead):
    client.force_login(lead)
    url = reverse("inspections:meeting-schedule", args=[notified_inspection.pk, "pcf"])
    page = client.get(url).content.decode()
    assert 'value="22"' in page and 'value="1"' in page and 'value="2026"' in page  # the core's date, pre-filled
    response = client.post(url, {"date_day": "2", "date_month": "3", "date_year": "2026", "start_time": "25:00"})
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "There is a problem" in page
    assert "Enter the start time as hours and minutes on the 24-hour clock" in page
    response = client.post(url, {"date_day": "2", "date_month": "3", "date_year": "2026", "start_time": "9:30"})
    page = unescape(response.content.decode())
    assert "The date must be within the inspection's weeks, from 12 January 2026 to 30 January 2026" in page
    assert not Meeting.objects.exists()
    response = client.post(url, {"date_day": "21", "date_month": "1", "date_year": "2026", "start_time": "9:30", "video_link": "meet.example.gov.uk/pcf"})
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk])
    assert (meeting.date, meeting.start_time, meeting.video_link) == (dt.date(2026, 1, 21), dt.time(9, 30), "https://meet.example.gov.uk/pcf")


def test_the_lano_sees_meetings_without_the_teams_notes_and_cannot_change_them(client, notified_inspection, lead, officer):
    meeting = services.schedule_meeting(lead, notified_inspection, kind="self_evaluation", details=MeetingDetails(
        place="Civic Centre", notes="Probe the alternative provision data"))
    client.force_login(officer)
    for url in (reverse("inspections:meetings", args=[notified_inspection.pk]),
                reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk]),
                reverse("inspections:timetable", args=[notified_inspection.pk])):
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Civic Centre" in page and "Probe the alternative provision data" not in page
    assert client.post(reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk]), {"action": "cancel"}).status_code == 403
    assert client.get(reverse("inspections:meeting-schedule", args=[notified_inspection.pk, "kit"])).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    client.force_login(lead)
    assert "Probe the alternative provision data" in client.get(reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk])).content.decode()


def test_a_lano_of_another_inspection_sees_nothing(client, notified_inspection, lead, planner, second_area):
    other = services.create_inspection(planner, area=second_area, kind="full", lead_inspector=lead)
    stranger, _ = services.name_lano(lead, other, name="Other Officer", email="other@example.gov.uk")
    meeting = services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails())
    client.force_login(stranger)
    assert client.get(reverse("inspections:meetings", args=[notified_inspection.pk])).status_code == 404
    assert client.get(reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk])).status_code == 404
    assert client.get(reverse("inspections:calendar", args=[notified_inspection.pk])).status_code == 404


def test_cancelling_a_meeting_puts_it_back_on_the_timeline(client, notified_inspection, lead):
    meeting = services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails())
    client.force_login(lead)
    page = client.post(reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk]), {"action": "cancel"})
    assert page.status_code == 200 and Meeting.objects.exists()
    assert "Are you sure you want to cancel the parent carer forum meeting?" in unescape(page.content.decode())
    response = client.post(reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk]),
                           {"action": "cancel", "confirm": "yes"})
    assert response.status_code == 302
    assert not Meeting.objects.exists()
    page = unescape(client.get(reverse("inspections:meetings", args=[notified_inspection.pk])).content.decode())
    assert "Schedule the parent carer forum meeting" in page
    assert AuditEvent.objects.filter(summary__startswith="Cancelled the Parent carer forum meeting").exists()


def test_the_lead_moves_a_meeting_and_adds_a_team_member_on_its_page(client, notified_inspection, lead, cqc):
    member, _ = services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    meeting = services.schedule_meeting(lead, notified_inspection, kind="initial", details=MeetingDetails())
    url = reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk])
    client.force_login(lead)
    response = client.post(url, {"action": "details", "details-date_day": "31", "details-date_month": "1", "details-date_year": "2026",
                                 "details-start_time": "10:00", "details-end_time": "9:00"})
    page = unescape(response.content.decode())
    assert response.status_code == 200 and "There is a problem" in page
    assert "The end time must be after the start time" in page
    response = client.post(url, {"action": "details", "details-date_day": "31", "details-date_month": "1", "details-date_year": "2026"})
    page = unescape(response.content.decode())
    assert "The date must be within the inspection's weeks, from 12 January 2026 to 30 January 2026" in page
    meeting.refresh_from_db()
    assert meeting.date is None and meeting.start_time is None
    response = client.post(url, {"action": "details", "details-date_day": "21", "details-date_month": "1", "details-date_year": "2026",
                                 "details-start_time": "10:00", "details-end_time": "11:00", "details-place": "Guildhall"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time, meeting.end_time, meeting.place) == (dt.date(2026, 1, 21), dt.time(10), dt.time(11), "Guildhall")
    assert client.post(url, {"action": "team", "team-member": str(member.pk)}).status_code == 302
    assert meeting.attendees.filter(user=cqc, role=AttendeeRole.CQC).exists()
    page = unescape(client.post(url, {"action": "team", "team-member": str(member.pk)}).content.decode())
    assert "Demo CQC Inspector is already at this meeting" in page
    assert meeting.attendees.filter(user=cqc).count() == 1


def test_taking_someone_off_a_meeting_is_confirmed_first(client, notified_inspection, lead):
    meeting = services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails())
    attendee = services.add_local_attendee(lead, notified_inspection, meeting.pk, name="Sam Parent", role="pcf",
                                           email="sam@example.org")
    client.force_login(lead)
    url = reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk])
    page = client.post(url, {"action": "remove", "attendee": attendee.pk})
    assert "Are you sure you want to remove Sam Parent from the parent carer forum meeting?" in unescape(page.content.decode())
    assert meeting.attendees.filter(pk=attendee.pk).exists()
    assert client.post(url, {"action": "remove", "attendee": attendee.pk, "confirm": "yes"}).status_code == 302
    assert not meeting.attendees.filter(pk=attendee.pk).exists()
    gone = client.post(url, {"action": "remove", "attendee": attendee.pk}, follow=True)
    assert "That person is not at this meeting any more." in unescape(gone.content.decode())
