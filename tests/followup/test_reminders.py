"""Reminders of what is owed after an inspection, through the daily reminders command: to whoever owes
each item, when it is due soon, late, or waiting for the national team; once per item, person, day and kind."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from areasend import framework as fw
from areasend.access.roles import Role
from areasend.followup import queries, reminders, services
from areasend.notifications.models import SentMessage
from tests.factories import make_user
from tests.followup.conftest import PUBLISHED, TODAY
from tests.followup.world import pdf_upload

pytestmark = pytest.mark.django_db
CAL = fw.calendar.ENGLAND
CYCLE = fw.cycle_after("2023", 3, published=PUBLISHED)


@pytest.fixture
def people(lano, planner, inspector):
    for user, email in ((planner, "planner@example.gov.uk"), (inspector, "lead@example.gov.uk")):
        user.email = email
        user.save()
    mail.outbox.clear()
    return {"lano": lano, "planner": planner, "lead": inspector}


def _sent(today):
    mail.outbox.clear()
    count = reminders.send_reminders(today)
    assert count == len(mail.outbox)
    return {(m.to[0], m.subject) for m in mail.outbox}


def test_the_nominated_officer_is_reminded_of_a_late_priority_action_plan_once_a_day(people):
    due = CYCLE.priority_action_plan_submission_due.date
    assert due < TODAY
    sent = _sent(TODAY)
    label = CYCLE.priority_action_plan_submission_due.label
    assert ("officer@example.gov.uk", f"Overdue since {fw.written_date(due)}: {label[:1].upper() + label[1:]} "
            "(Bath and North East Somerset)") in sent
    message = next(m for m in mail.outbox if m.to == ["officer@example.gov.uk"] and "Overdue" in m.subject)
    assert "/after-inspection/E06000022/" in message.body
    # The inspectorates owe nothing yet (the engagement meeting and monitoring inspection are months away).
    assert not any(to == "lead@example.gov.uk" for to, _ in sent)
    assert reminders.send_reminders(TODAY) == 0
    assert reminders.send_reminders(CAL.next_working_day(TODAY)) > 0


def test_due_soon_is_a_working_week_before_and_not_earlier(people, cycle_area):
    services.submit_plan(people["lano"], cycle_area, kind="priority_action_plan", uploaded_file=pdf_upload(), today=TODAY)
    strategic = CYCLE.strategic_plan_update_due.date
    close = CAL.add_working_days(strategic, -reminders.REMINDER_WORKING_DAYS)
    early = CAL.add_working_days(strategic, -(reminders.REMINDER_WORKING_DAYS + 1))
    assert any(to == "officer@example.gov.uk" and subject.startswith(f"Due by {fw.written_date(strategic)}")
               for to, subject in _sent(close))
    assert not any(subject.startswith(f"Due by {fw.written_date(strategic)}") for _, subject in _sent(early))


def test_a_submitted_plan_waits_for_the_national_team_who_are_reminded_not_the_area(people, cycle_area):
    services.submit_plan(people["lano"], cycle_area, kind="priority_action_plan", uploaded_file=pdf_upload(), today=TODAY)
    sent = _sent(TODAY)
    assert any(to == "planner@example.gov.uk" and subject.startswith("Waiting for your decision: Priority action plan")
               for to, subject in sent)
    assert not any(to == "officer@example.gov.uk" and "riority action plan" in subject for to, subject in sent)
    services.review_plan(people["planner"], cycle_area, kind="priority_action_plan", decision="accepted",
                         decided_on=TODAY, reason="Clear actions.", today=TODAY)
    assert not any("Waiting for your decision" in subject for _, subject in _sent(CAL.next_working_day(TODAY)))


def test_the_monitoring_inspection_due_soon_goes_to_the_planners_until_one_is_started(people, cycle_area):
    from areasend.inspections import services as inspections

    monitoring = CYCLE.monitoring_inspection_due.date
    day = CAL.add_working_days(monitoring, -2)
    sent = _sent(day)
    assert any(to == "planner@example.gov.uk" and subject.startswith(f"Due by {fw.written_date(monitoring)}")
               and "onitoring inspection" in subject for to, subject in sent)
    from django.utils import timezone

    from areasend.inspections.models import Inspection

    # The full inspection the fixture started stands for the published one the cycle follows.
    Inspection.objects.filter(area=cycle_area).update(notification_date=PUBLISHED - dt.timedelta(days=90), outcome=3,
                                                      outcome_recorded_at=timezone.now(),
                                                      publication_date=PUBLISHED)
    inspections.create_inspection(people["planner"], area=cycle_area, kind="monitoring", lead_inspector=people["lead"])
    assert not any("onitoring inspection" in subject for _, subject in _sent(day))


def test_an_engagement_meeting_goes_to_the_lead_inspector_and_stops_once_held(people, cycle_area):
    meeting = CYCLE.engagement_meetings[0]
    day = CAL.add_working_days(meeting.date, -1)
    assert any(to == "lead@example.gov.uk" and subject == f"Due by {fw.written_date(meeting.date)}: Engagement "
               f"meeting 1 (Bath and North East Somerset)" for to, subject in _sent(day))
    services.record_meeting(people["lead"], cycle_area, due_key=meeting.key, held_on=day, notes="Progress reviewed.",
                            today=day)
    assert not any("Engagement meeting 1" in subject for _, subject in _sent(day + dt.timedelta(days=1)))


def test_an_area_with_nobody_named_in_the_service_is_left_to_the_overdue_list(cycle_area, planner):
    planner.email = "planner@example.gov.uk"
    planner.save()
    # No inspection of the area in this service: no nominated officer, no lead inspector.
    assert queries.overdue_after_inspection(TODAY)
    assert reminders.send_reminders(TODAY) == 0


def test_the_daily_command_sends_both_kinds_and_is_idempotent(people):
    make_user(Role.NATIONAL_PLANNER, username="second", email="second@example.gov.uk")
    out = StringIO()
    call_command("send_task_reminders", "--today", TODAY.isoformat(), stdout=out)
    owed = SentMessage.objects.filter(template__startswith="after-inspection-").count()
    assert owed > 0
    assert f"{owed} of what is owed after inspections" in out.getvalue()
    out = StringIO()
    call_command("send_task_reminders", "--today", TODAY.isoformat(), stdout=out)
    assert "0 reminders sent" in out.getvalue()
    assert SentMessage.objects.filter(template__startswith="after-inspection-").count() == owed


def test_a_failed_delivery_is_not_recorded_and_is_tried_again(people, settings):
    settings.AREASEND_EMAIL_ONLY_THROUGH_NOTIFY = True
    assert reminders.send_reminders(TODAY) == 0
    assert not SentMessage.objects.filter(template__startswith="after-inspection-").exists()
    settings.AREASEND_EMAIL_ONLY_THROUGH_NOTIFY = False
    assert reminders.send_reminders(TODAY) > 0


def test_each_person_s_own_list_holds_what_they_are_reminded_of(people, cycle_area):
    pap = CYCLE.priority_action_plan_submission_due
    owed = queries.owed_by(people["lano"], TODAY)
    assert [(o.area, o.item.due_key, o.kind) for o in owed if o.item.due_key == pap.key] == [
        (cycle_area, pap.key, "overdue")]
    assert queries.owed_by(people["planner"], TODAY) == []  # nothing waits for the national team yet
    assert queries.owed_by(people["lead"], TODAY) == []
    services.submit_plan(people["lano"], cycle_area, kind="priority_action_plan", uploaded_file=pdf_upload(), today=TODAY)
    assert not any(o.item.due_key == pap.key for o in queries.owed_by(people["lano"], TODAY))
    waiting = [(o.item.due_key, o.kind) for o in queries.owed_by(people["planner"], TODAY)]
    assert waiting == [(pap.key, "review")]
    # the same items the reminders send, to the same people
    sent = _sent(TODAY)
    assert any(to == "planner@example.gov.uk" and subject.startswith("Waiting for your decision") for to, subject in sent)


def test_your_work_lists_what_the_nominated_officer_owes_with_a_link(people, cycle_area, client):
    client.force_login(people["lano"])
    page = client.get(reverse("work:home")).content.decode()
    assert "After inspections: for you to do" in page
    assert CYCLE.priority_action_plan_submission_due.label[1:] in page
    assert "working days late" in page and f"/after-inspection/{cycle_area.ons_code}/" in page
    client.force_login(people["lead"])  # the lead inspector owes the area's plans nothing
    assert CYCLE.priority_action_plan_submission_due.label[1:] not in client.get(reverse("work:home")).content.decode()


def test_the_steps_of_a_written_statement_are_owed_and_reminded_like_the_rest(people, cycle_area):
    from tests.followup.test_written_statement import statement_record

    statement_record(cycle_area, published=dt.date(2025, 6, 2))
    # (the outcome-3 inspection of December 2025 came later, so make the statement the current case)
    from areasend.areas.models import InspectionRecord

    InspectionRecord.objects.filter(area=cycle_area, framework="2023").delete()
    services.submit_plan(people["lano"], cycle_area, kind="written_statement", uploaded_file=pdf_upload(),
                         today=dt.date(2025, 9, 1))
    review = next(o for o in queries.owed_by(people["planner"], dt.date(2025, 9, 12)))
    assert review.item.due_key.startswith("written_statement_review_due") and review.kind in ("due", "overdue")
    assert queries.owed_by(people["lano"], dt.date(2025, 9, 12)) == []
    assert any(to == "planner@example.gov.uk" for to, _ in _sent(dt.date(2025, 9, 12)))


def test_the_latest_inspections_of_many_areas_are_found_in_one_query(people, cycle_area, planner, inspector,
                                                                      django_assert_num_queries):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import queries as inspection_queries
    from areasend.inspections import services as inspection_services

    from areasend.inspections.models import Inspection

    earlier = Inspection.objects.get(area=cycle_area)
    later = Inspection.objects.create(area=cycle_area, kind="full", lead_inspector=inspector, created_by=planner,
                                      notification_date=earlier.notification_date)  # as if a second, begun later
    elsewhere = LocalAreaPartnership.objects.create(ons_code="E06000023", name="Bristol", region="South West",
                                                    kind="unitary authority")
    other = inspection_services.create_inspection(planner, area=elsewhere, kind="full", lead_inspector=inspector)
    empty = LocalAreaPartnership.objects.create(ons_code="E06000024", name="North Somerset", region="South West",
                                                kind="unitary authority")
    with django_assert_num_queries(1):
        latest = inspection_queries.latest_in_areas([cycle_area, elsewhere, empty])
        assert latest[cycle_area.pk].lano is None and latest[elsewhere.pk].lead_inspector == inspector
    assert latest == {cycle_area.pk: later, elsewhere.pk: other}
    assert all(latest[area.pk] == inspection_queries.latest_in_area(area) for area in (cycle_area, elsewhere))
    assert inspection_queries.latest_in_area(empty) is None
