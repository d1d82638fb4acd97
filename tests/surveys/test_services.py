"""Survey writes: the open window from the core, intake that keeps every answer once, the team's actions."""

import dataclasses
import datetime as dt
import io
import struct
import wave

import pytest
from django.db import connection
from django.core.exceptions import PermissionDenied, ValidationError

from areasend import framework
from areasend.inspections.queries import timeline_for
from areasend.surveys import documents, queries, services
from areasend.surveys import questions as qs
from areasend.surveys.models import Answer, AnswerTag, Recording, SuggestionDecision, Survey, SurveyResponse
from tests.surveys.access import open_surveys


def _wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(struct.pack("<100h", *([0] * 100)))
    return out.getvalue()


def _question(survey, question_id):
    return qs.question_set(survey.question_set).question(question_id)


def test_three_surveys_made_once_with_the_current_sets(inspection):
    first = services.ensure_surveys(inspection)
    again = services.ensure_surveys(inspection)
    assert [s.pk for s in first] == [s.pk for s in again]
    assert [s.group for s in first] == list(qs.GROUPS)
    assert [s.question_set for s in first] == [qs.CURRENT[g] for g in qs.GROUPS]
    assert len({s.public_token for s in first}) == 3


def test_window_comes_from_the_core_timeline(cyp):
    timeline = timeline_for(cyp.inspection)
    opens, closes = timeline.date("surveys_open"), timeline.date("surveys_close")
    assert queries.window_of(cyp, opens - dt.timedelta(days=1)).state == "not open yet"
    assert queries.window_of(cyp, opens).is_open
    assert queries.window_of(cyp, closes).is_open
    assert queries.window_of(cyp, closes + dt.timedelta(days=1)).state == "closed"
    # The core's rule: five working days from the notification call.
    assert closes == framework.add_working_days(opens, 5)


def test_no_notification_date_means_no_window(inspection):
    survey = services.ensure_surveys(inspection)[0]
    assert queries.window_of(survey, dt.date(2026, 3, 2)).state == "not set"


def test_lead_closes_early_and_no_one_else_can(cyp, lead, member, today=None):
    with pytest.raises(PermissionDenied):
        services.close_early(member, cyp)
    services.close_early(lead, cyp)
    cyp.refresh_from_db()
    assert cyp.closed_early_by == lead
    assert queries.window_of(cyp, framework.add_working_days(cyp.inspection.notification_date, 1)).state == "closed early"


def test_answer_sent_twice_is_kept_once_with_the_later_value(cyp):
    today = cyp.inspection.notification_date
    response = services.start_response(cyp, today=today)
    question = _question(cyp, "help_at_school")
    services.save_answer(response, question, "yes", today=today)
    services.save_answer(response, question, "no", today=today)
    assert list(Answer.objects.filter(response=response).values_list("question_id", "value")) == [("help_at_school", "no")]
    assert response.question_set == "cyp-2025-1"


def test_nothing_is_kept_once_closed(cyp, lead):
    today = cyp.inspection.notification_date
    response = services.start_response(cyp, today=today)
    services.close_early(lead, cyp)
    response.refresh_from_db()
    with pytest.raises(services.SurveyClosed):
        services.save_answer(response, _question(cyp, "help_at_school"), "yes", today=today)
    with pytest.raises(services.SurveyClosed):
        services.start_response(Survey.objects.get(pk=cyp.pk), today=today)
    assert not Answer.objects.exists()
    assert SurveyResponse.objects.count() == 1


def test_an_answer_not_on_the_list_is_refused(cyp):
    today = cyp.inspection.notification_date
    response = services.start_response(cyp, today=today)
    with pytest.raises(ValidationError):
        services.save_answer(response, _question(cyp, "help_at_school"), "maybe", today=today)
    assert not Answer.objects.exists()


def test_last_answer_completes_the_response_and_empty_free_text_is_not_stored(cyp):
    today = cyp.inspection.notification_date
    response = services.start_response(cyp, today=today)
    services.save_answer(response, _question(cyp, "anything_else"), "   ", today=today)
    assert not Answer.objects.exists()
    services.save_answer(response, _question(cyp, "helped"), "helped", today=today)
    response.refresh_from_db()
    assert response.completed_at is not None


