"""URLs of the survey pages for the access table: the inspection's surveys, opened by the timeline."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from areasend import framework
from areasend.inspections.models import Inspection
from areasend.surveys import services
from areasend.surveys.models import Answer, SurveyResponse


def open_surveys(inspection: Inspection, today: dt.date | None = None) -> list:
    """Give the inspection a notification date on which its surveys are open today, and return them."""
    today = today or timezone.localdate()
    notified = today if framework.is_working_day(today) else framework.previous_working_day(today)
    Inspection.objects.filter(pk=inspection.pk).update(notification_date=notified, framework=framework.version_on(notified).id)
    inspection.refresh_from_db()
    return services.ensure_surveys(inspection)


def survey_url(name: str, world: dict) -> str:
    inspection = world["inspection"]
    cyp = open_surveys(inspection)[0]
    if name == "surveys:privacy":
        return reverse(name)
    if name in {"surveys:start", "surveys:done"}:
        return reverse(name, args=[cyp.public_token])
    if name in {"surveys:question", "surveys:audio"}:
        return reverse(name, args=[cyp.public_token, "help_at_school"])
    if name in {"surveys:qr", "surveys:word", "surveys:paper"}:
        return reverse(name, args=[inspection.pk, cyp.group])
    if name == "surveys:tag":
        response = SurveyResponse.objects.create(survey=cyp, token="access-table", question_set=cyp.question_set)
        answer = Answer.objects.create(response=response, question_id="anything_else", value="The bus to college is often late.")
        return reverse(name, args=[inspection.pk, answer.pk])
    return reverse(name, args=[inspection.pk])
