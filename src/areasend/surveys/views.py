"""Survey pages. Public pages for people answering; pages for the local area and the inspection team."""

from __future__ import annotations

import logging
import secrets
from functools import wraps

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from areasend.access import gate
from areasend.access.client import client_address
from areasend.access.capabilities import Capability as C
from areasend.surveys import documents, queries, services
from areasend.surveys import questions as qs
from areasend.surveys.forms import CRITERIA_CHOICES, AnswerForm, PaperForm, RecordingForm
from areasend.surveys.models import Answer, Survey, SurveyResponse
from areasend.surveys.services import Result

log = logging.getLogger(__name__)
COOKIE_SALT = "areasend.surveys.response"
COOKIE_AGE = 60 * 60 * 24 * 30


def _today():
    return timezone.localdate()


# The device's response token, kept in a signed cookie ---------------------------------------------


def _cookie_name(survey: Survey | str) -> str:
    public_token = survey if isinstance(survey, str) else survey.public_token
    return f"areasend_survey_{public_token}"


def _device(request, public_token: str) -> tuple[str | None, str]:
    """The device's response token and the survey facts kept beside it ("" when it has none), read from
    its signed cookie once a request."""
    known = request.__dict__.setdefault("_survey_devices", {})
    if public_token not in known:
        try:
            value = request.get_signed_cookie(_cookie_name(public_token), salt=COOKIE_SALT, max_age=COOKIE_AGE)
        except (KeyError, signing.BadSignature):
            known[public_token] = (None, "")
        else:
            token, _, facts = value.partition("|")
            known[public_token] = (token, facts)
    return known[public_token]


def _response_token(request, public_token: str) -> str | None:
    return _device(request, public_token)[0]


def _remember(request, response, public_token: str, token: str, facts: str = "") -> None:
    response.set_signed_cookie(
        _cookie_name(public_token), f"{token}|{facts}" if facts else token, salt=COOKIE_SALT, max_age=COOKIE_AGE,
        httponly=True, samesite="Lax", secure=request.is_secure(),
    )


# Pages ------------------------------------------------------------------------------------------


def _public_context(survey: Survey, **extra):
    question_set = qs.question_set(survey.question_set)
    return {"survey": survey, "question_set": question_set, "credit": qs.OPENMOJI_CREDIT,
            "credit_url": qs.OPENMOJI_LICENCE_URL, **extra}


def _question_context(survey: Survey, item: qs.Question, form: AnswerForm):
    question_set = qs.question_set(survey.question_set)
    index = question_set.index_of(item.id)
    return _public_context(
        survey, question=item, number=index + 1, total=len(question_set.questions),
        previous=question_set.questions[index - 1].id if index else None,
        audio=queries.audio_available(survey, question_set, item), form=form,
    )


def _closed(request, survey: Survey, window, *, discarded: bool = False):
    return render(request, "surveys/closed.html", _public_context(survey, window=window, discarded=discarded))


def _database_unavailable(request):
    """The page for when the database cannot be reached: it says so and gives the answer back to send again."""
    answer = request.POST.get("answer") if "answer" in request.POST else None
    html = get_template("surveys/unavailable.html").render(
        {"answer": answer, "action": request.path, "csrf_token": get_token(request),
         "cspNonce": str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""}
    )
    return HttpResponse(html, status=503)


