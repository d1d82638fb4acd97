"""Pages of the evidence log, lines of enquiry, triangulation and the outcome decision. Thin: forms
validate, services write (and audit), queries read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from areasend import framework as fw
from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.evidence import queries, services
from areasend.evidence.forms import (
    AREA_SLOTS,
    REASON_SLOTS,
    EntryForm,
    FeedbackForm,
    LineForm,
    LineStatusForm,
    MonitoringForm,
    OutcomeForm,
    initial_from_version,
)
from areasend.evidence.models import LineOfEnquiry

page = gate.object_page


def _today():
    return timezone.localdate()


def _apply_errors(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _flags(request, inspection):
    return gate.flags(request.user, inspection, C.WRITE_EVIDENCE, C.EXPORT_EVIDENCE, C.RECORD_OUTCOME, C.AGREE_OUTCOME,
                      C.SIGN_OFF_OUTCOME)


def _context(request, inspection, **extra):
    return {"inspection": inspection, "nav_section": "inspections", **_flags(request, inspection), **extra}


# The log ------------------------------------------------------------------------------------------


@page("inspection", GET=C.SEE_EVIDENCE, POST=C.WRITE_EVIDENCE)
def log(request, inspection):
    """The log, newest first, with a form to add an entry (a plain Save without JavaScript)."""
    form = EntryForm(request.POST if request.method == "POST" else None, inspection=inspection)
    if request.method == "POST":
        if form.is_valid():
            try:
                entry, created = services.add_entry(request.user, inspection, key=form.cleaned_data["key"],
                                                    fields=form.entry_fields())
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                number = queries.entry_number(entry)
                messages.success(request, f"Entry {number} saved." if created else f"Entry {number} was already saved.")
                return redirect("evidence:log", pk=inspection.pk)
    else:
        services.record_log_read(request.user, inspection)
    return render(request, "evidence/log.html", _context(
        request, inspection, form=form, entries=queries.log(inspection), drafts=queries.drafts_of(request.user, inspection),
        meetings_with_notes=[m for m in inspection.meetings.all() if m.notes.strip()],
        case_names=queries.case_names(inspection), deleted_case=queries.DELETED_CASE,
    ))


@page("inspection", GET=C.SEE_EVIDENCE, POST=C.WRITE_EVIDENCE)
def entry(request, inspection, entry_id):
    """One entry with every version; a correction adds a version."""
    shown = queries.entry_with_versions(inspection, entry_id)
    if shown is None:
        raise Http404("Not found")
    initial = initial_from_version(shown.current)
    form = EntryForm(request.POST if request.method == "POST" else None, inspection=inspection, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version, created = services.correct_entry(request.user, shown.entry, key=form.cleaned_data["key"],
                                                      fields=form.entry_fields())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Correction saved as version {version.number}. Earlier versions are kept.")
            return redirect("evidence:entry", pk=inspection.pk, entry_id=shown.entry.pk)
    if request.method == "GET":
        services.record_log_read(request.user, inspection, f"evidence entry {shown.number}")
    return render(request, "evidence/entry.html", _context(request, inspection, shown=shown, form=form,
                                                         case_names=queries.case_names(inspection),
                                                         deleted_case=queries.DELETED_CASE))


def _posted_fields(post) -> services.EntryFields:
    """The entry as the page's script posts it; the service checks every value and link."""

    def number(name):
        value = (post.get(name) or "").strip()
        return int(value) if value.isdigit() else (-1 if value else None)

    def ids(name):
        return tuple(int(v) if v.isdigit() else -1 for v in post.getlist(name))

    lines = tuple((i, "for") for i in ids("lines_for")) + tuple((i, "against") for i in ids("lines_against"))
    return services.EntryFields(text=post.get("text", ""), source=post.get("source", ""), meeting_id=number("meeting"),
                                visit_id=number("visit"), document_id=number("document"),
                                tracking_case_id=number("tracking_case"), criteria=tuple(post.getlist("criteria")), lines=lines)


@page("inspection", POST=C.WRITE_EVIDENCE)
def send_entry(request, inspection):
    """For the page's script: store one entry (or a correction) and answer in JSON. Sent twice, stored once.
    The same checks as the form's, made by the service, without building the form's lists of choices."""
    fields = _posted_fields(request.POST)
    if set(dict(fields.lines)) and len(dict(fields.lines)) != len(fields.lines):
        return JsonResponse({"stored": False, "errors": {"lines_against": [
            "A line of enquiry cannot be both supported and pointed against by one entry"]}}, status=400)
    key = request.POST.get("key", "")
    try:
        entry_id = request.POST.get("entry")
        if entry_id:
            shown = queries.entry_with_versions(inspection, entry_id) if entry_id.isdigit() else None
            if shown is None:
                raise Http404("Not found")
            version, created = services.correct_entry(request.user, shown.entry, key=key, fields=fields)
            target, number = shown.entry, shown.number
        else:
            target, created = services.add_entry(request.user, inspection, key=key, fields=fields)
            number = queries.entry_number(target)
    except ValidationError as exc:
        return JsonResponse({"stored": False, "errors": exc.message_dict}, status=400)
    return JsonResponse({"stored": True, "created": created, "key": str(target.key) if not entry_id else str(key),
                         "entry": number, "url": f"/inspections/{inspection.pk}/evidence/{target.pk}/"})


