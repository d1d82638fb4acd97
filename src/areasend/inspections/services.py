"""Every write an inspection use case makes: permission-checked, in a transaction, audited."""

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


@transaction.atomic
def create_inspection(actor, *, area, kind: str, lead_inspector) -> Inspection:
    if not gate.can(actor, Capability.START_INSPECTION):
        raise PermissionDenied("Only the national planning team can start an inspection.")
    if not area.is_current:
        raise ValidationError({"area": "This area no longer exists: choose the area that replaced it."})
    if not is_inspector(lead_inspector):
        raise ValidationError({"lead_inspector": "The lead inspector must be someone with the inspector role."})
    inspection = Inspection.objects.create(
        area=area, kind=kind, lead_inspector=lead_inspector, created_by=actor
    )
    TeamMember.objects.create(inspection=inspection, user=lead_inspector, role=TeamMember.Role.LEAD)
    audit.record(
        actor, Verb.INSPECTION_STARTED, inspection=inspection,
        summary=f"Started a {inspection.get_kind_display().lower()} of {area.name} led by {lead_inspector}",
        area=area.ons_code, kind=kind, lead=lead_inspector.username,
    )
    return inspection


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
    if inspection.outcome is not None:
        raise ValidationError({"notification_date": "The outcome is recorded, so the notification date can no longer change."})
    current = timeline_for(inspection)
    if current is not None and current.date("onsite_start") <= today:
        raise ValidationError({"notification_date": "The inspection is already on site, so the notification date can no longer change."})
    try:
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
            },
            idempotency_key=f"next-steps:{inspection.pk}:{inspection.notification_date.isoformat()}:{email.lower()}",
            inspection=inspection,
        )


def _send_or_refuse(template_id: str, **kwargs):
    """Send a message that is part of a change; if it cannot be sent, the whole change is undone."""
    try:
        return notifications.send(template_id, **kwargs)
    except notifications.DeliveryFailed as exc:
        raise ValidationError({"__all__": f"{exc}. Nothing has been saved: try again in a few minutes."}) from exc


# Team -------------------------------------------------------------------------------------------


@transaction.atomic
def add_team_member(actor, inspection: Inspection, *, user, role: str):
    """Put an inspector on the team. Returns the member and their other inspections on site in the same days."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.MANAGE_TEAM, "Only the lead inspector or the national planning team can change the team.")
    if role not in TeamMember.Role.values or role == TeamMember.Role.LEAD:
        raise ValidationError({"role": "Choose the person's role on the team."})
    if not is_inspector(user):
        raise ValidationError({"user": "Team members must be people with the inspector role."})
    if TeamMember.objects.filter(inspection=inspection, user=user).exists():
        raise ValidationError({"user": f"{user} is already on the team."})
    member = TeamMember.objects.create(inspection=inspection, user=user, role=role)
    audit.record(actor, Verb.TEAM_MEMBER_ADDED, inspection=inspection, target=member,
                 summary=f"Added {user} to the team as {member.get_role_display()}", person=user.username, role=role)
    return member, clashes_for(user, inspection)


@transaction.atomic
def remove_team_member(actor, inspection: Inspection, member_id: int) -> None:
    access.require(actor, inspection, Capability.MANAGE_TEAM, "Only the lead inspector or the national planning team can change the team.")
    member = TeamMember.objects.filter(inspection=inspection, pk=member_id).select_related("user").first()
    if member is None:
        raise ValidationError({"remove": "That person is not on the team."})
    if member.role == TeamMember.Role.LEAD:
        raise ValidationError({"remove": "The lead inspector stays on the team."})
    member.delete()
    audit.record(actor, Verb.TEAM_MEMBER_REMOVED, inspection=inspection, summary=f"Removed {member.user} from the team",
                 person=member.user.username, role=member.role)


# The local area nominated officer -----------------------------------------------------------------


def invitation_link(user) -> str:
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "accounts:invitation", args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]
    )
    return settings.AREASEND_BASE_URL + path


@transaction.atomic
def name_lano(actor, inspection: Inspection, *, name: str, email: str):
    """The lead inspector names the area's LANO. They get an account scoped to this inspection and an invitation."""
    inspection = Inspection.objects.select_for_update().select_related("area", "lead_inspector").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.NAME_LANO, "Only the lead inspector can name the local area nominated officer.")
    return _name_lano(actor, inspection, name=name, email=email, how="")


