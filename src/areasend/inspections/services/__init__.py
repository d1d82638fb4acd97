"""Every write an inspection use case makes: permission-checked, in a transaction, audited.

One module per use case; this package gathers them so callers write ``services.name_lano(...)``.
"""

from areasend.accounts import services as audit  # noqa: F401  (the audit trail every use case writes to)
from areasend.inspections.services.calendar import calendar_file
from areasend.inspections.services.lano import (
    NOMINATION_LINK_DAYS,
    NOMINATION_SALT,
    confirm_lano,
    inspection_for_nomination,
    lano_proposal,
    nomination_link_expires,
    invitation_link,
    name_lano,
    nominate_lano_by_link,
    nomination_link,
)
from areasend.inspections.services.meetings import (
    MeetingDetails,
    add_local_attendee,
    add_team_attendee,
    cancel_meeting,
    remove_attendee,
    schedule_meeting,
    update_meeting,
)
from areasend.inspections.services.notification import NotificationCall, set_notification_date, sync_tasks
from areasend.inspections.services.outcome import publish_findings, record_outcome
from areasend.inspections.services.reading import record_view
from areasend.inspections.services.starting import create_inspection
from areasend.inspections.services.steps import can_mark_task, mark_task_done, send_task_reminders, steps_markable
from areasend.inspections.services.team import add_team_member, remove_team_member
from areasend.inspections.services.visits import VisitDetails, add_visit, remove_visit, update_visit

__all__ = [
    "MeetingDetails", "NOMINATION_LINK_DAYS", "NOMINATION_SALT", "NotificationCall", "VisitDetails",
    "add_local_attendee", "add_team_attendee", "add_team_member", "add_visit", "calendar_file", "can_mark_task",
    "cancel_meeting", "create_inspection", "inspection_for_nomination", "invitation_link", "mark_task_done",
    "name_lano", "nominate_lano_by_link", "confirm_lano", "lano_proposal", "nomination_link_expires", "nomination_link", "publish_findings", "record_outcome", "record_view",
    "remove_attendee", "remove_team_member", "remove_visit", "schedule_meeting", "send_task_reminders", "steps_markable",
    "set_notification_date", "sync_tasks", "update_meeting", "update_visit",
]
