"""A 2016 written statement of action: submitted through the plans' upload, judged fit or not fit for
purpose, resubmitted, revisited with a finding on each weakness, escalated; and the shipped history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from areasend import framework as fw
from areasend.accounts.models import AuditEvent, Verb
from areasend.areas.models import InspectionRecord
from areasend.followup import queries, services
from areasend.followup.models import MinisterEscalation, PlanVersion, Revisit
from areasend.inspections import services as inspections
from tests.followup.world import pdf_upload

pytestmark = pytest.mark.django_db
WSOA = "written_statement"
PUBLISHED = dt.date(2026, 6, 1)
CAL = fw.calendar.ENGLAND


def statement_record(area, *, recorded=False, weaknesses=2, published=PUBLISHED) -> InspectionRecord:
    return InspectionRecord.objects.create(
        area=area, framework="2016", kind="full", start_date=published - dt.timedelta(days=60),
        end_date=published - dt.timedelta(days=56), published=published, wsoa_required=True,
        significant_weaknesses=weaknesses, recorded_inspection_id=9001 if recorded else None)


@pytest.fixture
def wsoa_area(area, settings, tmp_path):
    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    statement_record(area)
    return area


@pytest.fixture
def lano(wsoa_area, planner, inspector):
    inspection = inspections.create_inspection(planner, area=wsoa_area, kind="full", lead_inspector=inspector)
    user, _ = inspections.name_lano(inspector, inspection, name="Area Officer", email="officer@example.gov.uk")
    return user


def _items(area, today):
    return {i.due_key: i for i in queries.statement_case(area, today).items}


def test_the_core_counts_70_then_10_then_20_working_days_and_the_revisit_from_acceptance():
    received = fw.estimated_final_report_received(fw.get_version("2016"), PUBLISHED)
    v1 = fw.StatementVersion(1, dt.date(2026, 9, 1), False, dt.date(2026, 9, 10))
    v2 = fw.StatementVersion(2, dt.date(2026, 10, 1), True, dt.date(2026, 10, 8))
    steps = {s.due.key: s for s in fw.written_statement_steps("2016", published=PUBLISHED, versions=[v1, v2])}
    assert CAL.working_days_between(received, steps["written_statement_due"].due.date) == 70
    assert CAL.working_days_between(v1.submitted, steps["written_statement_review_due_1"].due.date) == 10
    assert CAL.working_days_between(v1.decided, steps["written_statement_resubmission_due_2"].due.date) == 20
    assert steps["written_statement_resubmission_due_2"].done == v2.submitted
    assert steps["revisit_due"].due.date.year == 2028 and steps["revisit_due"].done is None
    assert not fw.advice_to_minister([v1, v2])
    assert fw.advice_to_minister([v1, fw.StatementVersion(2, dt.date(2026, 10, 1), False, dt.date(2026, 10, 8))])
    with pytest.raises(fw.FrameworkError):
        fw.written_statement_steps("2023", published=PUBLISHED)
    with pytest.raises(fw.FrameworkError, match="before a decision"):
        fw.written_statement_steps("2016", published=PUBLISHED,
                                   versions=[fw.StatementVersion(1, v1.submitted), fw.StatementVersion(2, v2.submitted)])


def test_shipped_history_shows_no_dates_and_is_never_overdue(wsoa_area):
    case = queries.statement_case(wsoa_area, dt.date(2026, 12, 3))
    assert case is not None and not case.tracked and case.items == ()
    assert case.revisit_words == "No revisit on record."
    assert not any(i.obligation.area_code == wsoa_area.ons_code for i in queries.overdue_after_inspection(dt.date(2026, 12, 3)))


def test_submit_not_fit_resubmit_fit_with_due_dates_statuses_and_audit(wsoa_area, lano, planner):
    day = dt.date(2026, 9, 1)
    plan = services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=day)
    assert plan.version == 1 and plan.record.framework == "2016"
    items = _items(wsoa_area, day)
    assert items["written_statement_due"].status == "submitted"
    review = items["written_statement_review_due_1"]
    assert review.owner_words == "Ofsted and CQC" and review.status == "due"
    assert CAL.working_days_between(day, review.obligation.due) == 10
    with pytest.raises(ValidationError, match="waiting for the decision"):
        services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=day)
    # The national team is late with its decision: it shows in the overdue list, in working days.
    late_day = CAL.add_working_days(review.obligation.due, 3)
    late = [i for i in queries.overdue_after_inspection(late_day) if i.obligation.area_code == wsoa_area.ons_code]
    assert [(i.due_key, i.working_days_late) for i in late] == [("written_statement_review_due_1", 3)]
    with pytest.raises(ValidationError) as wrong:
        services.review_plan(planner, wsoa_area, kind=WSOA, decision="accepted", decided_on=day, reason="x", today=day)
    assert "fit for purpose or not" in str(wrong.value)
    decided = dt.date(2026, 9, 10)
    services.review_plan(planner, wsoa_area, kind=WSOA, decision="not_fit", decided_on=decided,
                         reason="The actions do not say who does what.", today=decided)
    with pytest.raises(ValidationError, match="that decision stands"):
        services.review_plan(planner, wsoa_area, kind=WSOA, decision="fit", decided_on=decided, reason="x",
                             today=decided)
    resubmission = _items(wsoa_area, decided)["written_statement_resubmission_due_2"]
    assert resubmission.owner_words == "Local area" and CAL.working_days_between(decided, resubmission.obligation.due) == 20
    after = CAL.add_working_days(resubmission.obligation.due, 2)
    late = [i for i in queries.overdue_after_inspection(after) if i.obligation.area_code == wsoa_area.ons_code]
    assert [(i.due_key, i.working_days_late, i.status_words) for i in late] == [
        ("written_statement_resubmission_due_2", 2, "Overdue by 2 working days")]
    second = services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=after)
    assert second.version == 2
    items = _items(wsoa_area, after)
    assert items["written_statement_resubmission_due_2"].status == "submitted"
    assert "2 working days after it was due" in items["written_statement_resubmission_due_2"].note
    services.review_plan(planner, wsoa_area, kind=WSOA, decision="fit", decided_on=after, reason="Clear and costed.",
                         today=after)
    case = queries.statement_case(wsoa_area, after)
    assert case.fit_on == after and case.items[-1].due_key == "revisit_due"
    assert case.items[-1].obligation.due == fw.add_months(after, 18) or case.items[-1].obligation.due > after
    with pytest.raises(ValidationError, match="nothing more to submit"):
        services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=after)
    verbs = list(AuditEvent.objects.filter(verb__in=[Verb.FOLLOW_UP_PLAN_SUBMITTED, Verb.FOLLOW_UP_PLAN_REVIEWED])
                 .values_list("verb", flat=True).order_by("id"))
    assert verbs == ["follow_up_plan_submitted", "follow_up_plan_reviewed"] * 2


def test_revisit_records_each_weakness_and_insufficient_progress_allows_the_escalation(wsoa_area, lano, planner):
    day = dt.date(2026, 9, 1)
    services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=day)
    with pytest.raises(ValidationError, match="record that decision first"):
        services.record_revisit(planner, wsoa_area, on=day, findings={1: "sufficient", 2: "sufficient"}, today=day)
    services.review_plan(planner, wsoa_area, kind=WSOA, decision="fit", decided_on=day, reason="Good.", today=day)
    with pytest.raises(ValidationError, match="Neither is on record"):
        services.record_escalation(planner, wsoa_area, on=day, note="Advice sent.", today=day)
    with pytest.raises(ValidationError) as missing:
        services.record_revisit(planner, wsoa_area, on=day, findings={1: "sufficient"}, today=day)
    assert "significant weakness 2" in str(missing.value)
    with pytest.raises(PermissionDenied):
        services.record_revisit(lano, wsoa_area, on=day, findings={1: "sufficient", 2: "insufficient"}, today=day)
    later = dt.date(2026, 12, 1)
    services.record_revisit(planner, wsoa_area, on=later, findings={1: "sufficient", 2: "insufficient"},
                            notes={2: "Waiting times are still long."}, today=later)
    case = queries.statement_case(wsoa_area, later)
    assert case.items[-1].status == "revisited" and case.progress_insufficient and case.may_escalate
    assert "sufficient progress on 1 of 2" in case.revisit_words
    event = AuditEvent.objects.get(verb=Verb.REVISIT_PROGRESS_RECORDED)
    assert event.payload["findings"] == {"1": "sufficient", "2": "insufficient"}
    with pytest.raises(ValidationError, match="already on record"):
        services.record_revisit(planner, wsoa_area, on=later, findings={1: "sufficient", 2: "sufficient"}, today=later)
    with pytest.raises(ValidationError) as bad:
        services.record_escalation(planner, wsoa_area, on=later, note="  ", today=later)
    assert "Enter a note" in str(bad.value) and not MinisterEscalation.objects.exists()
    services.record_escalation(planner, wsoa_area, on=later, note="Advice on a statutory direction.", today=later)
    assert queries.statement_case(wsoa_area, later).recorded.escalations == ((later, "Advice on a statutory direction."),)
    assert AuditEvent.objects.filter(verb=Verb.MINISTER_ESCALATION_RECORDED).count() == 1


def test_a_revisit_recorded_in_the_service_goes_into_the_history_the_public_area_page_shows(wsoa_area, lano, planner,
                                                                                           client):
    day = dt.date(2026, 9, 1)
    services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=day)
    services.review_plan(planner, wsoa_area, kind=WSOA, decision="fit", decided_on=day, reason="Good.", today=day)
    later = dt.date(2026, 11, 2)
    services.record_revisit(planner, wsoa_area, on=later, findings={1: "sufficient", 2: "insufficient"},
                            notes={2: "Waiting times are still long."}, today=later)
    revisit = InspectionRecord.objects.get(area=wsoa_area, kind="revisit")
    assert (revisit.published, revisit.start_date, revisit.sufficient_progress, revisit.weaknesses_with_sufficient_progress,
            revisit.weaknesses_with_insufficient_progress) == (later, None, "Some", 1, 1)
    assert revisit.follows == queries.statement_case(wsoa_area, later).inspection
    assert AuditEvent.objects.filter(verb=Verb.HISTORY_ADDED, payload__inspection_record=revisit.pk).exists()
    page = client.get(reverse("areas:detail", args=[wsoa_area.ons_code])).content.decode()
    assert ("Revisit report published on 2 November 2026: sufficient progress in some significant weaknesses "
            "(1 with sufficient progress, 1 without).") in page
    assert "Waiting times are still long." not in page  # the notes on each weakness stay with the national team


def test_a_statement_replaced_by_a_later_full_inspection_is_history(wsoa_area, lano):
    InspectionRecord.objects.create(area=wsoa_area, framework="2023", kind="full", start_date=dt.date(2026, 10, 5),
                                    published=dt.date(2026, 11, 20), outcome=2)
    assert not queries.statement_case(wsoa_area, dt.date(2026, 12, 3)).current
    with pytest.raises(ValidationError, match="history now"):
        services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=dt.date(2026, 12, 3))
    assert not PlanVersion.objects.exists()


def test_an_inspection_recorded_in_the_service_is_tracked_from_the_start(area):
    statement_record(area, recorded=True)
    due = fw.written_statement_steps("2016", published=PUBLISHED)[0].due.date
    late = [i for i in queries.overdue_after_inspection(CAL.add_working_days(due, 4))
            if i.obligation.area_code == area.ons_code]
    assert [(i.due_key, i.working_days_late, i.owner_words) for i in late] == [("written_statement_due", 4, "Local area")]


def _date(prefix: str, day) -> dict:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_the_pages_take_the_journey_and_bad_input_gets_a_message(client, wsoa_area, lano, planner):
    from django.utils import timezone

    today = timezone.localdate()
    code = wsoa_area.ons_code
    client.force_login(lano)
    page = client.get(reverse("followup:area", args=[code])).content.decode()
    assert "Written statement of action (2016 framework)" in page and "Upload the written statement of action" in page
    assert 'aria-label="Steps of the written statement of action"' not in page  # history only: no dated steps
    upload = reverse("followup:plan-upload", args=[code, "written-statement"])
    assert "Select a file to upload" in client.post(upload, {}).content.decode()
    assert client.post(upload, {"file": pdf_upload()}).status_code == 302
    page = client.get(reverse("followup:area", args=[code])).content.decode()
    steps = page.split('aria-label="Steps of the written statement of action"')[1].split("</table>")[0]
    assert "Who owes it" in steps and steps.count('<tr class="govuk-table__row">') >= 2  # the heading and a step
    client.force_login(planner)
    review = reverse("followup:plan-review", args=[code, "written-statement"])
    form = client.get(review).content.decode()
    assert "Fit for purpose" in form and "Accepted" not in form
    text = client.post(review, {"decision": "nonsense", **_date("decided_on", today), "reason": "x"}).content.decode()
    assert "There is a problem" in text and "fit for purpose or not" in text
    assert client.post(review, {"decision": "fit", **_date("decided_on", today), "reason": "Clear."}).status_code == 302
    revisit = reverse("followup:revisit", args=[code])
    text = client.post(revisit, {**_date("on", today), "weakness_1": "sufficient"}).content.decode()
    assert "Choose whether progress on significant weakness 2 was sufficient" in text and not Revisit.objects.exists()
    text = client.post(revisit, {"on_day": "31", "on_month": "2", "on_year": "2026", "weakness_1": "sufficient",
                                 "weakness_2": "insufficient"}).status_code
    assert text == 200 and not Revisit.objects.exists()
    assert client.post(revisit, {**_date("on", today), "weakness_1": "sufficient",
                                 "weakness_2": "insufficient"}).status_code == 302
    escalation = reverse("followup:escalation", args=[code])
    assert "Enter a note" in client.post(escalation, _date("on", today)).content.decode()
    assert client.post(escalation, {**_date("on", today), "note": "Advice sent."}).status_code == 302
    page = client.get(reverse("followup:area", args=[code])).content.decode()
    assert "Significant weakness 2: insufficient progress" in page and "Escalated to the Minister" in page
    assert "Fit for purpose on" in page
    client.logout()
    public = client.get(reverse("areas:detail", args=[code])).content.decode()
    assert "Written statement of action (2016 framework)" in public and "2 significant weaknesses" in public


def test_pages_that_cannot_be_used_yet_say_why(client, area, planner):
    client.force_login(planner)
    for name in ("followup:revisit", "followup:escalation"):
        response = client.get(reverse(name, args=[area.ons_code]))
        assert response.status_code == 200
        assert "no inspection under the 2016 framework" in response.content.decode()
        assert client.post(reverse(name, args=[area.ons_code]), {}).status_code == 200


def test_the_shipped_register_shows_each_statement_as_history(client):
    from pathlib import Path

    from areasend.areas.importer import import_register

    import_register(Path(__file__).resolve().parents[2] / "data" / "register")
    barnsley = client.get(reverse("areas:detail", args=["E08000016"])).content.decode()
    assert "Written statement of action (2016 framework)" in barnsley
    assert "to address 2 significant weaknesses" in barnsley and "No revisit on record." in barnsley
    assert "history does not hold when it was submitted" in barnsley
    birmingham = client.get(reverse("areas:detail", args=["E08000025"])).content.decode()
    assert "sufficient progress in some significant weaknesses (1 with sufficient progress, 12 without)" in birmingham
    assert "report published on 14 July 2021" in birmingham
    # Nothing in the shipped history is tracked, so none of it is ever overdue.
    assert not any(i.due_key.startswith(("written_statement", "revisit")) for i in queries.overdue_after_inspection())
    no_statement = client.get(reverse("areas:detail", args=["E09000002"])).content.decode()
    assert "Written statement of action (2016 framework)" not in no_statement


def test_a_decided_statement_shows_its_decision_not_the_form(client, wsoa_area, lano, planner):
    from django.utils import timezone

    today = timezone.localdate()
    services.submit_plan(lano, wsoa_area, kind=WSOA, uploaded_file=pdf_upload(), today=today)
    services.review_plan(planner, wsoa_area, kind=WSOA, decision="not_fit", decided_on=today, reason="Vague.",
                         today=today)
    client.force_login(planner)
    url = reverse("followup:plan-review", args=[wsoa_area.ons_code, "written-statement"])
    text = client.get(url).content.decode()
    assert "was found not fit for purpose" in text and "Save the decision" not in text
    response = client.post(url, {"decision": "fit", **_date("decided_on", today), "reason": "Changed my mind."})
    assert response.status_code == 200 and "that decision stands" in response.content.decode()
    assert PlanVersion.objects.get().decision == "not_fit"
    publish = reverse("followup:plan-publish", args=[wsoa_area.ons_code, "written-statement"])
    text = client.post(publish, _date("published_on", today)).content.decode()
    assert "publishes its written statement on its own website" in text