def _name_lano(actor, inspection: Inspection, *, name: str, email: str, how: str):
    from areasend.accounts.models import User
    from areasend.access.roles import Role, is_local_area_officer, roles_of
    from areasend.accounts.services import grant_role

    name, email = " ".join(name.split()), email.strip().lower()
    if not name:
        raise ValidationError({"name": "Enter the nominated officer's full name"})
    user = User.objects.filter(username=email).first() or User.objects.filter(email__iexact=email).first()
    if user is not None and roles_of(user) and not is_local_area_officer(user):
        raise ValidationError({"email": "This email address belongs to an inspector or planner: enter the local area's own contact."})
    first, _, last = name.rpartition(" ")
    first, last = (first, last) if first else (last, "")
    created = user is None
    if created:
        user = User(username=email, email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        user.save()
    grant_role(user, Role.LOCAL_AREA_OFFICER, by=actor)
    before = inspection.lano
    inspection.lano = user
    inspection.save(update_fields=["lano"])
    audit.record(
        actor, Verb.LANO_NAMED, inspection=inspection,
        summary=f"Named {name} as the local area nominated officer{how}" + (f" (replacing {before})" if before and before != user else ""),
        changed=audit.changes(lano=(before.username if before else None, user.username)),
    )
    Task.objects.filter(inspection=inspection, milestone_key="lano_nominated", status=Task.Status.TO_DO).update(
        status=Task.Status.DONE, done_by=actor if getattr(actor, "is_authenticated", False) else None, done_at=timezone.now()
    )
    message = None
    if not user.has_usable_password():
        message = _send_or_refuse(
            "lano-invitation",
            to=email,
            personalisation={
                "name": name,
                "lead": str(inspection.lead_inspector),
                "kind": inspection.get_kind_display().lower(),
                "area": inspection.area.name,
                "link": invitation_link(user),
                "username": user.username,
            },
            # Saving the officer again on a later day sends a fresh link (links expire).
            idempotency_key=f"lano-invitation:{inspection.pk}:{user.pk}:{timezone.localdate().isoformat()}",
            inspection=inspection,
        )
    return user, message


NOMINATION_SALT = "areasend.inspections.lano-nomination"
NOMINATION_LINK_DAYS = 14


def nomination_link(inspection: Inspection) -> str:
    """A link the local area can use once to name its LANO. It stops working when the LANO is named,
    when the notification date changes, or after 14 days."""
    from django.conf import settings
    from django.core import signing
    from django.urls import reverse

    token = signing.dumps({"i": inspection.pk, "n": inspection.notification_date.isoformat()}, salt=NOMINATION_SALT)
    return settings.AREASEND_BASE_URL + reverse("inspections:nominate", args=[token])


def inspection_for_nomination(token: str) -> Inspection | None:
    """The inspection a nomination link is for, if the link still works; None otherwise."""
    from django.core import signing

    try:
        data = signing.loads(token, salt=NOMINATION_SALT, max_age=dt.timedelta(days=NOMINATION_LINK_DAYS))
    except signing.BadSignature:
        return None
    inspection = Inspection.objects.select_related("area", "lead_inspector").filter(pk=data.get("i")).first()
    if inspection is None or inspection.lano_id is not None or inspection.outcome is not None:
        return None
    if inspection.notification_date is None or inspection.notification_date.isoformat() != data.get("n"):
        return None
    return inspection


@transaction.atomic
def nominate_lano_by_link(token: str, *, name: str, email: str):
    """The local area names its own LANO through the link sent after the notification call."""
    found = inspection_for_nomination(token)
    if found is None:
        raise PermissionDenied("This nomination link no longer works.")
    inspection = Inspection.objects.select_for_update().select_related("area", "lead_inspector").get(pk=found.pk)
    if inspection.lano_id is not None:
        raise PermissionDenied("This nomination link no longer works.")
    return _name_lano(None, inspection, name=name, email=email, how=" (by the local area, through the nomination link)")


# Reading ----------------------------------------------------------------------------------------


def record_view(actor, inspection: Inspection, what: str, **details) -> None:
    """Someone read a page of the inspection with personal details on it: kept in its activity record."""
    audit.record_view(actor, what, inspection=inspection, **details)


# Tasks ------------------------------------------------------------------------------------------


def can_mark_task(actor, task: Task) -> bool:
    """The LANO marks the partnership's steps; the team marks the team's and the inspectorates'."""
    needed = Capability.MARK_PARTNERSHIP_STEP if task.owner == Task.Party.PARTNERSHIP else Capability.MARK_TEAM_STEP
    return access.can(actor, task.inspection, needed)


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
        except notifications.DeliveryFailed:
            # Not recorded, so the next run tries again; the other reminders still go.
            logger.warning("Reminder for task %s could not be sent", task.pk, exc_info=True)
            continue
        sent += message is not None
    return sent


@transaction.atomic
def record_outcome(actor, inspection: Inspection, *, outcome: int, summary: str, today: dt.date) -> Inspection:
    """The lead inspector records the outcome once the on-site week is over.

    The report is published on the publication date the framework core gives (never before
    today); until then the outcome is not public.
    """
    inspection = Inspection.objects.select_for_update().select_related("area").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.RECORD_OUTCOME, "Only the lead inspector can record the outcome.")
    if inspection.outcome is not None:
        raise ValidationError({"outcome": "The outcome has already been recorded."})
    timeline = timeline_for(inspection)
    if timeline is None:
        raise ValidationError({"outcome": "Set the notification date before recording an outcome."})
    onsite_end = timeline.date("onsite_end")
    if today < onsite_end:
        raise ValidationError(
            {"outcome": f"The outcome can be recorded once the on-site week ends on {onsite_end:%-d %B %Y}."}
        )
    framework.Outcome.from_number(outcome)
    publication = max(timeline.date("publication_due"), today)
    inspection.outcome = outcome
    inspection.outcome_summary = summary.strip()
    inspection.outcome_recorded_at = timezone.now()
    inspection.outcome_recorded_by = actor
    inspection.publication_date = publication
    inspection.save()
    area_services.record_published_inspection(
        area=inspection.area,
        framework=inspection.framework,
        kind=inspection.kind,
        start_date=timeline.date("onsite_start"),
        end_date=onsite_end,
        published=publication,
        outcome=outcome,
        summary=inspection.outcome_summary,
        recorded_inspection_id=inspection.pk,
        actor=actor,
    )
    audit.record(
        actor, Verb.OUTCOME_RECORDED, inspection=inspection,
        summary=f"Outcome {outcome} recorded; report to be published on {publication:%-d %B %Y}",
        changed=audit.changes(outcome=(None, outcome), publication_date=(None, publication)),
    )
    return inspection


