"""The notification date and call: the timeline, its steps and the message of what happens next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework
from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.inspections import access
from areasend.inspections.models import Inspection, Task
from areasend.inspections.queries import timeline_for




from areasend.inspections.services.lano import nomination_link, nomination_link_expires  # noqa: F401
from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


@dataclass(frozen=True)
class NotificationCall:
    """Who the lead inspector spoke to on the notification call, and when."""

    made_at: dt.datetime
    dcs_name: str
    dcs_email: str
    icb_name: str
    icb_is_delegate: bool
    icb_email: str


@transaction.atomic
def set_notification_date(
    actor, inspection: Inspection, notified: dt.date, *, today: dt.date, call: NotificationCall | None = None
) -> Inspection:
    """Record the day the lead inspector made (or will make) the notification call.

    With ``call``, also record who was called and when, and send both of them what happens
    next. The tasks of the timeline are made (or moved) to the core's dates.
    """
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.SET_NOTIFICATION, "Only the lead inspector can set the notification date.")
    if inspection.findings_recorded:
        raise ValidationError({"notification_date": "The outcome is recorded, so the notification date can no longer change."})
    current = timeline_for(inspection)
    if current is not None and current.date("onsite_start") <= today:
        raise ValidationError({"notification_date": "The inspection is already on site, so the notification date can no longer change."})
    try:
        framework.check_notification_date(notified, today=today)
        version = framework.version_on(notified)
        framework.inspection_timeline(notified=notified, kind=inspection.kind, version=version)
    except framework.FrameworkError as exc:
        raise ValidationError({"notification_date": str(exc)}) from None
    if call is not None and timezone.localtime(call.made_at).date() != notified:
        raise ValidationError({"call_time": "The call is made on the notification date: check the date or leave the call details empty until the call is made."})
    before, before_framework = inspection.notification_date, inspection.framework
    inspection.notification_date = notified
    inspection.framework = version.id
    inspection.save(update_fields=["notification_date", "framework"])
    audit.record(
        actor, Verb.NOTIFICATION_SET, inspection=inspection,
        summary=f"Notification date set to {notified:%-d %B %Y}" + (f" (was {before:%-d %B %Y})" if before else ""),
        changed=audit.changes(notification_date=(before, notified), framework=(before_framework, version.id)),
    )
    sync_tasks(inspection)
    if call is not None:
        _record_call(actor, inspection, call)
    return inspection


def sync_tasks(inspection: Inspection) -> None:
    """One task per milestone of the core's timeline, due on the core's date; done steps stay done."""
    timeline = timeline_for(inspection)
    if timeline is None:
        return
    keys = []
    for milestone in timeline.milestones:
        keys.append(milestone.key)
        Task.objects.update_or_create(
            inspection=inspection,
            milestone_key=milestone.key,
            defaults={"label": milestone.label, "owner": milestone.owner.name, "due": milestone.date},
        )
    inspection.tasks.exclude(milestone_key__in=keys).delete()


def _record_call(actor, inspection: Inspection, call: NotificationCall) -> None:
    inspection.call_made_at = call.made_at
    inspection.call_dcs_name = call.dcs_name
    inspection.call_dcs_email = call.dcs_email
    inspection.call_icb_name = call.icb_name
    inspection.call_icb_is_delegate = call.icb_is_delegate
    inspection.call_icb_email = call.icb_email
    inspection.save(
        update_fields=["call_made_at", "call_dcs_name", "call_dcs_email", "call_icb_name", "call_icb_is_delegate", "call_icb_email"]
    )
    icb_role = "delegate of the integrated care board's chief executive" if call.icb_is_delegate else "integrated care board's chief executive"
    audit.record(
        actor, Verb.NOTIFICATION_SET, inspection=inspection,
        summary=f"Recorded the notification call at {timezone.localtime(call.made_at):%H:%M on %-d %B %Y} with "
        f"{call.dcs_name} (director of children's services) and {call.icb_name} ({icb_role})",
        changed=audit.changes(call_made_at=(None, call.made_at), call_dcs_name=("", call.dcs_name),
                              call_icb_name=("", call.icb_name)),
    )
    timeline = timeline_for(inspection)
    steps = "\n".join(
        f"- {m.date:%-d %B %Y}: {m.label} ({m.owner.value})" for m in timeline.milestones if m.key != "notification"
    )
    for name, email in ((call.dcs_name, call.dcs_email), (call.icb_name, call.icb_email)):
        _send_or_refuse(
            "notification-next-steps",
            to=email,
            personalisation={
                "name": name,
                "lead": str(inspection.lead_inspector),
                "notified": f"{inspection.notification_date:%-d %B %Y}",
                "kind": inspection.get_kind_display().lower(),
                "area": inspection.area.name,
                "next_steps": steps,
                "nominate_link": nomination_link(inspection),
                "nominate_until": _long_date(nomination_link_expires(timezone.localdate())),
            },
            idempotency_key=f"next-steps:{inspection.pk}:{inspection.notification_date.isoformat()}:{email.lower()}",
            inspection=inspection,
        )
