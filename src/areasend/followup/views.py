"""After the inspection: one area's items, its plans, support and engagement meetings, and the national list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.areas import queries as areas
from areasend.followup import access, queries, services
from areasend.followup.forms import (
    EscalationForm,
    PlanUploadForm,
    PublishForm,
    RecordMeetingForm,
    ReviewForm,
    RevisitForm,
    ScheduleMeetingForm,
    SupportForm,
)
from areasend.followup.models import PlanKind
from areasend.inspections import queries as inspection_queries
from areasend.intake.services import CONTENT_TYPES

_KINDS = {"strategic-plan": PlanKind.STRATEGIC_PLAN, "priority-action-plan": PlanKind.PRIORITY_ACTION_PLAN,
          "written-statement": PlanKind.WRITTEN_STATEMENT}
SLUGS = {kind: slug for slug, kind in _KINDS.items()}


def _kind(slug: str) -> PlanKind:
    if slug not in _KINDS:
        raise Http404("No such plan")
    return _KINDS[slug]


def _apply_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, found in error.message_dict.items():
        for message in found:
            form.add_error(field if field in form.fields else None, message)


def _context(request, area, **extra):
    return {"nav_section": "programme", "area": area, "slugs": SLUGS,
            **access.flags(request.user, area, C.SUBMIT_FOLLOW_UP_PLAN, C.REVIEW_FOLLOW_UP_PLAN,
                           C.RECORD_SUPPORT_ACTIVITY, C.RECORD_ENGAGEMENT_MEETING, C.RECORD_REVISIT_PROGRESS,
                           C.RECORD_MINISTER_ESCALATION),
            "can_see_overdue": gate.can(request.user, C.SEE_OVERDUE_AFTER_INSPECTION), **extra}


@access.area_page(GET=C.SEE_AFTER_INSPECTION)
def area_page(request, area):
    today = areas.today_in_england()
    found = queries.after_inspection(area, today)
    labels = {m.key: m.label for m in (services.meetings_due(area, today) if found.items else [])}
    return render(request, "followup/area.html", _context(
        request, area, found=found, latest=found.latest, items=found.items, today=today, meeting_labels=labels,
        monitoring=_monitoring(request.user, area, found.items, today),
        kinds=[k for k in PlanKind if k is PlanKind.STRATEGIC_PLAN
               or (k is PlanKind.PRIORITY_ACTION_PLAN and found.latest is not None and found.latest.record.outcome == 3)],
        statement=found.statement, statement_versions=found.plans.get(PlanKind.WRITTEN_STATEMENT.value, []),
        findings=queries.revisit_findings(found.statement) if found.statement else [],
    ))


def _monitoring(user, area, items, today) -> dict | None:
    """The monitoring inspection the cycle owes, for the planner: started from here, or the one under way."""
    if not any(item.due_key == "monitoring_inspection_due" and item.status != "done" for item in items):
        return None
    if not gate.can(user, C.START_INSPECTION):
        return None
    latest = inspection_queries.latest_in_area(area)
    if latest is not None and latest.kind == "monitoring" and latest.is_open_on(today):
        return {"under_way": latest}
    return {"under_way": None}


@access.area_page(GET=C.SUBMIT_FOLLOW_UP_PLAN, POST=C.SUBMIT_FOLLOW_UP_PLAN)
def plan_upload(request, area, kind: str):
    plan_kind = _kind(kind)
    today = areas.today_in_england()
    form = PlanUploadForm(request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.submit_plan(request.user, area, kind=plan_kind.value, uploaded_file=form.cleaned_data["file"],
                                        today=today)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{plan_kind.label}: version {plan.version} submitted to the national team.")
            return redirect("followup:area", ons_code=area.ons_code)
    return render(request, "followup/plan_upload.html", _context(request, area, form=form, plan_kind=plan_kind))


@access.area_page(GET=C.REVIEW_FOLLOW_UP_PLAN, POST=C.REVIEW_FOLLOW_UP_PLAN)
def plan_review(request, area, kind: str):
    plan_kind = _kind(kind)
    today = areas.today_in_england()
    plan = services.latest_plan(area, plan_kind, today)
    allowed, missing = services.DECISIONS[plan_kind]
    form = ReviewForm(request.POST if request.method == "POST" else None, choices=[(d.value, d.label) for d in allowed],
                      missing=missing)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.review_plan(request.user, area, kind=plan_kind.value, decision=form.cleaned_data["decision"],
                                        decided_on=form.cleaned_data["decided_on"], reason=form.cleaned_data["reason"],
                                        today=today)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{plan_kind.label} version {plan.version}: {plan.get_decision_display().lower()}.")
            return redirect("followup:area", ons_code=area.ons_code)
    return render(request, "followup/plan_review.html", _context(request, area, form=form, plan_kind=plan_kind, plan=plan))


@access.area_page(GET=C.REVIEW_FOLLOW_UP_PLAN, POST=C.REVIEW_FOLLOW_UP_PLAN)
def plan_publish(request, area, kind: str):
    plan_kind = _kind(kind)
    today = areas.today_in_england()
    plan = services.latest_plan(area, plan_kind, today)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.publish_plan(request.user, area, kind=plan_kind.value,
                                         published_on=form.cleaned_data["published_on"], today=today)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{plan_kind.label} version {plan.version} published: the area's public page links to it.")
            return redirect("followup:area", ons_code=area.ons_code)
    return render(request, "followup/plan_publish.html", _context(request, area, form=form, plan_kind=plan_kind, plan=plan))


def _file_response(plan, handle, *, public: bool):
    response = FileResponse(handle, as_attachment=not public,
                            filename=f"{plan.kind.replace('_', '-')}-v{plan.version}.{plan.file_kind}",
                            content_type=CONTENT_TYPES[plan.file_kind])
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


@access.area_page(GET=C.SEE_AFTER_INSPECTION)
def plan_file(request, area, plan_id: int):
    plan, handle = services.open_plan(request.user, area, plan_id, public=False)
    return _file_response(plan, handle, public=False)


@gate.page(GET=C.PUBLIC)
def published_plan(request, ons_code: str, plan_id: int):
    area = areas.get_area(ons_code)
    plan, handle = services.open_plan(request.user, area, plan_id, public=True)
    return _file_response(plan, handle, public=True)


@access.area_page(GET=C.RECORD_SUPPORT_ACTIVITY, POST=C.RECORD_SUPPORT_ACTIVITY)
def support(request, area):
    today = areas.today_in_england()
    form = SupportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.record_support(request.user, area, kind=form.cleaned_data["kind"],
                                               on=form.cleaned_data["on"], note=form.cleaned_data["note"], today=today)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"{activity.get_kind_display()} recorded.")
            return redirect("followup:area", ons_code=area.ons_code)
    return render(request, "followup/support.html", _context(request, area, form=form))


@access.area_page(GET=C.RECORD_ENGAGEMENT_MEETING, POST=C.RECORD_ENGAGEMENT_MEETING)
def meetings(request, area):
    today = areas.today_in_england()
    try:
        due = services.meetings_due(area, today)
    except ValidationError:
        due = []
    choices = [("", "Choose a meeting")] + [(m.key, f"{m.label}, due {m.date.day} {m.date:%B %Y}") for m in due]
    action = request.POST.get("action", "") if request.method == "POST" else ""
    schedule = ScheduleMeetingForm(request.POST if action == "schedule" else None, meetings=choices, prefix="schedule")
    record = RecordMeetingForm(request.POST if action == "record" else None, meetings=choices, prefix="record")
    if request.method == "POST" and action in ("schedule", "record"):
        form = schedule if action == "schedule" else record
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "schedule":
                    services.schedule_meeting(request.user, area, due_key=data["meeting"],
                                              scheduled_for=data["scheduled_for"], today=today)
                else:
                    services.record_meeting(request.user, area, due_key=data["meeting"], held_on=data["held_on"],
                                            notes=data["notes"], today=today)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, "Engagement meeting scheduled." if action == "schedule"
                                 else "Notes of the engagement meeting recorded.")
                return redirect("followup:area", ons_code=area.ons_code)
    form = record if action == "record" else schedule
    return render(request, "followup/meetings.html", _context(request, area, form=form, schedule=schedule,
                                                                record=record, due=due))


def _refusal(check, area, today) -> str:
    """Why ``check`` says the page's step cannot be recorded yet ("" when it can): shown instead of the form."""
    try:
        check(area, today)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return ""