# Meetings and the on-site timetable -------------------------------------------------------------


@dataclass(frozen=True)
class MeetingDetails:
    """What the lead inspector sets on a meeting. ``date`` None keeps the timeline's date."""

    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    video_link: str = ""
    notes: str = ""


def _timeline_or_refuse(inspection: Inspection, field: str = "__all__"):
    timeline = timeline_for(inspection)
    if timeline is None:
        raise ValidationError({field: "Set the notification date first: meeting and visit dates come from the inspection's timeline."})
    return timeline


def _check_times(start: dt.time | None, end: dt.time | None) -> None:
    if end is not None and start is None:
        raise ValidationError({"start_time": "Enter the start time as well as the end time"})
    if end is not None and end <= start:
        raise ValidationError({"end_time": "The end time must be after the start time"})


def _meeting_date(inspection: Inspection, kind: str, details: MeetingDetails, timeline):
    """The date to store: None when it is the core's date, so the meeting follows the timeline."""
    from areasend.inspections.meetings import KINDS_BY_KEY
    from areasend.inspections.queries import inspection_window

    spec = KINDS_BY_KEY[kind]
    first, last = inspection_window(timeline)
    if details.date is None:
        if spec.milestone is None:
            raise ValidationError({"date": "Enter the date of the keep-in-touch meeting"})
        return None
    if not first <= details.date <= last:
        raise ValidationError(
            {"date": f"The date must be within the inspection's weeks, from {first:%-d %B %Y} to {last:%-d %B %Y}"}
        )
    if spec.milestone is not None and details.date == timeline.date(spec.milestone):
        return None
    return details.date


def _describe(meeting, timeline) -> str:
    from areasend.inspections.queries import meeting_date

    day = meeting_date(meeting, timeline)
    text = f"{meeting.get_kind_display()} on {day:%Y-%m-%d}" if day else meeting.get_kind_display()
    if meeting.start_time:
        text += f" at {meeting.start_time:%H:%M}"
    return text


