"""Reads of surveys that views share: the open window (from the core), results and suggestions."""

from __future__ import annotations

import re

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass

from django.http import Http404

from areasend.inspections.queries import Inspection
from areasend.surveys import documents
from areasend.surveys import questions as qs
from areasend.surveys.models import Answer, Recording, SuggestionDecision, Survey, SurveyResponse

#: A question is suggested as a line of enquiry when at least this share of the people who gave
#: a view (leaving out "don't know") chose its negative answer...
NEGATIVE_SHARE_THRESHOLD = 0.4
#: ...and at least this many people gave a view, so one or two answers do not raise it.
MINIMUM_VIEWS = 5


@dataclass(frozen=True)
class Window:
    state: str  # "not set", "not open yet", "open", "closed", "closed early"
    opens: dt.date | None
    closes: dt.date | None

    @property
    def is_open(self) -> bool:
        return self.state == "open"

    @property
    def description(self) -> str:
        if self.state == "not set":
            return "The survey dates are set when the notification date is recorded."
        if self.state == "not open yet":
            return f"Opens on {_day(self.opens)} and closes at the end of {_day(self.closes)}."
        if self.state == "open":
            return f"Open now. Closes at the end of {_day(self.closes)}."
        if self.state == "closed early":
            return "Closed early by the lead inspector."
        return f"Closed at the end of {_day(self.closes)}."