def test_a_later_question_set_leaves_earlier_results_readable(inspection, monkeypatch):
    cyp = open_surveys(inspection)[0]
    today = cyp.inspection.notification_date
    response = services.start_response(cyp, today=today)
    services.save_answer(response, _question(cyp, "help_at_school"), "no", today=today)
    newer = qs.QuestionSet("cyp-2099-1", qs.CYP, "A later set", True, ("Intro",), (qs.Question("other", "Another question?", qs.CYP_2025_1.questions[0].options),))
    monkeypatch.setitem(qs.QUESTION_SETS, newer.id, newer)
    monkeypatch.setitem(qs.CURRENT, qs.CYP, newer.id)
    results = queries.results_for(inspection)
    cyp_results = results[0]
    assert cyp_results.question_set.id == "cyp-2025-1"
    assert cyp_results.questions[0].counts[2].count == 1  # "No"


def test_paper_answers_are_typed_in_by_the_lano_and_marked(cyp, lano, lead):
    today = cyp.inspection.notification_date
    with pytest.raises(PermissionDenied):
        services.enter_paper_response(lead, cyp, {"help_at_school": "yes"}, today=today)
    response = services.enter_paper_response(lano, cyp, {"help_at_school": "yes", "anything_else": "More clubs please"}, today=today)
    assert response.source == SurveyResponse.Source.PAPER and response.entered_by == lano
    assert dict(response.answers.values_list("question_id", "value")) == {"help_at_school": "yes", "anything_else": "More clubs please"}


def test_counts_are_reused_for_a_while_but_paper_answers_show_at_once(cyp, lano):
    from areasend.surveys import queries

    today = cyp.inspection.notification_date
    online = services.start_response(cyp, today=today)
    services.save_answer(online, qs.question_set(cyp.question_set).question("help_at_school"), "yes", today=today)
    assert queries.counts_of(cyp).kept == 1
    later = services.start_response(cyp, today=today)
    services.save_answer(later, qs.question_set(cyp.question_set).question("help_at_school"), "no", today=today)
    assert queries.counts_of(cyp).kept == 1, "an online answer waits for the counts to be fresh again"
    services.enter_paper_response(lano, cyp, {"help_at_school": "yes"}, today=today)
    counts = queries.counts_of(cyp)
    assert (counts.kept, counts.kept_on_paper, counts.answered) == (3, 1, 3)


def test_a_bad_paper_answer_saves_none_of_that_questionnaire(cyp, lano):
    today = cyp.inspection.notification_date
    with pytest.raises(ValidationError) as error:
        services.enter_paper_response(lano, cyp, {"help_at_school": "yes", "adults_listen": "perhaps"}, today=today)
    assert "adults_listen" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.enter_paper_response(lano, cyp, {}, today=today)
    assert not SurveyResponse.objects.exists()


def test_tags_are_for_the_team_and_only_the_11_criteria(cyp, member, lano):
    response = services.start_response(cyp, today=cyp.inspection.notification_date)
    answer = Answer.objects.create(response=response, question_id="anything_else", value="Waited a year for a plan")
    with pytest.raises(PermissionDenied):
        services.set_tags(lano, answer, ["I1"])
    services.set_tags(member, answer, ["I1", "l3"])
    assert set(answer.tags.values_list("criterion", flat=True)) == {"I1", "L3"}
    services.set_tags(member, answer, ["L3"])
    assert set(answer.tags.values_list("criterion", flat=True)) == {"L3"}
    for bad in (["X9"], ["Q1"]):
        with pytest.raises(ValidationError):
            services.set_tags(member, answer, bad)
    assert AnswerTag.objects.count() == 1


def _answers(survey, question_id, values):
    for value in values:
        response = SurveyResponse.objects.create(survey=survey, token=f"t-{question_id}-{Answer.objects.count()}", question_set=survey.question_set)
        Answer.objects.create(response=response, question_id=question_id, value=value)


