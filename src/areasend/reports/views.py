"""Pages of the report: the builder, versions and their differences, quality assurance, the
factual-accuracy round, the lead's steps, and the public pages (HTML, JSON, PDF, Atom). Thin: forms
validate, services write (and audit), queries read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from areasend import framework as fw
from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.areas import queries as area_queries
from areasend.evidence import queries as evidence_queries
from areasend.reports import queries, services
from areasend.reports.forms import (
    AccuracyCommentForm,
    AnswerForm,
    CorrectionForm,
    DraftForm,
    LocalPollForm,
    QACommentForm,
    QuoteForm,
)

R = fw.report
page = gate.object_page


def _today():
    return timezone.localdate()


def _apply(form, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


class _Problems:
    """A form-like holder for errors from a step with no fields (send, final, publish, sign off)."""

    def __init__(self):
        from django import forms

        self.form = forms.Form(data={})
        self.form.is_valid()

    def add(self, error: ValidationError):
        for texts in error.message_dict.values():
            for text in texts:
                self.form.add_error(None, text)
        return self.form


# The builder ----------------------------------------------------------------------------------


def _builder_context(request, inspection, **extra):
    today = _today()
    report = queries.report_for(inspection)
    decision = evidence_queries.decision_for(inspection)
    latest = report.latest if report else None
    numbers = evidence_queries.entry_numbers(inspection)
    context = {
        "inspection": inspection, "nav_section": "inspections", "report": report, "latest": latest,
        "decision_ready": decision is not None and decision.signed_off,
        "stage": queries.stage_of(report, inspection, today), "held": queries.held_by(inspection, today),
        "rows": queries.timeliness_of(inspection, today), "numbers": numbers,
        "sections": queries.sections_of(latest, inspection, report.first_published.published_on
                                        if report and report.first_published else None) if latest else [],
        "problems": R.plain_english_problems(latest.texts()) if latest else (),
        "section_headings": {s.key: s.heading for s in R.REPORT_SECTIONS},
        "versions": list(report.versions.select_related("written_by").order_by("-number")) if report else [],
        "qa_comments": list(report.qa_comments.select_related("author", "version")) if report else [],
        "published": list(report.published.order_by("number")) if report else [],
        "entries": evidence_queries.log(inspection) if gate.can(request.user, C.WRITE_REPORT, inspection) else [],
        "comments_open": queries.comments_open(report, today) if report else False,
        "unanswered": report.accuracy_comments.filter(response="").count() if report else 0,
        **gate.flags(request.user, inspection, C.WRITE_REPORT, C.QA_REPORT, C.PUBLISH_REPORT, C.SEE_FACTUAL_ACCURACY),
    }
    context.setdefault("form", None)
    context.update(extra)
    if context["form"] is None and context["can_write_report"]:
        context["form"] = DraftForm(initial=queries.editable_text(latest, numbers))
    context.setdefault("quote_form", QuoteForm())
    context.setdefault("qa_form", QACommentForm())
    context.setdefault("correction_form", CorrectionForm())
    return context


@page("inspection", GET=C.SEE_REPORT, POST=C.WRITE_REPORT)
def builder(request, inspection):
    """The report as it stands, the form to draft the next version, the checks and every step."""
    if request.method == "POST":
        form = DraftForm(request.POST)
        if form.is_valid():
            try:
                version = services.save_version(request.user, inspection, note=form.cleaned_data["note"],
                                                texts={k: form.cleaned_data[k] for k in R.WRITTEN_SECTION_KEYS})
            except ValidationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, f"Version {version.number} saved.")
                return redirect("reports:builder", pk=inspection.pk)
        return render(request, "reports/builder.html", _builder_context(request, inspection, form=form))
    return render(request, "reports/builder.html", _builder_context(request, inspection))


@page("inspection", POST=C.WRITE_REPORT)
def quote(request, inspection):
    form = QuoteForm(request.POST)
    if form.is_valid():
        try:
            version = services.quote_entry(request.user, inspection, section_key=form.cleaned_data["section"],
                                           entry_id=form.cleaned_data["entry"])
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Entry quoted: version {version.number} saved.")
            return redirect("reports:builder", pk=inspection.pk)
    return render(request, "reports/builder.html", _builder_context(request, inspection, quote_form=form,
                                                                   form_for_summary=form))


@page("inspection", GET=C.SEE_REPORT)
def version(request, inspection, number):
    """One version, and what changed from the one before it."""
    report = queries.report_for(inspection)
    shown = report.versions.filter(number=number).select_related("written_by").first() if report else None
    if shown is None:
        raise Http404("No such version")
    before = report.versions.filter(number=number - 1).first()
    changes = R.diff_sections(before.texts() if before else {}, shown.texts())
    return render(request, "reports/version.html", {
        "inspection": inspection, "nav_section": "inspections", "report": report, "shown": shown, "before": before,
        "changes": changes, "section_headings": {s.key: s.heading for s in R.REPORT_SECTIONS},
        "problems": R.plain_english_problems(shown.texts()),
    })


@page("inspection", POST=C.QA_REPORT)
def quality_assurance(request, inspection):
    """A QA reader's comment on the latest draft, or their sign-off (of the draft, or of the final report)."""
    if request.POST.get("action") == "sign_off":
        try:
            report = services.qa_sign_off(request.user, inspection, today=_today())
        except ValidationError as exc:
            return render(request, "reports/builder.html",
                          _builder_context(request, inspection, form_for_summary=_Problems().add(exc)))
        messages.success(request, "Final report signed off." if report.final_signed_off_on else "Draft signed off.")
        return redirect("reports:builder", pk=inspection.pk)
    form = QACommentForm(request.POST)
    if form.is_valid():
        try:
            services.qa_comment(request.user, inspection, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Comment added.")
            return redirect("reports:builder", pk=inspection.pk)
    return render(request, "reports/builder.html", _builder_context(request, inspection, qa_form=form,
                                                                   form_for_summary=form))


_STEPS = {
    "send": (services.send_to_local_area, "Draft sent to the local area nominated officer."),
    "final": (services.make_final, "Final report written: a quality assurance reader signs it off next."),
    "publish": (services.publish, "Report published. The PDF is being made."),
}


@page("inspection", POST=C.PUBLISH_REPORT)
def lead_step(request, inspection, step):
    """The lead's explicit steps: send the draft, make it final, publish, publish a correction."""
    if step == "correct":
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                services.publish_correction(request.user, inspection, note=form.cleaned_data["note"], today=_today())
            except ValidationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, "Correction published. Its PDF is being made.")
                return redirect("reports:builder", pk=inspection.pk)
        return render(request, "reports/builder.html", _builder_context(request, inspection, correction_form=form,
                                                                       form_for_summary=form))
    if step not in _STEPS:
        raise Http404("No such step")
    action, done = _STEPS[step]
    try:
        action(request.user, inspection, today=_today())
    except ValidationError as exc:
        return render(request, "reports/builder.html",
                      _builder_context(request, inspection, form_for_summary=_Problems().add(exc)))
    messages.success(request, done)
    return redirect("reports:builder", pk=inspection.pk)


