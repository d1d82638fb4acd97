"""Pages for one inspection. Thin: forms validate, services write, queries read, the core dates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from areasend import framework
from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.inspections import access, queries, services
from areasend.inspections.forms import (
    CreateInspectionForm,
    LanoForm,
    NotificationForm,
    TeamMemberForm,
)
from areasend.inspections.models import TeamMember


def _today():
    return timezone.localdate()


def _apply_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@gate.page(GET=C.LIST_INSPECTIONS)
def inspection_list(request):
    return render(
        request,
        "inspections/list.html",
        {
            "inspections": access.visible_to(request.user),
            "can_create": gate.can(request.user, C.START_INSPECTION),
            "can_see_workload": gate.can(request.user, C.SEE_WORKLOAD),
            "nav_section": "inspections",
        },
    )


def _planned_start(area_pk: str) -> dict | None:
    """The accepted plan's inspection of the area, with its team matched to accounts and to the form's
    fields, or None. Looked up on the server from the area alone, so the link from the plan stays short
    and the team on the form is the plan's; the service checks every place again when the form is sent."""
    planned = queries.planned_start(area_pk)
    if planned is None:
        return None
    field_of = {TeamMember.Role.LEAD.value: "lead_inspector",
                **{role.value: name for name, role in CreateInspectionForm.TEAM_FIELDS}}
    places = [(TeamMember.Role(role.value).label, name, user, field_of[role.value]) for role, name, user in planned.places]
    return {"area": planned.area, "kind": planned.kind, "week": planned.week, "places": places,
            "unmatched": [(label, name) for label, name, user, _ in places if user is None]}


@gate.page(GET=C.START_INSPECTION, POST=C.START_INSPECTION)
def create(request):
    # Started from a programme item: the area comes in the query string, and the kind and the team from
    # the accepted plan's item for that area. Without a plan item, the area and kind may still be given.
    initial = {key: request.GET[key] for key in ("area", "kind") if request.GET.get(key)}
    planned = _planned_start(request.GET.get("area", ""))
    if planned is not None:
        initial["kind"] = planned["kind"]
        initial.update({field: user.pk for _, _, user, field in planned["places"] if user is not None})
    form = CreateInspectionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.create_inspection(request.user, **form.service_data())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            size = inspection.team.count()
            team = f" with a team of {size}" if size > 1 else ""
            messages.success(request, f"Inspection of {inspection.area.name} started{team}. {inspection.lead_inspector} leads it.")
            return redirect("inspections:detail", pk=inspection.pk)
    return render(request, "inspections/create.html", {"form": form, "planned": planned, "nav_section": "inspections"})


@access.inspection_page(GET=C.SEE_TEAM_VIEW)
def detail(request, inspection):
    today = _today()
    timeline = queries.timeline_for(inspection)
    services.record_view(request.user, inspection, "the inspection")
    return render(
        request,
        "inspections/detail.html",
        {
            "inspection": inspection,
            "timeline": timeline,
            "position": queries.position_on(timeline, today) if timeline else None,
            "today": today,
            **access.flags(request.user, inspection, C.SET_NOTIFICATION, C.RECORD_OUTCOME, C.NAME_LANO,
                           C.SEE_ACTIVITY, C.MANAGE_TEAM, C.SEE_INFORMATION, C.SEE_EVIDENCE, C.SHARE_SURVEYS),
            "team": inspection.team.select_related("user"),
            "outcome": framework.Outcome(inspection.outcome) if inspection.outcome else None,
            "nav_section": "inspections",
        },
    )


