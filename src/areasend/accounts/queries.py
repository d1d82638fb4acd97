"""Reads of the audit trail that pages share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from areasend.accounts.models import AuditEvent, Verb


def events_of_inspection(inspection, *, limit: int = 500) -> list[AuditEvent]:
    """Every event that belongs to the inspection, surveys and downloads included, newest first."""
    return list(AuditEvent.objects.filter(inspection=inspection).order_by("-at", "-id")[:limit])


@dataclass(frozen=True)
class AuditFilter:
    verb: str = ""
    person: str = ""
    area: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.verb or self.person or self.area or self.date_from or self.date_to)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_events(chosen: AuditFilter) -> QuerySet[AuditEvent]:
    """Events across every inspection, for the data-protection officer, narrowed by ``chosen``."""
    events = AuditEvent.objects.select_related("inspection__area").order_by("-at", "-id")
    if chosen.verb:
        events = events.filter(verb=chosen.verb)
    if chosen.person:
        events = events.filter(actor_label__icontains=chosen.person)
    if chosen.area:
        events = events.filter(Q(inspection__area__name__icontains=chosen.area) | Q(inspection__area__ons_code__iexact=chosen.area))
    if chosen.date_from:
        events = events.filter(at__gte=_day_start(chosen.date_from))
    if chosen.date_to:
        events = events.filter(at__lt=_day_start(chosen.date_to + dt.timedelta(days=1)))
    return events


VERB_CHOICES = [("", "Any")] + list(Verb.choices)


def latest_event(*verbs: Verb) -> AuditEvent | None:
    """The most recent event with one of ``verbs`` (for "last updated" notices), or None."""
    return AuditEvent.objects.filter(verb__in=[v.value for v in verbs]).order_by("-at", "-id").first()


def people_with_role(role) -> list:
    """Active people who hold ``role`` (an ``access.roles.Role``) and have an email address, by name:
    for messages to everyone in a national role (the national planners, say)."""
    from areasend.accounts.models import User

    return list(User.objects.filter(groups__name=str(role), is_active=True).exclude(email="")
                .order_by("last_name", "first_name", "pk").distinct())
