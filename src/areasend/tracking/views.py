"""Case tracking's pages: the proposal and its check, a swap, the request to the LANO, and arranging meetings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from areasend.access.capabilities import Capability as C
from areasend.inspections import access
from areasend.intake import queries as intake_queries
from areasend.intake import returns
from areasend.tracking import services
from areasend.tracking.forms import ArrangeForm, ProposeForm, SwapForm


def _errors(form, error: ValidationError) -> None:
    for field, found in error.message_dict.items():
        for message in found:
            form.add_error(field if field in form.fields else None, message)


@access.inspection_page(GET=C.SEE_TRACKING_CASES, POST=C.CHOOSE_TRACKING_CASES)
def tracking(request, inspection):
    """The lead proposes cases and sees why each was chosen and what the core's check says; the LANO sees the request."""
    flags = access.flags(request.user, inspection, C.CHOOSE_TRACKING_CASES, C.ARRANGE_TRACKING_MEETINGS,
                         C.SEE_PERSON_LEVEL_DATA)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "send":
        try:
            services.send_request(request.user, inspection)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "The tracking cases have been sent to the nominated officer.")
            return redirect("tracking:cases", pk=inspection.pk)
    elif request.method == "POST" and form.is_valid():
        try:
            services.propose(request.user, inspection, seed=form.cleaned_data["seed"], today=timezone.localdate())
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "Tracking cases proposed.")
            return redirect("tracking:cases", pk=inspection.pk)
    selection = services.selection_for(inspection)
    if selection is not None and not flags["can_see_person_level_data"] and selection.status != "sent":
        selection = None  # the local area sees the cases only once they are sent
    result = services.check(selection) if selection is not None else None
    if selection is not None:
        if flags["can_see_person_level_data"]:
            returns.record_rows_read(request.user, inspection, "the tracking cases")
        else:
            returns.record_page_view(request.user, inspection, "the tracking request")
    return render(request, "tracking/cases.html", {
        "inspection": inspection, "nav_section": "inspections", "selection": selection, "check": result,
        "cases": list(selection.cases.all()) if selection else [], "form": form if form.is_bound else None,
        "propose_form": form, "loaded": intake_queries.loaded_return(inspection),
        "window": services.meeting_window(inspection), **flags,
    })


def _case(inspection, case_id):
    selection = services.selection_for(inspection)
    case = selection.cases.filter(pk=case_id).first() if selection else None
    if case is None:
        raise Http404("No such case")
    return selection, case


@access.inspection_page(GET=C.CHOOSE_TRACKING_CASES, POST=C.CHOOSE_TRACKING_CASES)
def swap(request, inspection, case_id: int):
    selection, case = _case(inspection, case_id)
    form = SwapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.swap(request.user, inspection, case.pk, row=form.cleaned_data["row"],
                          reason=form.cleaned_data["reason"], today=timezone.localdate())
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Tracking case {case.position} swapped.")
            return redirect("tracking:cases", pk=inspection.pk)
    returns.record_rows_read(request.user, inspection, f"tracking case {case.position}")
    return render(request, "tracking/swap.html", {
        "inspection": inspection, "nav_section": "inspections", "case": case, "selection": selection,
        "form": form if form.is_bound else None, "swap_form": form})


@access.inspection_page(GET=C.ARRANGE_TRACKING_MEETINGS, POST=C.ARRANGE_TRACKING_MEETINGS)
def arrange(request, inspection, case_id: int):
    selection, case = _case(inspection, case_id)
    if selection.status != "sent":
        raise Http404("No such case")
    initial = {"coordinator_name": case.coordinator_name, "coordinator_email": case.coordinator_email,
               "family_date": case.family_meeting_date, "practitioners_date": case.practitioners_meeting_date,
               "family_time": case.family_meeting_time.strftime("%H:%M") if case.family_meeting_time else "",
               "practitioners_time": case.practitioners_meeting_time.strftime("%H:%M") if case.practitioners_meeting_time else ""}
    form = ArrangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.arrange(request.user, inspection, case.pk, coordinator_name=data["coordinator_name"],
                             coordinator_email=data["coordinator_email"], family_date=data["family_date"],
                             family_time=data["family_time"], practitioners_date=data["practitioners_date"],
                             practitioners_time=data["practitioners_time"])
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, f"Meetings for tracking case {case.position} arranged.")
            return redirect("tracking:cases", pk=inspection.pk)
    returns.record_page_view(request.user, inspection, f"tracking case {case.position}")
    return render(request, "tracking/arrange.html", {
        "inspection": inspection, "nav_section": "inspections", "case": case, "selection": selection,
        "form": form if form.is_bound else None, "arrange_form": form, "window": services.meeting_window(inspection)})


def _onsite_days(inspection):
    from areasend.inspections import queries as inspection_queries

    timeline = inspection_queries.timeline_for(inspection)
    return inspection_queries.onsite_day_list(timeline) if timeline is not None else []


@access.inspection_page(GET=C.SEE_INFORMATION, POST=C.UPLOAD_INFORMATION)
def sampling(request, inspection):
    """The providers file for the local area; for the team, the providers to choose from and the core's coverage check."""
    from areasend.tracking import sampling as service
    from areasend.tracking.forms import ProvidersUploadForm, SamplingVisitForm
    from areasend.tracking.models import ProvidersFile, SamplingVisit

    form = ProvidersUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = service.upload_providers(request.user, inspection, form.cleaned_data["file"])
        if upload.loaded:
            messages.success(request, f"Providers file version {upload.version} loaded: {upload.rows} providers.")
        else:
            messages.success(request, f"Providers file version {upload.version} was not loaded: "
                                      f"it has {len(upload.problems)} problems, listed below.")
        return redirect("tracking:sampling", pk=inspection.pk)
    flags = access.flags(request.user, inspection, C.EDIT_TIMETABLE, C.UPLOAD_INFORMATION, C.SEE_TEAM_VIEW)
    loaded = service.loaded_file(inspection)
    chosen = {v.provider_id for v in SamplingVisit.objects.filter(inspection=inspection)}
    days = _onsite_days(inspection)
    returns.record_page_view(request.user, inspection, "the sampling visits")
    return render(request, "tracking/sampling.html", {
        "inspection": inspection, "nav_section": "inspections", "form": form if form.is_bound else None,
        "upload_form": form, "versions": list(ProvidersFile.objects.filter(inspection=inspection)),
        "loaded": loaded, "providers": list(loaded.providers.all()) if loaded else [], "chosen": chosen,
        "coverage": service.coverage(inspection) if flags["can_see_team_view"] else None,
        "visit_form": SamplingVisitForm(days=days), "days": days, **flags})


@access.inspection_page(POST=C.EDIT_TIMETABLE)
def sampling_visit(request, inspection):
    from areasend.tracking import sampling as service
    from areasend.tracking.forms import SamplingVisitForm

    form = SamplingVisitForm(request.POST, days=_onsite_days(inspection))
    if form.is_valid():
        try:
            visit = service.choose(request.user, inspection, form.cleaned_data["provider"], day=form.cleaned_data["day"])
        except ValidationError as exc:
            messages.success(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
        else:
            messages.success(request, f"{visit.provider.name}: visit added to the on-site timetable.")
    else:
        messages.success(request, " ".join(e for es in form.errors.values() for e in es))
    return redirect("tracking:sampling", pk=inspection.pk)
