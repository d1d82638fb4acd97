"""A finished demo inspection with a published report, labelled demo, built through the services.

Each step happens on its day of the framework's clock, counted back from ``today``: notified about
five months ago, the draft sent, commented on and answered, the final report signed off and
published. Safe to run again: a demo report already published is left as it is.
"""

from __future__ import annotations

import datetime as dt
import uuid

from areasend import framework as fw
from areasend.evidence import services as evidence
from areasend.inspections import services as inspections
from areasend.reports import services
from areasend.reports.models import PublishedReport

DEMO_TEXTS = {
    "life": "Demo report. Most children with SEND in the area have their needs spotted early. (evidence 1)\n\n"
            "Families told us that waits for an assessment are often too long. (evidence 2)",
    "strengths": "Leaders of the council and the health board share one clear plan. (evidence 3)",
    "improve": "Children wait too long to be assessed, and families are not told how long the wait will be. (evidence 2)",
    "recommendations": "Both: tell families how long they will wait for an assessment, and keep them updated. (evidence 2)\n\n"
                       "Local authority: check that plans are finished within 20 weeks. (evidence 1)",
}

DEMO_ENTRIES = (
    ("ofsted", "document", "Demo entry: the early years data shows most needs are identified before school."),
    ("cqc", "survey", "Demo entry: parents in the survey said they waited many months for an assessment."),
    ("socialcare", "other", "Demo entry: leaders from both partners described the same plan and priorities."),
)


def _monday_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def demo_report() -> PublishedReport | None:
    return PublishedReport.objects.filter(report__inspection__is_demo=True).order_by("pk").first()


def load_demo_report(users: dict, inspection, today: dt.date, seed: int) -> PublishedReport:
    """Take a new demo inspection (created and marked demo by the caller) through to a published report."""
    lead = users["lead"]
    notified = _monday_before(today - dt.timedelta(days=150))
    while not fw.calendar.ENGLAND.is_working_day(notified):
        notified -= dt.timedelta(days=7)
    inspection = inspections.set_notification_date(lead, inspection, notified, today=notified - dt.timedelta(days=7))
    for username, role in (("ofsted", "ofsted"), ("socialcare", "social_care"), ("cqc", "cqc")):
        inspections.add_team_member(lead, inspection, user=users[username], role=role)
    inspections.name_lano(lead, inspection, name="Demo Local Area Officer", email=users["lano"].email)
    inspection.refresh_from_db()
    timeline = fw.full_inspection_timeline(notified=notified, version=fw.get_version(inspection.framework))
    end = fw.earliest_outcome_date(timeline)
    entries = []
    for number, (username, source, text) in enumerate(DEMO_ENTRIES, start=1):
        fields = evidence.EntryFields(text=text, source=source)
        entry, _ = evidence.add_entry(users[username], inspection, fields=fields,
                                      key=uuid.uuid5(uuid.NAMESPACE_URL, f"areasend-demo-report-{seed}-{number}"))
        entries.append(entry)
    evidence.propose_outcome(lead, inspection, outcome=2, summary="Demo: experiences vary across the area.",
                             reasons=[("Demo reason: waits for assessment are long.", [entries[1].pk])], today=end)
    for username in ("lead", "ofsted", "socialcare", "cqc"):
        evidence.agree_outcome(users[username], inspection)
    evidence.sign_off(users["qa"], inspection, today=end)
    inspection.refresh_from_db()
    clock = fw.publication_clock(fw.get_version(inspection.framework), end)
    sent = clock.draft_report_due.date
    services.save_version(lead, inspection, texts=DEMO_TEXTS, note="Demo first draft")
    services.qa_sign_off(users["qa"], inspection, today=sent)
    services.send_to_local_area(lead, inspection, today=sent)
    comment = services.comment(users["lano"], inspection, section_key="strengths", paragraph=1, today=sent,
                               text="Demo comment: the plan was agreed by both partners in the spring.")
    services.close_comments(users["lano"], inspection, today=clock.comments_due.date)
    services.answer(users["ofsted"], inspection, comment.pk, response="rejected",
                    reason="Demo answer: the paragraph does not give a date, so nothing needs to change.")
    services.make_final(lead, inspection, today=clock.final_report_due.date)
    services.qa_sign_off(users["qa"], inspection, today=clock.final_report_due.date)
    day = min(clock.publication_due.date, today)
    return services.publish(lead, inspection, today=day)
