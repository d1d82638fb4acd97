"""The audit trail: verbs and payloads, sign-ins, role grants, downloads, and the data-protection officer's page."""

import csv
import io

import pytest
from django.db import transaction
from django.urls import reverse

from areasend.access.roles import Role
from areasend.accounts import services as audit
from areasend.accounts.models import AuditEvent, Verb
from areasend.inspections import services
from tests.factories import PASSWORD, make_user


@pytest.fixture
def dpo(db):
    return make_user(Role.DATA_PROTECTION_OFFICER, username="dpo")


def test_signing_in_refusals_and_signing_out_are_recorded(client, inspector):
    assert client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": "wrong"}).status_code == 200
    refused = AuditEvent.objects.get(verb=Verb.SIGN_IN_FAILED)
    assert refused.payload == {"username": "inspector"} and refused.actor is None
    assert "wrong" not in str(refused.payload) + refused.summary
    assert client.post(reverse("accounts:sign-in"), {"username": "inspector", "password": PASSWORD}).status_code == 302
    assert AuditEvent.objects.filter(verb=Verb.SIGNED_IN, actor=inspector).count() == 1
    client.post(reverse("accounts:sign-out"))
    assert AuditEvent.objects.filter(verb=Verb.SIGNED_OUT, actor=inspector).count() == 1


def test_a_role_grant_records_who_gave_it_once(planner):
    user = make_user(username="newperson")
    audit.grant_role(user, Role.QA_READER, by=planner)
    audit.grant_role(user, Role.QA_READER, by=planner)
    events = list(AuditEvent.objects.filter(verb=Verb.ROLE_GRANTED, object_id=str(user.pk)))
    assert len(events) == 1
    assert events[0].actor == planner and events[0].payload == {"role": "qa_reader", "person": "newperson"}


def test_a_change_carries_what_it_changed_from_and_to(notified_inspection, lead):
    import datetime as dt

    services.set_notification_date(lead, notified_inspection, dt.date(2026, 1, 19), today=dt.date(2026, 1, 5))
    event = AuditEvent.objects.filter(verb=Verb.NOTIFICATION_SET, inspection=notified_inspection).first()
    assert event.changes["notification_date"] == {"from": "2026-01-12", "to": "2026-01-19"}
    assert event.summary == "Notification date set to 19 January 2026 (was 12 January 2026)"


def test_a_change_that_is_undone_leaves_no_event(notified_inspection, lead, inspector):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.add_team_member(lead, notified_inspection, user=inspector, role="ofsted")
        raise RuntimeError("something later failed")
    assert AuditEvent.objects.count() == before


def test_survey_events_show_on_the_inspections_activity_page(client, notified_inspection, lead):
    from tests.surveys.access import open_surveys
    from areasend.surveys import services as survey_services

    survey = open_surveys(notified_inspection)[0]
    survey_services.close_early(lead, survey)
    client.force_login(lead)
    page = client.get(reverse("inspections:activity", args=[notified_inspection.pk])).content.decode()
    assert "Survey closed early: Closed the survey for" in page


def test_downloads_and_exports_are_recorded(client, notified_inspection, lead):
    client.force_login(lead)
    client.get(reverse("surveys:export-csv", args=[notified_inspection.pk]))
    client.get(reverse("inspections:calendar", args=[notified_inspection.pk]))
    verbs = set(AuditEvent.objects.filter(inspection=notified_inspection).values_list("verb", flat=True))
    assert {Verb.EXPORTED, Verb.DOWNLOADED} <= verbs
    export = AuditEvent.objects.get(verb=Verb.EXPORTED, inspection=notified_inspection)
    assert export.payload["format"] == "csv" and export.payload["rows"] == 0


def test_the_dpo_reads_filters_and_downloads_the_trail_across_inspections(client, dpo, notified_inspection, lead, planner, second_area):
    other = services.create_inspection(planner, area=second_area, kind="full", lead_inspector=lead)
    client.force_login(dpo)
    page = client.get(reverse("accounts:audit")).content.decode()
    assert "Bath and North East Somerset" in page and "Bristol" in page
    filtered = client.get(reverse("accounts:audit"), {"area": "Bristol", "verb": "inspection_started"}).content.decode()
    assert "Started a full inspection of Bristol" in filtered
    assert "Started a full inspection of Bath" not in filtered
    response = client.get(reverse("accounts:audit"), {"area": "Bristol", "verb": "inspection_started", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "when" and len(rows) == 2 and rows[1][4] == "Bristol" and rows[1][3] == str(other.pk)
    exported = AuditEvent.objects.filter(verb=Verb.EXPORTED, actor=dpo).get()
    assert exported.payload["rows"] == 1 and exported.payload["filters"]["area"] == "Bristol"
    assert AuditEvent.objects.filter(verb=Verb.VIEWED, actor=dpo, summary="Viewed the audit trail").exists()


def test_a_back_to_front_date_range_is_refused_with_a_message(client, dpo):
    client.force_login(dpo)
    page = client.get(reverse("accounts:audit"), {"date_from_day": "5", "date_from_month": "1", "date_from_year": "2026",
                                                  "date_to_day": "1", "date_to_month": "1", "date_to_year": "2026"})
    from html import unescape

    assert page.status_code == 200
    text = unescape(page.content.decode())
    assert "There is a problem" in text and "The 'to' date must be the same as or after the 'from' date" in text


def test_nobody_else_reads_the_trail(client, planner, lead):
    for person in (planner, lead):
        client.force_login(person)
        assert client.get(reverse("accounts:audit")).status_code == 403


def test_an_invitation_is_recorded_with_the_role_it_gives(notified_inspection, lead):
    user, _ = services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    sent = AuditEvent.objects.get(verb=Verb.INVITATION_SENT, inspection=notified_inspection)
    assert sent.actor == lead and sent.payload == {"person": user.username, "role": "local_area_officer"}
    granted = AuditEvent.objects.get(verb=Verb.ROLE_GRANTED, object_id=str(user.pk))
    assert granted.actor == lead


def test_the_trail_download_never_hands_a_spreadsheet_a_formula(client, dpo, notified_inspection):
    # A name is whatever a person typed; this one would run in a spreadsheet if written as it is.
    odd = make_user(Role.INSPECTOR, username="odd", first_name='=HYPERLINK("http://example.com"', last_name='"x")')
    audit.record_view(odd, "the team page", inspection=notified_inspection)
    client.force_login(dpo)
    response = client.get(reverse("accounts:audit"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert "'=HYPERLINK(\"http://example.com\" \"x\") (odd)" in [row[1] for row in rows[1:]]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
