"""Survey pages: answering (saved as you go, resumed, never silently lost), sharing, results."""

import re

import pytest
from django.db import OperationalError
from django.urls import reverse

from areasend.surveys import documents, services
from areasend.surveys import questions as qs
from areasend.surveys.models import Answer, Recording, SuggestionDecision, SurveyResponse
from tests.surveys.test_services import _answers, _wav


def _q(survey, question_id):
    return reverse("surveys:question", args=[survey.public_token, question_id])


def _begin(client, survey):
    response = client.post(reverse("surveys:start", args=[survey.public_token]))
    assert response.status_code == 302 and response["Location"] == _q(survey, "help_at_school")
    return response


def test_start_page_introduces_the_survey_and_links_the_privacy_notice(client, cyp):
    page = client.get(reverse("surveys:start", args=[cyp.public_token])).content.decode()
    assert "This survey is for people aged 11 to 25." in page
    assert reverse("surveys:privacy") in page
    assert "OpenMoji" in page and "CC BY-SA 4.0" in page


def test_answers_are_saved_as_you_go_and_resumed_on_the_same_device(client, cyp):
    _begin(client, cyp)
    response = client.post(_q(cyp, "help_at_school"), {"answer": "sometimes"})
    assert response["Location"] == _q(cyp, "adults_listen")
    client.post(_q(cyp, "adults_listen"), {"answer": "no"})
    assert dict(Answer.objects.values_list("question_id", "value")) == {"help_at_school": "sometimes", "adults_listen": "no"}
    # Coming back later: the start page offers to carry on at the next question.
    page = client.get(reverse("surveys:start", args=[cyp.public_token])).content.decode()
    assert "Carry on where you left off" in page and _q(cyp, "say_in_plan") in page
    # Going back to an answered question shows the saved answer.
    page = client.get(_q(cyp, "help_at_school")).content.decode()
    assert re.search(r'value="sometimes"\s+checked', page)


def test_a_double_submission_is_recorded_once(client, cyp):
    _begin(client, cyp)
    for _ in range(2):
        client.post(_q(cyp, "help_at_school"), {"answer": "yes"})
    assert Answer.objects.filter(question_id="help_at_school").count() == 1
    assert SurveyResponse.objects.count() == 1