@page("inspection", POST=C.WRITE_EVIDENCE)
def save_draft(request, inspection):
    """For the page's script: keep what is being typed, every few seconds."""
    fields = {name: request.POST.getlist(name) for name in ("source", "criteria", "meeting", "visit", "document")}
    try:
        draft = services.save_draft(request.user, inspection, key=request.POST.get("key", ""), text=request.POST.get("text", ""),
                                    fields=fields)
    except ValidationError as exc:
        return JsonResponse({"saved": False, "errors": exc.message_dict}, status=400)
    saved = timezone.localtime(draft.saved_at)
    return JsonResponse({"saved": True, "at": f"{saved:%H:%M:%S}"})


@page("inspection", GET=C.WRITE_EVIDENCE, POST=C.WRITE_EVIDENCE)
def draft(request, inspection, key):
    """Carry on with a draft the server kept (typed with JavaScript, then left)."""
    found = next((d for d in queries.drafts_of(request.user, inspection) if str(d.key) == str(key)), None)
    if found is None:
        messages.error(request, "That draft is no longer kept: it was saved as an entry or discarded.")
        return redirect("evidence:log", pk=inspection.pk)
    if request.method == "POST":
        services.discard_draft(request.user, inspection, found.key)
        messages.success(request, "Draft discarded.")
        return redirect("evidence:log", pk=inspection.pk)
    initial = {"key": found.key, "text": found.text,
               **{k: (v if k == "criteria" else (v[0] if v else None)) for k, v in (found.fields or {}).items()}}
    form = EntryForm(inspection=inspection, initial=initial)
    return render(request, "evidence/draft.html", _context(request, inspection, form=form, draft=found))


@page("inspection", POST=C.WRITE_EVIDENCE)
def add_meeting_notes(request, inspection):
    try:
        entry, created = services.entry_from_meeting_notes(request.user, inspection, int(request.POST.get("meeting") or 0))
    except (ValidationError, ValueError):
        messages.error(request, "Choose a meeting with notes to add to the log.")
    else:
        number = queries.entry_number(entry)
        messages.success(request, f"The meeting's notes are entry {number}." if created else
                         f"These notes are already in the log as entry {number}.")
    return redirect("evidence:log", pk=inspection.pk)


@page("inspection", GET=C.EXPORT_EVIDENCE)
def export(request, inspection, file_format):
    try:
        data, content_type, _rows = services.export_log(request.user, inspection, file_format)
    except ValidationError:
        raise Http404("Not found") from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="evidence-log-{inspection.area.ons_code}.{file_format}"'
    return response


# Lines of enquiry and triangulation --------------------------------------------------------------


