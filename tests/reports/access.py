"""URLs of the report pages for the generated access test: the world's inspection gets a signed-off
outcome, a report taken through the factual-accuracy round and published."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from areasend import framework as fw
from areasend.inspections import services as inspections
from areasend.reports import services
from tests.reports.conftest import TEXTS, sign_off_decision


def _published(world):
    if "report" in world:
        return world["report"]
    people, lead = world["people"], world["lead"]
    inspection = inspections.set_notification_date(lead, world["inspection"], dt.date(2026, 1, 12), today=dt.date(2026, 1, 5))
    timeline = fw.full_inspection_timeline(notified=dt.date(2026, 1, 12))
    end = fw.earliest_outcome_date(timeline)
    sign_off_decision(inspection, lead, [people["ofsted"], people["social_care"], people["cqc"]], people["qa_reader"], end)
    inspection.refresh_from_db()
    today = fw.calendar.ENGLAND.add_working_days(end, 5)
    services.save_version(lead, inspection, texts=TEXTS)
    services.qa_sign_off(people["qa_reader"], inspection, today=today)
    services.send_to_local_area(lead, inspection, today=today)
    services.comment(people["own_lano"], inspection, section_key="life", paragraph=1, text="Check the dates.", today=today)
    world["comment"] = inspection.report.accuracy_comments.get()
    services.close_comments(people["own_lano"], inspection, today=today)
    services.answer(people["ofsted"], inspection, world["comment"].pk, response="accepted", reason="Dates fixed.")
    services.make_final(lead, inspection, today=today)
    services.qa_sign_off(people["qa_reader"], inspection, today=today)
    services.publish(lead, inspection, today=today)
    world["report"] = inspection.report
    return world["report"]


def report_url(name, world):
    report = _published(world)
    pk = world["inspection"].pk
    if name == "reports:version":
        return reverse(name, args=[pk, 1])
    if name == "reports:step":
        return reverse(name, args=[pk, "send"])
    if name == "reports:answer":
        return reverse(name, args=[pk, world["comment"].pk])
    if name.startswith("reports:"):
        return reverse(name, args=[pk])
    if name in {"published:report", "published:json", "published:pdf"}:
        return reverse(name, args=[report.pk])
    if name == "published:area":
        return reverse(name, args=[world["area"].ons_code])
    return reverse(name)
