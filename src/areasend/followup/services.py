"""Every write after an inspection: plans submitted, reviewed and published; support and challenge
recorded; engagement meetings scheduled and held; a 2016 written statement of action submitted and
judged fit or not fit for purpose, its revisit's findings and the escalation to the Minister. Each checks access, runs in a transaction and
writes its audit event; bad input raises ``ValidationError`` and saves nothing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from areasend.access.capabilities import Capability
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.areas import queries as areas
from areasend.areas import services as area_services
from areasend.followup import access
from areasend.followup.models import (
    EngagementMeeting,
    MinisterEscalation,
    PlanKind,
    PlanVersion,
    Revisit,
    SupportActivity,
    WeaknessFinding,
)
from areasend.intake import services as intake


def _cycle_record(area, today: dt.date):
    """The full inspection whose cycle the area is in; refused when there is none to follow up."""
    latest, _ = areas.latest_full_entry(area, today)
    if latest is None or latest.record.published is None or latest.record.outcome is None:
        raise ValidationError(f"{area.name} has no published full inspection to follow up yet.")
    return latest.record


def _statement_case(area, today: dt.date):
    """The area's 2016 inspection that required a written statement of action, while nothing later
    supersedes it; refused otherwise."""
    from areasend.followup import queries

    case = queries.statement_case(area, today)
    if case is None:
        raise ValidationError(f"{area.name} had no inspection under the 2016 framework that required a written "
                              "statement of action.")
    if not case.current:
        raise ValidationError(f"{area.name} has had a full inspection since the one that required a written statement "
                              "of action, so the statement is history now.")
    if case.inspection.published is None:
        raise ValidationError(f"The publication date of {area.name}'s 2016 report is not on record, so the statement's "
                              "dates cannot be counted.")
    return case


def _record_for(area, kind: PlanKind, today: dt.date):
    if kind is PlanKind.WRITTEN_STATEMENT:
        return _statement_case(area, today).inspection
    return _cycle_record(area, today)


def _kind(kind: str) -> PlanKind:
    if kind not in PlanKind.values:
        raise ValidationError({"kind": "Choose which plan this is."})
    return PlanKind(kind)


def submit_plan(actor, area, *, kind: str, uploaded_file, today: dt.date) -> PlanVersion:
    """Keep a new version of the area's strategic plan update or priority action plan."""
    access.require(actor, area, Capability.SUBMIT_FOLLOW_UP_PLAN)
    plan_kind = _kind(kind)
    if plan_kind is PlanKind.WRITTEN_STATEMENT:
        case = _statement_case(area, today)
        record = case.inspection
        if case.fit_on is not None:
            raise ValidationError({"file": f"The written statement was found fit for purpose on {_day(case.fit_on)}: "
                                           "there is nothing more to submit."})
        waiting = case.waiting_for_decision
        if waiting is not None:
            raise ValidationError({"file": f"Version {waiting.version} is waiting for the decision on whether it is fit "
                                           "for purpose. You can send a revised version once it is decided."})
    else:
        record = _cycle_record(area, today)
    if plan_kind is PlanKind.PRIORITY_ACTION_PLAN and record.outcome != 3:
        raise ValidationError({"file": "Only an area whose outcome was widespread or systemic failings writes a "
                                       "priority action plan."})
    try:
        document = intake.store_document(uploaded_file, folder=f"area-{area.ons_code}/{plan_kind.value}")
    except intake.DocumentRefused as exc:
        audit.record(actor, Verb.FOLLOW_UP_PLAN_REFUSED, target=area, summary=f"{plan_kind.label} upload refused for "
                     f"{area.name}", kind=plan_kind.value, reason=str(exc))
        raise ValidationError({"file": str(exc)}) from None
    try:
        with transaction.atomic():
            type(area).objects.select_for_update().get(pk=area.pk)
            latest = PlanVersion.objects.filter(record=record, kind=plan_kind).order_by("-version").first()
            plan = PlanVersion.objects.create(
                area=area, record=record, kind=plan_kind, version=(latest.version + 1) if latest else 1,
                stored_name=document.stored_name, original_name=document.original_name, file_kind=document.kind,
                size=document.size, sha256=document.sha256, submitted_by=actor, submitted_on=today,
            )
            audit.record(actor, Verb.FOLLOW_UP_PLAN_SUBMITTED, target=plan,
                         summary=f"{plan_kind.label} version {plan.version} submitted for {area.name}",
                         area=area.ons_code, kind=plan_kind.value, version=plan.version, size=plan.size,
                         sha256=plan.sha256, file=plan.original_name)
    except BaseException:
        intake.discard_document(document.stored_name)
        raise
    return plan


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def latest_plan(area, kind: str, today: dt.date) -> PlanVersion | None:
    if kind == PlanKind.WRITTEN_STATEMENT:
        from areasend.followup import queries

        case = queries.statement_case(area, today)
        record = case.inspection if case is not None else None
    else:
        latest, _ = areas.latest_full_entry(area, today)
        record = latest.record if latest is not None else None
    if record is None:
        return None
    return PlanVersion.objects.filter(record=record, kind=kind).order_by("-version").first()