@page("inspection", GET=C.SEE_EVIDENCE, POST=C.WRITE_EVIDENCE)
def lines(request, inspection):
    form = LineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            line = services.add_line(request.user, inspection, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Line of enquiry added: {line.title}")
            return redirect("evidence:lines", pk=inspection.pk)
    if request.method == "GET":
        services.record_log_read(request.user, inspection, "the lines of enquiry")
    return render(request, "evidence/lines.html", _context(request, inspection, form=form, items=queries.line_evidence(inspection)))


@page("inspection", GET=C.SEE_EVIDENCE, POST=C.WRITE_EVIDENCE)
def line(request, inspection, line_id):
    found = LineOfEnquiry.objects.filter(inspection=inspection, pk=line_id).first() if str(line_id).isdigit() else None
    if found is None:
        raise Http404("Not found")
    form = LineStatusForm(request.POST if request.method == "POST" else None,
                          initial={"status": found.status, "conclusion": found.conclusion})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_line_status(request.user, found, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Line of enquiry updated.")
            return redirect("evidence:line", pk=inspection.pk, line_id=found.pk)
    if request.method == "GET":
        services.record_log_read(request.user, inspection, f"line of enquiry {found.pk}")
    item = next(i for i in queries.line_evidence(inspection) if i.line.pk == found.pk)
    return render(request, "evidence/line.html", _context(request, inspection, form=form, item=item,
                                                          numbers=queries.entry_numbers(inspection)))


@page("inspection", GET=C.SEE_EVIDENCE)
def triangulation(request, inspection):
    services.record_log_read(request.user, inspection, "the triangulation of evidence")
    return render(request, "evidence/triangulation.html", _context(
        request, inspection, criteria=queries.criteria_matrix(inspection), lines=queries.lines_matrix(inspection),
        rule=fw.TRIANGULATION_SOURCES))


# The outcome decision -------------------------------------------------------------------------------


def _decision_context(request, inspection, **extra):
    decision = queries.decision_for(inspection)
    stage = services.stage_of(decision, inspection)
    team = services.team_members(inspection)
    agreed = {a.user_id for a in decision.agreements.all()} if decision else set()
    timeline = services.timeline_of(inspection)
    earliest = fw.earliest_outcome_date(timeline) if timeline else None
    return _context(request, inspection, decision=decision, stage=stage, team=team, agreed=agreed,
                    numbers=queries.entry_numbers(inspection), earliest=earliest, today=_today(),
                    wording=fw.monitoring_wording(inspection.framework) if not inspection.is_graded and inspection.framework else None,
                    official={o.value: o.official_name for o in fw.Outcome}, **extra)


@page("inspection", GET=C.SEE_EVIDENCE, POST=C.RECORD_OUTCOME)
def decision(request, inspection):
    """The outcome decision: the lead proposes; the team agrees; a QA reader signs it off."""
    numbers = queries.entry_numbers(inspection)
    if inspection.is_graded:
        form = OutcomeForm(request.POST if request.method == "POST" else None, inspection=inspection, numbers=numbers,
                           initial=_outcome_initial(inspection))
    else:
        wording = fw.monitoring_wording(inspection.framework or "2025")
        form = MonitoringForm(request.POST if request.method == "POST" else None, inspection=inspection, numbers=numbers,
                              wording=wording, initial=_monitoring_initial(inspection))
    if request.method == "POST" and form.is_valid():
        try:
            if inspection.is_graded:
                services.propose_outcome(request.user, inspection, outcome=form.cleaned_data["outcome"],
                                         summary=form.cleaned_data["summary"], reasons=form.reasons(),
                                         priority_areas=form.priority_areas(), today=_today())
            else:
                services.propose_monitoring_conclusions(request.user, inspection, conclusions=form.conclusions(),
                                                        recommendations=form.cleaned_data["recommendations"], today=_today())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Proposal saved. Each member of the team now agrees it, then a quality assurance reader signs it off.")
            return redirect("evidence:decision", pk=inspection.pk)
    if request.method == "GET":
        services.record_log_read(request.user, inspection, "the outcome decision")
    return render(request, "evidence/decision.html", _decision_context(
        request, inspection, form=form, feedback_form=FeedbackForm(initial=_feedback_initial(inspection)),
        reason_slots=range(1, REASON_SLOTS + 1), area_slots=range(1, AREA_SLOTS + 1)))


def _outcome_initial(inspection):
    found = queries.decision_for(inspection)
    if found is None or found.outcome is None:
        return {}
    initial = {"outcome": found.outcome, "summary": found.summary}
    for reason in found.reasons.all():
        initial[f"reason_{reason.position}"] = reason.text
        initial[f"reason_{reason.position}_entries"] = [str(e.pk) for e in reason.entries.all()]
    for area in found.priority_areas.all():
        initial[f"area_{area.position}"] = area.text
        initial[f"area_{area.position}_partners"] = "\n".join(area.partners)
    return initial


def _monitoring_initial(inspection):
    found = queries.decision_for(inspection)
    if found is None:
        return {}
    initial = {"recommendations": found.recommendations}
    for c in found.conclusions.all():
        initial.update({f"area_{c.position}": c.priority_area, f"answer_{c.position}": c.answer, f"reason_{c.position}": c.reason,
                        f"entries_{c.position}": [str(e.pk) for e in c.entries.all()]})
    return initial


def _feedback_initial(inspection):
    found = queries.decision_for(inspection)
    return {"feedback_notes": found.feedback_notes} if found else {}


@page("inspection", POST=C.AGREE_OUTCOME)
def agree(request, inspection):
    try:
        services.agree_outcome(request.user, inspection)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Your agreement is recorded.")
    return redirect("evidence:decision", pk=inspection.pk)


@page("inspection", POST=C.SIGN_OFF_OUTCOME)
def sign_off(request, inspection):
    try:
        services.sign_off(request.user, inspection, today=_today())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "You cannot sign this outcome off.")
    else:
        messages.success(request, "Signed off. The outcome stands. Nothing is published until the report is published.")
    return redirect("evidence:decision", pk=inspection.pk)


@page("inspection", POST=C.RECORD_OUTCOME)
def feedback(request, inspection):
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.record_feedback(request.user, inspection, notes=form.cleaned_data["feedback_notes"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "What was said at the final feedback meeting is recorded.")
    else:
        messages.error(request, "Enter what was said at the final feedback meeting.")
    return redirect("evidence:decision", pk=inspection.pk)
