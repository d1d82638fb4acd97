"""The probe's findings that gave a 500 or let a character through: each now gets a message or is made safe."""

import datetime as dt
import logging
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from areasend.inspections import ics, services
from areasend.inspections.services import MeetingDetails
from areasend.notifications import services as notifications
from areasend.notifications.templates import render
from tests.inspections import ical


@pytest.fixture
def inspection(planner, lead, area):
    return services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)


@pytest.mark.parametrize("day, month, year", [("31", "12", "9999"), ("1", "1", "0001"), ("1", "1", "2200")])
def test_a_notification_dated_far_off_gets_a_message_not_a_500(client, inspection, lead, day, month, year):
    client.force_login(lead)
    response = client.post(reverse("inspections:notification", args=[inspection.pk]), {
        "notification_date_day": day, "notification_date_month": month, "notification_date_year": year})
    assert response.status_code == 200
    assert "The notification date must be between 1 January 1900 and 31 December 2199" in unescape(response.content.decode())
    inspection.refresh_from_db()
    assert inspection.notification_date is None


@pytest.mark.parametrize("place", ["Room 1\rBEGIN:VEVENT", "Room 1\nEND:VCALENDAR", "Room\r\n1", "Room\x1b\x07 1", "Room\u2028 1"])
def test_no_line_break_or_control_character_in_a_meeting_place_reaches_the_calendar_file(
        client, notified_inspection, lead, place):
    services.schedule_meeting(lead, notified_inspection, kind="pcf", details=MeetingDetails(
        start_time=dt.time(10), end_time=dt.time(11), place=place))
    client.force_login(lead)
    response = client.get(reverse("inspections:calendar", args=[notified_inspection.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    # Every line ends in CRLF; no CR or LF stands alone, and no control character but those is written.
    assert body.replace("\r\n", "").count("\r") == 0 and body.replace("\r\n", "").count("\n") == 0
    assert not any(ord(ch) < 32 and ch not in "\r\n" for ch in body)
    events = ical.parse(response.content)
    assert sum(1 for e in events if "LOCATION" in e) == 1
    assert body.split("\r\n").count("BEGIN:VEVENT") == len(events) == 1


def test_escape_turns_every_kind_of_line_break_into_one_escaped_newline():
    assert ics.escape("a\rb\nc\r\nd\u2028e") == "a\\nb\\nc\\nd\\ne"
    assert ics.escape("a\x00b\x07c\td") == "abc\td"
    assert ics.plain("https://x/\r\nBEGIN:VEVENT") == "https://x/BEGIN:VEVENT"


@pytest.mark.parametrize("name", ["Demo\r\nBcc: someone@example.com", "Demo\rOfficer", "Demo\nOfficer", "Demo\x00\x1bOfficer"])
def test_a_name_with_a_line_break_does_not_reach_the_message_as_typed(name):
    subject, body = render("task-due", {"name": name, "task": "Surveys\r\nclose", "due": "19 January 2026",
                                        "area": "Bath", "link": "http://x/"})
    first_line = body.split("\n")[0]
    assert first_line.startswith("Dear Demo") and first_line.endswith(",")
    assert "\r" not in body and "\r" not in subject and "\n" not in subject
    assert not any(ord(ch) < 32 and ch != "\n" for ch in body + subject)
    assert not any(line.startswith("Bcc:") for line in body.split("\n"))


def test_the_next_steps_list_keeps_its_lines():
    _, body = render("notification-next-steps", {"name": "A", "lead": "B", "notified": "1 May 2026", "kind": "full inspection",
                                                  "area": "Bath", "next_steps": "- one\r\n- two", "nominate_link": "http://x/",
                                                  "nominate_until": "16 January 2026"})
    assert "- one\n- two" in body


def test_sending_logs_no_body_address_name_or_link(db, caplog):
    caplog.set_level(logging.DEBUG)
    secret_name, address, link = "Unique Childname", "person@example.gov.uk", "http://x/invitation/secret-token/"
    notifications.send("lano-invitation", to=address, idempotency_key="log-1", personalisation={
        "name": secret_name, "lead": "Demo Lead", "kind": "full inspection", "area": "Bath", "link": link,
        "username": "officer"})
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
    for value in (secret_name, address, link, "secret-token"):
        assert value not in caplog.text


def test_a_failed_delivery_names_no_address_in_its_message_or_the_log(db, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)

    def broken(*args, **kwargs):
        raise ConnectionError("could not reach server for person@example.gov.uk")

    monkeypatch.setattr(notifications, "send_mail", broken)
    with pytest.raises(notifications.DeliveryFailed) as error:
        notifications.send("task-due", to="person@example.gov.uk", idempotency_key="log-2", personalisation={
            "name": "A", "task": "T", "due": "1 May 2026", "area": "Bath", "link": "http://x/"})
    assert "person@example.gov.uk" not in str(error.value)
    assert error.value.__cause__ is None
    assert "person@example.gov.uk" not in caplog.text


def test_production_settings_refuse_to_send_other_than_through_notify(db, settings):
    settings.AREASEND_EMAIL_ONLY_THROUGH_NOTIFY = True
    settings.AREASEND_NOTIFY_API_KEY = ""
    with pytest.raises(notifications.DeliveryFailed, match="GOV.UK Notify only"):
        notifications.send("task-due", to="a@example.gov.uk", idempotency_key="only-notify", personalisation={
            "name": "A", "task": "T", "due": "1 May 2026", "area": "Bath", "link": "http://x/"})
    assert mail.outbox == []