#: The decisions open on each kind of plan, and what to say when none is chosen.
DECISIONS = {
    PlanKind.STRATEGIC_PLAN: ((PlanVersion.Decision.ACCEPTED, PlanVersion.Decision.FURTHER_WORK),
                              "Choose whether the plan is accepted or needs further work."),
    PlanKind.PRIORITY_ACTION_PLAN: ((PlanVersion.Decision.ACCEPTED, PlanVersion.Decision.FURTHER_WORK),
                                    "Choose whether the plan is accepted or needs further work."),
    PlanKind.WRITTEN_STATEMENT: ((PlanVersion.Decision.FIT, PlanVersion.Decision.NOT_FIT),
                                 "Choose whether the written statement is fit for purpose or not."),
}


def review_plan(actor, area, *, kind: str, decision: str, decided_on: dt.date | None, reason: str,
                today: dt.date) -> PlanVersion:
    """The national team's decision on the latest version: accepted, or further work needed, with a reason."""
    access.require(actor, area, Capability.REVIEW_FOLLOW_UP_PLAN)
    plan_kind = _kind(kind)
    errors = {}
    allowed, missing = DECISIONS[plan_kind]
    if decision not in allowed:
        errors["decision"] = missing
    if decided_on is None:
        errors["decided_on"] = "Enter the date of the decision."
    elif decided_on > today:
        errors["decided_on"] = "The date of the decision must be today or in the past."
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Enter the reason for the decision."
    with transaction.atomic():
        plan = latest_plan(area, plan_kind, today)
        if plan is None:
            raise ValidationError({"decision": f"There is no {plan_kind.label.lower()} to review yet."})
        plan = PlanVersion.objects.select_for_update().get(pk=plan.pk)
        if plan.published_on:
            errors["decision"] = "This version is already published: the area must submit a new version first."
        if plan_kind is PlanKind.WRITTEN_STATEMENT and plan.decision:
            errors["decision"] = (f"Version {plan.version} was found {plan.get_decision_display().lower()} on "
                                  f"{_day(plan.decided_on)}, and that decision stands: the area sends a revised "
                                  "version if it was not fit.")
        if not errors and decided_on < plan.submitted_on:
            errors["decided_on"] = "The date of the decision must be on or after the date the plan was submitted."
        if errors:
            raise ValidationError(errors)
        before = (plan.decision, plan.decided_on, plan.reason)
        plan.decision, plan.decided_on, plan.reason, plan.decided_by = decision, decided_on, reason, actor
        plan.save(update_fields=["decision", "decided_on", "reason", "decided_by"])
        audit.record(actor, Verb.FOLLOW_UP_PLAN_REVIEWED, target=plan,
                     summary=f"{plan_kind.label} version {plan.version} for {area.name}: {plan.get_decision_display().lower()}",
                     changed=audit.changes(decision=(before[0], decision), decided_on=(before[1], decided_on),
                                           reason=(before[2], reason)),
                     area=area.ons_code, kind=plan_kind.value, version=plan.version)
    return plan


