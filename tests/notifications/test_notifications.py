"""One notifications module: templates in code, one record per message, never the same message twice."""

import pytest
from django.core import mail

from areasend.notifications import services
from areasend.notifications.models import SentMessage
from areasend.notifications.templates import TEMPLATES, MissingPersonalisation, placeholders, render


def test_every_template_has_a_subject_and_a_body_with_placeholders():
    for template_id, template in TEMPLATES.items():
        assert template["subject"].strip() and template["body"].strip(), template_id
        assert placeholders(template_id), template_id


def test_render_fills_every_placeholder():
    subject, body = render("task-due", {"name": "Demo Officer", "task": "Surveys close", "due": "19 January 2026", "area": "Bath", "link": "http://x/"})
    assert subject == "Due by 19 January 2026: Surveys close (Bath)"
    assert "((" not in body and "Demo Officer" in body


def test_a_missing_value_is_refused_not_left_blank(db):
    with pytest.raises(MissingPersonalisation):
        services.send("task-due", to="a@example.gov.uk", personalisation={"name": "A"}, idempotency_key="k1")
    assert not SentMessage.objects.exists()
    assert mail.outbox == []


def _send(key):
    return services.send(
        "task-overdue",
        to="officer@example.gov.uk",
        personalisation={"name": "Demo Officer", "task": "Surveys close", "due": "19 January 2026", "area": "Bath", "link": "http://x/"},
        idempotency_key=key,
    )


def test_sending_records_the_message_and_uses_the_email_backend(db):
    message = _send("overdue:1:2026-01-20")
    assert message.to == "officer@example.gov.uk" and message.template == "task-overdue"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Overdue since 19 January 2026: Surveys close (Bath)"


def test_the_same_key_sends_nothing_twice(db):
    assert _send("same") is not None
    assert _send("same") is None
    assert len(mail.outbox) == 1
    assert SentMessage.objects.count() == 1


def test_a_failed_delivery_records_nothing_so_the_next_run_retries(db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(services, "send_mail", broken)
    with pytest.raises(services.DeliveryFailed, match="could not be sent"):
        _send("retry")
    assert not SentMessage.objects.exists()
    monkeypatch.undo()
    assert _send("retry") is not None


def test_notify_is_used_when_an_api_key_is_set(db, settings, monkeypatch):
    calls = []

    class FakeClient:
        def __init__(self, api_key):
            calls.append(("key", api_key))

        def send_email_notification(self, **kwargs):
            calls.append(("send", kwargs))
            return {"id": "notify-reference-1"}

    import notifications_python_client.notifications as notify

    monkeypatch.setattr(notify, "NotificationsAPIClient", FakeClient)
    settings.AREASEND_NOTIFY_API_KEY = "test-key"
    settings.AREASEND_NOTIFY_TEMPLATE_ID = "generic-template"
    message = _send("notify")
    assert mail.outbox == []
    assert calls[0] == ("key", "test-key")
    sent = calls[1][1]
    assert sent["template_id"] == "generic-template"
    assert sent["email_address"] == "officer@example.gov.uk"
    assert sent["personalisation"]["subject"].startswith("Overdue since")
    assert message.provider_reference == "notify-reference-1"
