"""The notification call, the message to the area, and the LANO's account scoped to one inspection."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from html import unescape

from areasend.access.roles import Role, is_local_area_officer
from areasend.access.capabilities import AccessRole, Capability
from areasend.inspections import access, queries, services
from areasend.inspections.models import Inspection, Task
from areasend.notifications.models import SentMessage
from tests.factories import make_user
from tests.inspections.conftest import BEFORE, NOTIFIED


def _call(**overrides):
    values = dict(
        made_at=timezone.make_aware(dt.datetime(2026, 1, 12, 9, 30)),
        dcs_name="Demo Director",
        dcs_email="dcs@example.gov.uk",
        icb_name="Demo Delegate",
        icb_is_delegate=True,
        icb_email="icb@example.nhs.uk",
    )
    values.update(overrides)
    return services.NotificationCall(**values)


@pytest.fixture
def inspection(planner, lead, area):
    return services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)


def test_recording_the_call_sends_both_people_what_happens_next(inspection, lead):
    inspection = services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE, call=_call())
    inspection.refresh_from_db()
    assert inspection.call_dcs_name == "Demo Director" and inspection.call_icb_is_delegate
    assert sorted(m.to[0] for m in mail.outbox) == ["dcs@example.gov.uk", "icb@example.nhs.uk"]
    onsite = queries.timeline_for(inspection).date("onsite_start")
    assert f"{onsite.day} {onsite:%B %Y}: On-site week starts" in mail.outbox[0].body
    assert SentMessage.objects.filter(inspection=inspection, template="notification-next-steps").count() == 2


def test_saving_again_does_not_send_the_same_message_twice(inspection, lead):
    services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE, call=_call())
    services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE, call=_call())
    assert len(mail.outbox) == 2


def test_a_call_on_another_day_is_refused_and_nothing_saved(inspection, lead):
    with pytest.raises(ValidationError):
        services.set_notification_date(
            lead, inspection, NOTIFIED, today=BEFORE, call=_call(made_at=timezone.make_aware(dt.datetime(2026, 1, 13, 9)))
        )
    inspection.refresh_from_db()
    assert inspection.notification_date is None and inspection.call_made_at is None
    assert not Task.objects.exists() and mail.outbox == []


def test_notification_page_records_the_call(client, inspection, lead):
    client.force_login(lead)
    response = client.post(
        reverse("inspections:notification", args=[inspection.pk]),
        {
            "notification_date_day": "12", "notification_date_month": "1", "notification_date_year": "2026",
            "call_time": "9:30", "dcs_name": "Demo Director", "dcs_email": "dcs@example.gov.uk",
            "icb_name": "Demo Chief Executive", "icb_is_delegate": "no", "icb_email": "icb@example.nhs.uk",
        },
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert timezone.localtime(inspection.call_made_at).time() == dt.time(9, 30)
    assert inspection.call_icb_is_delegate is False
    assert len(mail.outbox) == 2


def test_half_filled_call_details_are_refused_with_messages(client, inspection, lead):
    client.force_login(lead)
    response = client.post(
        reverse("inspections:notification", args=[inspection.pk]),
        {"notification_date_day": "12", "notification_date_month": "1", "notification_date_year": "2026", "dcs_name": "Demo Director", "call_time": "25:00"},
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Enter the time of the call as hours and minutes" in html
    assert "Enter the integrated care board contact's email address" in html
    inspection.refresh_from_db()
    assert inspection.notification_date is None


def test_lead_names_the_lano_who_gets_a_scoped_account_and_an_invitation(inspection, lead):
    services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE)
    user, message = services.name_lano(lead, inspection, name="Demo  Local Officer", email="Officer@Example.gov.uk")
    assert user.username == "officer@example.gov.uk" and user.get_full_name() == "Demo Local Officer"
    assert is_local_area_officer(user) and not user.has_usable_password()
    assert message.template == "lano-invitation"
    assert re.search(r"/account/invitation/[^/]+/[^/]+/", mail.outbox[-1].body)
    assert Task.objects.get(inspection=inspection, milestone_key="lano_nominated").status == Task.Status.DONE
    inspection.refresh_from_db()
    assert AccessRole.OWN_LANO in access.roles_on(user, inspection)
    assert access.can(user, inspection, Capability.SEE_WHERE_IT_STANDS) and not access.can(user, inspection, Capability.SEE_TEAM_VIEW)


def test_only_the_lead_names_the_lano(inspection, planner):
    with pytest.raises(PermissionDenied):
        services.name_lano(planner, inspection, name="Demo Officer", email="o@example.gov.uk")


def test_an_inspector_email_cannot_become_a_lano(inspection, lead, inspector):
    inspector.email = "inspector@example.gov.uk"
    inspector.save()
    with pytest.raises(ValidationError):
        services.name_lano(lead, inspection, name="Demo Officer", email="inspector@example.gov.uk")
    assert Inspection.objects.get(pk=inspection.pk).lano is None


def test_lano_page_refuses_a_bad_email(client, inspection, lead):
    client.force_login(lead)
    html = client.post(reverse("inspections:lano", args=[inspection.pk]), {"name": "Demo Officer", "email": "not an email"}).content.decode()
    assert "Enter an email address in the correct format" in html
    assert Inspection.objects.get(pk=inspection.pk).lano is None


def _invitation_path():
    return re.search(r"(/account/invitation/[^/\s]+/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_invitation_link_sets_a_password_once_and_signs_in(client, inspection, lead):
    services.name_lano(lead, inspection, name="Demo Officer", email="officer@example.gov.uk")
    path = _invitation_path()
    assert "Set your password" in client.get(path).content.decode()
    mismatch = client.post(path, {"new_password1": "a-long-pass-phrase-42", "new_password2": "different-42-phrase"})
    assert "The passwords do not match" in mismatch.content.decode()
    response = client.post(path, {"new_password1": "a-long-pass-phrase-42", "new_password2": "a-long-pass-phrase-42"})
    assert response.status_code == 302 and response["Location"] == reverse("work:home")
    home = client.get(reverse("work:home")).content.decode()
    assert reverse("inspections:stands", args=[inspection.pk]) in home
    client.logout()
    assert "This link has expired" in client.get(path).content.decode()


def test_lano_sees_their_inspection_and_nothing_else(client, inspection, lead, planner, second_area):
    other = services.create_inspection(planner, area=second_area, kind="full", lead_inspector=lead)
    user, _ = services.name_lano(lead, inspection, name="Demo Officer", email="officer@example.gov.uk")
    client.force_login(user)
    assert client.get(reverse("inspections:stands", args=[inspection.pk])).status_code == 200
    assert list(queries.visible_to(user)) == [inspection]
    # Their own inspection: they know it exists, but the team's pages are not theirs.
    for name in ("detail", "team", "notification", "lano", "activity", "outcome"):
        assert client.get(reverse(f"inspections:{name}", args=[inspection.pk])).status_code == 403, name
    for name in ("detail", "stands", "team"):
        assert client.get(reverse(f"inspections:{name}", args=[other.pk])).status_code == 404, name
    assert client.get(reverse("inspections:workload")).status_code == 403
    assert client.get(reverse("inspections:create")).status_code == 403


def test_a_replaced_lano_loses_access(client, inspection, lead):
    first, _ = services.name_lano(lead, inspection, name="Demo First", email="first@example.gov.uk")
    services.name_lano(lead, inspection, name="Demo Second", email="second@example.gov.uk")
    client.force_login(first)
    assert client.get(reverse("inspections:stands", args=[inspection.pk])).status_code == 404


def test_if_the_message_cannot_be_sent_nothing_is_saved_and_the_page_says_so(client, inspection, lead, monkeypatch):
    from areasend.notifications import services as notifications

    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(notifications, "send_mail", broken)
    client.force_login(lead)
    response = client.post(reverse("inspections:lano", args=[inspection.pk]), {"name": "Demo Officer", "email": "officer@example.gov.uk"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "could not be sent" in html and "Nothing has been saved" in html
    inspection.refresh_from_db()
    assert inspection.lano is None
    from areasend.accounts.models import User

    assert not User.objects.filter(username="officer@example.gov.uk").exists()


def _nomination_path():
    body = next(m.body for m in mail.outbox if m.subject.endswith("what happens next"))
    return re.search(r"(/inspections/nominate/[^/\s]+/)", body).group(1)


def test_the_area_proposes_its_lano_through_the_link_and_the_lead_confirms(client, inspection, lead):
    services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE, call=_call())
    path = _nomination_path()
    body = next(m.body for m in mail.outbox if m.subject.endswith("what happens next"))
    until = timezone.localdate() + dt.timedelta(days=services.NOMINATION_LINK_DAYS)
    assert f"until {until.day} {until:%B %Y}" in body, "the message states when the link stops working"
    assert "Name your local area nominated officer" in unescape(client.get(path).content.decode())
    bad = client.post(path, {"name": "", "email": "officer@example.gov.uk"})
    assert "Enter the nominated officer's full name" in unescape(bad.content.decode())
    response = client.post(path, {"name": "Demo Area Officer", "email": "officer@example.gov.uk"})
    assert "Nominated officer sent to the lead inspector" in response.content.decode()
    inspection.refresh_from_db()
    # Nothing is made until the lead confirms: no account, no LANO, no invitation.
    from areasend.accounts.models import AuditEvent, User

    assert inspection.lano is None and not User.objects.filter(email="officer@example.gov.uk").exists()
    told = mail.outbox[-1]
    assert told.to == ["lead@example.gov.uk"] and told.subject.startswith("Confirm the nominated officer")
    assert AuditEvent.objects.filter(verb="lano_proposed", inspection=inspection).exists()
    confirm = re.search(r"(/inspections/\d+/nominated-officer/confirm/[^/\s]+/)", told.body).group(1)
    # Only the lead confirms.
    assert client.post(confirm).status_code == 302 and inspection.lano is None
    client.force_login(lead)
    page = unescape(client.get(confirm).content.decode())
    assert "Confirm the nominated officer" in page and "officer@example.gov.uk" in page
    assert client.post(confirm).status_code == 302
    inspection.refresh_from_db()
    assert inspection.lano.username == "officer@example.gov.uk"
    assert mail.outbox[-1].subject.startswith("You are the local area nominated officer")
    event = AuditEvent.objects.filter(object_id=str(inspection.pk), summary__contains="confirmed by the lead inspector").get()
    assert event.actor == lead
    client.logout()
    # Used once: the links no longer work, and a second officer cannot be slipped in.
    assert "This link no longer works" in client.get(path).content.decode()
    client.post(path, {"name": "Demo Someone Else", "email": "else@example.gov.uk"})
    inspection.refresh_from_db()
    assert inspection.lano.username == "officer@example.gov.uk"


def test_the_link_refuses_an_address_outside_the_areas_domains(client, inspection, lead, settings):
    settings.AREASEND_LANO_EMAIL_DOMAINS = f"{inspection.area.ons_code}=bathnes.gov.uk|nhs.net"
    services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE, call=_call())
    path = _nomination_path()
    outside = client.post(path, {"name": "Demo Officer", "email": "someone@gmail.com"})
    assert "Enter an email address at bathnes.gov.uk or nhs.net" in unescape(outside.content.decode())
    assert not any(m.subject.startswith("Confirm the nominated officer") for m in mail.outbox)
    inside = client.post(path, {"name": "Demo Officer", "email": "officer@council.bathnes.gov.uk"})
    assert "Nominated officer sent to the lead inspector" in inside.content.decode()


def test_a_changed_notification_date_or_tampered_link_stops_working(client, inspection, lead):
    services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE, call=_call())
    path = _nomination_path()
    assert "This link no longer works" in client.get(path[:-3] + "xx/").content.decode()
    services.set_notification_date(lead, inspection, dt.date(2026, 1, 19), today=BEFORE)
    assert "This link no longer works" in client.get(path).content.decode()
    assert services.inspection_for_nomination("garbage") is None
