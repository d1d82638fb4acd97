"""Every write the surveys make: permission-checked, in a transaction, audited where a person acts."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import logging
import random
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import (DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, InterfaceError, OperationalError, connection,
                       connections, transaction)
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
from areasend.surveys.queries import Window, forget_counts, window_of

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


def rate_limits(*, ip: str, survey: str, token: str = "", now: dt.datetime | None = None) -> tuple[dt.datetime, dict[str, int]]:
    """This minute, and the counters one request adds to with the most each may reach in a minute.

    Limits are per minute, kept in the database so every web process counts together. Many young people
    may answer from one school's address, so the per-address limit is generous and counted for each survey
    apart (one survey's busy school does not hold up another's); one token sending far more than a person
    could is not. ``ip`` is the client's address as ``access.client.client_address`` trusts it.
    """
    now = now or timezone.now()
    minute = now.replace(second=0, microsecond=0)
    stamp = minute.strftime("%Y%m%d%H%M")
    limits = {f"ip:{survey}:{ip}:{stamp}": getattr(settings, "AREASEND_SURVEY_RATE_PER_IP", 600)}
    if token:
        limits[f"token:{token}:{stamp}"] = getattr(settings, "AREASEND_SURVEY_RATE_PER_TOKEN", 60)
    return minute, limits


def check_rate(*, ip: str, survey: str, token: str = "", now: dt.datetime | None = None) -> None:
    """Count one request against the address on this survey and the response token; raise
    :class:`RateLimited` when over."""
    minute, limits = rate_limits(ip=ip, survey=survey, token=token, now=now)
    counts = _count(limits, minute)
    _forget_old_minutes(minute)
    if any(counts.get(key, 0) > limit for key, limit in limits.items()):
        raise RateLimited("Too many answers have been sent from here in the last minute.")


def _forget_old_minutes(minute: dt.datetime) -> None:
    if random.randrange(200) == 0:  # now and then, forget minutes long past (no secret: any randomness will do)
        RateCount.objects.filter(minute__lt=minute - dt.timedelta(minutes=5)).delete()


#: Rows one address's count for a survey is spread over on PostgreSQL. Every answer from one school's
#: address adds to that count, so as one row it would be a lock every answer from there waits on in
#: turn; spread over several rows, answers add to different rows at once and the limit reads their sum.
#: A respondent's own count is one row: one person sends one answer at a time.
ADDRESS_SHARDS = 8


def _shards(key: str) -> list[str]:
    return [f"{key}#{n}" for n in range(ADDRESS_SHARDS)] if key.startswith("ip:") else [key]


def _quoted(*names: str) -> list[str]:
    return [connection.ops.quote_name(name) for name in names]


@functools.lru_cache(maxsize=64)
def _count_sql_text(spread: tuple[int, ...], caps: tuple[int, ...]) -> str:
    """The text of the statement's first parts for keys spread over these many rows (0: one row) with these
    caps; made once for each, so that the statement is the same text each time (psycopg prepares it)."""
    table, key, count, when = _quoted(RateCount._meta.db_table, "key", "count", "minute")
    rows = ", ".join(f"(%s::text, %s::text, {int(rows)}, {int(cap)}::bigint)" for rows, cap in zip(spread, caps))
    # The other rows of a spread key are looked up one by one on the table's key, which stays quick however
    # many rows the table holds (a scan of the whole table grows with every respondent counted this minute).
    return (
        f"WITH wanted (shard, base, spread, cap) AS (VALUES {rows}), "
        f"bumped AS (INSERT INTO {table} ({key}, {when}, {count}) SELECT shard, %s, 1 FROM wanted "
        f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {key}, {count}), "
        f"counted (key, count, cap) AS (SELECT w.base, b.{count} + COALESCE((SELECT SUM((SELECT o.{count} FROM {table} o "
        f"WHERE o.{key} = w.base || '#' || other)) FROM generate_series(0, w.spread - 1) AS other "
        f"WHERE w.base || '#' || other <> w.shard), 0), w.cap FROM bumped b JOIN wanted w ON w.shard = b.{key})"
    )


def _count_sql(limits: dict[str, int], minute: dt.datetime) -> tuple[str, list]:
    """The statement's first parts, ``WITH wanted ..., bumped ..., counted (key, count, cap) AS (...)``: add
    one to each key's count for this minute (to one of an address's rows, chosen at random) and give the
    new counts beside each key's cap. A statement goes on from here with more parts or
    ``SELECT key, count FROM counted``.

    The other rows of an address are read as they stood when the statement began, so answers sent at the
    same instant may each miss the others' one: the limit can be passed by as many answers as arrive
    together, which a flood limit allows."""
    params: list = []
    spread = []
    for base in limits:
        shards = _shards(base)
        spread.append(len(shards) if len(shards) > 1 else 0)
        params += [random.choice(shards), base]  # which row takes the one: no secret in it
    return _count_sql_text(tuple(spread), tuple(limits.values())), params + [minute]


def _count(limits: dict[str, int], minute: dt.datetime) -> dict[str, int]:
    """Add one to each key's count for this minute and return the new counts, in one statement."""
    if connection.vendor == "postgresql":
        sql, params = _count_sql(limits, minute)
        sql += " SELECT key, count FROM counted"
    else:  # one writer at a time: one row a key
        table = connection.ops.quote_name(RateCount._meta.db_table)
        key, count, when = (connection.ops.quote_name(c) for c in ("key", "count", "minute"))
        sql = (f"INSERT INTO {table} ({key}, {when}, {count}) VALUES {', '.join(['(%s, %s, 1)'] * len(limits))} "
               f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {key}, {count}")
        params = [value for base in limits for value in (base, minute)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row_key: int(row_count) for row_key, row_count in cursor.fetchall()}


# Answering ----------------------------------------------------------------------------------------


def start_response(survey: Survey, *, today: dt.date, batch: str = "") -> SurveyResponse:
    if not window_of(survey, today).is_open:
        raise SurveyClosed
    return SurveyResponse.objects.create(
        survey=survey, token=secrets.token_urlsafe(24), question_set=survey.question_set, batch=batch
    )


# Defence against stuffing ---------------------------------------------------------------------------

#: Responses from one address within this long share a batch label.
BATCH_SECONDS = 60 * 60
#: How long the count of responses one address has started on one survey is kept (longer than any survey is open).
STARTED_COUNT_DAYS = 60


class TooManyResponses(Exception):
    """This address has started as many responses to this survey as one place may."""


def _scrambled(ip: str) -> str:
    """The address as a keyed hash: enough to count responses from one place, not enough to know the place."""
    import hashlib
    import hmac

    return hmac.new(settings.SECRET_KEY.encode(), f"survey-client:{ip}".encode(), hashlib.sha256).hexdigest()[:24]


def client_batch(survey_pk: int, ip: str) -> str:
    """Count one more response started from ``ip`` on this survey (refused past the cap) and give its batch label.

    The cap (``AREASEND_SURVEY_RESPONSES_PER_CLIENT``) is generous, since a whole class may answer from one
    school's address; it stops a script making responses without end. The label is random and kept in the
    shared cache for an hour, so responses from one place close together can be seen as a batch without the
    address ever being stored with them.
    """
    from django.core.cache import cache

    cap = getattr(settings, "AREASEND_SURVEY_RESPONSES_PER_CLIENT", 300)
    place = _scrambled(ip)
    key = f"started:{survey_pk}:{place}"
    # Kept in the rate-count table, whose one-statement count holds across processes; its 'minute' is when the
    # count may be forgotten, so the clean-up of old minutes leaves it alone until then.
    until = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=STARTED_COUNT_DAYS)
    started = _count({key: cap}, until)[key]
    if started > cap:
        raise TooManyResponses
    label_key = f"survey-batch:{survey_pk}:{place}"
    label = cache.get(label_key)
    if label is None:
        cache.add(label_key, secrets.token_hex(8), BATCH_SECONDS)
        label = cache.get(label_key) or secrets.token_hex(8)
    return label