# The factual-accuracy round -------------------------------------------------------------------


def _accuracy_context(request, inspection, **extra):
    today = _today()
    report = queries.report_for(inspection)
    sent = report.sent_version if report and report.sent_version_id else None
    context = {
        "inspection": inspection, "nav_section": "inspections", "report": report, "sent": sent,
        "sections": queries.sections_of(sent, inspection, None) if sent else [],
        "comments": queries.comments_by_paragraph(report) if report else {},
        "comments_open": queries.comments_open(report, today) if report else False,
        "closed_on": queries.comments_closed_on(report, today) if report else None,
        "rows": queries.timeliness_of(inspection, today),
        "answer_forms": {}, "comment_form": None, "comment_target": None,
        **gate.flags(request.user, inspection, C.COMMENT_ON_DRAFT, C.RESPOND_TO_COMMENTS, C.SEE_REPORT),
    }
    context.update(extra)
    return context


@page("inspection", GET=C.SEE_FACTUAL_ACCURACY, POST=C.COMMENT_ON_DRAFT)
def accuracy(request, inspection):
    """The draft sent to the local area, paragraph by paragraph, with the comments and the team's answers."""
    if request.method == "POST":
        if request.POST.get("action") == "close":
            try:
                services.close_comments(request.user, inspection, today=_today())
            except ValidationError as exc:
                return render(request, "reports/accuracy.html",
                              _accuracy_context(request, inspection, form_for_summary=_Problems().add(exc)))
            messages.success(request, "Your comments are with the inspection team.")
            return redirect("reports:accuracy", pk=inspection.pk)
        form = AccuracyCommentForm(request.POST)
        if form.is_valid():
            try:
                services.comment(request.user, inspection, section_key=form.cleaned_data["section"],
                                 paragraph=form.cleaned_data["paragraph"], text=form.cleaned_data["text"], today=_today())
            except ValidationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, "Comment sent to the inspection team.")
                return redirect(reverse("reports:accuracy", args=[inspection.pk])
                                + f"#p-{form.cleaned_data['section']}-{form.cleaned_data['paragraph']}")
        target = (request.POST.get("section", ""), request.POST.get("paragraph", ""))
        return render(request, "reports/accuracy.html", _accuracy_context(
            request, inspection, comment_form=form, comment_target=target, form_for_summary=form))
    return render(request, "reports/accuracy.html", _accuracy_context(request, inspection))