def _day(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


@functools.lru_cache(maxsize=1024)
def _survey_dates(notified: dt.date, kind: str, framework_id: str) -> tuple[dt.date | None, dt.date | None]:
    """The core's surveys_open and surveys_close for these inputs. The core is pure, so the answer is kept:
    working out a whole timeline costs milliseconds, and every answer a person sends asks for it."""
    from areasend import framework

    timeline = framework.inspection_timeline(
        notified=notified, kind=kind, version=framework.get_version(framework_id) if framework_id else None
    )
    if "surveys_open" not in timeline.keys():
        return None, None
    return timeline.date("surveys_open"), timeline.date("surveys_close")


def survey_dates(inspection: Inspection) -> tuple[dt.date | None, dt.date | None]:
    if inspection.notification_date is None:
        return None, None
    return _survey_dates(inspection.notification_date, inspection.kind, inspection.framework or "")


@dataclass(frozen=True)
class SurveyFacts:
    """What an answer needs to know about its survey: its id, its question set, and what the core's
    survey dates follow from (the inspection's notification date, kind and framework). The statement
    that keeps a quick answer checks the last three against the inspection, so facts gone stale are
    refused rather than trusted."""

    survey_id: int
    question_set: str
    notified: dt.date | None
    kind: str
    framework: str

    @property
    def opens(self) -> dt.date | None:
        return _survey_dates(self.notified, self.kind, self.framework)[0] if self.notified else None

    @property
    def closes(self) -> dt.date | None:
        return _survey_dates(self.notified, self.kind, self.framework)[1] if self.notified else None

    def open_on(self, today: dt.date) -> bool:
        opens, closes = self.opens, self.closes
        return opens is not None and opens <= today <= closes

    def text(self) -> str:
        """The facts as one line, kept beside the response token in the device's signed cookie."""
        notified = self.notified.isoformat() if self.notified else ""
        return "|".join([str(self.survey_id), self.question_set, notified, self.kind, self.framework])

    @classmethod
    def from_text(cls, text: str) -> SurveyFacts | None:
        """The facts ``text`` gave, or None when it is not such a line (an older cookie)."""
        parts = text.split("|")
        if len(parts) != 5:
            return None
        survey_id, question_set, notified, kind, framework_id = parts
        try:
            return cls(int(survey_id), question_set, dt.date.fromisoformat(notified) if notified else None,
                       kind, framework_id)
        except ValueError:
            return None


def facts_of(survey: Survey) -> SurveyFacts:
    inspection = survey.inspection
    return SurveyFacts(survey.pk, survey.question_set, inspection.notification_date, inspection.kind,
                       inspection.framework or "")


#: How long the facts of a survey are kept in the shared cache between answers from devices that
#: do not carry them. An early close is not among them: the statement that keeps an answer checks
#: it every time, and the inspection facts the dates follow from.
FACTS_SECONDS = 30


def survey_facts(public_token: str) -> SurveyFacts | None:
    """The facts of the survey with ``public_token``, kept for a short while in the shared cache."""
    from django.core.cache import cache

    if not _PUBLIC_TOKEN.match(public_token or ""):
        return None
    key = f"survey-facts:v2:{public_token}"
    facts = cache.get(key)
    if facts is None:
        survey = Survey.objects.select_related("inspection").filter(public_token=public_token).order_by().first()
        if survey is None:
            return None
        facts = facts_of(survey)
        cache.set(key, facts, FACTS_SECONDS)
    return facts


def window_of(survey: Survey, today: dt.date) -> Window:
    """When ``survey`` is open: the core's surveys_open to surveys_close, unless the lead closed it early."""
    opens, closes = survey_dates(survey.inspection)
    if survey.closed_early_at is not None:
        return Window("closed early", opens, closes)
    if opens is None:
        return Window("not set", None, None)
    if today < opens:
        return Window("not open yet", opens, closes)
    if today > closes:
        return Window("closed", opens, closes)
    return Window("open", opens, closes)


#: What a survey's public token can be (``secrets.token_urlsafe``): anything else names no survey.
_PUBLIC_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def public_survey(public_token: str) -> Survey:
    if not _PUBLIC_TOKEN.match(public_token or ""):
        raise Http404("No survey here")
    try:
        return Survey.objects.select_related("inspection__area").get(public_token=public_token)
    except Survey.DoesNotExist:
        raise Http404("No survey here") from None


def device_response(survey: Survey, response_token: str | None) -> SurveyResponse | None:
    """The response a device remembers the token of, when it is a response to ``survey``."""
    if response_token is None:
        return None
    found = SurveyResponse.objects.filter(token=response_token, survey=survey).first()
    if found is not None:
        found.survey = survey
    return found


def survey_and_response(public_token: str, response_token: str | None) -> tuple[Survey, SurveyResponse | None]:
    """The survey and the device's response to it (in one query when it has one); Http404 when there is no survey."""
    if response_token is not None:
        found = response_with_survey(public_token, response_token)
        if found is not None:
            return found.survey, found
    return public_survey(public_token), None


def recording_of(survey: Survey, question_id: str) -> Recording | None:
    """The lead's recording of a question, which plays instead of the computer voice."""
    return Recording.objects.filter(survey=survey, question_id=question_id).first()


def audio_available(survey: Survey, question_set: qs.QuestionSet, question: qs.Question) -> bool:
    """Whether an easy-read question can be listened to: a recording of it, or the computer voice."""
    if not question_set.easy_read:
        return False
    return documents.speech_available() or Recording.objects.filter(survey=survey, question_id=question.id).exists()


def _in_model_order(model, names: set[str]) -> tuple[str, ...]:
    # Model.from_db() takes the values of a subset of fields in the model's own field order.
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


_LEAN = {
    "r": (SurveyResponse, _in_model_order(SurveyResponse, {"id", "survey_id", "token", "question_set", "source", "completed_at"})),
    "s": (Survey, _in_model_order(Survey, {"id", "inspection_id", "group", "question_set", "public_token", "closed_early_at"})),
    "i": (Inspection, _in_model_order(Inspection, {"id", "area_id", "kind", "notification_date", "framework", "lead_inspector_id", "lano_id"})),
}


def response_with_survey(public_token: str, response_token: str) -> SurveyResponse | None:
    """A device's response with its survey and inspection, in one plain query: every answer sent asks
    for this, and the ORM's three-table select costs several times the query itself. Fields not
    read here load on first use, as with ``only()``."""
    from django.db import connection
    from django.utils import timezone

    quote = connection.ops.quote_name

    def column(alias, name):
        model = _LEAN[alias][0]
        return f"{alias}.{quote(next(f.column for f in model._meta.concrete_fields if f.attname == name))}"

    columns = [column(alias, name) for alias, (_model, names) in _LEAN.items() for name in names]
    sql = (
        f"SELECT {', '.join(columns)} FROM {quote(SurveyResponse._meta.db_table)} r "
        f"JOIN {quote(Survey._meta.db_table)} s ON s.id = r.survey_id "
        f"JOIN {quote(Inspection._meta.db_table)} i ON i.id = s.inspection_id "
        "WHERE r.token = %s AND s.public_token = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [response_token, public_token])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    built = {}
    for alias, (model, names) in _LEAN.items():
        part, values = values[: len(names)], values[len(names):]
        part = [
            timezone.make_aware(v, dt.timezone.utc) if isinstance(v, dt.datetime) and timezone.is_naive(v) else v
            for v in part
        ]
        built[alias] = model.from_db(connection.alias, list(names), part)
    built["s"].inspection = built["i"]
    built["r"].survey = built["s"]
    return built["r"]


def next_question_id(survey_response: SurveyResponse) -> str | None:
    """The first question of the set this response has not answered, or None when all are."""
    answered = set(survey_response.answers.values_list("question_id", flat=True))
    for question in qs.question_set(survey_response.question_set).questions:
        if question.id not in answered:
            return question.id
    return None


# Results ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionCount:
    option: qs.Option
    count: int
    percent: int


@dataclass(frozen=True)
class QuestionResult:
    survey: Survey
    question: qs.Question
    counts: tuple[OptionCount, ...]
    answered: int
    paper: int

    @property
    def anchor(self) -> str:
        return f"result-{self.survey.group}-{self.question.id}"

    @property
    def negative_share(self) -> float | None:
        views = sum(c.count for c in self.counts if c.option.value not in {"dont_know", "not_sure"})
        if not views:
            return None
        return sum(c.count for c in self.counts if c.option.negative) / views

    @property
    def views(self) -> int:
        return sum(c.count for c in self.counts if c.option.value not in {"dont_know", "not_sure"})


@dataclass(frozen=True)
class FreeText:
    """The written answers to one question: how many there are, and the latest ones to read here."""

    question: qs.Question
    answers: tuple[Answer, ...]
    total: int


#: Written answers shown on the results page for each question, the latest first; the rest are
#: counted (a large survey has tens of thousands).
FREE_TEXT_SHOWN = 100


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    question_set: qs.QuestionSet
    responses: int
    paper_responses: int
    questions: tuple[QuestionResult, ...]
    free_text: tuple[FreeText, ...]


#: How long a survey's counts are reused before the database counts them again, in seconds. Answers
#: arriving online show within this time; excluding responses or entering paper ones shows at once.
COUNTS_FRESH_FOR = 60


def _counts_key(survey: Survey) -> str:
    return f"surveys:counts:{survey.pk}"


def forget_counts(survey: Survey) -> None:
    """Count this survey afresh on the next read (after responses are excluded or entered on paper)."""
    from django.core.cache import cache

    cache.delete(_counts_key(survey))


@dataclass(frozen=True)
class SurveyCounts:
    """What the database counts for one survey: kept in the shared cache for a short while, since a
    large survey has hundreds of thousands of answers."""

    #: ``(question id, value, source, number)`` for the questions with options.
    options: tuple[tuple[str, str, str, int], ...]
    #: Written answers (not empty) for each free-text question.
    written: dict[str, int]
    #: Responses with at least one answer: all of them, and those not excluded.
    answered: int
    kept: int
    kept_on_paper: int
    #: The latest written answers' keys for each free-text question, newest first (the answers
    #: themselves, and their tags, are read afresh).
    latest_written: dict[str, tuple[int, ...]]
    #: Batches of online responses from one place: ``(batch, number, first, last, left out on, reason)``.
    batches: tuple[tuple, ...]


def counts_of(survey: Survey, question_set: qs.QuestionSet | None = None) -> SurveyCounts:
    from django.core.cache import cache
    from django.db.models import Count, Exists, OuterRef

    key = _counts_key(survey)
    found = cache.get(key)
    if found is not None:
        return found
    question_set = question_set or qs.question_set(survey.question_set)
    kept = Answer.objects.filter(response__survey=survey, response__excluded_at__isnull=True)
    free_ids = [q.id for q in question_set.questions if q.is_free_text]
    options = tuple(kept.exclude(question_id__in=free_ids).order_by()
                    .values_list("question_id", "value", "response__source").annotate(n=Count("id")))
    written = dict(kept.filter(question_id__in=free_ids).exclude(value="").order_by()
                   .values_list("question_id").annotate(n=Count("id")))
    has_answers = Exists(Answer.objects.filter(response=OuterRef("pk")))
    answered = SurveyResponse.objects.filter(survey=survey).filter(has_answers)
    responses = answered.filter(excluded_at__isnull=True)
    latest = {
        question_id: tuple(kept.filter(question_id=question_id).exclude(value="").order_by("-id")
                           .values_list("id", flat=True)[:FREE_TEXT_SHOWN])
        for question_id in free_ids
    }
    counts = SurveyCounts(options=options, written=written, answered=answered.count(), kept=responses.count(),
                          kept_on_paper=responses.filter(source=SurveyResponse.Source.PAPER).count(),
                          latest_written=latest, batches=_batches(survey))
    cache.set(key, counts, COUNTS_FRESH_FOR)
    return counts


def results_for(inspection: Inspection) -> list[SurveyResults]:
    """Each survey's counts (worked out by the database, one grouped query a survey whatever its size,
    and reused for up to :data:`COUNTS_FRESH_FOR` seconds), and the latest written answers."""
    out = []
    for survey in inspection.surveys.order_by("id"):
        question_set = qs.question_set(survey.question_set)
        counts = counts_of(survey, question_set)
        kept = Answer.objects.filter(response__survey=survey, response__excluded_at__isnull=True)
        counter: dict[str, Counter] = {}
        paper: Counter = Counter()
        for question_id, value, source, n in counts.options:
            counter.setdefault(question_id, Counter())[value] += n
            if source == SurveyResponse.Source.PAPER:
                paper[question_id] += n
        results, free = [], []
        for question in question_set.questions:
            if question.is_free_text:
                ids = counts.latest_written.get(question.id, ())
                latest = tuple(kept.filter(pk__in=ids).select_related("response").prefetch_related("tags").order_by("-id"))
                total = counts.written.get(question.id, 0) if len(ids) >= FREE_TEXT_SHOWN else len(latest)
                free.append(FreeText(question, latest, max(total, len(latest))))
                continue
            given = counter.get(question.id, Counter())
            total = sum(given[o.value] for o in question.options)
            option_counts = tuple(
                OptionCount(o, given[o.value], round(100 * given[o.value] / total) if total else 0)
                for o in question.options
            )
            results.append(QuestionResult(survey, question, option_counts, total, paper[question.id]))
        out.append(
            SurveyResults(
                survey=survey,
                question_set=question_set,
                responses=counts.kept,
                paper_responses=counts.kept_on_paper,
                questions=tuple(results),
                free_text=tuple(free),
            )
        )
    return out


@dataclass(frozen=True)
class Suggestion:
    """A suggested line of enquiry: a question where many answers point to a problem."""

    result: QuestionResult
    criteria: tuple[str, ...]
    decision: SuggestionDecision | None

    @property
    def key(self) -> str:
        return f"{self.result.survey.group}-{self.result.question.id}"

    @property
    def status(self) -> str:
        return self.decision.get_status_display() if self.decision else "Waiting for the lead inspector"

    @property
    def summary(self) -> str:
        share = round(100 * (self.result.negative_share or 0))
        return (
            f"{share}% of {self.result.views} {self.result.survey.audience} who gave a view "
            f"answered \u201c{self.result.question.label_for('no')}\u201d to \u201c{self.result.question.text}\u201d"
        )


def suggestions_for(results: list[SurveyResults]) -> list[Suggestion]:
    decisions = {
        (d.survey_id, d.question_id): d
        for d in SuggestionDecision.objects.filter(survey__in=[r.survey for r in results]).select_related("decided_by")
    }
    out = []
    for survey_results in results:
        for result in survey_results.questions:
            share = result.negative_share
            if not result.question.criteria or share is None:
                continue
            if result.views >= MINIMUM_VIEWS and share >= NEGATIVE_SHARE_THRESHOLD:
                out.append(Suggestion(result, result.question.criteria, decisions.get((result.survey.pk, result.question.id))))
    return out


def tagged_free_text(results: list[SurveyResults], criteria: tuple[str, ...]) -> list[Answer]:
    """Free-text answers tagged with any of ``criteria``: the evidence beside a suggestion."""
    return list(
        Answer.objects.filter(response__survey__in=[r.survey for r in results], response__excluded_at__isnull=True,
                              tags__criterion__in=set(criteria))
        .distinct().select_related("response", "response__survey").prefetch_related("tags").order_by("id")
    )


# Stuffing: batches of responses from one place ------------------------------------------------------


@dataclass(frozen=True)
class FlaggedBatch:
    """Responses started from one client address on one survey within an hour, more than one place usually sends."""

    survey: Survey
    batch: str
    responses: int
    first: dt.datetime
    last: dt.datetime
    excluded: bool
    reason: str


def _batches(survey: Survey) -> tuple[tuple, ...]:
    from django.conf import settings
    from django.db.models import Count, Max, Min

    flag_at = getattr(settings, "AREASEND_SURVEY_BATCH_FLAG", 5)
    rows = (SurveyResponse.objects.filter(survey=survey, source=SurveyResponse.Source.ONLINE).exclude(batch="")
            .values("batch").annotate(n=Count("id"), first=Min("started_at"), last=Max("started_at"),
                                      left_out=Min("excluded_at"), reason=Max("excluded_reason"))
            .filter(n__gte=flag_at).order_by("first"))
    return tuple((r["batch"], r["n"], r["first"], r["last"], r["left_out"], r["reason"]) for r in rows)


def flagged_batches(inspection: Inspection) -> list[FlaggedBatch]:
    """Each survey's batches of responses from one place (counted with the survey's counts)."""
    out = []
    for survey in inspection.surveys.order_by("id"):
        out += [FlaggedBatch(survey, batch, n, first, last, left_out is not None, reason or "")
                for batch, n, first, last, left_out, reason in counts_of(survey).batches]
    return out