@access.area_page(GET=C.RECORD_REVISIT_PROGRESS, POST=C.RECORD_REVISIT_PROGRESS)
def revisit(request, area):
    """The revisit of a 2016 written statement of action: progress on each significant weakness."""
    today = areas.today_in_england()
    case = queries.statement_case(area, today)
    refused = _refusal(services.check_revisit_open, area, today)
    form = RevisitForm(request.POST if request.method == "POST" and not refused else None,
                       weaknesses=(case.weaknesses or 0) if case else 0)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            services.record_revisit(request.user, area, on=form.cleaned_data["on"], findings=form.findings(),
                                    notes=form.notes(), today=today)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Revisit findings recorded.")
            return redirect("followup:area", ons_code=area.ons_code)
    return render(request, "followup/revisit.html", _context(request, area, form=form, case=case, refused=refused))


@access.area_page(GET=C.RECORD_MINISTER_ESCALATION, POST=C.RECORD_MINISTER_ESCALATION)
def escalation(request, area):
    """The escalation to the Minister after insufficient progress."""
    today = areas.today_in_england()
    case = queries.statement_case(area, today)
    refused = _refusal(services.check_escalation_open, area, today)
    form = EscalationForm(request.POST if request.method == "POST" and not refused else None)
    if request.method == "POST" and not refused and form.is_valid():
        try:
            services.record_escalation(request.user, area, on=form.cleaned_data["on"], note=form.cleaned_data["note"],
                                       today=today)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Escalation to the Minister recorded.")
            return redirect("followup:area", ons_code=area.ons_code)
    return render(request, "followup/escalation.html", _context(request, area, form=form, case=case, refused=refused))


@gate.page(GET=C.SEE_OVERDUE_AFTER_INSPECTION)
def overdue(request):
    today = areas.today_in_england()
    return render(request, "followup/overdue.html",
                  {"nav_section": "programme", "items": queries.overdue_after_inspection(today), "today": today})