@page("inspection", POST=C.RESPOND_TO_COMMENTS)
def answer(request, inspection, comment_id):
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(request.user, inspection, comment_id, response=form.cleaned_data["response"],
                            reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Answer saved.")
            return redirect(reverse("reports:accuracy", args=[inspection.pk]) + f"#comment-{comment_id}")
    return render(request, "reports/accuracy.html", _accuracy_context(
        request, inspection, answer_forms={comment_id: form}, form_for_summary=form))


# The planner's pages --------------------------------------------------------------------------


@gate.page(GET=C.SEE_LATE_REPORTS)
def late(request):
    return render(request, "reports/late.html", {
        "nav_section": "programme", "late": queries.late_reports(_today()), "history": queries.history_days(),
    })


@gate.page(GET=C.ENTER_LOCAL_POLLS, POST=C.ENTER_LOCAL_POLLS)
def local_polls(request):
    from areasend.reports.models import LocalPoll

    areas = list(area_queries.current_areas().order_by("name"))
    form = LocalPollForm(request.POST if request.method == "POST" else None, areas=areas)
    if request.method == "POST" and form.is_valid():
        area = next(a for a in areas if a.ons_code == form.cleaned_data["area"])
        try:
            services.add_local_poll(request.user, area=area, polling_day=form.cleaned_data["polling_day"],
                                    label=form.cleaned_data["label"])
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Poll entered: reports for {area.name} are held in the weeks before it.")
            return redirect("published:local-polls")
    polls = LocalPoll.objects.select_related("area").order_by("-polling_day")[:200]
    return render(request, "reports/local_polls.html", {"nav_section": "programme", "form": form, "polls": polls})


# Public pages ---------------------------------------------------------------------------------


@gate.page(GET=C.PUBLIC)
def public_list(request):
    return render(request, "reports/public_list.html", {"nav_section": "areas", "rows": queries.published_reports(),
                                                         "area": None})


@gate.page(GET=C.PUBLIC)
def public_area(request, ons_code):
    try:
        area = area_queries.get_area(ons_code)
    except Exception:
        raise Http404("No such area") from None
    return render(request, "reports/public_list.html", {"nav_section": "areas", "area": area,
                                                         "rows": queries.published_reports(ons_code)})


def _public(report_id):
    report = queries.public_report(report_id)
    if report is None:
        raise Http404("No published report")
    return report


@gate.page(GET=C.PUBLIC)
def public_report(request, report_id):
    report = _public(report_id)
    first, current = report.first_published, report.current_published
    return render(request, "reports/public.html", {
        "nav_section": "areas", "report": report, "inspection": report.inspection, "first": first,
        "current": current, "corrections": [p for p in report.published.order_by("number") if p.number > 1],
        "sections": queries.sections_of(current.version, report.inspection, first.published_on),
    })


@gate.page(GET=C.PUBLIC)
def public_json(request, report_id):
    return JsonResponse(queries.as_json(_public(report_id)), json_dumps_params={"indent": 2})


@gate.page(GET=C.PUBLIC)
def public_pdf(request, report_id):
    report = _public(report_id)
    current = report.current_published
    if current.pdf_made_at is None:
        response = render(request, "reports/pdf_pending.html", {"nav_section": "areas", "report": report,
                                                               "inspection": report.inspection})
        response["Retry-After"] = "30"
        return response
    response = HttpResponse(bytes(current.pdf), content_type="application/pdf")
    name = f"area-send-report-{report.inspection.area.ons_code}-{report.first_published.published_on.isoformat()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


class PublishedFeed(Feed):
    feed_type = Atom1Feed
    title = "Area SEND inspection reports"
    subtitle = "Reports of joint Ofsted and CQC inspections of local area SEND partnerships, newest first."

    def link(self):
        return reverse("published:list")

    def items(self):
        return queries.published_reports()[:50]

    def item_title(self, item):
        return f"Area SEND inspection of {item.area_name}" + (" (demo)" if item.is_demo else "")

    def item_description(self, item):
        outcome = fw.Outcome(item.outcome).official_name if item.outcome else "Monitoring inspection findings"
        return f"Published {item.published.day} {item.published:%B %Y}. {outcome}"

    def item_link(self, item):
        return reverse("published:report", args=[item.report_id])

    def item_pubdate(self, item):
        import datetime as dt

        return dt.datetime.combine(item.published, dt.time(9), tzinfo=dt.timezone.utc)

    def item_updateddate(self, item):
        import datetime as dt

        return dt.datetime.combine(item.corrected or item.published, dt.time(9), tzinfo=dt.timezone.utc)


@gate.page(GET=C.PUBLIC)
def feed(request):
    return PublishedFeed()(request)
