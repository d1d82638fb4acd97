"""Send a message once: render it from the templates in code, deliver it, record it.

Delivery goes through Django's email backend (console in the demo, locmem in tests) unless
``settings.AREASEND_NOTIFY_API_KEY`` is set; then it goes through GOV.UK Notify with one
generic Notify template (``settings.AREASEND_NOTIFY_TEMPLATE_ID``) whose subject and body are
the ``((subject))`` and ``((body))`` placeholders.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from areasend.notifications.models import SentMessage
from areasend.notifications.templates import render


class DeliveryFailed(RuntimeError):
    """The message could not be handed to the email service or GOV.UK Notify; nothing was recorded."""


def _deliver(to: str, subject: str, body: str, reference: str) -> str:
    api_key = getattr(settings, "AREASEND_NOTIFY_API_KEY", "")
    if api_key:
        from notifications_python_client.notifications import NotificationsAPIClient

        response = NotificationsAPIClient(api_key).send_email_notification(
            email_address=to,
            template_id=settings.AREASEND_NOTIFY_TEMPLATE_ID,
            personalisation={"subject": subject, "body": body},
            reference=reference[:100],
        )
        return str(response.get("id", ""))
    if getattr(settings, "AREASEND_EMAIL_ONLY_THROUGH_NOTIFY", False):
        raise DeliveryFailed("Messages are sent through GOV.UK Notify only here, and AREASEND_NOTIFY_API_KEY is not set")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    return ""


def send(template_id: str, *, to: str, personalisation: dict, idempotency_key: str, inspection=None) -> SentMessage | None:
    """Send ``template_id`` to ``to`` unless a message with ``idempotency_key`` was already sent.

    Returns the record of the message, or None when it had been sent before. If delivery fails
    nothing is recorded, so the next run tries again.
    """
    subject, body = render(template_id, personalisation)
    if SentMessage.objects.filter(idempotency_key=idempotency_key).exists():
        return None
    try:
        with transaction.atomic():
            message = SentMessage.objects.create(
                to=to, template=template_id, subject=subject[:300], inspection=inspection, idempotency_key=idempotency_key
            )
            try:
                message.provider_reference = _deliver(to, subject, body, idempotency_key)
            except DeliveryFailed:
                raise
            except Exception as exc:
                # The address is not named: this text may reach a log, and an address is personal data.
                raise DeliveryFailed(f"The email could not be sent ({exc.__class__.__name__})") from None
            message.save(update_fields=["provider_reference"])
    except IntegrityError:
        # Another process recorded the same key between the check and the insert.
        return None
    return message