def test_no_choice_gets_a_clear_message_and_nothing_is_saved(client, cyp):
    _begin(client, cyp)
    response = client.post(_q(cyp, "help_at_school"), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Choose one answer" in page
    assert page.count('href="#id_answer"') == 1
    assert not Answer.objects.exists()


def test_a_choice_not_on_the_list_is_explained_once_with_the_choices_shown_again(client, cyp):
    _begin(client, cyp)
    response = client.post(_q(cyp, "help_at_school"), {"answer": "maybe"})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Choose one of the answers shown") == 2  # the error summary and the question
    assert 'value="sometimes"' in page
    assert not Answer.objects.exists()


def test_answering_without_the_cookie_starts_a_response(client, cyp):
    response = client.post(_q(cyp, "help_at_school"), {"answer": "yes"})
    assert response.status_code == 302
    assert Answer.objects.get().value == "yes"
    assert f"areasend_survey_{cyp.public_token}" in response.cookies


def test_a_failed_save_says_so_and_keeps_the_answer_on_the_page(client, cyp, monkeypatch):
    _begin(client, cyp)

    def broken(*args, **kwargs):
        raise OperationalError("database is away")

    monkeypatch.setattr(services, "save_answer", broken)
    monkeypatch.setattr(services, "count_and_save_by_token", broken)
    response = client.post(_q(cyp, "anything_else"), {"answer": "The bus is always late"})
    page = response.content.decode()
    assert response.status_code == 503
    assert "Your answer was not saved" in page
    assert "The bus is always late" in page


def test_a_flood_is_refused_with_a_clear_message_and_the_answer_kept(client, cyp, settings):
    settings.AREASEND_SURVEY_RATE_PER_TOKEN = 2
    _begin(client, cyp)
    client.post(_q(cyp, "help_at_school"), {"answer": "yes"})
    client.post(_q(cyp, "help_at_school"), {"answer": "yes"})
    response = client.post(_q(cyp, "anything_else"), {"answer": "Please keep this"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many answers sent at once" in page and "Please keep this" in page
    assert not Answer.objects.filter(question_id="anything_else").exists()


def test_a_closed_survey_says_so_and_keeps_nothing(client, cyp, lead):
    _begin(client, cyp)
    services.close_early(lead, cyp)
    response = client.post(_q(cyp, "help_at_school"), {"answer": "yes"})
    page = response.content.decode()
    assert "This survey is closed" in page and "has not been kept" in page
    assert not Answer.objects.exists()
    assert "This survey is closed" in client.get(reverse("surveys:start", args=[cyp.public_token])).content.decode()


def test_question_page_is_easy_read_with_progress_picture_and_audio(client, cyp):
    page = client.get(_q(cyp, "say_in_plan")).content.decode()
    assert "Question 3 of 8" in page
    assert 'alt="Picture: A notepad and pencil"' in page
    assert "<audio controls" in page and "Listen to the question and the answers" in page
    assert 'aria-labelledby="audio-label-say_in_plan"' in page
    audio = client.get(reverse("surveys:audio", args=[cyp.public_token, "say_in_plan"]))
    assert audio.status_code == 200 and audio["Content-Type"] == "audio/wav"
    assert b"".join(audio.streaming_content)[:4] == b"RIFF"


def test_without_espeak_the_page_says_audio_is_not_available(client, cyp, monkeypatch):
    monkeypatch.setattr(documents.shutil, "which", lambda name: None)
    page = client.get(_q(cyp, "say_in_plan")).content.decode()
    assert "Audio is not available" in page and "<audio" not in page
    assert client.get(reverse("surveys:audio", args=[cyp.public_token, "say_in_plan"])).status_code == 404


def test_an_uploaded_recording_plays_instead(client, cyp, lead):
    client.force_login(lead)
    form = client.get(reverse("surveys:recordings", args=[cyp.inspection.pk]))
    assert form.status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(reverse("surveys:recordings", args=[cyp.inspection.pk]),
                      {"question": "help_at_school", "recording": SimpleUploadedFile("a.wav", b"not really audio at all")})
    assert "must be a WAV, MP3, Ogg or M4A" in bad.content.decode()
    ok = client.post(reverse("surveys:recordings", args=[cyp.inspection.pk]),
                     {"question": "help_at_school", "recording": SimpleUploadedFile("a.wav", _wav())})
    assert ok.status_code == 302
    audio = client.get(reverse("surveys:audio", args=[cyp.public_token, "help_at_school"]))
    assert audio.content == _wav()
    assert Recording.objects.count() == 1


def test_finishing_shows_thanks_and_completes(client, cyp):
    _begin(client, cyp)
    response = client.post(_q(cyp, "helped"), {"answer": "helped"})
    assert response["Location"] == reverse("surveys:done", args=[cyp.public_token])
    assert "Your answers are saved" in client.get(response["Location"]).content.decode()
    assert SurveyResponse.objects.get().completed_at is not None


def test_manage_page_shares_links_qr_and_word_and_lano_types_in_paper(client, surveys, lano):
    inspection = surveys[0].inspection
    client.force_login(lano)
    page = client.get(reverse("surveys:manage", args=[inspection.pk])).content.decode()
    for survey in surveys:
        assert f"/surveys/s/{survey.public_token}/" in page
        assert reverse("surveys:qr", args=[inspection.pk, survey.group]) in page
    assert f'<span class="areasend-break">http://testserver/surveys/s/{surveys[0].public_token}/</span>' in page
    assert 'alt="QR code that opens the survey for children and young people with SEND aged 11 to 25"' in page
    assert "Type in paper answers" in page
    assert "See the results" not in page  # results are the team's alone
    qr = client.get(reverse("surveys:qr", args=[inspection.pk, "parents"]))
    assert qr["Content-Type"] == "image/svg+xml"
    word = client.get(reverse("surveys:word", args=[inspection.pk, "cyp"]))
    assert word.content[:2] == b"PK"
    paper_url = reverse("surveys:paper", args=[inspection.pk, "parents"])
    bad = client.post(paper_url, {})
    assert "Type in at least one answer" in bad.content.decode()
    response = client.post(paper_url, {"right_help": "no", "comments": "Waited months for speech therapy"})
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.source == "paper" and saved.entered_by == lano
    assert client.get(reverse("surveys:results", args=[inspection.pk])).status_code == 403  # the LANO knows the inspection but not what people said


def test_results_show_counts_free_text_and_suggestions_the_lead_decides(client, surveys, lead, member):
    parents = surveys[1]
    _answers(parents, "right_help", ["no", "no", "no", "yes", "partly"])
    _answers(parents, "comments", ["Nobody called us back about the plan"])
    url = reverse("surveys:results", args=[parents.inspection.pk])
    client.force_login(member)
    page = client.get(url).content.decode()
    assert "Does your child get the right help when they need it?" in page
    assert "Nobody called us back about the plan" in page
    assert "60% of 5 parents and carers who gave a view" in page
    assert 'class="areasend-bar__fill" x="0" y="0" height="20" width="60%"' in page  # the bar beside "No" (3 of 5)
    from areasend.accounts.models import AuditEvent

    assert AuditEvent.objects.filter(actor=member, verb="viewed", summary="Viewed the survey results").exists()
    assert "Accept<span" not in page  # only the lead decides
    answer = Answer.objects.get(question_id="comments")
    client.post(reverse("surveys:tag", args=[parents.inspection.pk, answer.pk]), {"criteria": ["I3", "L2"]})
    assert set(answer.tags.values_list("criterion", flat=True)) == {"I3", "L2"}
    assert client.post(reverse("surveys:decide", args=[parents.inspection.pk]),
                       {"group": "parents", "question": "right_help", "status": "accepted"}).status_code == 403
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert f'href="#answer-{answer.pk}"' in page  # the tagged answer is linked as evidence
    client.post(reverse("surveys:decide", args=[parents.inspection.pk]), {"group": "parents", "question": "right_help", "status": "accepted"})
    assert SuggestionDecision.objects.get().status == "accepted"
    from areasend.evidence.models import LineOfEnquiry

    line = LineOfEnquiry.objects.get(inspection=parents.inspection)
    assert line.origin == "survey" and line.status == "open" and line.title.startswith("What parents and carers said about")
    csv = client.get(reverse("surveys:export-csv", args=[parents.inspection.pk]))
    assert csv["Content-Type"].startswith("text/csv") and "Nobody called us back" in csv.content.decode()
    xlsx = client.get(reverse("surveys:export-xlsx", args=[parents.inspection.pk]))
    assert xlsx.content[:2] == b"PK"


def test_lead_closes_a_survey_early_from_the_manage_page(client, cyp, lead):
    client.force_login(lead)
    page = client.get(reverse("surveys:manage", args=[cyp.inspection.pk])).content.decode()
    assert "Close this survey now" in page
    url = reverse("surveys:close", args=[cyp.inspection.pk])
    assert f'href="{url}?group=cyp"' in page, "the manage page links to a confirmation, it does not post"
    asked = client.get(url, {"group": "cyp"}).content.decode()
    assert "Are you sure you want to close the survey for" in asked and "cannot be undone" in asked
    client.post(url, {"group": "cyp"})  # no confirmation: asks again
    cyp.refresh_from_db()
    assert cyp.closed_early_at is None
    client.post(url, {"group": "cyp", "confirm": "yes"})
    cyp.refresh_from_db()
    assert cyp.closed_early_at is not None


def test_privacy_notice_says_answers_are_anonymous(client, db):
    page = client.get(reverse("surveys:privacy")).content.decode()
    assert "No question asks for your name" in page
    assert "inspection team only" in page


def test_when_the_database_is_unreachable_the_answer_comes_back_to_send_again(client, cyp, monkeypatch):
    from areasend.surveys import queries

    def unreachable(token):
        raise OperationalError("connection refused")

    monkeypatch.setattr(queries, "public_survey", unreachable)
    response = client.post(_q(cyp, "anything_else"), {"answer": "Please read this"})
    page = response.content.decode()
    assert response.status_code == 503
    assert "Your answer was not saved" in page and "Please read this" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert client.get(_q(cyp, "anything_else")).status_code == 503


def test_the_local_area_finds_its_survey_links_from_where_the_inspection_stands(client, inspection, lano):
    """The LANO shares the surveys, so the local area's page links to them."""
    client.force_login(lano)
    html = client.get(reverse("inspections:stands", args=[inspection.pk])).content.decode()
    assert reverse("surveys:manage", args=[inspection.pk]) in html
    assert client.get(reverse("surveys:manage", args=[inspection.pk])).status_code == 200


def test_the_device_cookie_carries_the_survey_facts_and_is_not_sent_again_on_quick_answers(client, cyp):
    from django.test import RequestFactory

    from areasend.surveys import queries
    from areasend.surveys.views import _cookie_name, _device

    started = _begin(client, cyp)
    name = _cookie_name(cyp)
    request = RequestFactory().get("/")
    request.COOKIES[name] = started.cookies[name].value
    token, facts = _device(request, cyp.public_token)
    assert SurveyResponse.objects.get(survey=cyp).token == token
    assert facts == queries.facts_of(cyp).text()
    answered = client.post(_q(cyp, "help_at_school"), {"answer": "yes"})
    assert answered.status_code == 302 and name not in answered.cookies  # nothing new to remember


def test_results_are_counted_by_the_database_and_long_lists_of_written_answers_are_cut_short(client, surveys, lead, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from areasend.surveys import queries

    cyp = surveys[0]
    today = cyp.inspection.notification_date
    for n in range(4):
        response = services.start_response(cyp, today=today)
        services.save_answer(response, qs.question_set(cyp.question_set).question("help_at_school"), "yes", today=today)
        services.save_answer(response, qs.question_set(cyp.question_set).question("anything_else"), f"Written {n}", today=today)
    monkeypatch.setattr(queries, "FREE_TEXT_SHOWN", 3)
    client.force_login(lead)
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("surveys:results", args=[cyp.inspection.pk])).content.decode()
    assert "4 written answers. The latest 3 are shown here, newest first." in page
    assert "Written 3" in page and "Written 0" not in page
    result = next(r for r in queries.results_for(cyp.inspection) if r.survey == cyp)
    assert next(q for q in result.questions if q.question.id == "help_at_school").counts[0].count == 4
    for n in range(20):  # more answers, the same number of queries
        response = services.start_response(cyp, today=today)
        services.save_answer(response, qs.question_set(cyp.question_set).question("help_at_school"), "yes", today=today)
    with CaptureQueriesContext(connection) as cached:
        page = client.get(reverse("surveys:results", args=[cyp.inspection.pk])).content.decode()
    # Within the freshness time the counts are reused, not counted again...
    assert len(cached.captured_queries) < len(few.captured_queries)
    assert "4 written answers" in page
    for survey in surveys:
        queries.forget_counts(survey)  # ...as if that time had passed
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("surveys:results", args=[cyp.inspection.pk])).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
    result = next(r for r in queries.results_for(cyp.inspection) if r.survey == cyp)
    assert next(q for q in result.questions if q.question.id == "help_at_school").counts[0].count == 24


def test_a_quick_answer_costs_the_whole_request_one_statement_on_postgresql_and_no_session_or_user_lookup(client, cyp):
    """From the browser's POST to the redirect: the answer is counted and kept, and nothing else is read
    (no session, no signed-in person, no cache, no survey)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _begin(client, cyp)
    client.post(_q(cyp, "help_at_school"), {"answer": "yes"})  # the device now has its response and the facts
    with CaptureQueriesContext(connection) as captured:
        answered = client.post(_q(cyp, "adults_listen"), {"answer": "no"})
    assert answered.status_code == 302 and answered["Location"].endswith("/q/say_in_plan/")
    statements = [q["sql"] for q in captured.captured_queries
                  if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))]
    assert not any(table in sql for sql in statements
                   for table in ("django_session", "accounts_user", "areasend_cache", "surveys_survey\".\"id\""))
    assert len(statements) == (1 if connection.vendor == "postgresql" else 2), statements
    kept = SurveyResponse.objects.get(survey=cyp).answers.values_list("question_id", "value")
    assert dict(kept) == {"help_at_school": "yes", "adults_listen": "no"}
