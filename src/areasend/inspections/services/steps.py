"""The steps of the timeline: marking them done, and reminders of those due or overdue."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework
from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.inspections import access
from areasend.inspections.models import Inspection, Task
from areasend.inspections.queries import REMINDER_WINDOW_WORKING_DAYS
from areasend.notifications import services as notifications

logger = logging.getLogger(__name__)



from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


# Tasks ------------------------------------------------------------------------------------------


def _step_capability(task: Task) -> Capability:
    """The LANO marks the partnership's steps; the team marks the team's and the inspectorates'."""
    return Capability.MARK_PARTNERSHIP_STEP if task.owner == Task.Party.PARTNERSHIP else Capability.MARK_TEAM_STEP


def can_mark_task(actor, task: Task) -> bool:
    return access.can(actor, task.inspection, _step_capability(task))


def steps_markable(actor, inspection: Inspection, tasks) -> dict[int, bool]:
    """For a page listing ``tasks`` of ``inspection``: which of them ``actor`` may mark done, from one
    look at the person's roles on the inspection rather than one per step."""
    from areasend.access.capabilities import allows

    roles = access.roles_on(actor, inspection)
    return {task.pk: allows(_step_capability(task), roles) for task in tasks}


@transaction.atomic
def mark_task_done(actor, task_id: int, inspection: Inspection) -> Task:
    task = Task.objects.select_for_update().select_related("inspection").filter(pk=task_id, inspection=inspection).first()
    if task is None:
        raise ValidationError({"task": "That step is not part of this inspection."})
    if not can_mark_task(actor, task):
        raise PermissionDenied("This step belongs to the other side of the inspection.")
    if task.status == Task.Status.DONE:
        return task
    task.status = Task.Status.DONE
    task.done_by = actor
    task.done_at = timezone.now()
    task.save(update_fields=["status", "done_by", "done_at"])
    audit.record(actor, Verb.STEP_DONE, inspection=task.inspection, target=task, summary=f"Marked done: {task.label}",
                 changed=audit.changes(status=(Task.Status.TO_DO, Task.Status.DONE)), step=task.milestone_key)
    return task


def send_task_reminders(today: dt.date) -> int:
    """Remind each owner of steps due within the reminder window or overdue. Safe to run again:
    one message per task, day and kind. Returns the number of messages sent."""
    from django.conf import settings
    from django.urls import reverse

    sent = 0
    tasks = (
        Task.objects.filter(status=Task.Status.TO_DO)
        .exclude(owner__in=[Task.Party.GOVERNMENT])
        .exclude(inspection__publication_date__lte=today)
        .select_related("inspection__area", "inspection__lead_inspector", "inspection__lano")
        .order_by("inspection_id", "due", "id")
    )
    for task in tasks:
        if task.due < today:
            kind = "overdue"
        elif framework.working_days_between(today, task.due) <= REMINDER_WINDOW_WORKING_DAYS:
            kind = "due"
        else:
            continue
        inspection = task.inspection
        person = inspection.lano if task.owner == Task.Party.PARTNERSHIP else inspection.lead_inspector
        if person is None or not person.email:
            continue
        try:
            message = notifications.send(
                f"task-{kind}",
                to=person.email,
                personalisation={
                    "name": str(person),
                    "task": task.label,
                    "due": f"{task.due:%-d %B %Y}",
                    "area": inspection.area.name,
                    "link": settings.AREASEND_BASE_URL + reverse("inspections:stands", args=[inspection.pk]),
                },
                idempotency_key=f"task-{kind}:{task.pk}:{today.isoformat()}",
                inspection=inspection,
            )
        except notifications.DeliveryFailed as exc:
            # Not recorded, so the next run tries again; the other reminders still go. Only the task and the kind
            # of failure are logged: never the address, the name or the message.
            logger.warning("Reminder for task %s could not be sent: %s", task.pk, exc)
            continue
        sent += message is not None
    return sent
