"""Programme pages for the national planning team. Thin: forms validate, services write, queries read."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.programme import queries, services
from areasend.programme.access import pause_page, plan_page
from areasend.programme.diff import TERM_LABELS
from areasend.programme.forms import NationalPauseForm, NewPlanForm, WhatIfForm
from areasend.programme.models import PlanRun

#: Seconds between refreshes of the page while a plan is solving.
REFRESH_SECONDS = 3


def _today() -> dt.date:
    return timezone.localdate()


def _apply_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _result_context(run: PlanRun) -> dict:
    result = run.result
    pks = queries.area_pks(item["area_code"] for item in result["items"] + result["unscheduled"])
    return {"result": result, "chart": queries.chart(result), "area_pks": pks, "term_labels": TERM_LABELS,
            "team_remit": queries.remit_label,
            "day": queries.display_date, "under_way_now": queries.under_way_now(_today()),
            "under_way_then": result.get("under_way", [])}


@gate.page(GET=C.PLAN_PROGRAMME)
def index(request):
    current = queries.current_programme()
    context = {"current": current, "runs": queries.recent_runs(), "nav_section": "programme"}
    if current is not None:
        context.update(_result_context(current))
    return render(request, "programme/index.html", context)


@gate.page(GET=C.PLAN_PROGRAMME, POST=C.PLAN_PROGRAMME)
def new_plan(request):
    today = _today()
    data_ends = queries.latest_data_date()
    initial = {"as_of": data_ends if data_ends and data_ends < today else today,
               "until": today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29)
               else today + dt.timedelta(days=365),
               "full_per_week": 2, "monitoring_per_week": 1, "region_cap": 2}
    form = NewPlanForm(request.POST if request.method == "POST" else None,
                       request.FILES if request.method == "POST" else None, initial=initial)
    if data_ends and data_ends < today:
        form.fields["as_of"].help_text = (
            f"The register's inspection history ends on {queries.display_date(data_ends.isoformat())}, so a plan from then shows "
            "the programme as the data knows it; a plan from today treats everything since as not done. "
            "Leave it blank to plan from today. For example, 12 2 2025.")
    if request.method == "POST" and form.is_valid():
        try:
            run = services.start_plan(request.user, today=today, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect("programme:run", pk=run.pk)
    return render(request, "programme/new.html", {"form": form, "nav_section": "programme"})


@plan_page(GET=C.PLAN_PROGRAMME)
def run_detail(request, run):
    stopped = request.GET.get("refresh") == "off"
    context = {"run": run, "nav_section": "programme", "refresh_seconds": REFRESH_SECONDS, "stopped": stopped}
    if run.status == PlanRun.Status.DONE:
        if request.GET.get("accept") and not run.is_current:
            # Accepting is confirmed on a page of its own, which works without JavaScript.
            current = PlanRun.objects.filter(is_current=True).first()
            return render(request, "programme/accept.html", {**context, "current": current})
        other, diff = queries.comparison_for(run)
        context.update(_result_context(run), other=other, diff=diff)
    response = render(request, "programme/run.html", context)
    if not run.is_finished and not stopped:
        # The HTTP form of <meta http-equiv="refresh">: the page reloads until the plan is ready, with no
        # JavaScript. The page offers a link that turns it off (WCAG 2.2.1), which axe cannot see in a meta tag.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@plan_page(GET=C.PLAN_PROGRAMME, POST=C.PLAN_PROGRAMME)
def what_if(request, run):
    base = run
    if base.status != PlanRun.Status.DONE:
        raise Http404
    today = _today()
    initial = {"full_per_week": base.parameters["full_per_week"],
               "monitoring_per_week": base.parameters["monitoring_per_week"]}
    form = WhatIfForm(request.POST if request.method == "POST" else None, initial=initial,
                      areas=queries.area_choices(today))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.start_what_if(
                request.user, base, today=today,
                full_per_week=data["full_per_week"], monitoring_per_week=data["monitoring_per_week"],
                blackout_week=data["blackout_week"], pin_area=data["pin_area"] or None,
                pin_week=data["pin_week"], exclude_area=data["exclude_area"] or None,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            return redirect("programme:run", pk=run.pk)
    return render(request, "programme/what_if.html", {"form": form, "base": base, "nav_section": "programme"})


@plan_page(POST=C.PLAN_PROGRAMME)
def accept(request, run):
    if request.POST.get("confirm") != "yes":
        return redirect(reverse("programme:run", args=[run.pk]) + "?accept=confirm")
    try:
        services.accept(request.user, run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programme:run", pk=run.pk)
    messages.success(request, f"Plan {run.pk} is now the national programme.")
    return redirect("programme:index")


def _finished(run: PlanRun) -> PlanRun:
    if run.status != PlanRun.Status.DONE:
        raise Http404
    return run


@plan_page(GET=C.PLAN_PROGRAMME)
def export_csv(request, run):
    run = _finished(run)
    response = HttpResponse(services.export_plan(request.user, run, "csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="programme-plan-{run.pk}.csv"'
    return response


@plan_page(GET=C.PLAN_PROGRAMME)
def export_xlsx(request, run):
    run = _finished(run)
    response = HttpResponse(
        services.export_plan(request.user, run, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="programme-plan-{run.pk}.xlsx"'
    return response


# --- national pauses -------------------------------------------------------------------------------


def _pause_status(pause, today: dt.date) -> str:
    if pause.start > today:
        return "Not started"
    if pause.end < today:
        return "Ended"
    return "In force"


def _pause_fields(form) -> dict:
    data = form.cleaned_data
    return {"stops": data["stops"], "start": data["start"], "end": data["end"], "reason": data["reason"]}


@gate.page(GET=C.MANAGE_NATIONAL_PAUSES, POST=C.MANAGE_NATIONAL_PAUSES)
def pauses(request):
    today = _today()
    form = NationalPauseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pause = services.record_pause(request.user, **_pause_fields(form))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Pause recorded: {pause.get_stops_display().lower()} from "
                                      f"{queries.display_date(pause.start.isoformat())} to "
                                      f"{queries.display_date(pause.end.isoformat())}.")
            return redirect("programme:pauses")
    rows = [(p, _pause_status(p, today)) for p in queries.pauses_to_manage()]
    return render(request, "programme/pauses.html", {"form": form, "rows": rows, "nav_section": "programme"})


@pause_page(GET=C.MANAGE_NATIONAL_PAUSES, POST=C.MANAGE_NATIONAL_PAUSES)
def pause(request, pause):
    today = _today()
    if request.method == "POST" and request.POST.get("action") == "end":
        try:
            services.end_pause(request.user, pause, today=today)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("programme:pause", pk=pause.pk)
        messages.success(request, f"Pause ended: its last day is {queries.display_date(today.isoformat())}.")
        return redirect("programme:pauses")
    initial = {"stops": pause.stops, "start": pause.start, "end": pause.end, "reason": pause.reason}
    form = NationalPauseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_pause(request.user, pause, **_pause_fields(form))
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Pause changed.")
            return redirect("programme:pauses")
    return render(request, "programme/pause.html", {"form": form, "pause": pause, "nav_section": "programme",
                                                    "status": _pause_status(pause, today)})
