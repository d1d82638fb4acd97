"""Pages for one inspection. Thin: forms validate, services write, queries read, the core dates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from areasend import framework
from areasend.accounts import services as audit
from areasend.accounts.models import AuditEvent
from areasend.inspections import permissions, queries, services
from areasend.inspections.forms import CreateInspectionForm, NotificationForm, OutcomeForm


def _today():
    return timezone.localdate()


def _apply_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@login_required
def inspection_list(request):
    return render(
        request,
        "inspections/list.html",
        {
            "inspections": queries.visible_to(request.user),
            "can_create": permissions.can_create(request.user),
            "nav_section": "inspections",
        },
    )


@login_required
def create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied
    # Started from a programme item: the area and kind come pre-filled from the query string.
    initial = {key: request.GET[key] for key in ("area", "kind") if request.GET.get(key)}
    form = CreateInspectionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.create_inspection(request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Inspection of {inspection.area.name} started. {inspection.lead_inspector} leads it.")
            return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/create.html", {"form": form, "nav_section": "inspections"})


@login_required
def detail(request, pk: int):
    inspection = queries.get_visible(request.user, pk)
    today = _today()
    timeline = queries.timeline_for(inspection)
    audit.record(request.user, AuditEvent.Action.VIEW, inspection, "Viewed the inspection")
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "timeline": timeline,
            "position": queries.position_on(timeline, today) if timeline else None,
            "today": today,
            "is_lead": permissions.is_lead(request.user, inspection),
            "outcome": framework.Outcome(inspection.outcome) if inspection.outcome else None,
            "nav_section": "inspections",
        },
    )


def _lead_only(request, pk):
    inspection = queries.get_visible(request.user, pk)
    if not permissions.is_lead(request.user, inspection):
        raise PermissionDenied
    return inspection


@login_required
def set_notification(request, pk: int):
    inspection = _lead_only(request, pk)
    initial = {"notification_date": inspection.notification_date} if inspection.notification_date else None
    form = NotificationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_notification_date(
                request.user, inspection, form.cleaned_data["notification_date"], today=_today()
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Notification date saved. The timeline below comes from it.")
            return redirect("inspections:detail", pk=inspection.pk)
    return render(
        request, "inspections/notification.html", {"form": form, "inspection": inspection, "nav_section": "inspections"}
    )


@login_required
def record_outcome(request, pk: int):
    inspection = _lead_only(request, pk)
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.record_outcome(
                request.user,
                inspection,
                outcome=form.cleaned_data["outcome"],
                summary=form.cleaned_data["summary"],
                today=_today(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                f"Outcome recorded. The report will be published on {inspection.publication_date:%-d %B %Y}.",
            )
            return redirect("inspections:detail", pk=inspection.pk)
    return render(
        request,
        "inspections/outcome.html",
        {"form": form, "inspection": inspection, "official_names": {o.value: o.official_name for o in framework.Outcome}, "nav_section": "inspections"},
    )