@transaction.atomic
def schedule_meeting(actor, inspection: Inspection, *, kind: str, details: MeetingDetails):
    """Schedule one of the inspection's meetings; the lead inspector attends it from the start."""
    from areasend.inspections.meetings import KINDS_BY_KEY, AttendeeRole
    from areasend.inspections.models import Meeting, MeetingAttendee

    inspection = Inspection.objects.select_for_update().select_related("lead_inspector").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.SCHEDULE_MEETINGS, "Only the lead inspector can schedule the inspection's meetings.")
    spec = KINDS_BY_KEY.get(kind)
    if spec is None:
        raise ValidationError({"__all__": "Choose one of the inspection's meetings."})
    timeline = _timeline_or_refuse(inspection)
    if spec.milestone is not None:
        if spec.milestone not in {m.key for m in timeline.milestones}:
            raise ValidationError({"__all__": f"A {inspection.get_kind_display().lower()} has no {spec.label.lower()}."})
        if Meeting.objects.filter(inspection=inspection, kind=kind).exists():
            raise ValidationError({"__all__": f"The {spec.label.lower()} is already scheduled: change it instead."})
    _check_times(details.start_time, details.end_time)
    meeting = Meeting.objects.create(
        inspection=inspection,
        kind=kind,
        date=_meeting_date(inspection, kind, details, timeline),
        start_time=details.start_time,
        end_time=details.end_time,
        place=details.place.strip(),
        video_link=details.video_link.strip(),
        notes=details.notes.strip(),
    )
    lead = inspection.lead_inspector
    MeetingAttendee.objects.create(meeting=meeting, user=lead, name=str(lead), role=AttendeeRole.LEAD, email=lead.email)
    audit.record(actor, Verb.MEETING_SCHEDULED, inspection=inspection, target=meeting,
                 summary=f"Scheduled the {_describe(meeting, timeline)}", meeting=kind, date=_meeting_day(meeting, timeline))
    return meeting


def _locked_meeting(actor, inspection: Inspection, meeting_id: int):
    from areasend.inspections.models import Meeting

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.SCHEDULE_MEETINGS, "Only the lead inspector can change the inspection's meetings.")
    meeting = Meeting.objects.select_for_update().filter(inspection=inspection, pk=meeting_id).first()
    if meeting is None:
        raise ValidationError({"__all__": "That meeting is not part of this inspection."})
    return inspection, meeting


@transaction.atomic
def update_meeting(actor, inspection: Inspection, meeting_id: int, *, details: MeetingDetails):
    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    timeline = _timeline_or_refuse(inspection)
    _check_times(details.start_time, details.end_time)
    before = _describe(meeting, timeline)
    old = _meeting_fields(meeting, timeline)
    meeting.date = _meeting_date(inspection, meeting.kind, details, timeline)
    meeting.start_time, meeting.end_time = details.start_time, details.end_time
    meeting.place, meeting.video_link, meeting.notes = details.place.strip(), details.video_link.strip(), details.notes.strip()
    meeting.save()
    audit.record(actor, Verb.MEETING_CHANGED, inspection=inspection, target=meeting,
                 summary=f"Changed the {before}: now {_describe(meeting, timeline)}",
                 changed=audit.changes(**{k: (old[k], v) for k, v in _meeting_fields(meeting, timeline).items()}))
    return meeting


@transaction.atomic
def cancel_meeting(actor, inspection: Inspection, meeting_id: int) -> None:
    """Take a meeting off the schedule (a standard meeting goes back to the timeline's date, unscheduled)."""
    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    text = _describe(meeting, timeline_for(inspection))
    meeting.delete()
    audit.record(actor, Verb.MEETING_CANCELLED, inspection=inspection, summary=f"Cancelled the {text}", meeting=meeting.kind)


@transaction.atomic
def add_team_attendee(actor, inspection: Inspection, meeting_id: int, *, member_id: int):
    from areasend.inspections.meetings import team_role
    from areasend.inspections.models import MeetingAttendee

    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    member = TeamMember.objects.filter(inspection=inspection, pk=member_id).select_related("user").first()
    if member is None:
        raise ValidationError({"member": "Choose someone on the team"})
    if meeting.attendees.filter(user=member.user).exists():
        raise ValidationError({"member": f"{member.user} is already at this meeting"})
    attendee = MeetingAttendee.objects.create(
        meeting=meeting, user=member.user, name=str(member.user), role=team_role(member.role), email=member.user.email
    )
    audit.record(actor, Verb.ATTENDEE_ADDED, inspection=inspection, target=meeting,
                 summary=f"Added {attendee.name} to the {meeting.get_kind_display().lower()}", person=member.user.username)
    return attendee


