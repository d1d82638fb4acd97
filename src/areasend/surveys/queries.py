"""Reads of surveys that views share: the open window (from the core), results and suggestions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.http import Http404

from areasend.inspections import permissions as inspection_permissions
from areasend.inspections.models import Inspection
from areasend.inspections.queries import timeline_for
from areasend.surveys import questions as qs
from areasend.surveys.models import Answer, SuggestionDecision, Survey, SurveyResponse

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


def window_of(survey: Survey, today: dt.date) -> Window:
    """When ``survey`` is open: the core's surveys_open to surveys_close, unless the lead closed it early."""
    timeline = timeline_for(survey.inspection)
    opens = closes = None
    if timeline is not None and "surveys_open" in timeline.keys():
        opens, closes = timeline.date("surveys_open"), timeline.date("surveys_close")
    if survey.closed_early_at is not None:
        return Window("closed early", opens, closes)
    if opens is None:
        return Window("not set", None, None)
    if today < opens:
        return Window("not open yet", opens, closes)
    if today > closes:
        return Window("closed", opens, closes)
    return Window("open", opens, closes)


def public_survey(public_token: str) -> Survey:
    survey = Survey.objects.select_related("inspection__area").filter(public_token=public_token).first()
    if survey is None:
        raise Http404("No survey here")
    return survey


def manageable_inspection(user, pk: int) -> Inspection:
    """The inspection, for anyone who may see the local area's view of it (team, planners, its LANO)."""
    inspection = Inspection.objects.select_related("area", "lead_inspector").filter(pk=pk).first()
    if inspection is None or not inspection_permissions.can_view_local_area(user, inspection):
        raise Http404("No inspection here")
    return inspection


def team_inspection(user, pk: int) -> Inspection:
    """The inspection, for its inspection team only: survey results are theirs alone."""
    inspection = Inspection.objects.select_related("area", "lead_inspector").filter(pk=pk).first()
    if inspection is None or not inspection_permissions.is_team_member(user, inspection):
        raise Http404("No inspection here")
    return inspection


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
class SurveyResults:
    survey: Survey
    question_set: qs.QuestionSet
    responses: int
    paper_responses: int
    questions: tuple[QuestionResult, ...]
    free_text: tuple[tuple[qs.Question, tuple[Answer, ...]], ...]


def results_for(inspection: Inspection) -> list[SurveyResults]:
    out = []
    for survey in inspection.surveys.order_by("id"):
        question_set = qs.question_set(survey.question_set)
        answers = list(
            Answer.objects.filter(response__survey=survey).select_related("response").prefetch_related("tags").order_by("id")
        )
        by_question: dict[str, list[Answer]] = {}
        for answer in answers:
            by_question.setdefault(answer.question_id, []).append(answer)
        results, free = [], []
        for question in question_set.questions:
            given = by_question.get(question.id, [])
            if question.is_free_text:
                free.append((question, tuple(a for a in given if a.value.strip())))
                continue
            counter = Counter(a.value for a in given)
            total = sum(counter[o.value] for o in question.options)
            counts = tuple(
                OptionCount(o, counter[o.value], round(100 * counter[o.value] / total) if total else 0)
                for o in question.options
            )
            paper = sum(1 for a in given if a.response.source == SurveyResponse.Source.PAPER)
            results.append(QuestionResult(survey, question, counts, total, paper))
        responses = survey.responses.filter(answers__isnull=False).distinct()
        out.append(
            SurveyResults(
                survey=survey,
                question_set=question_set,
                responses=responses.count(),
                paper_responses=responses.filter(source=SurveyResponse.Source.PAPER).count(),
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
            f"{share}% of {self.result.views} {self.result.survey.get_group_display().lower()} who gave a view "
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
    wanted = set(criteria)
    return [
        answer
        for survey_results in results
        for _question, answers in survey_results.free_text
        for answer in answers
        if wanted & {t.criterion for t in answer.tags.all()}
    ]