def publish_plan(actor, area, *, kind: str, published_on: dt.date | None, today: dt.date) -> PlanVersion:
    """Publish the latest version once accepted: the public area page then links to it."""
    access.require(actor, area, Capability.REVIEW_FOLLOW_UP_PLAN)
    plan_kind = _kind(kind)
    if plan_kind is PlanKind.WRITTEN_STATEMENT:
        raise ValidationError({"published_on": "The local area publishes its written statement on its own website: "
                                               "there is nothing to publish here."})
    if published_on is None:
        raise ValidationError({"published_on": "Enter the date the plan was published."})
    if published_on > today:
        raise ValidationError({"published_on": "The date the plan was published must be today or in the past."})
    with transaction.atomic():
        plan = latest_plan(area, plan_kind, today)
        if plan is None or plan.decision != PlanVersion.Decision.ACCEPTED:
            raise ValidationError({"published_on": "Only an accepted plan can be published: record the decision first."})
        plan = PlanVersion.objects.select_for_update().get(pk=plan.pk)
        if plan.published_on:
            raise ValidationError({"published_on": "This version is already published."})
        if published_on < plan.decided_on:
            raise ValidationError({"published_on": "The date the plan was published must be on or after the date it "
                                                   "was accepted."})
        plan.published_on = published_on
        plan.save(update_fields=["published_on"])
        link = reverse("followup:published-plan", args=[area.ons_code, plan.pk])
        area_services.record_published_plan(area=area, kind=plan_kind.value, version=plan.version,
                                            published_on=published_on, link=link, source_id=plan.pk)
        audit.record(actor, Verb.FOLLOW_UP_PLAN_PUBLISHED, target=plan,
                     summary=f"{plan_kind.label} version {plan.version} for {area.name} published",
                     changed=audit.changes(published_on=(None, published_on)),
                     area=area.ons_code, kind=plan_kind.value, version=plan.version)
    return plan


def record_support(actor, area, *, kind: str, on: dt.date | None, note: str, today: dt.date) -> SupportActivity:
    """One DfE and NHS England support and challenge activity, with its date and a note."""
    access.require(actor, area, Capability.RECORD_SUPPORT_ACTIVITY)
    errors = {}
    if kind not in SupportActivity.Kind.values:
        errors["kind"] = "Choose the kind of support and challenge."
    if on is None:
        errors["on"] = "Enter the date of the activity."
    elif on > today:
        errors["on"] = "The date of the activity must be today or in the past."
    if errors:
        raise ValidationError(errors)
    record = _cycle_record(area, today)
    with transaction.atomic():
        activity = SupportActivity.objects.create(area=area, record=record, kind=kind, on=on,
                                                  note=(note or "").strip(), recorded_by=actor)
        audit.record(actor, Verb.SUPPORT_ACTIVITY_RECORDED, target=activity,
                     summary=f"{activity.get_kind_display()} recorded for {area.name}",
                     area=area.ons_code, kind=kind, on=on, note=activity.note)
    return activity


def meetings_due(area, today: dt.date) -> list:
    """The engagement meetings the core gives for the area's cycle (every one, not only the next)."""
    from areasend import framework as fw

    record = _cycle_record(area, today)
    cycle = fw.cycle_after(areas.pap_deadlines_version(record.framework), record.outcome, published=record.published)
    return list(cycle.engagement_meetings)


def _meeting_due(area, due_key: str, today: dt.date):
    due = next((m for m in meetings_due(area, today) if m.key == due_key), None)
    if due is None:
        raise ValidationError({"meeting": "Choose one of the engagement meetings due."})
    return due


