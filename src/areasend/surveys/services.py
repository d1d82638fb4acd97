"""Every write the surveys make: permission-checked, in a transaction, audited where a person acts."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from areasend import framework
from areasend.access import gate
from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.evidence import services as evidence
from areasend.inspections.queries import Inspection
from areasend.surveys import questions as qs
from areasend.surveys.models import Answer, AnswerTag, RateCount, Recording, SuggestionDecision, Survey, SurveyResponse
from areasend.surveys import queries
from areasend.surveys.queries import Window, window_of

log = logging.getLogger(__name__)
MAX_FREE_TEXT = 5000
MAX_RECORDING_BYTES = 5 * 1024 * 1024


class SurveyClosed(Exception):
    """The survey is not open, so nothing sent to it is kept."""


class RateLimited(Exception):
    """Too many answers from one place in a short time."""


def ensure_surveys(inspection: Inspection) -> list[Survey]:
    """The inspection's three surveys, made with the current question sets the first time they are asked for."""
    existing = {s.group: s for s in inspection.surveys.all()}
    for group in qs.GROUPS:
        if group not in existing:
            with transaction.atomic():
                survey, _ = Survey.objects.get_or_create(
                    inspection=inspection,
                    group=group,
                    defaults={"question_set": qs.CURRENT[group], "public_token": secrets.token_urlsafe(12)},
                )
            existing[group] = survey
    return [existing[g] for g in qs.GROUPS]


# Rate limits --------------------------------------------------------------------------------------


def check_rate(*, ip: str, token: str = "", now: dt.datetime | None = None) -> None:
    """Count one request against the address and the response token; raise :class:`RateLimited` when over.

    Limits are per minute. Many young people may answer from one school's address, so the
    per-address limit is generous; one token sending far more than a person could is not.
    """
    now = now or timezone.now()
    minute = now.replace(second=0, microsecond=0)
    stamp = minute.strftime("%Y%m%d%H%M")
    limits = {f"ip:{ip}:{stamp}": getattr(settings, "AREASEND_SURVEY_RATE_PER_IP", 600)}
    if token:
        limits[f"token:{token}:{stamp}"] = getattr(settings, "AREASEND_SURVEY_RATE_PER_TOKEN", 60)
    counts = _count(limits, minute)
    if any(counts.get(key, 0) > limit for key, limit in limits.items()):
        raise RateLimited("Too many answers have been sent from here in the last minute.")
    if secrets.randbelow(200) == 0:  # now and then, forget minutes long past
        RateCount.objects.filter(minute__lt=minute - dt.timedelta(minutes=5)).delete()