@access.inspection_page(GET=C.SET_NOTIFICATION, POST=C.SET_NOTIFICATION)
def set_notification(request, inspection):
    initial = {"notification_date": inspection.notification_date} if inspection.notification_date else None
    form = NotificationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        call = form.call()
        try:
            services.set_notification_date(
                request.user, inspection, form.cleaned_data["notification_date"], today=_today(), call=call
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if call is not None:
                messages.success(
                    request,
                    "Notification date and call saved. The director of children's services and the integrated care board "
                    "have been sent what happens next. Next, name the local area nominated officer.",
                )
            else:
                messages.success(request, "Notification date saved. The timeline below comes from it.")
            return redirect("inspections:detail", pk=inspection.pk)
    if inspection.call_made_at:
        services.record_view(request.user, inspection, "the notification call details")
    return render(
        request, "inspections/notification.html", {"form": form, "inspection": inspection, "nav_section": "inspections"}
    )


@access.inspection_page(GET=C.RECORD_OUTCOME)
def record_outcome(request, inspection):
    """The outcome is decided from the evidence: the lead proposes it on the outcome decision page."""
    return redirect("evidence:decision", pk=inspection.pk)


@access.inspection_page(GET=C.SEE_TEAM, POST=C.MANAGE_TEAM)
def team(request, inspection):
    """The team, each member's other inspections on site in the same days, and adding people."""
    can_manage = access.can(request.user, inspection, C.MANAGE_TEAM)
    form = TeamMemberForm(request.POST if request.method == "POST" and "remove" not in request.POST else None)
    removing = request.POST.get("remove") if request.method == "POST" else request.GET.get("remove")
    if removing and can_manage and request.POST.get("confirm") != "yes":
        # Removing someone is confirmed on a page of its own, which works without JavaScript.
        member = inspection.team.select_related("user").filter(pk=int(removing) if removing.isdigit() else 0).first()
        if member is None or member.role == "lead":
            messages.info(request, "The lead inspector stays on the team." if member else "That person is not on the team any more.")
            return redirect("inspections:team", pk=inspection.pk)
        return render(request, "inspections/team_remove.html",
                      {"inspection": inspection, "member": member, "nav_section": "inspections"})
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                services.remove_team_member(request.user, inspection, int(request.POST["remove"]))
            except (ValueError, ValidationError):
                messages.info(request, "That person is not on the team any more.")
            else:
                messages.success(request, "Removed from the team.")
            return redirect("inspections:team", pk=inspection.pk)
        if form.is_valid():
            try:
                member, clashes = services.add_team_member(request.user, inspection, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                text = f"{member.user} added as {member.get_role_display()}."
                if clashes:
                    text += " Check their workload: they are on site elsewhere in the same days (" + "; ".join(
                        c.inspection.area.name for c in clashes
                    ) + ")."
                messages.success(request, text)
                return redirect("inspections:team", pk=inspection.pk)
    members = list(inspection.team.select_related("user"))
    services.record_view(request.user, inspection, "the team")
    return render(
        request,
        "inspections/team.html",
        {
            "inspection": inspection,
            "form": form if can_manage else None,
            "can_manage": can_manage,
            "rows": [(m, queries.clashes_for(m.user, inspection)) for m in members],
            "onsite": queries.onsite_days(inspection),
            "nav_section": "inspections",
        },
    )


@gate.page(GET=C.SEE_WORKLOAD)
def workload(request):
    # Planned work is the national programme: only those who plan it see it; a lead sees live work.
    with_plan = gate.can(request.user, C.PLAN_PROGRAMME)
    has_plan = with_plan and queries.has_accepted_plan()
    return render(request, "inspections/workload.html", {
        "rows": queries.workload(_today(), with_plan=with_plan), "with_plan": with_plan, "has_plan": has_plan,
        "nav_section": "inspections"})


@access.inspection_page(GET=C.NAME_LANO, POST=C.NAME_LANO)
def lano(request, inspection):
    """The lead inspector names the local area nominated officer on the area's behalf."""
    initial = {"name": inspection.lano.get_full_name(), "email": inspection.lano.email} if inspection.lano else None
    form = LanoForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user, message = services.name_lano(request.user, inspection, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            if message is not None:
                messages.success(request, f"{user} is the local area nominated officer. They have been sent a link to set a password and sign in.")
            else:
                messages.success(request, f"{user} is the local area nominated officer. They already have an account and can sign in.")
            return redirect("inspections:stands", pk=inspection.pk)
    services.record_view(request.user, inspection, "the nominated officer's details")
    return render(request, "inspections/lano.html", {"form": form, "inspection": inspection, "nav_section": "inspections"})


@access.inspection_page(GET=C.SEE_WHERE_IT_STANDS, POST=C.SEE_WHERE_IT_STANDS)
def stands(request, inspection):
    """Where the inspection stands today: both sides' steps, for the team and the local area.

    A step is marked done by its owner: the service checks which side the step belongs to."""
    today = _today()
    if request.method == "POST":
        try:
            task = services.mark_task_done(request.user, int(request.POST.get("task", "0")), inspection)
        except (ValueError, ValidationError):
            messages.info(request, "That step is not part of this inspection any more.")
            return redirect("inspections:stands", pk=inspection.pk)
        messages.success(request, f"Marked done: {task.label}.")
        return redirect("inspections:stands", pk=inspection.pk)
    timeline = queries.timeline_for(inspection)
    services.record_view(request.user, inspection, "where the inspection stands")
    sides = queries.task_rows(inspection, today)
    return render(
        request,
        "inspections/stands.html",
        {
            "inspection": inspection,
            "today": today,
            "position": queries.position_on(timeline, today) if timeline else None,
            "sides": sides,
            "can_mark": services.steps_markable(request.user, inspection, [row.task for side in sides.values() for row in side]),
            "is_team_view": access.can(request.user, inspection, C.SEE_TEAM_VIEW),
            **access.flags(request.user, inspection, C.NAME_LANO, C.SEE_INFORMATION, C.SHARE_SURVEYS,
                           C.SEE_FACTUAL_ACCURACY),
            "team": inspection.team.select_related("user"),
            "nav_section": "inspections",
        },
    )


@access.inspection_page(GET=C.SEE_ACTIVITY)
def activity(request, inspection):
    """Who saw or changed what on this inspection, surveys included, and when. For the lead inspector."""
    services.record_view(request.user, inspection, "the activity record")
    from areasend.accounts import queries as audit_queries
    from areasend.accounts.services import payload_text

    events = audit_queries.events_of_inspection(inspection, limit=500)
    rows = [(timezone.localtime(event.at), event, payload_text(event.payload)) for event in events]
    return render(request, "inspections/activity.html", {"inspection": inspection, "events": rows, "nav_section": "inspections"})


@gate.page(GET=C.PUBLIC, POST=C.PUBLIC)
def nominate(request, token: str):
    """The local area names its own nominated officer through the link sent after the notification call."""
    inspection = services.inspection_for_nomination(token)
    if inspection is None:
        return render(request, "inspections/nominate.html", {"inspection": None, "form": None})
    form = LanoForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.nominate_lano_by_link(token, **form.cleaned_data)
        except PermissionDenied:
            return render(request, "inspections/nominate.html", {"inspection": None, "form": None})
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return render(request, "inspections/nominate.html", {"inspection": inspection, "form": None, "proposed": proposal})
    return render(request, "inspections/nominate.html", {"inspection": inspection, "form": form})


@gate.object_page("inspection", GET=C.NAME_LANO, POST=C.NAME_LANO)
def lano_confirm(request, inspection, token: str):
    """The lead inspector confirms the nominated officer the local area proposed through the link."""
    proposal = services.lano_proposal(inspection, token)
    if request.method == "POST" and proposal is not None:
        try:
            user, _ = services.confirm_lano(request.user, inspection, token)
        except PermissionDenied:
            proposal = None
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{user} is the local area nominated officer. They have been sent a link to set a password and sign in.")
            return redirect("inspections:lano", pk=inspection.pk)
    return render(request, "inspections/lano_confirm.html", {"inspection": inspection, "proposal": proposal,
                                                             "nav_section": "inspections"})