def schedule_meeting(actor, area, *, due_key: str, scheduled_for: dt.date | None, today: dt.date) -> EngagementMeeting:
    access.require(actor, area, Capability.RECORD_ENGAGEMENT_MEETING)
    if scheduled_for is None:
        raise ValidationError({"scheduled_for": "Enter the date of the meeting."})
    due = _meeting_due(area, due_key, today)
    record = _cycle_record(area, today)
    with transaction.atomic():
        meeting = EngagementMeeting.objects.select_for_update().filter(record=record, due_key=due.key).first()
        before = meeting.scheduled_for if meeting else None
        if meeting is None:
            meeting = EngagementMeeting.objects.create(area=area, record=record, due_key=due.key,
                                                       scheduled_for=scheduled_for, scheduled_by=actor)
        elif meeting.held_on:
            raise ValidationError({"meeting": "This meeting has been held and its notes recorded."})
        else:
            meeting.scheduled_for = scheduled_for
            meeting.save(update_fields=["scheduled_for"])
        audit.record(actor, Verb.ENGAGEMENT_MEETING_SCHEDULED, target=meeting,
                     summary=f"{due.label} with {area.name} scheduled", area=area.ons_code, meeting=due.key,
                     changed=audit.changes(scheduled_for=(before, scheduled_for)))
    return meeting


def record_meeting(actor, area, *, due_key: str, held_on: dt.date | None, notes: str, today: dt.date) -> EngagementMeeting:
    """Notes of a meeting held: it then counts as done for its due item."""
    access.require(actor, area, Capability.RECORD_ENGAGEMENT_MEETING)
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date the meeting was held."
    elif held_on > today:
        errors["held_on"] = "The date the meeting was held must be today or in the past."
    notes = (notes or "").strip()
    if not notes:
        errors["notes"] = "Enter the notes of the meeting."
    if errors:
        raise ValidationError(errors)
    due = _meeting_due(area, due_key, today)
    record = _cycle_record(area, today)
    with transaction.atomic():
        meeting = EngagementMeeting.objects.select_for_update().filter(record=record, due_key=due.key).first()
        if meeting is None:
            meeting = EngagementMeeting(area=area, record=record, due_key=due.key, scheduled_for=held_on,
                                        scheduled_by=actor)
        before = (meeting.held_on, meeting.notes)
        meeting.held_on, meeting.notes, meeting.recorded_by = held_on, notes, actor
        meeting.save()
        area_services.record_held_meeting(area=area, record=record, due_key=due.key, label=due.label,
                                          held_on=held_on, source_id=meeting.pk)
        audit.record(actor, Verb.ENGAGEMENT_MEETING_RECORDED, target=meeting,
                     summary=f"Notes of {due.label.lower()} with {area.name} recorded", area=area.ons_code,
                     meeting=due.key, changed=audit.changes(held_on=(before[0], held_on), notes=(before[1], notes)))
    return meeting


def check_revisit_open(area, today: dt.date):
    """The statement's case when a revisit can be recorded for it; refused with what to do otherwise."""
    case = _statement_case(area, today)
    if case.revisited:
        raise ValidationError(f"A revisit of {area.name}'s written statement is already on record.")
    if case.tracked and case.fit_on is None:
        raise ValidationError("A revisit follows a written statement found fit for purpose: record that decision "
                              "first.")
    if not case.weaknesses:
        raise ValidationError(f"The number of significant weaknesses in {area.name}'s 2016 report is not on record, "
                              "so progress on each cannot be recorded.")
    return case


def check_escalation_open(area, today: dt.date):
    """The statement's case when an escalation to the Minister can be recorded; refused otherwise."""
    case = _statement_case(area, today)
    if not case.may_escalate:
        raise ValidationError("An escalation to the Minister follows insufficient progress at the revisit, or a revised "
                              "statement found not fit for purpose again. Neither is on record for "
                              f"{area.name}.")
    return case


