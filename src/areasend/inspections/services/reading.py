"""Reading pages with personal details on them, as the activity record keeps it."""

from __future__ import annotations



from areasend.accounts import services as audit
from areasend.inspections.models import Inspection




from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


# Reading ----------------------------------------------------------------------------------------


def record_view(actor, inspection: Inspection, what: str, **details) -> None:
    """Someone read a page of the inspection with personal details on it: kept in its activity record."""
    audit.record_view(actor, what, inspection=inspection, **details)
