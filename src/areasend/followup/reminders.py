"""Reminders of what is owed after an inspection: to whoever owes each item, when it is due soon or late.

The items and their statuses are the after-inspection page's own (``areas.queries``, from the
framework core's cycle, with what is recorded here and any national pause), and the steps of each
2016 written statement of action the service tracks. Who is reminded follows the page's "Who owes
it" (``followup.queries.owner_in_service``), and each person's "Your work" page lists the same items:

* the local area: the area's nominated officer (on its latest inspection in this service);
* the national team, for a plan waiting for its decision, and for the decisions on a written statement
  and its revisit, which Ofsted and CQC make and the national team records here: every national planner;
* Ofsted and CQC: for a monitoring inspection, every national planner (they start it); for an
  engagement meeting, the lead inspector of the area's latest inspection in this service.

An item owed by no one named in the service (an area known only from the imported history, say)
is not sent anywhere: it stays on the national overdue list. Each message is sent once per item,
person, day and kind, through the notifications service, so a second run on the same day sends
nothing again.
"""

from __future__ import annotations

import datetime as dt
import logging

from areasend import framework
from areasend.access.roles import Role
from areasend.accounts import queries as accounts
from areasend.followup import queries
from areasend.notifications import services as notifications

logger = logging.getLogger(__name__)

#: Re-exported: the reminders and the person's own page share them (``followup.queries``).
REMINDER_WORKING_DAYS = queries.REMINDER_WORKING_DAYS
reminder_kind = queries.reminder_kind


def _recipients(item, latest, planners) -> list:
    owner = queries.owner_in_service(item, latest)
    if owner == queries.PLANNERS:
        return planners()
    return [owner] if owner is not None else []


def send_reminders(today: dt.date) -> int:
    """Remind whoever owes each after-inspection item that is due soon, late, or waiting for a decision.
    Returns the number of messages sent (none the second time on the same day)."""
    from django.conf import settings

    found_planners: list | None = None

    def planners() -> list:
        nonlocal found_planners
        if found_planners is None:
            found_planners = accounts.people_with_role(Role.NATIONAL_PLANNER)
        return found_planners

    sent = 0
    for area, wanted, latest in queries.reminded(queries.owed_everywhere(today), today):
        for item, kind in wanted:
            for person in _recipients(item, latest, planners):
                if not person.email or not person.is_active:
                    continue
                try:
                    message = notifications.send(
                        f"after-inspection-{kind}",
                        to=person.email,
                        personalisation={
                            "name": str(person),
                            "item": item.obligation.what,
                            "due": framework.calendar.written_date(item.obligation.due),
                            "area": area.name,
                            "link": settings.AREASEND_BASE_URL + item.obligation.link,
                        },
                        idempotency_key=f"after-inspection-{kind}:{item.obligation.key}:{person.pk}:{today.isoformat()}",
                    )
                except notifications.DeliveryFailed as exc:
                    # Not recorded, so the next run tries again; only the item and the kind of failure are logged.
                    logger.warning("Reminder for %s could not be sent: %s", item.obligation.key, exc)
                    continue
                sent += message is not None
    return sent