@transaction.atomic
def add_local_attendee(actor, inspection: Inspection, meeting_id: int, *, name: str, role: str, email: str):
    """A named person from the local area. The inspection's LANO, by email, is linked to their account."""
    from areasend.inspections.meetings import LOCAL_ROLES, AttendeeRole
    from areasend.inspections.models import MeetingAttendee

    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    name, email = " ".join(name.split()), email.strip().lower()
    if not name:
        raise ValidationError({"name": "Enter the person's full name"})
    if role not in {r.value for r in LOCAL_ROLES}:
        raise ValidationError({"role": "Choose the person's role"})
    if email and meeting.attendees.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"Someone with the email address {email} is already at this meeting"})
    user = None
    lano = inspection.lano
    if role == AttendeeRole.LANO and lano is not None and email and email == lano.email.lower():
        user = lano if not meeting.attendees.filter(user=lano).exists() else None
    attendee = MeetingAttendee.objects.create(meeting=meeting, user=user, name=name, role=role, email=email)
    audit.record(
        actor, Verb.ATTENDEE_ADDED, inspection=inspection, target=meeting,
        summary=f"Added {name} ({attendee.get_role_display().lower()}) to the {meeting.get_kind_display().lower()}",
        name=name, role=role,
    )
    return attendee


@transaction.atomic
def remove_attendee(actor, inspection: Inspection, meeting_id: int, attendee_id: int) -> None:
    inspection, meeting = _locked_meeting(actor, inspection, meeting_id)
    attendee = meeting.attendees.filter(pk=attendee_id).first()
    if attendee is None:
        raise ValidationError({"__all__": "That person is not at this meeting any more."})
    attendee.delete()
    audit.record(actor, Verb.ATTENDEE_REMOVED, inspection=inspection, target=meeting,
                 summary=f"Removed {attendee.name} from the {meeting.get_kind_display().lower()}", name=attendee.name)


@dataclass(frozen=True)
class VisitDetails:
    day: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    kind: str
    member_ids: tuple[int, ...] = ()
    notes: str = ""


def _check_visit(inspection: Inspection, details: VisitDetails):
    from areasend.inspections.meetings import VisitKind
    from areasend.inspections.queries import onsite_day_list

    timeline = _timeline_or_refuse(inspection, "day")
    days = onsite_day_list(timeline)
    if details.day is None:
        raise ValidationError({"day": "Choose the day of the visit"})
    if details.day not in days:
        raise ValidationError({"day": f"Choose one of the on-site days, {days[0]:%-d %B} to {days[-1]:%-d %B %Y}"})
    if not details.place.strip():
        raise ValidationError({"place": "Enter the place or setting"})
    if details.kind not in VisitKind.values:
        raise ValidationError({"kind": "Choose what kind of visit it is"})
    _check_times(details.start_time, details.end_time)
    members = list(TeamMember.objects.filter(inspection=inspection, pk__in=details.member_ids).select_related("user"))
    if len(members) != len(set(details.member_ids)):
        raise ValidationError({"members": "Choose people on the team"})
    if not members:
        raise ValidationError({"members": "Choose who on the team is going"})
    return members


def _visit_fields(visit, members) -> dict:
    return {"day": visit.day, "start_time": visit.start_time, "end_time": visit.end_time, "place": visit.place,
            "kind": visit.kind, "members": sorted(m.user.username for m in members)}


def _meeting_day(meeting, timeline):
    from areasend.inspections.queries import meeting_date

    return meeting_date(meeting, timeline)


def _meeting_fields(meeting, timeline) -> dict:
    return {"date": _meeting_day(meeting, timeline), "start_time": meeting.start_time, "end_time": meeting.end_time,
            "place": meeting.place, "video_link": meeting.video_link}


def _visit_text(visit) -> str:
    when = f"{visit.day:%Y-%m-%d}" + (f" {visit.start_time:%H:%M}" if visit.start_time else "")
    return f"visit ({visit.get_kind_display().lower()}) to {visit.place} on {when}"


@transaction.atomic
def add_visit(actor, inspection: Inspection, *, details: VisitDetails):
    from areasend.inspections.models import Visit

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.EDIT_TIMETABLE, "Only the inspection team can change the on-site timetable.")
    members = _check_visit(inspection, details)
    visit = Visit.objects.create(
        inspection=inspection, day=details.day, start_time=details.start_time, end_time=details.end_time,
        place=details.place.strip(), kind=details.kind, notes=details.notes.strip(),
    )
    visit.members.set(members)
    audit.record(actor, Verb.VISIT_ADDED, inspection=inspection, target=visit,
                 summary=f"Added the {_visit_text(visit)} to the on-site timetable", **_visit_fields(visit, members))
    return visit