def exclude_batch(actor, survey: Survey, batch: str, reason: str) -> int:
    """The lead inspector leaves a flagged batch of responses out of the results, with a reason; audited.
    The suggestions are worked out from the results each time, so they follow at once."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Enter why these responses are being left out"})
    if len(reason) > 500:
        raise ValidationError({"reason": "The reason must be 500 characters or fewer"})
    if _CONTROL_CHARACTERS.search(reason):
        raise ValidationError({"reason": "The reason includes a hidden character that cannot be saved. Type it again"})
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("inspection").get(pk=survey.pk)
        gate.check(actor, Capability.EXCLUDE_SURVEY_RESPONSES, survey.inspection,
                   message="Only the lead inspector leaves survey responses out of the results.")
        responses = SurveyResponse.objects.filter(survey=survey, batch=batch, excluded_at__isnull=True).exclude(batch="")
        count = responses.update(excluded_at=timezone.now(), excluded_by=actor, excluded_reason=reason)
        if not count:
            raise ValidationError({"reason": "Those responses are already left out, or there are none"})
        audit.record(actor, Verb.RESPONSES_EXCLUDED, inspection=survey.inspection, target=survey,
                     summary=f"Left {count} responses to the survey for {survey.audience} out of the results",
                     survey=survey.group, batch=batch, responses=count, reason=reason)
        forget_counts(survey)
        transaction.on_commit(lambda: forget_counts(survey))  # and again, in case a read counted meanwhile
    return count


#: Characters no answer may hold: control characters other than tab and the line breaks a text box sends.
#: (PostgreSQL cannot keep a NUL in text at all.)
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_answer(question: qs.Question, raw: str | None) -> str:
    """The value to keep for ``raw``, or a ValidationError with the message to show."""
    value = (raw or "").strip()
    if _CONTROL_CHARACTERS.search(value):
        raise ValidationError("Your answer includes a hidden character that cannot be saved. Delete it, or type your answer again")
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


@functools.lru_cache(maxsize=1)
def _save_by_token_text() -> str:
    answers, responses, surveys, inspections = _quoted(
        Answer._meta.db_table, SurveyResponse._meta.db_table, Survey._meta.db_table, Inspection._meta.db_table)
    return (
        f"INSERT INTO {answers} (response_id, question_id, value, saved_at) "
        f"SELECT r.id, %s, %s, %s FROM {responses} r JOIN {surveys} s ON s.id = r.survey_id "
        f"JOIN {inspections} i ON i.id = s.inspection_id "
        "WHERE r.token = %s AND r.survey_id = %s AND s.closed_early_at IS NULL "
        "AND i.notification_date = %s AND i.kind = %s AND COALESCE(i.framework, '') = %s "
        "{also} "
        "ON CONFLICT (response_id, question_id) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at"
    )


def _save_by_token_sql(facts: queries.SurveyFacts, response_token: str, question_id: str, value: str) -> tuple[str, list]:
    params = [question_id, value, timezone.now(), response_token, facts.survey_id, facts.notified, facts.kind,
              facts.framework]
    return _save_by_token_text(), params


def save_answer_by_token(facts: queries.SurveyFacts, response_token: str, question_id: str, value: str, *,
                         completes: bool = False) -> bool:
    """Keep one already-checked answer in one statement: found by the response's token, kept once per
    question, and refused (False) when there is no such response, the survey was closed early, or the
    inspection's dates no longer follow from ``facts``. With ``completes`` (the last question) the
    response is marked complete too, together with the answer."""
    sql, params = _save_by_token_sql(facts, response_token, question_id, value)
    with transaction.atomic() if completes else contextlib.nullcontext(), connection.cursor() as cursor:
        cursor.execute(sql.replace("{also}", ""), params)
        saved = cursor.rowcount == 1
        if saved and completes:
            SurveyResponse.objects.filter(token=response_token, survey_id=facts.survey_id, completed_at__isnull=True) \
                .update(completed_at=timezone.now())
    return saved


def count_and_save_by_token(facts: queries.SurveyFacts, response_token: str, question_id: str, value: str, *,
                            ip: str, survey: str, completes: bool = False) -> tuple[bool, bool]:
    """Count the request against the rate limits and keep the answer unless over them: (limited, saved).
    With ``completes`` (the last question) a kept answer also marks the response complete.

    On PostgreSQL this is one statement (the count's new values feed the insert), so the quick path
    of an answer costs one round trip; elsewhere it is the count and then the save.
    """
    minute, limits = rate_limits(ip=ip, survey=survey, token=response_token)
    if connection.vendor != "postgresql":
        try:
            check_rate(ip=ip, survey=survey, token=response_token)
        except RateLimited:
            return True, False
        return False, save_answer_by_token(facts, response_token, question_id, value, completes=completes)
    count_sql, count_params = _count_sql(limits, minute)
    save_sql, save_params = _save_by_token_sql(facts, response_token, question_id, value)
    limited, saved = _run_prepared(_count_and_save_text(count_sql, save_sql, completes),
                                   count_params + save_params + ([timezone.now()] if completes else []))
    _forget_old_minutes(minute)
    return bool(limited), saved == 1


@functools.lru_cache(maxsize=64)
def _count_and_save_text(count_sql: str, save_sql: str, completes: bool) -> str:
    responses = connection.ops.quote_name(SurveyResponse._meta.db_table)
    # Every part that changes rows runs, whether or not the last part reads it (PostgreSQL's rule).
    completed = (f", completed AS (UPDATE {responses} SET completed_at = %s WHERE id IN (SELECT response_id FROM saved) "
                 "AND completed_at IS NULL)") if completes else ""
    return (
        f"{count_sql}, "
        "over AS (SELECT EXISTS (SELECT 1 FROM counted WHERE count > cap) AS limited), "
        f"saved AS ({save_sql.replace('{also}', 'AND NOT (SELECT limited FROM over)')} RETURNING response_id)"
        f"{completed} SELECT (SELECT limited FROM over), (SELECT COUNT(*) FROM saved)"
    )


def _run_prepared(sql: str, params: list) -> tuple:
    """Run one statement on the request's PostgreSQL connection with its values sent apart from its text,
    and give its one row.

    Django's own cursors write the values into the text, so PostgreSQL parses and plans every statement
    afresh: for the answer's statement that is about half a millisecond of the database's time, more than
    running it. With the values apart, psycopg prepares a statement once it has run a few times on a
    connection (``prepare_threshold``), and a persistent connection (``areasend serve``) keeps the plan.
    ``AREASEND_DB_PREPARE_THRESHOLD`` (settings) turns preparing off behind a pooler.

    Django checks a kept connection before its first statement in each request (``SELECT 1``: a round
    trip of its own). Here the statement itself is the check: if a kept connection turns out to be
    broken (the database restarted since the last request), it is dropped and the statement is run once
    more on a new connection. That is safe for the answer's statement: run twice, it keeps the same
    answer once and adds one more to the flood counts. Errors are translated and queries logged as
    Django does for its own cursors."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    database = connections[DEFAULT_DB_ALIAS]  # once: each look through ``connection`` costs a few microseconds
    unchecked = (database.connection is not None and database.health_check_enabled
                 and not database.health_check_done and not database.in_atomic_block)
    for last_try in ((False, True) if unchecked else (True,)):
        database.ensure_connection()
        try:
            with database.wrap_database_errors:
                cursor = database._prepare_cursor(ServerBindingCursor(database.connection))
            with cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
        except (OperationalError, InterfaceError):
            if last_try:
                raise
            database.close()  # a broken kept connection: the next try connects afresh
            continue
        database.health_check_done = True  # the connection answered: no later statement checks it again
        return row
    raise AssertionError("unreachable")  # pragma: no cover - the last try returns or raises


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
    facts: str = ""  # the survey's facts for the device's cookie (queries.SurveyFacts.text)


def answer(*, public_token: str, response_token: str | None, question_id: str, raw_answer: str | None,
           ip: str, today: dt.date, facts: str = "") -> Outcome:
    """Keep one answer sent from a device, or say why not.

    Most answers take the quick path: the facts of the survey come with the device (``facts``, from
    its signed cookie) or from the shared cache, and one statement counts the request against the
    rate limits and keeps the answer (and, on the last question, marks the response complete). Anything
    else (no response yet, an answer to explain, a closed survey, facts gone stale) takes the full path, which loads the survey and
    the response and says what happened.
    """
    try:
        counted, limited = False, False
        if response_token is not None:
            quick = _answer_quickly(public_token, response_token, question_id, raw_answer, today, ip, facts)
            if isinstance(quick, Outcome):
                return quick
            counted, limited = quick is not None, bool(quick)
        if not counted:
            try:
                check_rate(ip=ip, survey=public_token, token=response_token or "")
            except RateLimited:
                limited = True
        return _answer_fully(public_token, response_token, question_id, raw_answer, today, limited=limited, ip=ip)
    except DatabaseError as exc:
        log.error("Could not save a survey answer (%s)", exc.__class__.__name__)
        return Outcome(Result.NOT_SAVED, public_token)


def _answer_quickly(public_token, response_token, question_id, raw_answer, today, ip, facts_text) -> Outcome | bool | None:
    """A device with its response, a valid answer to one of its questions, on a day the survey is open. The statement that keeps it also refuses it if the lead has closed the survey early or
    the inspection's dates have moved. Returns the Outcome when kept; otherwise whether the request
    was over the rate limits (True or False) once it has been counted, or None when it was not."""
    facts = queries.SurveyFacts.from_text(facts_text) if facts_text else None
    if facts is None:
        facts = queries.survey_facts(public_token)
    if facts is None:
        return None
    question_set = qs.question_set(facts.question_set)
    item = question_set.question(question_id)
    if item is None or not facts.open_on(today):
        return None
    last = item.id == question_set.questions[-1].id
    try:
        value = clean_answer(item, raw_answer)
    except ValidationError:
        return None
    if not value:
        return None
    limited, saved = count_and_save_by_token(facts, response_token, item.id, value, ip=ip, survey=public_token,
                                             completes=last)
    if not saved:
        return limited
    following = None if last else question_set.questions[question_set.index_of(item.id) + 1].id
    return Outcome(Result.SAVED, public_token, next_question_id=following, facts=facts.text())


def _answer_fully(public_token, response_token, question_id, raw_answer, today, *, limited: bool, ip: str = "") -> Outcome:
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
            try:
                batch = client_batch(survey.pk, ip)
            except TooManyResponses:
                return Outcome(Result.LIMITED, public_token, **found)
            current = start_response(survey, today=today, batch=batch)
            new_token = current.token
        save_answer(current, item, value, today=today)
    except SurveyClosed:
        return Outcome(Result.CLOSED, public_token, **found)
    except DatabaseError as exc:
        log.error("Could not save a survey answer (%s)", exc.__class__.__name__)
        return Outcome(Result.NOT_SAVED, public_token, **found)
    index = question_set.index_of(item.id)
    following = question_set.questions[index + 1].id if index + 1 < len(question_set.questions) else None
    return Outcome(Result.SAVED, public_token, next_question_id=following, new_response_token=new_token,
                   facts=queries.facts_of(survey).text(), **found)


def begin(*, public_token: str, ip: str, today: dt.date) -> Outcome:
    """Start a response from a device: SAVED with its new token and the first question, or why not."""
    survey = window = None
    try:
        survey = queries.public_survey(public_token)
        window = window_of(survey, today)
        if not window.is_open:
            return Outcome(Result.CLOSED, public_token, survey=survey, window=window)
        try:
            check_rate(ip=ip, survey=public_token)
            batch = client_batch(survey.pk, ip)
        except (RateLimited, TooManyResponses):
            return Outcome(Result.LIMITED, public_token, survey=survey, window=window)
        started = start_response(survey, today=today, batch=batch)
    except SurveyClosed:
        return Outcome(Result.CLOSED, public_token, survey=survey, window=window)
    except DatabaseError as exc:
        log.error("Could not start a survey response (%s)", exc.__class__.__name__)
        return Outcome(Result.NOT_SAVED, public_token, survey=survey, window=window)
    first = qs.question_set(survey.question_set).questions[0]
    return Outcome(Result.SAVED, public_token, next_question_id=first.id, new_response_token=started.token,
                   facts=queries.facts_of(survey).text(), survey=survey, window=window)


@transaction.atomic
def enter_paper_response(actor, survey: Survey, values: dict[str, str], *, today: dt.date,
                         submission_key: str | None = None) -> SurveyResponse:
    """The LANO types in one paper questionnaire: every answer saved together, marked as paper.

    ``submission_key`` comes with the form: the same form sent twice (a double click, a resend after a slow
    answer) keeps one response, and the second sending returns it with ``duplicate`` set."""
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
    key = (submission_key or "").strip()[:64] or None
    if key is not None:
        # Waits for a first sending of the same form still being saved, then finds it.
        existing = SurveyResponse.objects.select_for_update().filter(submission_key=key, survey=survey).first()
        if existing is not None:
            existing.duplicate = True
            return existing
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey,
                token=secrets.token_urlsafe(24),
                question_set=survey.question_set,
                source=SurveyResponse.Source.PAPER,
                entered_by=actor,
                completed_at=timezone.now(),
                submission_key=key,
            )
    except IntegrityError:
        existing = SurveyResponse.objects.get(submission_key=key)
        existing.duplicate = True
        return existing
    response.duplicate = False
    Answer.objects.bulk_create(Answer(response=response, question_id=k, value=v) for k, v in cleaned.items())
    audit.record(actor, Verb.PAPER_RESPONSE_ENTERED, inspection=survey.inspection, target=response,
                 summary=f"Typed in a paper response to the survey for {survey.audience}", survey=survey.group,
                 answers=len(cleaned))
    forget_counts(survey)
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


# Retention ----------------------------------------------------------------------------------------

ANONYMISED_TOKEN_PREFIX = "anonymised-"


@transaction.atomic
def anonymise_answers(inspection_ids) -> dict[str, int]:
    """For the retention schedule: delete the written answers of these inspections' surveys and unlink every
    response from the device that sent it (and from whoever typed it in). Running it again changes nothing."""
    responses = SurveyResponse.objects.filter(survey__inspection_id__in=list(inspection_ids))
    written = 0
    for question_set_id in set(responses.values_list("question_set", flat=True)):
        free_text = [q.id for q in qs.question_set(question_set_id).questions if q.is_free_text]
        deleted, _ = Answer.objects.filter(response__in=responses.filter(question_set=question_set_id),
                                           question_id__in=free_text).delete()
        written += deleted
    linked = responses.exclude(token__startswith=ANONYMISED_TOKEN_PREFIX)
    unlinked = 0
    for response in linked.only("pk"):
        SurveyResponse.objects.filter(pk=response.pk).update(
            token=ANONYMISED_TOKEN_PREFIX + secrets.token_urlsafe(24), entered_by=None)
        unlinked += 1
    return {"written_answers_deleted": written, "responses_unlinked": unlinked}
