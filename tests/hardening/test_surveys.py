"""Surveys under attack: limits per survey and per client (from the trusted proxy header), control characters
answered with a message on every path, and the done and audio pages when the database is away."""

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.urls import reverse

from areasend.surveys import queries
from areasend.surveys.models import Answer, SurveyResponse
from tests.surveys.access import open_surveys


@pytest.fixture(autouse=True)
def _clean_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def inspection(db, planner, area):
    from areasend.inspections import services as inspection_services
    from tests.factories import make_user
    from areasend.access.roles import Role

    lead = make_user(Role.INSPECTOR, username="hlead")
    return inspection_services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)


@pytest.fixture
def surveys(inspection):
    return open_surveys(inspection)


def _q(survey, question_id):
    return reverse("surveys:question", args=[survey.public_token, question_id])


def _start(client, survey, **extra):
    return client.post(reverse("surveys:start", args=[survey.public_token]), **extra)


@pytest.mark.parametrize("answer", ["Fine\x00", "a\x07b", "\x1b[31mred", "x\x7f"])
def test_a_control_character_in_a_free_text_answer_gets_a_message_on_the_quick_path(client, surveys, answer):
    cyp = surveys[0]
    _start(client, cyp)
    client.post(_q(cyp, "help_at_school"), {"answer": "yes"})
    response = client.post(_q(cyp, "anything_else"), {"answer": answer})
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "hidden character" in page
    assert not Answer.objects.filter(question_id="anything_else").exists()


def test_a_control_character_in_a_free_text_answer_gets_a_message_without_a_cookie(client, surveys):
    cyp = surveys[0]
    response = client.post(_q(cyp, "anything_else"), {"answer": "hello\x07"})
    assert response.status_code == 200
    assert "Your answer includes a hidden character that cannot be saved" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_an_answer_with_ordinary_line_breaks_and_tabs_is_kept(client, surveys):
    cyp = surveys[0]
    _start(client, cyp)
    response = client.post(_q(cyp, "anything_else"), {"answer": "line one\r\nline\ttwo"})
    assert response.status_code == 302
    assert Answer.objects.get(question_id="anything_else").value == "line one\r\nline\ttwo"


@pytest.mark.parametrize("path", ["/surveys/s/abc%00def/", "/surveys/s/abc%00/q/help_at_school/", "/?q=%00",
                                  "/surveys/s/abc%00/done/"])
def test_a_nul_in_the_address_gets_a_page_that_says_so(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "hidden character" in response.content.decode()


def test_a_nul_in_a_form_field_gets_a_page_that_says_so_and_nothing_is_saved(client, surveys):
    cyp = surveys[0]
    response = client.post(_q(cyp, "help_at_school"), {"answer": "yes\x00"})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_a_token_that_no_survey_could_have_is_not_found(client, db):
    assert client.get("/surveys/s/" + "x" * 300 + "/").status_code == 404
    assert client.get("/surveys/s/a.b/").status_code == 404


def test_the_address_limit_is_per_survey(client, surveys, settings):
    settings.AREASEND_SURVEY_RATE_PER_IP = 2
    cyp, parents, _ = surveys
    assert _start(client, cyp).status_code == 302
    assert _start(client, cyp).status_code == 302
    assert _start(client, cyp).status_code == 429
    assert _start(client, parents).status_code == 302, "another survey from the same place is not held up"


def test_the_address_comes_from_the_trusted_proxy_header(client, surveys, settings):
    settings.AREASEND_SURVEY_RATE_PER_IP = 2
    settings.AREASEND_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.AREASEND_TRUSTED_PROXY_COUNT = 1
    cyp = surveys[0]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(2):
        assert _start(client, cyp, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 302
    assert _start(client, cyp, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    # Another person behind the same proxy is counted apart ...
    assert _start(client, cyp, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 302
    # ... and writing another address at the front of the header changes nothing.
    assert _start(client, cyp, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1", **proxy).status_code == 429


def test_without_a_trusted_header_the_header_is_ignored(client, surveys, settings):
    settings.AREASEND_SURVEY_RATE_PER_IP = 1
    cyp = surveys[0]
    assert _start(client, cyp, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
    assert _start(client, cyp, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


@pytest.mark.parametrize("page", ["done", "audio"])
def test_the_done_and_audio_pages_say_the_survey_is_unavailable_when_the_database_is_away(client, surveys, monkeypatch, page):
    cyp = surveys[0]

    def unreachable(token):
        raise OperationalError("connection refused")

    monkeypatch.setattr(queries, "public_survey", unreachable)
    url = (reverse("surveys:done", args=[cyp.public_token]) if page == "done"
           else reverse("surveys:audio", args=[cyp.public_token, "help_at_school"]))
    response = client.get(url)
    assert response.status_code == 503
    assert "the survey is not available right now" in response.content.decode()