def record_revisit(actor, area, *, on: dt.date | None, findings: dict[int, str], notes: dict[int, str] | None = None,
                   today: dt.date) -> Revisit:
    """The revisit of a 2016 written statement: the date of its report and, for each significant
    weakness, ``"sufficient"`` or ``"insufficient"`` progress."""
    from areasend import framework as fw

    access.require(actor, area, Capability.RECORD_REVISIT_PROGRESS)
    case = check_revisit_open(area, today)
    count = case.weaknesses
    errors = {}
    if on is None:
        errors["on"] = "Enter the date of the revisit's report."
    elif on > today:
        errors["on"] = "The date of the revisit's report must be today or in the past."
    elif case.fit_on is not None and on < case.fit_on:
        errors["on"] = (f"The date of the revisit's report must be on or after {_day(case.fit_on)}, when the written "
                        "statement was found fit for purpose.")
    elif on < case.inspection.published:
        errors["on"] = "The date of the revisit's report must be after the 2016 report was published."
    for number in range(1, count + 1):
        if findings.get(number) not in ("sufficient", "insufficient"):
            errors[f"weakness_{number}"] = f"Choose whether progress on significant weakness {number} was sufficient."
    if errors:
        raise ValidationError(errors)
    notes = notes or {}
    with transaction.atomic():
        type(area).objects.select_for_update().get(pk=area.pk)
        if Revisit.objects.filter(record=case.inspection).exists():
            raise ValidationError(f"A revisit of {area.name}'s written statement is already on record.")
        revisit = Revisit.objects.create(area=area, record=case.inspection, on=on, recorded_by=actor)
        WeaknessFinding.objects.bulk_create(
            WeaknessFinding(revisit=revisit, number=n, sufficient=findings[n] == "sufficient",
                            note=(notes.get(n) or "").strip())
            for n in range(1, count + 1)
        )
        sufficient = sum(1 for n in range(1, count + 1) if findings[n] == "sufficient")
        # The revisit's report is public: it goes into the area's history, as a revisit from the register does.
        progress = fw.revisit_progress([fw.WeaknessProgress(n, findings[n] == "sufficient") for n in range(1, count + 1)])
        area_services.record_revisit(follows=case.inspection, published=on, progress=progress, sufficient=sufficient,
                                     insufficient=count - sufficient, actor=actor)
        audit.record(actor, Verb.REVISIT_PROGRESS_RECORDED, target=revisit,
                     summary=f"Revisit of {area.name}'s written statement: sufficient progress on {sufficient} of "
                             f"{count} significant weaknesses",
                     area=area.ons_code, on=on, sufficient=sufficient, insufficient=count - sufficient,
                     findings={str(n): findings[n] for n in range(1, count + 1)})
    return revisit


def record_escalation(actor, area, *, on: dt.date | None, note: str, today: dt.date) -> MinisterEscalation:
    """The escalation to the Minister, with its date and a note, after insufficient progress at the
    revisit (or a revised statement found not fit for purpose again)."""
    access.require(actor, area, Capability.RECORD_MINISTER_ESCALATION)
    case = check_escalation_open(area, today)
    errors = {}
    if on is None:
        errors["on"] = "Enter the date of the escalation."
    elif on > today:
        errors["on"] = "The date of the escalation must be today or in the past."
    elif on < case.inspection.published:
        errors["on"] = "The date of the escalation must be after the 2016 report was published."
    note = (note or "").strip()
    if not note:
        errors["note"] = "Enter a note of what went to the Minister and why."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        escalation = MinisterEscalation.objects.create(area=area, record=case.inspection, on=on, note=note,
                                                       recorded_by=actor)
        audit.record(actor, Verb.MINISTER_ESCALATION_RECORDED, target=escalation,
                     summary=f"Escalation to the Minister recorded for {area.name}", area=area.ons_code, on=on,
                     note=note)
    return escalation


def open_plan(actor, area, plan_id: int, *, public: bool):
    """A plan's stored file: any version for those who may see the area's follow-up, published ones for anyone.
    The download is recorded."""
    from django.http import Http404

    plan = PlanVersion.objects.filter(area=area, pk=plan_id).first()
    if plan is None or (public and not plan.published_on):
        raise Http404("No plan here")
    if not public:
        access.require(actor, area, Capability.SEE_AFTER_INSPECTION)
    audit.record_download(actor, f"{plan.get_kind_display()} version {plan.version} for {area.name}",
                          file_format=plan.file_kind, target=plan, area=area.ons_code, published=public)
    return plan, intake.open_document(plan.stored_name)