def test_suggestion_when_negative_share_passes_the_threshold(inspection, surveys, lead, member):
    parents = surveys[1]
    _answers(parents, "right_help", ["no", "no", "yes", "no", "partly", "dont_know"])  # 3 of 5 views negative
    _answers(parents, "in_community", ["no", "yes", "yes", "yes", "yes"])  # 1 of 5
    _answers(parents, "family_involved", ["no", "no", "no"])  # too few views
    suggestions = queries.suggestions_for(queries.results_for(inspection))
    assert [(s.result.survey.group, s.result.question.id) for s in suggestions] == [("parents", "right_help")]
    assert suggestions[0].criteria == ("I3",)
    assert "60% of 5" in suggestions[0].summary
    with pytest.raises(PermissionDenied):
        services.decide_suggestion(member, parents, "right_help", "accepted")
    services.decide_suggestion(lead, parents, "right_help", "accepted")
    services.decide_suggestion(lead, parents, "right_help", "rejected")
    assert list(SuggestionDecision.objects.values_list("status", flat=True)) == ["rejected"]
    with pytest.raises(ValidationError):
        services.decide_suggestion(lead, parents, "right_help", "maybe")


def test_rate_limit_per_token(settings):
    settings.AREASEND_SURVEY_RATE_PER_TOKEN = 3
    for _ in range(3):
        services.check_rate(ip="192.0.2.1", survey="s1", token="abc")
    with pytest.raises(services.RateLimited):
        services.check_rate(ip="192.0.2.1", survey="s1", token="abc")
    services.check_rate(ip="192.0.2.1", survey="s1", token="another")  # a different person at the same place is not held up


def test_rate_limit_per_address_counts_every_row_it_is_spread_over(settings):
    """On PostgreSQL one address's count lives in several rows so that answers from one school do not wait
    on each other; the limit is still their sum, whichever row each answer lands in."""
    settings.AREASEND_SURVEY_RATE_PER_IP = 20
    settings.AREASEND_SURVEY_RATE_PER_TOKEN = 1000
    for n in range(20):
        services.check_rate(ip="192.0.2.9", survey="s1", token=f"person-{n}")
    with pytest.raises(services.RateLimited):
        services.check_rate(ip="192.0.2.9", survey="s1", token="one-more")
    services.check_rate(ip="192.0.2.9", survey="s2", token="one-more")  # another survey from the same place counts apart
    from areasend.surveys.models import RateCount

    rows = RateCount.objects.filter(key__startswith="ip:s1:192.0.2.9:")
    assert sum(rows.values_list("count", flat=True)) == 21
    if connection.vendor == "postgresql":
        assert rows.count() > 1
        with connection.cursor() as cursor:  # counts are kept out of the write-ahead log; answers are not
            cursor.execute("SELECT relname, relpersistence FROM pg_class WHERE relname IN ('surveys_ratecount', 'surveys_answer')")
            assert dict(cursor.fetchall()) == {"surveys_ratecount": "u", "surveys_answer": "p"}


def test_recordings_are_checked_by_content(cyp, lead, member):
    with pytest.raises(ValidationError):
        services.upload_recording(lead, cyp, "help_at_school", b"<html>not a sound</html>")
    with pytest.raises(PermissionDenied):
        services.upload_recording(member, cyp, "help_at_school", _wav())
    recording = services.upload_recording(lead, cyp, "help_at_school", _wav())
    assert recording.content_type == "audio/wav"
    with pytest.raises(ValidationError):
        services.upload_recording(lead, cyp, "no_such_question", _wav())
    assert Recording.objects.count() == 1


def test_exports_carry_every_answer_and_neutralise_formulas(cyp):
    response = services.start_response(cyp, today=cyp.inspection.notification_date)
    services.save_answer(response, _question(cyp, "help_at_school"), "sometimes", today=cyp.inspection.notification_date)
    services.save_answer(response, _question(cyp, "anything_else"), "=HYPERLINK(\"x\")", today=cyp.inspection.notification_date)
    text = documents.export_csv(cyp.inspection)
    assert text.splitlines()[0].startswith("survey,question set,response")
    assert "Sometimes" in text and "'=HYPERLINK" in text
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(documents.export_xlsx(cyp.inspection))).active
    assert sheet.max_row == 3
    assert sheet.cell(row=3, column=7).value.startswith("'=")


