"""Plans submitted, reviewed and published; support and engagement meetings; statuses in the items owed."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from areasend import framework as fw
from areasend.accounts.models import AuditEvent, Verb
from areasend.areas import queries as areas
from areasend.areas.models import PublishedPlan
from areasend.followup import queries, services
from areasend.followup.models import EngagementMeeting, PlanVersion, SupportActivity
from tests.followup.conftest import PUBLISHED, TODAY
from tests.followup.world import pdf_upload

pytestmark = pytest.mark.django_db
PAP = "priority_action_plan"


def _files(folder) -> int:
    return sum(len(files) for _, _, files in os.walk(folder)) if os.path.exists(folder) else 0


def _item(area, key, today=TODAY):
    return next(i for i in queries.after_inspection(area, today).items if i.due_key == key)


def test_deadlines_are_the_cores_35_and_70_working_days_from_publication(cycle_area):
    cycle = fw.cycle_after("2023", 3, published=PUBLISHED)
    submit = _item(cycle_area, "priority_action_plan_submission_due")
    publish = _item(cycle_area, "priority_action_plan_publication_due")
    assert submit.obligation.due == cycle.priority_action_plan_submission_due.date
    assert fw.calendar.ENGLAND.working_days_between(PUBLISHED, submit.obligation.due) == 35
    assert fw.calendar.ENGLAND.working_days_between(PUBLISHED, publish.obligation.due) == 70
    assert submit.status == "overdue" and submit.owner_words == "Local area"


def test_the_deadlines_follow_the_setting(cycle_area, settings):
    settings.AREASEND_PAP_SUBMIT_WORKING_DAYS = 80
    submit = _item(cycle_area, "priority_action_plan_submission_due")
    assert fw.calendar.ENGLAND.working_days_between(PUBLISHED, submit.obligation.due) == 80
    assert submit.status in ("due", "not_due")


def test_submitted_plan_is_no_longer_overdue_and_the_national_team_owes_the_review(cycle_area, lano, planner):
    plan = services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=pdf_upload(), today=TODAY)
    assert plan.version == 1 and plan.file_kind == "pdf"
    item = _item(cycle_area, "priority_action_plan_submission_due")
    assert item.status == "submitted" and item.owner_words == "National team" and not item.is_late
    late = queries.overdue_after_inspection(TODAY)
    assert not any(i.obligation.area_code == cycle_area.ons_code and i.due_key == "priority_action_plan_submission_due"
                   for i in late)
    event = AuditEvent.objects.get(verb=Verb.FOLLOW_UP_PLAN_SUBMITTED)
    assert event.payload["version"] == 1 and event.actor == lano


def test_further_work_then_a_new_version_accepted_and_published(cycle_area, lano, planner):
    services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=pdf_upload(), today=TODAY)
    services.review_plan(planner, cycle_area, kind=PAP, decision="further_work", decided_on=TODAY,
                         reason="The actions have no dates.", today=TODAY)
    item = _item(cycle_area, "priority_action_plan_submission_due")
    assert item.status == "further_work" and item.is_late and item.status_words == "Further work needed"
    assert any(i.due_key == "priority_action_plan_submission_due" and i.obligation.area_code == cycle_area.ons_code
               for i in queries.overdue_after_inspection(TODAY))
    second = services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=pdf_upload("plan-2.pdf"), today=TODAY)
    assert second.version == 2
    services.review_plan(planner, cycle_area, kind=PAP, decision="accepted", decided_on=TODAY,
                         reason="Clear actions with dates.", today=TODAY)
    assert _item(cycle_area, "priority_action_plan_submission_due").status == "accepted"
    services.publish_plan(planner, cycle_area, kind=PAP, published_on=TODAY, today=TODAY)
    published = _item(cycle_area, "priority_action_plan_publication_due")
    assert published.status == "published" and published.obligation.done == TODAY
    shown = PublishedPlan.objects.get(area=cycle_area)
    assert shown.version == 2 and shown.published_on == TODAY and str(second.pk) in shown.link
    review = AuditEvent.objects.filter(verb=Verb.FOLLOW_UP_PLAN_REVIEWED).first()
    assert review.payload["changes"]["decision"] == {"from": "", "to": "accepted"}
    assert AuditEvent.objects.filter(verb=Verb.FOLLOW_UP_PLAN_PUBLISHED).count() == 1


def test_wrong_file_type_is_refused_and_nothing_is_kept(cycle_area, lano, uploads):
    before = _files(uploads)
    fake = SimpleUploadedFile("plan.pdf", b"just some words, not a PDF", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=fake, today=TODAY)
    assert "not a real PDF" in str(exc.value)
    spreadsheet = SimpleUploadedFile("plan.csv", b"a,b\n1,2\n", content_type="text/csv")
    with pytest.raises(ValidationError) as exc:
        services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=spreadsheet, today=TODAY)
    assert "must be a PDF, DOCX, ODT" in str(exc.value)
    assert not PlanVersion.objects.exists() and _files(uploads) == before
    assert AuditEvent.objects.filter(verb=Verb.FOLLOW_UP_PLAN_REFUSED).count() == 2


def test_a_virus_is_refused(cycle_area, lano, uploads):
    eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    from tests.factories import pdf_bytes

    with pytest.raises(ValidationError) as exc:
        services.submit_plan(lano, cycle_area, kind=PAP, today=TODAY, uploaded_file=SimpleUploadedFile(
            "plan.pdf", pdf_bytes(eicar.decode()), content_type="application/pdf"))
    assert "virus" in str(exc.value)
    assert not PlanVersion.objects.exists()


def test_missing_reason_saves_nothing(cycle_area, lano, planner):
    plan = services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=pdf_upload(), today=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.review_plan(planner, cycle_area, kind=PAP, decision="accepted", decided_on=TODAY, reason="  ",
                             today=TODAY)
    assert exc.value.message_dict["reason"] == ["Enter the reason for the decision."]
    plan.refresh_from_db()
    assert plan.decision == "" and not AuditEvent.objects.filter(verb=Verb.FOLLOW_UP_PLAN_REVIEWED).exists()


def test_an_unaccepted_plan_cannot_be_published(cycle_area, lano, planner):
    services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=pdf_upload(), today=TODAY)
    with pytest.raises(ValidationError) as exc:
        services.publish_plan(planner, cycle_area, kind=PAP, published_on=TODAY, today=TODAY)
    assert "Only an accepted plan" in str(exc.value)
    assert not PublishedPlan.objects.exists()


def test_only_the_areas_people_submit_and_only_the_national_team_reviews(cycle_area, lano, planner, inspector,
                                                                         other_lano):
    for person in (planner, inspector, other_lano):
        with pytest.raises(PermissionDenied):
            services.submit_plan(person, cycle_area, kind=PAP, uploaded_file=pdf_upload(), today=TODAY)
    services.submit_plan(lano, cycle_area, kind=PAP, uploaded_file=pdf_upload(), today=TODAY)
    for person in (lano, inspector):
        with pytest.raises(PermissionDenied):
            services.review_plan(person, cycle_area, kind=PAP, decision="accepted", decided_on=TODAY, reason="Fine.",
                                 today=TODAY)


def test_support_activity_is_recorded_with_its_date_and_note(cycle_area, planner, inspector):
    activity = services.record_support(planner, cycle_area, kind="deep_dive", on=dt.date(2026, 2, 10),
                                       note="Looked at waiting times.", today=TODAY)
    assert queries.after_inspection(cycle_area, TODAY).support == [activity]
    assert AuditEvent.objects.get(verb=Verb.SUPPORT_ACTIVITY_RECORDED).payload["kind"] == "deep_dive"
    with pytest.raises(ValidationError) as exc:
        services.record_support(planner, cycle_area, kind="visit", on=None, note="", today=TODAY)
    assert set(exc.value.message_dict) == {"kind", "on"}
    with pytest.raises(PermissionDenied):
        services.record_support(inspector, cycle_area, kind="stocktake", on=TODAY, note="", today=TODAY)
    assert SupportActivity.objects.count() == 1


def test_a_recorded_engagement_meeting_counts_as_done(cycle_area, inspector):
    first = services.meetings_due(cycle_area, TODAY)[0]
    today = first.date + dt.timedelta(days=3)
    services.schedule_meeting(inspector, cycle_area, due_key=first.key, scheduled_for=first.date, today=today)
    item = _item(cycle_area, first.key, today)
    assert item.status in ("due", "overdue") and "Scheduled for" in item.note
    with pytest.raises(ValidationError) as exc:
        services.record_meeting(inspector, cycle_area, due_key=first.key, held_on=first.date, notes="", today=today)
    assert "notes" in exc.value.message_dict
    assert EngagementMeeting.objects.get().held_on is None
    services.record_meeting(inspector, cycle_area, due_key=first.key, held_on=first.date,
                            notes="Talked through progress on the plan.", today=today)
    item = _item(cycle_area, first.key, today)
    assert item.status == "done" and item.obligation.done == first.date
    assert [e.verb for e in AuditEvent.objects.filter(verb__startswith="engagement_meeting").order_by("at", "id")] == [
        Verb.ENGAGEMENT_MEETING_SCHEDULED, Verb.ENGAGEMENT_MEETING_RECORDED]


def test_overdue_list_reads_follow_up_records_for_all_areas_at_once(cycle_area, lano):
    from areasend.areas.models import LocalAreaPartnership
    from tests.followup.world import outcome_3

    for n in range(3):
        outcome_3(LocalAreaPartnership.objects.create(ons_code=f"E0600010{n}", name=f"Area {n}", region="North West",
                                                      kind="unitary authority"), PUBLISHED)
    with CountFollowUpQueries() as counted:
        queries.overdue_after_inspection(TODAY)
    assert counted.plan_queries == 1 and counted.meeting_queries == 1
    assert areas.DUE_SOON_WORKING_DAYS == 20


class CountFollowUpQueries:
    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self._ctx = CaptureQueriesContext(connection)
        self._ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)
        sql = [q["sql"] for q in self._ctx.captured_queries]
        self.plan_queries = sum('"followup_planversion"' in s and s.startswith("SELECT") for s in sql)
        self.meeting_queries = sum('"followup_engagementmeeting"' in s and s.startswith("SELECT") for s in sql)
