"""Reading pages with personal details on them, as the activity record keeps it."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework
from areasend.access import gate
from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.access.roles import is_inspector
from areasend.areas import services as area_services
from areasend.inspections import access
from areasend.inspections.models import Inspection, Task, TeamMember
from areasend.inspections.queries import REMINDER_WINDOW_WORKING_DAYS, clashes_for, timeline_for
from areasend.notifications import services as notifications

logger = logging.getLogger(__name__)



from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


# Reading ----------------------------------------------------------------------------------------


def record_view(actor, inspection: Inspection, what: str, **details) -> None:
    """Someone read a page of the inspection with personal details on it: kept in its activity record."""
    audit.record_view(actor, what, inspection=inspection, **details)