def test_word_version_has_every_question(cyp):
    from docx import Document

    document = Document(io.BytesIO(documents.word_version(cyp, qs.question_set(cyp.question_set))))
    text = "\n".join(p.text for p in document.paragraphs)
    for question in qs.question_set(cyp.question_set).questions:
        assert question.text in text
    assert "Question 8 of 8" in text


def test_qr_code_is_svg():
    svg = documents.qr_svg("http://localhost:8000/surveys/s/abc/").decode()
    assert "<svg" in svg and "path" in svg


def test_spoken_question_is_made_once_and_none_without_espeak(monkeypatch):
    question_set = qs.question_set(qs.CURRENT[qs.CYP])
    question = question_set.questions[1]
    if documents.speech_available():
        path = documents.spoken_question(question_set, question)
        assert path.read_bytes()[:4] == b"RIFF"
        assert documents.spoken_question(question_set, question) == path
    monkeypatch.setattr(documents.shutil, "which", lambda name: None)
    assert documents.spoken_question(question_set, question_set.questions[2]) is None


def test_an_answer_kept_by_token_is_kept_once_and_refused_after_an_early_close(cyp, lead):
    response = services.start_response(cyp, today=cyp.inspection.notification_date)
    facts = queries.facts_of(cyp)
    assert services.save_answer_by_token(facts, response.token, "help_at_school", "yes")
    assert services.save_answer_by_token(facts, response.token, "help_at_school", "no")
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]
    assert not services.save_answer_by_token(facts, "not-a-token", "help_at_school", "yes")
    other = services.ensure_surveys(cyp.inspection)[1]
    assert not services.save_answer_by_token(queries.facts_of(other), response.token, "help_at_school", "yes")
    moved = dataclasses.replace(facts, notified=facts.notified - dt.timedelta(days=7))
    assert not services.save_answer_by_token(moved, response.token, "adults_listen", "yes")  # stale facts
    services.close_early(lead, cyp)
    assert not services.save_answer_by_token(facts, response.token, "adults_listen", "yes")
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("per_token", [2, 60])
def test_counting_and_saving_together_keeps_to_the_rate_limit(cyp, settings, per_token):
    settings.AREASEND_SURVEY_RATE_PER_TOKEN = per_token
    response = services.start_response(cyp, today=cyp.inspection.notification_date)
    facts = queries.facts_of(cyp)
    results = [services.count_and_save_by_token(facts, response.token, "help_at_school", "yes", ip="192.0.2.9", survey=cyp.public_token)
               for _ in range(3)]
    expected = [(False, True)] * 3 if per_token == 60 else [(False, True), (False, True), (True, False)]
    assert results == expected
    assert services.count_and_save_by_token(facts, "not-a-token", "help_at_school", "yes", ip="192.0.2.9", survey=cyp.public_token) == (False, False)


def test_survey_facts_go_into_a_line_and_back(cyp):
    facts = queries.facts_of(cyp)
    assert queries.SurveyFacts.from_text(facts.text()) == facts
    assert queries.SurveyFacts.from_text("a-token-only") is None
    assert queries.SurveyFacts.from_text("x|cyp|2026-13-40|full|") is None


def test_survey_facts_carry_the_core_dates(cyp):
    facts = queries.survey_facts(cyp.public_token)
    timeline = timeline_for(cyp.inspection)
    assert (facts.survey_id, facts.question_set) == (cyp.pk, cyp.question_set)
    assert (facts.opens, facts.closes) == (timeline.date("surveys_open"), timeline.date("surveys_close"))
    assert facts.open_on(facts.opens) and not facts.open_on(facts.closes + dt.timedelta(days=1))
    assert queries.survey_facts("no-such-survey") is None
