"""Defence against stuffing: responses per client per survey capped, bursts flagged on the results page, the lead
leaves a flagged batch out with an audited reason and the suggestions follow; paper entry kept once."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from areasend.accounts.models import AuditEvent, Verb
from areasend.surveys import queries, services
from areasend.surveys.models import SurveyResponse
from tests.surveys.access import open_surveys


@pytest.fixture(autouse=True)
def _clean_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lead(db):
    from areasend.access.roles import Role
    from tests.factories import make_user

    return make_user(Role.INSPECTOR, username="stufflead")


@pytest.fixture
def inspection(planner, lead, area):
    from areasend.inspections import services as inspection_services

    return inspection_services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)


@pytest.fixture
def parents(inspection):
    return open_surveys(inspection)[1]


def _negative_response(client, survey, ip):
    """One fresh session answering every choice question with the answer that counts against the area."""
    from areasend.surveys import questions as qs

    client.cookies.clear()
    client.post(reverse("surveys:start", args=[survey.public_token]), REMOTE_ADDR=ip)
    for question in qs.question_set(survey.question_set).questions:
        value = "" if question.is_free_text else next((o.value for o in question.options if o.negative), question.options[0].value)
        client.post(reverse("surveys:question", args=[survey.public_token, question.id]), {"answer": value}, REMOTE_ADDR=ip)


def test_six_fresh_sessions_from_one_client_are_flagged_and_leaving_them_out_removes_their_suggestions(
        client, parents, lead, settings):
    settings.AREASEND_SURVEY_BATCH_FLAG = 5
    for _ in range(6):
        _negative_response(client, parents, "203.0.113.5")
    _negative_response(client, parents, "198.51.100.7")  # someone else, elsewhere
    inspection = parents.inspection
    assert SurveyResponse.objects.filter(survey=parents).count() == 7
    flagged = queries.flagged_batches(inspection)
    assert [(f.survey, f.responses, f.excluded) for f in flagged] == [(parents, 6, False)]
    assert queries.suggestions_for(queries.results_for(inspection)), "the stuffed answers made suggestions"

    client.force_login(lead)
    page = client.get(reverse("surveys:results", args=[inspection.pk])).content.decode()
    assert "Responses that may not be genuine" in page and "6 responses to the survey for parents and carers" in page

    refused = client.post(reverse("surveys:exclude", args=[inspection.pk]),
                          {"group": "parents", "batch": flagged[0].batch, "reason": "  "}, follow=True)
    assert "Enter why these responses are being left out" in refused.content.decode()
    assert not SurveyResponse.objects.filter(excluded_at__isnull=False).exists()

    client.post(reverse("surveys:exclude", args=[inspection.pk]),
                {"group": "parents", "batch": flagged[0].batch, "reason": "Six sessions in two minutes from one address"})
    assert SurveyResponse.objects.filter(excluded_at__isnull=False).count() == 6
    event = AuditEvent.objects.get(verb=Verb.RESPONSES_EXCLUDED)
    assert event.actor == lead and event.payload["responses"] == 6
    assert event.payload["reason"] == "Six sessions in two minutes from one address"
    results = queries.results_for(inspection)
    assert next(r for r in results if r.survey == parents).responses == 1
    assert queries.suggestions_for(results) == [], "one response is below the minimum: the suggestions went with the batch"
    assert queries.flagged_batches(inspection)[0].excluded


def test_only_the_lead_leaves_responses_out(client, parents, inspection, settings):
    from areasend.access.roles import Role
    from django.core.exceptions import PermissionDenied
    from tests.factories import make_user

    settings.AREASEND_SURVEY_BATCH_FLAG = 2
    for _ in range(2):
        _negative_response(client, parents, "203.0.113.5")
    batch = queries.flagged_batches(inspection)[0].batch
    other = make_user(Role.INSPECTOR, username="notlead")
    with pytest.raises(PermissionDenied):
        services.exclude_batch(other, parents, batch, "no")
    assert not SurveyResponse.objects.filter(excluded_at__isnull=False).exists()


def test_responses_per_client_per_survey_are_capped(client, parents, inspection, settings):
    settings.AREASEND_SURVEY_RESPONSES_PER_CLIENT = 3
    starts = []
    for _ in range(5):
        client.cookies.clear()
        starts.append(client.post(reverse("surveys:start", args=[parents.public_token]), REMOTE_ADDR="203.0.113.5").status_code)
    assert starts == [302, 302, 302, 429, 429]
    # Answering straight to a question without a response is held to the same cap.
    client.cookies.clear()
    direct = client.post(reverse("surveys:question", args=[parents.public_token, "needs_found_early"]),
                         {"answer": "yes"}, REMOTE_ADDR="203.0.113.5")
    assert direct.status_code == 429
    assert SurveyResponse.objects.filter(survey=parents).count() == 3
    cyp = open_surveys(inspection)[0]
    client.cookies.clear()
    assert client.post(reverse("surveys:start", args=[cyp.public_token]), REMOTE_ADDR="203.0.113.5").status_code == 302


def test_a_paper_questionnaire_sent_twice_is_kept_once(client, parents, lead):
    from areasend.inspections import services as inspection_services

    lano, _ = inspection_services.name_lano(lead, parents.inspection, name="Paper Officer", email="paper.officer@example.gov.uk")
    client.force_login(lano)
    url = reverse("surveys:paper", args=[parents.inspection.pk, "parents"])
    page = client.get(url).content.decode()
    import re

    key = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    form = {"submission": key, "needs_found_early": "yes", "comments": "Typed from paper"}
    first = client.post(url, form, follow=True)
    second = client.post(url, form, follow=True)
    assert first.status_code == second.status_code == 200
    assert SurveyResponse.objects.filter(survey=parents, source="paper").count() == 1
    assert "already saved" in second.content.decode()
    assert AuditEvent.objects.filter(verb=Verb.PAPER_RESPONSE_ENTERED).count() == 1
    again = client.get(url).content.decode()
    assert re.search(r'name="submission" value="([^"]+)"', again).group(1) != key