def _guarded(view):
    """Any database failure on a public page is told to the person at once, with their answer kept."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DatabaseError as exc:
            # What was sent is never logged (it may be a child's answer): only the kind of failure.
            log.error("Survey database unavailable (%s)", exc.__class__.__name__)
            return _database_unavailable(request)

    return wrapper


def _reply(request, outcome: services.Outcome):
    """The page that tells the person what became of what they sent (``services.answer`` or ``begin``)."""
    if outcome.result is Result.NO_SUCH_QUESTION:
        raise Http404("No such question")
    if outcome.result is Result.SAVED:
        if outcome.next_question_id is None:
            response = redirect("surveys:done", token=outcome.public_token)
        else:
            response = redirect("surveys:question", token=outcome.public_token, question_id=outcome.next_question_id)
        token, facts = _device(request, outcome.public_token)
        if outcome.new_response_token or (outcome.facts and outcome.facts != facts and token):
            _remember(request, response, outcome.public_token, outcome.new_response_token or token, outcome.facts)
        return response
    if outcome.survey is None:  # the database failed before the survey was found
        return _database_unavailable(request)
    if outcome.result is Result.CLOSED:
        return _closed(request, outcome.survey, outcome.window, discarded=True)
    item = outcome.question
    form = AnswerForm(item, request.POST, error=outcome.message) if item else None
    if outcome.result is Result.LIMITED:
        return render(request, "surveys/limited.html", _public_context(outcome.survey, form=form, question=item), status=429)
    if item is None:  # not saved, and no question to give the answer back on
        return render(request, "surveys/not_saved.html", _public_context(outcome.survey, form=None, question=None), status=503)
    template, status = ("surveys/not_saved.html", 503) if outcome.result is Result.NOT_SAVED else ("surveys/question.html", 200)
    return render(request, template, _question_context(outcome.survey, item, form), status=status)


@gate.page(GET=C.PUBLIC)
def privacy(request):
    return render(request, "surveys/privacy.html", {})


@_guarded
@gate.page(GET=C.PUBLIC, POST=C.PUBLIC)
def start(request, token: str):
    if request.method == "POST":
        return _reply(request, services.begin(public_token=token, ip=client_address(request), today=_today()))
    survey = queries.public_survey(token)
    window = queries.window_of(survey, _today())
    if not window.is_open:
        return _closed(request, survey, window)
    current = queries.device_response(survey, _response_token(request, token))
    resume = queries.next_question_id(current) if current is not None and current.completed_at is None else None
    return render(request, "surveys/start.html", _public_context(survey, window=window, current=current, resume=resume))


@_guarded
@gate.page(GET=C.PUBLIC, POST=C.PUBLIC)
def question(request, token: str, question_id: str):
    if request.method == "POST":
        response_token, facts = _device(request, token)
        return _reply(request, services.answer(
            public_token=token, response_token=response_token, question_id=question_id,
            raw_answer=request.POST.get("answer"), ip=client_address(request), today=_today(),
            facts=facts,
        ))
    survey, current = queries.survey_and_response(token, _response_token(request, token))
    item = qs.question_set(survey.question_set).question(question_id)
    if item is None:
        raise Http404("No such question")
    window = queries.window_of(survey, _today())
    if not window.is_open:
        return _closed(request, survey, window)
    saved = current.answers.filter(question_id=item.id).first() if current else None
    form = AnswerForm(item, initial={"answer": saved.value} if saved else None)
    return render(request, "surveys/question.html", _question_context(survey, item, form))


@_guarded
@gate.page(GET=C.PUBLIC)
def audio(request, token: str, question_id: str):
    survey = queries.public_survey(token)
    question_set = qs.question_set(survey.question_set)
    item = question_set.question(question_id)
    if item is None or not question_set.easy_read:
        raise Http404("No such recording")
    recording = queries.recording_of(survey, item.id)
    if recording is not None:
        return HttpResponse(bytes(recording.data), content_type=recording.content_type)
    path = documents.spoken_question(question_set, item)
    if path is None:
        raise Http404("Audio is not available")
    return FileResponse(open(path, "rb"), content_type="audio/wav")


@_guarded
@gate.page(GET=C.PUBLIC)
def done(request, token: str):
    survey = queries.public_survey(token)
    current = queries.device_response(survey, _response_token(request, token))
    return render(request, "surveys/done.html", _public_context(survey, current=current))


# The local area's and the team's pages ------------------------------------------------------------


def _survey_of(inspection, group: str) -> Survey:
    if group not in qs.GROUPS:
        raise Http404("No such survey")
    return next(s for s in services.ensure_surveys(inspection) if s.group == group)


@gate.object_page("inspection", GET=C.SHARE_SURVEYS)
def manage(request, inspection):
    today = _today()
    rows = []
    for survey in services.ensure_surveys(inspection):
        link = request.build_absolute_uri(reverse("surveys:start", args=[survey.public_token]))
        rows.append({"survey": survey, "link": link, "window": queries.window_of(survey, today),
                     "question_set": qs.question_set(survey.question_set),
                     "responses": queries.counts_of(survey).answered})
    return render(request, "surveys/manage.html", {
        "inspection": inspection, "rows": rows, "nav_section": "inspections",
        **gate.flags(request.user, inspection, C.CLOSE_SURVEY, C.ENTER_PAPER_ANSWERS, C.READ_SURVEY_RESULTS,
                     C.MANAGE_RECORDINGS, C.SEE_TEAM_VIEW),
    })


@gate.object_page("inspection", GET=C.SHARE_SURVEYS)
def qr_code(request, inspection, group: str):
    survey = _survey_of(inspection, group)
    link = request.build_absolute_uri(reverse("surveys:start", args=[survey.public_token]))
    return HttpResponse(documents.qr_svg(link), content_type="image/svg+xml")


@gate.object_page("inspection", GET=C.SHARE_SURVEYS)
def word(request, inspection, group: str):
    survey = _survey_of(inspection, group)
    data = services.easy_read_document(request.user, survey)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="survey-{group}-{inspection.area.ons_code}.docx"'
    return response


@gate.object_page("inspection", GET=C.CLOSE_SURVEY, POST=C.CLOSE_SURVEY)
def close(request, inspection):
    """Closing a survey early: a page that asks first (no JavaScript needed), then the close itself."""
    data = request.POST if request.method == "POST" else request.GET
    group = data.get("group", "")
    if group not in qs.GROUPS:
        messages.error(request, "Choose which survey to close.")
        return redirect("surveys:manage", pk=inspection.pk)
    survey = _survey_of(inspection, group)
    if request.method == "GET" or data.get("confirm") != "yes":
        window = queries.window_of(survey, _today())
        if not window.is_open:
            messages.info(request, f"The survey for {survey.audience} is already closed.")
            return redirect("surveys:manage", pk=inspection.pk)
        return render(request, "surveys/close.html",
                      {"inspection": inspection, "survey": survey, "window": window, "nav_section": "inspections"})
    services.close_early(request.user, survey)
    messages.success(request, f"The survey for {survey.audience} is closed. Answers sent from now on are not kept.")
    return redirect("surveys:manage", pk=inspection.pk)


@gate.object_page("inspection", GET=C.ENTER_PAPER_ANSWERS, POST=C.ENTER_PAPER_ANSWERS)
def paper(request, inspection, group: str):
    survey = _survey_of(inspection, group)
    question_set = qs.question_set(survey.question_set)
    form = PaperForm(question_set, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.enter_paper_response(request.user, survey, form.cleaned_data, today=_today(),
                                                  submission_key=request.POST.get("submission"))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(name if name in form.fields else None, error)
            else:
                for error in exc.messages:
                    form.add_error(None, error)
        else:
            if saved.duplicate:
                messages.success(request, "These paper answers were already saved: they are kept once. You can type in the next one.")
            else:
                messages.success(request, "The paper answers are saved, marked as typed in from paper. You can type in the next one.")
            return redirect("surveys:paper", pk=inspection.pk, group=group)
    return render(request, "surveys/paper.html", {
        "inspection": inspection, "survey": survey, "question_set": question_set, "form": form,
        "nav_section": "inspections",
        "paper_count": survey.responses.filter(source=SurveyResponse.Source.PAPER).count(),
        # A new key for each form shown; a form sent back with errors keeps its key.
        "submission": (request.POST.get("submission") or "")[:64] if request.method == "POST" else secrets.token_urlsafe(24),
    })


@gate.object_page("inspection", GET=C.MANAGE_RECORDINGS, POST=C.MANAGE_RECORDINGS)
def recordings(request, inspection):
    survey = _survey_of(inspection, qs.CYP)
    question_set = qs.question_set(survey.question_set)
    form = RecordingForm(question_set, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["recording"]
        try:
            services.upload_recording(request.user, survey, form.cleaned_data["question"], upload.read(services.MAX_RECORDING_BYTES + 1))
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            messages.success(request, "The recording is saved. It now plays instead of the computer voice.")
            return redirect("surveys:recordings", pk=inspection.pk)
    recorded = set(survey.recordings.values_list("question_id", flat=True))
    return render(request, "surveys/recordings.html", {
        "inspection": inspection, "survey": survey, "question_set": question_set, "form": form,
        "recorded": recorded, "speech": documents.speech_available(), "nav_section": "inspections",
    })


@gate.object_page("inspection", GET=C.READ_SURVEY_RESULTS)
def results(request, inspection):
    services.ensure_surveys(inspection)
    services.record_results_read(request.user, inspection)
    all_results = queries.results_for(inspection)
    suggestions = queries.suggestions_for(all_results)
    evidence = {s.key: queries.tagged_free_text(all_results, s.criteria) for s in suggestions}
    return render(request, "surveys/results.html", {
        "inspection": inspection, "results": all_results, "suggestions": suggestions, "evidence": evidence,
        "criteria": CRITERIA_CHOICES, "is_lead": gate.can(request.user, C.DECIDE_SUGGESTIONS, inspection),
        "threshold": round(queries.NEGATIVE_SHARE_THRESHOLD * 100), "minimum": queries.MINIMUM_VIEWS,
        "flagged": queries.flagged_batches(inspection),
        "can_exclude": gate.can(request.user, C.EXCLUDE_SURVEY_RESPONSES, inspection),
        "nav_section": "inspections",
    })


@gate.object_page("inspection", POST=C.TAG_SURVEY_ANSWERS)
def tag(request, inspection, answer_id: int):
    answer = get_object_or_404(Answer.objects.select_related("response__survey__inspection"),
                               pk=answer_id, response__survey__inspection=inspection)
    try:
        services.set_tags(request.user, answer, request.POST.getlist("criteria"))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Tags saved.")
    return redirect(reverse("surveys:results", args=[inspection.pk]) + f"#answer-{answer.pk}")


@gate.object_page("inspection", POST=C.DECIDE_SUGGESTIONS)
def decide(request, inspection):
    group = request.POST.get("group", "")
    if group not in qs.GROUPS:
        messages.error(request, "Choose which survey the suggestion is from.")
        return redirect(reverse("surveys:results", args=[inspection.pk]) + "#suggestions")
    survey = _survey_of(inspection, group)
    try:
        decision = services.decide_suggestion(request.user, survey, request.POST.get("question", ""), request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"Suggestion {decision.get_status_display().lower()}.")
    return redirect(reverse("surveys:results", args=[inspection.pk]) + "#suggestions")


@gate.object_page("inspection", POST=C.EXCLUDE_SURVEY_RESPONSES)
def exclude(request, inspection):
    """The lead leaves a flagged batch of responses out of the results, with a reason."""
    group = request.POST.get("group", "")
    if group not in qs.GROUPS:
        messages.error(request, "Choose which survey the responses are from.")
        return redirect(reverse("surveys:results", args=[inspection.pk]) + "#flagged")
    survey = _survey_of(inspection, group)
    try:
        count = services.exclude_batch(request.user, survey, request.POST.get("batch", "")[:32], request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, f"{count} responses are left out. The results and suggestions no longer count them.")
    return redirect(reverse("surveys:results", args=[inspection.pk]) + "#flagged")


@gate.object_page("inspection", GET=C.READ_SURVEY_RESULTS)
def export_csv(request, inspection):
    response = HttpResponse(services.export_answers(request.user, inspection, "csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-answers-{inspection.area.ons_code}.csv"'
    return response


@gate.object_page("inspection", GET=C.READ_SURVEY_RESULTS)
def export_xlsx(request, inspection):
    response = HttpResponse(services.export_answers(request.user, inspection, "xlsx"),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="survey-answers-{inspection.area.ons_code}.xlsx"'
    return response
