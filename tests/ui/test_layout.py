"""The layout every page shares: a neutral header unless a deployment sets the GOV.UK brand, a quiet
layout for the people who answer a survey, the service's own error page, and wording fixes that a
new user met on the pages."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from areasend import framework
from areasend.access.roles import Role
from areasend.ui.jinja import count, file_size, lower_first
from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def inspection(db, planner, area):
    from areasend.inspections import services

    lead = make_user(Role.INSPECTOR, username="layoutlead", first_name="Demo", last_name="Lead")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    today = timezone.localdate()
    notified = framework.add_working_days(today, -2) if framework.is_working_day(today) else framework.previous_working_day(today)
    return services.set_notification_date(lead, inspection, notified, today=today)


def _page(client, path, **kwargs) -> str:
    return unescape(client.get(path, **kwargs).content.decode())


def test_the_header_is_neutral_by_default(client, db):
    page = _page(client, reverse("areas:list"))
    assert "Area SEND inspections" in page
    assert "govuk-header__logotype" not in page and "govuk-logo" not in page, "no crown or logotype"
    assert "Crown copyright" not in page.split('class="govuk-footer', 1)[1].replace("Crown copyright, reused", ""), \
        "the footer claims no Crown copyright for the service itself"
    assert "govuk-icon-180.png" not in page, "no crown icons"
    assert "areasend is not an official Ofsted or CQC service." in page


def test_a_deployment_on_govuk_turns_on_the_govuk_header(client, db):
    with override_settings(AREASEND_GOVUK_BRAND=True):
        page = _page(client, reverse("areas:list"))
    assert 'class="govuk-header' in page and "govuk-logo" in page
    assert "not an official Ofsted or CQC service" not in page


def test_respondent_pages_have_a_quiet_layout(client, inspection, settings):
    from tests.surveys.access import open_surveys

    settings.AREASEND_DEMO_BANNER = True
    cyp = open_surveys(inspection)[0]
    staff = _page(client, reverse("areas:list"))
    assert "Sign in" in staff and "Open Government Licence" in staff and "people and inspections marked demo" in staff
    for path in (reverse("surveys:start", args=[cyp.public_token]), reverse("surveys:privacy")):
        page = _page(client, path)
        assert "Sign in" not in page, path
        assert "Open Government Licence" not in page and "official statistics" not in page, path
        assert "This is a demo." in page and "people and inspections marked demo" not in page, path
        assert 'href="/your-work/"' not in page and ">Local areas<" not in page, path
        assert reverse("surveys:privacy") in page.split('class="govuk-footer', 1)[1], "the footer's privacy link is the survey's"


def test_a_missing_page_shows_the_services_own_page_not_djangos_debug_page(client, db, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    page = unescape(response.content.decode())
    assert response.status_code == 404
    assert "Page not found" in page and "If you typed the web address, check it is correct." in page
    assert "URLconf" not in page and "urlpatterns" not in page


def test_make_demo_runs_without_debug_so_error_pages_are_the_services_own():
    recipe = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "runserver" in recipe
    assert "DEBUG=1" not in recipe and "DEBUG=true" not in recipe
    assert "AREASEND_STATIC_FROM_SOURCE=1" in recipe, "static files are served without DEBUG"


def test_the_meeting_page_shows_the_video_call_link_as_a_link(client, inspection):
    from areasend.inspections import services

    meeting = services.schedule_meeting(inspection.lead_inspector, inspection, kind="pcf", details=services.MeetingDetails(
        video_link="https://meet.example.gov.uk/abc?x=1&y=2"))
    client.force_login(inspection.lead_inspector)
    raw = client.get(reverse("inspections:meeting", args=[inspection.pk, meeting.pk])).content.decode()
    assert '<a class="govuk-link" href="https://meet.example.gov.uk/abc?x=1&amp;y=2">' in raw
    assert "&lt;a class" not in raw, "no markup shown as text"


def test_the_handbooks_open_timings_are_said_once_per_page(client, inspection):
    client.force_login(inspection.lead_inspector)
    page = _page(client, reverse("inspections:detail", args=[inspection.pk]))
    assert "not confirmed by the handbook" not in page
    assert page.count("The handbook does not fix the timing of") == 1
    timeline = framework.inspection_timeline(notified=inspection.notification_date, kind="full")
    for milestone in timeline.milestones:
        if not milestone.confirmed:
            assert milestone.label[1:] in page.split("The handbook does not fix the timing of", 1)[1].split("</p>", 1)[0]


def test_the_public_area_page_does_not_hedge_each_step(client, db):
    from areasend.areas.importer import import_register

    import_register(ROOT / "data" / "register")
    page = _page(client, reverse("areas:detail", args=["E10000024"]))
    assert "does not confirm this interval" not in page
    assert page.count("The handbook does not fix when") <= 1


def test_counts_sizes_and_mid_sentence_words():
    assert count(1, "answer", "answers") == "1 answer" and count(3, "answer", "answers") == "3 answers"
    assert count(8441, "day", "days") == "8,441 days"
    assert file_size(45) == "45 bytes" and file_size(1) == "1 byte"
    assert file_size(12 * 1024) == "12KB" and file_size(int(1.5 * 1024 * 1024)) == "1.5MB"
    assert lower_first("Self-evaluation meeting") == "self-evaluation meeting"
    assert lower_first("CQC feedback") == "CQC feedback"


def test_survey_results_label_written_answers_by_their_text_not_their_id(client, inspection):
    from areasend.surveys import services as surveys
    from areasend.surveys.models import Answer, SurveyResponse
    from tests.surveys.access import open_surveys

    cyp = open_surveys(inspection)[0]
    response = SurveyResponse.objects.create(survey=cyp, token="layout", question_set=cyp.question_set)
    answer = Answer.objects.create(response=response, question_id="anything_else", value="The bus to college is often late.")
    surveys.set_tags(inspection.lead_inspector, answer, ["I1"])
    client.force_login(inspection.lead_inspector)
    page = _page(client, reverse("surveys:results", args=[inspection.pk]))
    assert 'summary-card__title">Answer' not in page and f">answer {answer.pk}</a>" not in page
    assert "Written answer 1 of 1" in page
    assert not re.search(r"\(1 answers", page)