@transaction.atomic
def update_visit(actor, inspection: Inspection, visit_id: int, *, details: VisitDetails):
    from areasend.inspections.models import Visit

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.EDIT_TIMETABLE, "Only the inspection team can change the on-site timetable.")
    visit = Visit.objects.select_for_update().filter(inspection=inspection, pk=visit_id).first()
    if visit is None:
        raise ValidationError({"__all__": "That visit is not on the timetable any more."})
    members = _check_visit(inspection, details)
    before = _visit_text(visit)
    old = _visit_fields(visit, list(visit.members.all()))
    visit.day, visit.start_time, visit.end_time = details.day, details.start_time, details.end_time
    visit.place, visit.kind, visit.notes = details.place.strip(), details.kind, details.notes.strip()
    visit.save()
    visit.members.set(members)
    audit.record(actor, Verb.VISIT_CHANGED, inspection=inspection, target=visit,
                 summary=f"Changed the {before}: now {_visit_text(visit)}",
                 changed=audit.changes(**{k: (old[k], v) for k, v in _visit_fields(visit, members).items()}))
    return visit


@transaction.atomic
def remove_visit(actor, inspection: Inspection, visit_id: int) -> None:
    from areasend.inspections.models import Visit

    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    access.require(actor, inspection, Capability.EDIT_TIMETABLE, "Only the inspection team can change the on-site timetable.")
    visit = Visit.objects.filter(inspection=inspection, pk=visit_id).first()
    if visit is None:
        raise ValidationError({"__all__": "That visit is not on the timetable any more."})
    text = _visit_text(visit)
    visit.delete()
    audit.record(actor, Verb.VISIT_REMOVED, inspection=inspection, summary=f"Removed the {text} from the on-site timetable")


def calendar_file(actor, inspection: Inspection, *, now: dt.datetime) -> str:
    """``actor``'s meetings and visits on this inspection as an iCalendar file; the download is recorded."""
    from django.conf import settings
    from django.http import Http404
    from django.urls import reverse

    from areasend.inspections import ics
    from areasend.inspections.queries import calendar_items

    if not access.can(actor, inspection, Capability.SEE_MEETINGS):
        raise Http404("No inspection here")
    timeline = timeline_for(inspection)
    meetings, visits = calendar_items(inspection, actor, timeline) if timeline else ([], [])
    notes = access.can(actor, inspection, Capability.SEE_INTERNAL_NOTES)
    host = settings.AREASEND_BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "areasend"
    link = settings.AREASEND_BASE_URL + reverse("inspections:meetings", args=[inspection.pk])
    events = []
    for row in meetings:
        m = row.meeting
        description = [f"{inspection} ({inspection.area.name})", "Attending: " + ", ".join(a.name for a in row.attendees)]
        if m.video_link:
            description.append(f"Video link: {m.video_link}")
        if notes and m.notes:
            description.append(f"Team notes: {m.notes}")
        events.append(ics.Event(
            uid=f"meeting-{m.pk}@{host}", day=row.date, start=m.start_time, end=m.end_time,
            summary=f"{row.spec.label}: {inspection.area.name}",
            location=m.place or m.video_link, description="\n".join(description), url=link,
        ))
    for visit in visits:
        description = [f"{inspection} ({inspection.area.name})", "Going: " + ", ".join(str(x.user) for x in visit.members.all())]
        if notes and visit.notes:
            description.append(f"Team notes: {visit.notes}")
        events.append(ics.Event(
            uid=f"visit-{visit.pk}@{host}", day=visit.day, start=visit.start_time, end=visit.end_time,
            summary=f"{visit.get_kind_display()}: {visit.place}", location=visit.place,
            description="\n".join(description),
            url=settings.AREASEND_BASE_URL + reverse("inspections:timetable", args=[inspection.pk]),
        ))
    audit.record_download(
        actor, f"their calendar file ({len(meetings)} meetings, {len(visits)} visits)", file_format="ics",
        inspection=inspection, meetings=len(meetings), visits=len(visits),
    )
    return ics.calendar(events, name=f"{inspection.area.name}: inspection meetings and visits", now=now)