def _count(limits: dict[str, int], minute: dt.datetime) -> dict[str, int]:
    """Add one to each key's count for this minute and return the new counts, in one statement."""
    table = connection.ops.quote_name(RateCount._meta.db_table)
    rows = ", ".join(["(%s, %s, 1)"] * len(limits))
    params: list = []
    for key in limits:
        params += [key, minute]
    key, count, when = (connection.ops.quote_name(c) for c in ("key", "count", "minute"))
    sql = (f"INSERT INTO {table} ({key}, {when}, {count}) VALUES {rows} "
           f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {key}, {count}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


# Answering ----------------------------------------------------------------------------------------


def start_response(survey: Survey, *, today: dt.date) -> SurveyResponse:
    if not window_of(survey, today).is_open:
        raise SurveyClosed
    return SurveyResponse.objects.create(
        survey=survey, token=secrets.token_urlsafe(24), question_set=survey.question_set
    )


def clean_answer(question: qs.Question, raw: str | None) -> str:
    """The value to keep for ``raw``, or a ValidationError with the message to show."""
    value = (raw or "").strip()
    if question.is_free_text:
        if len(value) > MAX_FREE_TEXT:
            raise ValidationError(f"Your answer must be {MAX_FREE_TEXT} characters or fewer")
        return value
    if not value:
        raise ValidationError("Choose one answer")
    if question.option(value) is None:
        raise ValidationError("Choose one of the answers shown")
    return value


def _upsert_answer(response_id: int, question_id: str, value: str, now) -> None:
    """One statement that keeps one answer per question: the hot path of every answer sent.

    The ORM's bulk_create(update_conflicts=True) says the same but wraps it in a transaction of its
    own, which costs two more round trips to the database on each answer. SQLite and PostgreSQL
    both take this form.
    """
    table = connection.ops.quote_name(Answer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (response_id, question_id, value, saved_at) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (response_id, question_id) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at",
            [response_id, question_id, value, now],
        )


def save_answer_by_token(survey_id: int, response_token: str, question_id: str, value: str) -> bool:
    """Keep one already-checked answer in one statement: found by the response's token, kept once per
    question, and refused (False) when there is no such response or the survey was closed early."""
    answers = connection.ops.quote_name(Answer._meta.db_table)
    responses = connection.ops.quote_name(SurveyResponse._meta.db_table)
    surveys = connection.ops.quote_name(Survey._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {answers} (response_id, question_id, value, saved_at) "
            f"SELECT r.id, %s, %s, %s FROM {responses} r JOIN {surveys} s ON s.id = r.survey_id "
            "WHERE r.token = %s AND r.survey_id = %s AND s.closed_early_at IS NULL "
            "ON CONFLICT (response_id, question_id) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at",
            [question_id, value, timezone.now(), response_token, survey_id],
        )
        return cursor.rowcount == 1


def save_answer(survey_response: SurveyResponse, question: qs.Question, value: str, *, today: dt.date) -> Answer | None:
    """Keep one answer. Sending the same question twice keeps one answer (the later one).

    An empty optional free-text answer is not stored. Nothing is kept once the survey has closed.
    """
    survey = survey_response.survey
    if not window_of(survey, today).is_open:
        raise SurveyClosed
    value = clean_answer(question, value)
    last = qs.question_set(survey_response.question_set).questions[-1]
    completes = question.id == last.id and survey_response.completed_at is None
    # One statement is atomic on its own; the last answer also marks the response complete, together.
    with transaction.atomic() if completes else contextlib.nullcontext():
        if not value:
            Answer.objects.filter(response=survey_response, question_id=question.id).delete()
            answer = None
        else:
            now = timezone.now()
            _upsert_answer(survey_response.pk, question.id, value, now)
            answer = Answer(response=survey_response, question_id=question.id, value=value, saved_at=now)
        if completes:
            SurveyResponse.objects.filter(pk=survey_response.pk, completed_at__isnull=True).update(completed_at=timezone.now())
    return answer


# One answer sent, or one response started, from a public page -------------------------------------


class Result(enum.Enum):
    SAVED = "saved"  # kept (or a response started): go on to next_question_id, or to the end when it is None
    CLOSED = "closed"  # the survey is not open, so what was sent is not kept
    LIMITED = "limited"  # too many sent from here in the last minute; nothing kept yet
    INVALID = "invalid"  # the answer cannot be kept as it is: message says why
    NOT_SAVED = "not saved"  # the database failed; survey is None when it failed before the survey was found
    NO_SUCH_QUESTION = "no such question"  # (no such survey is Http404 from queries.public_survey, as on every page)


@dataclass(frozen=True)
class Outcome:
    """What became of something sent to a survey, and what the page needs to say so."""

    result: Result
    public_token: str
    next_question_id: str | None = None
    new_response_token: str | None = None  # a response was started: the device should remember it
    message: str = ""
    survey: Survey | None = None
    question: qs.Question | None = None
    window: Window | None = None


def answer(*, public_token: str, response_token: str | None, question_id: str, raw_answer: str | None,
           ip: str, today: dt.date) -> Outcome:
    """Keep one answer sent from a device, or say why not.

    Most answers take the quick path: one cached look-up of the survey and one statement that keeps
    the answer. Anything else (no response yet, the last question, an answer to explain, a closed
    survey) takes the full path, which loads the survey and the response and says what happened.
    """
    try:
        try:
            check_rate(ip=ip, token=response_token or "")
        except RateLimited:
            limited = True
        else:
            limited = False
            quick = _answer_quickly(public_token, response_token, question_id, raw_answer, today)
            if quick is not None:
                return quick
        return _answer_fully(public_token, response_token, question_id, raw_answer, today, limited=limited)
    except DatabaseError:
        log.exception("Could not save a survey answer")
        return Outcome(Result.NOT_SAVED, public_token)


def _answer_quickly(public_token, response_token, question_id, raw_answer, today) -> Outcome | None:
    """A device with its response, a valid answer to a question before the last, on a day the survey
    is open. The statement that keeps it also refuses it if the lead has closed the survey early.
    Anything else returns None for the full path."""
    if response_token is None:
        return None
    facts = queries.survey_facts(public_token)
    if facts is None:
        return None
    question_set = qs.question_set(facts.question_set)
    item = question_set.question(question_id)
    if item is None or item.id == question_set.questions[-1].id or not facts.open_on(today):
        return None
    try:
        value = clean_answer(item, raw_answer)
    except ValidationError:
        return None
    if not value or not save_answer_by_token(facts.survey_id, response_token, item.id, value):
        return None
    following = question_set.questions[question_set.index_of(item.id) + 1]
    return Outcome(Result.SAVED, public_token, next_question_id=following.id)


def _answer_fully(public_token, response_token, question_id, raw_answer, today, *, limited: bool) -> Outcome:
    survey, current = queries.survey_and_response(public_token, response_token)
    question_set = qs.question_set(survey.question_set)
    item = question_set.question(question_id)
    if item is None:
        return Outcome(Result.NO_SUCH_QUESTION, public_token)
    window = window_of(survey, today)
    found = {"survey": survey, "question": item, "window": window}
    if not window.is_open:
        return Outcome(Result.CLOSED, public_token, **found)
    if limited:
        return Outcome(Result.LIMITED, public_token, **found)
    try:
        value = clean_answer(item, raw_answer)
    except ValidationError as exc:
        return Outcome(Result.INVALID, public_token, message=exc.messages[0], **found)
    new_token = None
    try:
        if current is None:
            # The cookie was lost or never set (a link straight to a question): start afresh.
            current = start_response(survey, today=today)
            new_token = current.token
        save_answer(current, item, value, today=today)
    except SurveyClosed:
        return Outcome(Result.CLOSED, public_token, **found)
    except DatabaseError:
        log.exception("Could not save a survey answer")
        return Outcome(Result.NOT_SAVED, public_token, **found)
    index = question_set.index_of(item.id)
    following = question_set.questions[index + 1].id if index + 1 < len(question_set.questions) else None
    return Outcome(Result.SAVED, public_token, next_question_id=following, new_response_token=new_token, **found)


def begin(*, public_token: str, ip: str, today: dt.date) -> Outcome:
    """Start a response from a device: SAVED with its new token and the first question, or why not."""
    survey = window = None
    try:
        survey = queries.public_survey(public_token)
        window = window_of(survey, today)
        if not window.is_open:
            return Outcome(Result.CLOSED, public_token, survey=survey, window=window)
        try:
            check_rate(ip=ip)
        except RateLimited:
            return Outcome(Result.LIMITED, public_token, survey=survey, window=window)
        started = start_response(survey, today=today)
    except SurveyClosed:
        return Outcome(Result.CLOSED, public_token, survey=survey, window=window)
    except DatabaseError:
        log.exception("Could not start a survey response")
        return Outcome(Result.NOT_SAVED, public_token, survey=survey, window=window)
    first = qs.question_set(survey.question_set).questions[0]
    return Outcome(Result.SAVED, public_token, next_question_id=first.id, new_response_token=started.token,
                   survey=survey, window=window)


@transaction.atomic
def enter_paper_response(actor, survey: Survey, values: dict[str, str], *, today: dt.date) -> SurveyResponse:
    """The LANO types in one paper questionnaire: every answer saved together, marked as paper."""
    survey = Survey.objects.select_related("inspection").get(pk=survey.pk)  # the LANO as it stands now
    if not gate.can(actor, Capability.ENTER_PAPER_ANSWERS, survey.inspection):
        raise PermissionDenied("Only the local area's nominated officer types in paper answers.")
    window = window_of(survey, today)
    if window.state in {"not set", "not open yet"}:
        raise ValidationError("Paper answers can be typed in once the survey has opened.")
    question_set = qs.question_set(survey.question_set)
    cleaned = {}
    errors = {}
    for question in question_set.questions:
        raw = values.get(question.id, "")
        if not raw and (question.optional or not question.is_free_text):
            continue  # a question left blank on paper stays blank
        try:
            cleaned[question.id] = clean_answer(question, raw)
        except ValidationError as exc:
            errors[question.id] = exc.messages
    if errors:
        raise ValidationError(errors)
    cleaned = {k: v for k, v in cleaned.items() if v}
    if not cleaned:
        raise ValidationError("Type in at least one answer from the paper questionnaire.")
    response = SurveyResponse.objects.create(
        survey=survey,
        token=secrets.token_urlsafe(24),
        question_set=survey.question_set,
        source=SurveyResponse.Source.PAPER,
        entered_by=actor,
        completed_at=timezone.now(),
    )
    Answer.objects.bulk_create(Answer(response=response, question_id=k, value=v) for k, v in cleaned.items())
    audit.record(actor, Verb.PAPER_RESPONSE_ENTERED, inspection=survey.inspection, target=response,
                 summary=f"Typed in a paper response to the survey for {survey.audience}", survey=survey.group,
                 answers=len(cleaned))
    return response


# The team's actions -------------------------------------------------------------------------------


@transaction.atomic
def close_early(actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().select_related("inspection").get(pk=survey.pk)
    gate.check(actor, Capability.CLOSE_SURVEY, survey.inspection, message="Only the lead inspector can close a survey early.")
    if survey.closed_early_at is None:
        survey.closed_early_at = timezone.now()
        survey.closed_early_by = actor
        survey.save(update_fields=["closed_early_at", "closed_early_by"])
        audit.record(actor, Verb.SURVEY_CLOSED, inspection=survey.inspection, target=survey,
                     summary=f"Closed the survey for {survey.audience} early", survey=survey.group,
                     changed=audit.changes(closed_early_at=(None, survey.closed_early_at)))
    return survey


@transaction.atomic
def set_tags(actor, answer: Answer, criteria: list[str]) -> None:
    inspection = answer.response.survey.inspection
    gate.check(actor, Capability.TAG_SURVEY_ANSWERS, inspection, message="Only the inspection team reads and tags survey answers.")
    wanted = set()
    for item in criteria:
        try:
            wanted.add(framework.criterion(item).id)
        except framework.FrameworkError as exc:
            raise ValidationError(str(exc)) from None
    if any(not c[0] in "IL" for c in wanted):
        raise ValidationError("Tag against the 2023 criteria, I1 to I5 and L1 to L6.")
    before = set(answer.tags.values_list("criterion", flat=True))
    answer.tags.exclude(criterion__in=wanted).delete()
    have = before & wanted
    AnswerTag.objects.bulk_create(AnswerTag(answer=answer, criterion=c, tagged_by=actor) for c in sorted(wanted - have))
    audit.record(actor, Verb.ANSWER_TAGGED, inspection=inspection, target=answer,
                 summary=f"Tagged a survey answer: {', '.join(sorted(wanted)) or 'no criteria'}",
                 changed=audit.changes(criteria=(sorted(before), sorted(wanted))))


@transaction.atomic
def decide_suggestion(actor, survey: Survey, question_id: str, status: str) -> SuggestionDecision:
    gate.check(actor, Capability.DECIDE_SUGGESTIONS, survey.inspection,
               message="Only the lead inspector accepts or rejects a suggested line of enquiry.")
    if status not in SuggestionDecision.Status.values:
        raise ValidationError("Choose whether to accept or reject the suggestion.")
    question = qs.question_set(survey.question_set).question(question_id)
    if question is None:
        raise ValidationError("There is no such question in this survey.")
    previous = SuggestionDecision.objects.filter(survey=survey, question_id=question_id).values_list("status", flat=True).first()
    decision, _ = SuggestionDecision.objects.update_or_create(
        survey=survey,
        question_id=question_id,
        defaults={"status": status, "decided_by": actor, "decided_at": timezone.now()},
    )
    audit.record(actor, Verb.SUGGESTION_DECIDED, inspection=survey.inspection, target=decision,
                 summary=f"{decision.get_status_display()} a suggested line of enquiry on {question_id}",
                 question=question_id, changed=audit.changes(status=(previous, status)))
    if status == SuggestionDecision.Status.ACCEPTED:
        # An accepted suggestion becomes one of the team's lines of enquiry (once, however often accepted).
        evidence.line_from_survey_suggestion(
            actor, survey.inspection, origin_key=f"survey:{survey.pk}:{question_id}",
            title=f"What {survey.audience} said about: {question.text}"[:300],
            description=f"Suggested by the {survey.audience} survey's answers.",
            criteria=[c for c in question.criteria if c[:1] in "IL"],
        )
    return decision


AUDIO_SIGNATURES = (
    ("audio/wav", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WAVE"),
    ("audio/mpeg", lambda b: b[:3] == b"ID3" or (len(b) > 1 and b[0] == 0xFF and (b[1] & 0xE0) == 0xE0)),
    ("audio/ogg", lambda b: b[:4] == b"OggS"),
    ("audio/mp4", lambda b: b[4:8] == b"ftyp"),
)


def audio_type(data: bytes) -> str | None:
    """The audio type the bytes themselves show (WAV, MP3, Ogg or MP4 audio), whatever the file is called."""
    for content_type, matches in AUDIO_SIGNATURES:
        if len(data) >= 12 and matches(data):
            return content_type
    return None


@transaction.atomic
def upload_recording(actor, survey: Survey, question_id: str, data: bytes) -> Recording:
    gate.check(actor, Capability.MANAGE_RECORDINGS, survey.inspection, message="Only the lead inspector adds recordings.")
    if qs.question_set(survey.question_set).question(question_id) is None:
        raise ValidationError({"question": "Choose a question from this survey."})
    if not data:
        raise ValidationError({"recording": "Choose a recording to upload"})
    if len(data) > MAX_RECORDING_BYTES:
        raise ValidationError({"recording": "The recording must be smaller than 5 MB"})
    content_type = audio_type(data)
    if content_type is None:
        raise ValidationError({"recording": "The file must be a WAV, MP3, Ogg or M4A sound recording"})
    recording, _ = Recording.objects.update_or_create(
        survey=survey, question_id=question_id,
        defaults={"content_type": content_type, "data": data, "uploaded_by": actor},
    )
    audit.record(actor, Verb.RECORDING_ADDED, inspection=survey.inspection, target=recording,
                 summary=f"Added a recording of question {question_id}", question=question_id, size=len(data))
    return recording


# Reading and taking away --------------------------------------------------------------------------


def record_results_read(actor, inspection) -> None:
    audit.record_view(actor, "the survey results", inspection=inspection)


def export_answers(actor, inspection, file_format: str) -> bytes:
    """Every answer of the inspection's surveys as CSV or XLSX; the export is recorded."""
    from areasend.surveys import documents

    gate.check(actor, Capability.READ_SURVEY_RESULTS, inspection, message="Only the inspection team reads survey answers.")
    data = documents.export_csv(inspection) if file_format == "csv" else documents.export_xlsx(inspection)
    rows = Answer.objects.filter(response__survey__inspection=inspection).count()
    audit.record_export(actor, "the survey answers", file_format=file_format, rows=rows, inspection=inspection)
    return data.encode("utf-8") if isinstance(data, str) else data


def easy_read_document(actor, survey: Survey) -> bytes:
    from areasend.surveys import documents

    gate.check(actor, Capability.SHARE_SURVEYS, survey.inspection, message="Only the team and the local area share surveys.")
    data = documents.word_version(survey, qs.question_set(survey.question_set))
    audit.record_download(actor, f"the Word version of the survey for {survey.audience}", file_format="docx",
                          inspection=survey.inspection, target=survey, survey=survey.group)
    return data
