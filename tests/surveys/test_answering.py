"""services.answer and services.begin: one call for what a person sends, one outcome for each thing that can happen."""

import datetime as dt
import os

import pytest
from django.db import OperationalError
from django.http import Http404
from django.utils import timezone

from areasend.surveys import services
from areasend.surveys.models import Answer, SurveyResponse
from areasend.surveys.services import Result


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def respondent(cyp, today):
    return services.start_response(cyp, today=today)


def _send(survey, question_id, raw, today, token=None, ip="192.0.2.1"):
    return services.answer(public_token=survey.public_token, response_token=token, question_id=question_id,
                           raw_answer=raw, ip=ip, today=today)


def _kept(respondent):
    return dict(Answer.objects.filter(response=respondent).values_list("question_id", "value"))


def _broken(*args, **kwargs):
    raise OperationalError("database is away")


def _statements(captured):
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def test_an_answer_before_the_last_from_a_device_with_the_facts_is_kept_in_one_round_trip(cyp, respondent, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = _send(cyp, "help_at_school", "no", today, respondent.token)
    assert first.facts  # the device is given the survey's facts to send with its next answers
    with CaptureQueriesContext(connection) as captured:
        outcome = services.answer(public_token=cyp.public_token, response_token=respondent.token,
                                  question_id="adults_listen", raw_answer="yes", ip="192.0.2.1", today=today,
                                  facts=first.facts)
    own = _statements(captured)
    # PostgreSQL counts the answer against the flood limits and keeps it in one statement; SQLite,
    # which has no insert inside a WITH, in two.
    if connection.vendor == "postgresql":
        assert len(own) == 1 and own[0].startswith("WITH wanted ") and "surveys_answer" in own[0], own
    else:
        assert len(own) == 2 and "surveys_ratecount" in own[0] and "surveys_answer" in own[1], own
    assert not any("areasend_cache" in sql or "surveys_survey\".\"id\"" in sql for sql in own)
    assert outcome.result is Result.SAVED
    assert outcome.next_question_id == "say_in_plan"
    assert outcome.new_response_token is None
    assert outcome.survey is None  # the quick path never loads the survey
    assert _kept(respondent) == {"help_at_school": "no", "adults_listen": "yes"}


def test_answers_sent_again_and_again_are_each_kept_and_on_postgresql_their_statement_is_prepared_once(cyp, today):
    """Many quick answers in a row are each kept; on PostgreSQL their statement is prepared once on the
    connection and reused (SQLite, which keeps no prepared statements, keeps the answers just the same)."""
    from django.db import connection

    facts = _send(cyp, "help_at_school", "no", today, services.start_response(cyp, today=today).token).facts
    for n in range(8):  # psycopg prepares a statement after a few runs with its values apart
        token = services.start_response(cyp, today=today).token
        outcome = services.answer(public_token=cyp.public_token, response_token=token, question_id="adults_listen",
                                  raw_answer="yes", ip="192.0.2.1", today=today, facts=facts)
        assert outcome.result is Result.SAVED and outcome.new_response_token is None
    assert Answer.objects.filter(question_id="adults_listen").count() == 8
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'WITH wanted %%' "
                           "AND statement NOT LIKE '%%completed AS%%'")
            # once on this connection, however many times it ran (here or in earlier tests)
            assert cursor.fetchone()[0] == 1


def test_facts_gone_stale_take_the_full_path_and_the_answer_is_still_kept(cyp, respondent, today):
    facts = services.queries.facts_of(cyp)
    stale = facts.text().replace(facts.kind, "monitoring")  # as if the inspection's facts had changed
    outcome = services.answer(public_token=cyp.public_token, response_token=respondent.token,
                              question_id="adults_listen", raw_answer="yes", ip="192.0.2.1", today=today, facts=stale)
    assert outcome.result is Result.SAVED and outcome.survey is not None  # the full path
    assert outcome.facts == facts.text()  # and the device is given the facts as they are now
    assert _kept(respondent) == {"adults_listen": "yes"}


def test_a_device_without_the_facts_takes_them_from_the_shared_cache(cyp, respondent, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _send(cyp, "help_at_school", "no", today, respondent.token)  # the survey's facts are looked up once, then kept
    with CaptureQueriesContext(connection) as captured:
        outcome = _send(cyp, "adults_listen", "yes", today, respondent.token)
    assert outcome.result is Result.SAVED and outcome.survey is None
    assert sum("areasend_cache" in sql for sql in _statements(captured)) == 1
    assert _kept(respondent) == {"help_at_school": "no", "adults_listen": "yes"}


def test_the_last_answer_is_saved_with_nowhere_further_and_completes_the_response(cyp, respondent, today):
    outcome = _send(cyp, "helped", "helped", today, respondent.token)
    assert outcome.result is Result.SAVED and outcome.next_question_id is None
    respondent.refresh_from_db()
    assert respondent.completed_at is not None
    assert _kept(respondent) == {"helped": "helped"}


def test_the_last_answer_on_the_quick_path_completes_the_response_in_the_same_statement(cyp, respondent, today):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    facts = _send(cyp, "help_at_school", "no", today, respondent.token).facts
    with CaptureQueriesContext(connection) as captured:
        outcome = services.answer(public_token=cyp.public_token, response_token=respondent.token, question_id="helped",
                                  raw_answer="helped", ip="192.0.2.1", today=today, facts=facts)
    assert outcome.result is Result.SAVED and outcome.next_question_id is None
    assert outcome.survey is None  # the quick path
    own = _statements(captured)
    if connection.vendor == "postgresql":
        assert len(own) == 1 and "completed AS" in own[0], own
    respondent.refresh_from_db()
    completed = respondent.completed_at
    assert completed is not None
    assert _kept(respondent) == {"help_at_school": "no", "helped": "helped"}
    # Sent again, the answer is kept again and the response keeps the time it was first completed.
    again = services.answer(public_token=cyp.public_token, response_token=respondent.token, question_id="helped",
                            raw_answer="on_my_own", ip="192.0.2.1", today=today, facts=facts)
    assert again.result is Result.SAVED and again.survey is None
    respondent.refresh_from_db()
    assert respondent.completed_at == completed
    assert _kept(respondent)["helped"] == "on_my_own"


def test_a_last_answer_refused_by_the_flood_limit_leaves_the_response_open(cyp, respondent, today, settings):
    facts = _send(cyp, "help_at_school", "no", today, respondent.token).facts
    settings.AREASEND_SURVEY_RATE_PER_TOKEN = 1
    outcome = services.answer(public_token=cyp.public_token, response_token=respondent.token, question_id="helped",
                              raw_answer="helped", ip="192.0.2.1", today=today, facts=facts)
    assert outcome.result is Result.LIMITED
    respondent.refresh_from_db()
    assert respondent.completed_at is None
    assert _kept(respondent) == {"help_at_school": "no"}


def test_without_a_response_token_a_response_is_started_and_its_token_given_back(cyp, today):
    outcome = _send(cyp, "help_at_school", "yes", today)
    assert outcome.result is Result.SAVED and outcome.next_question_id == "adults_listen"
    started = SurveyResponse.objects.get()
    assert outcome.new_response_token == started.token
    assert _kept(started) == {"help_at_school": "yes"}


def test_a_token_from_another_device_or_survey_starts_a_new_response(cyp, today):
    outcome = _send(cyp, "help_at_school", "yes", today, token="not-a-response-of-this-survey")
    assert outcome.result is Result.SAVED
    assert outcome.new_response_token == SurveyResponse.objects.get().token != "not-a-response-of-this-survey"


def test_a_survey_closed_early_keeps_nothing_and_says_so(cyp, respondent, lead, today):
    services.close_early(lead, cyp)
    outcome = _send(cyp, "help_at_school", "yes", today, respondent.token)
    assert outcome.result is Result.CLOSED
    assert outcome.window.state == "closed early"
    assert outcome.survey.pk == cyp.pk
    assert not Answer.objects.exists()


def test_a_survey_not_open_on_the_day_keeps_nothing(cyp, respondent, today):
    outcome = _send(cyp, "help_at_school", "yes", today + dt.timedelta(days=400), respondent.token)
    assert outcome.result is Result.CLOSED and outcome.window.state == "closed"
    assert not Answer.objects.exists()


def test_a_flood_from_one_token_is_limited_and_nothing_more_is_kept(cyp, respondent, today, settings):
    settings.AREASEND_SURVEY_RATE_PER_TOKEN = 1
    assert _send(cyp, "help_at_school", "yes", today, respondent.token).result is Result.SAVED
    outcome = _send(cyp, "adults_listen", "yes", today, respondent.token)
    assert outcome.result is Result.LIMITED
    assert outcome.question.id == "adults_listen"  # so the page can give the answer back
    assert _kept(respondent) == {"help_at_school": "yes"}


@pytest.mark.parametrize(("raw", "message"), [
    (None, "Choose one answer"),
    ("  ", "Choose one answer"),
    ("maybe", "Choose one of the answers shown"),
])
def test_an_answer_that_cannot_be_kept_says_why(cyp, respondent, today, raw, message):
    outcome = _send(cyp, "help_at_school", raw, today, respondent.token)
    assert outcome.result is Result.INVALID
    assert outcome.message == message
    assert outcome.question.id == "help_at_school"
    assert not Answer.objects.exists()


def test_free_text_over_the_limit_says_why(cyp, respondent, today):
    outcome = _send(cyp, "anything_else", "x" * (services.MAX_FREE_TEXT + 1), today, respondent.token)
    assert outcome.result is Result.INVALID
    assert outcome.message == f"Your answer must be {services.MAX_FREE_TEXT} characters or fewer"


def test_a_failed_save_on_the_quick_path_is_not_saved_and_nothing_is_kept(cyp, respondent, today, monkeypatch):
    monkeypatch.setattr(services, "count_and_save_by_token", _broken)
    outcome = _send(cyp, "help_at_school", "yes", today, respondent.token)
    assert outcome.result is Result.NOT_SAVED
    assert outcome.survey is None  # it failed before the survey was loaded
    assert not Answer.objects.exists()


def test_a_failed_save_on_the_full_path_is_not_saved_with_the_question_to_give_it_back_on(cyp, today, monkeypatch):
    monkeypatch.setattr(services, "save_answer", _broken)
    outcome = _send(cyp, "help_at_school", "yes", today)
    assert outcome.result is Result.NOT_SAVED
    assert outcome.survey.pk == cyp.pk and outcome.question.id == "help_at_school"
    assert outcome.new_response_token is None  # the device is not told to remember a response whose answer failed
    assert not Answer.objects.exists()


def test_no_such_question(cyp, respondent, today):
    assert _send(cyp, "no_such_question", "yes", today, respondent.token).result is Result.NO_SUCH_QUESTION
    assert not Answer.objects.exists()


def test_no_such_survey_is_not_found(cyp, today):
    with pytest.raises(Http404):
        services.answer(public_token="no-such-survey", response_token=None, question_id="help_at_school",
                        raw_answer="yes", ip="192.0.2.1", today=today)


# Starting ---------------------------------------------------------------------------------------


def test_begin_starts_a_response_and_points_to_the_first_question(cyp, today):
    outcome = services.begin(public_token=cyp.public_token, ip="192.0.2.1", today=today)
    assert outcome.result is Result.SAVED
    assert outcome.next_question_id == "help_at_school"
    assert outcome.new_response_token == SurveyResponse.objects.get(survey=cyp).token


def test_begin_on_a_closed_survey_starts_nothing(cyp, lead, today):
    services.close_early(lead, cyp)
    outcome = services.begin(public_token=cyp.public_token, ip="192.0.2.1", today=today)
    assert outcome.result is Result.CLOSED and outcome.window.state == "closed early"
    assert not SurveyResponse.objects.exists()


def test_begin_is_limited_per_address(cyp, today, settings):
    settings.AREASEND_SURVEY_RATE_PER_IP = 1
    assert services.begin(public_token=cyp.public_token, ip="192.0.2.1", today=today).result is Result.SAVED
    assert services.begin(public_token=cyp.public_token, ip="192.0.2.1", today=today).result is Result.LIMITED
    assert services.begin(public_token=cyp.public_token, ip="192.0.2.2", today=today).result is Result.SAVED
    assert SurveyResponse.objects.count() == 2


def test_begin_when_the_database_fails_is_not_saved(cyp, today, monkeypatch):
    monkeypatch.setattr(services, "start_response", _broken)
    outcome = services.begin(public_token=cyp.public_token, ip="192.0.2.1", today=today)
    assert outcome.result is Result.NOT_SAVED and outcome.survey.pk == cyp.pk
    assert outcome.new_response_token is None


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="a server that drops a kept connection: PostgreSQL only (SQLite is a file in this process)")
def test_a_kept_connection_the_database_dropped_is_replaced_and_the_answer_kept_without_a_separate_check(
        transactional_db, cyp, today, monkeypatch):
    """Between requests PostgreSQL restarts: the web process's kept connection is broken. The answer's own
    statement finds that out (no SELECT 1 of its own first), and runs again on a new connection."""
    import psycopg
    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    respondent = services.start_response(cyp, today=today)
    facts = _send(cyp, "help_at_school", "no", today, respondent.token).facts
    checks = []
    real_is_usable = DatabaseWrapper.is_usable
    monkeypatch.setattr(DatabaseWrapper, "is_usable", lambda self: checks.append(1) or real_is_usable(self))
    old_pid = connection.connection.info.backend_pid

    connection.health_check_done = False  # as at the start of each request
    kept = services.answer(public_token=cyp.public_token, response_token=respondent.token, question_id="adults_listen",
                           raw_answer="yes", ip="192.0.2.1", today=today, facts=facts)
    assert kept.result is Result.SAVED and kept.survey is None
    assert checks == []  # the statement itself was the check
    assert connection.connection.info.backend_pid == old_pid

    settings_dict = connection.settings_dict
    with psycopg.connect(host=settings_dict["HOST"] or "127.0.0.1", port=settings_dict["PORT"] or 5432,
                         user=settings_dict["USER"], dbname=settings_dict["NAME"], autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [old_pid])
    connection.health_check_done = False  # the next request
    outcome = services.answer(public_token=cyp.public_token, response_token=respondent.token, question_id="say_in_plan",
                              raw_answer="yes", ip="192.0.2.1", today=today, facts=facts)
    assert outcome.result is Result.SAVED and outcome.survey is None
    assert connection.connection.info.backend_pid != old_pid
    assert _kept(respondent) == {"help_at_school": "no", "adults_listen": "yes", "say_in_plan": "yes"}
