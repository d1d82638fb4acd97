"""Integrity rules a new user could break: each is refused with a message on the right field, never a 500."""

import datetime as dt
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from areasend import framework
from areasend.access.roles import Role
from areasend.areas.models import InspectionRecord
from areasend.inspections import bookings, queries, services
from areasend.inspections.models import Inspection, TeamMember
from areasend.inspections.services import MeetingDetails, VisitDetails
from tests.factories import make_user
from tests.inspections.conftest import BEFORE, NOTIFIED, record_standing_outcome


def _field_error(exc: ValidationError, field: str) -> str:
    return " ".join(exc.message_dict[field])


@pytest.fixture
def cqc(db):
    return make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector", first_name="Casey", last_name="Cqc")


@pytest.fixture
def ofsted_inspector(db):
    return make_user(Role.INSPECTOR, username="oi", inspector_kind="ofsted_inspector", first_name="Olu", last_name="Oi")


def _published_full(planner, lead, area, today):
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=today)
    notified = framework.add_working_days(today, -120)
    inspection = services.set_notification_date(lead, inspection, notified, today=today)
    services.record_outcome(lead, inspection, outcome=2, summary="Mixed.", today=today)
    return services.publish_findings(lead, inspection, today=today)


# A second open inspection of the same area --------------------------------------------------------


def test_a_second_open_full_inspection_of_an_area_is_refused(notified_inspection, planner, lead, area):
    with pytest.raises(ValidationError) as exc:
        services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=BEFORE)
    text = _field_error(exc.value, "area")
    assert "Bath and North East Somerset already has a full inspection under way" in text
    assert "notified on 12 January 2026" in text
    assert Inspection.objects.filter(area=area).count() == 1


def test_a_full_inspection_whose_report_is_not_yet_published_is_still_open(notified_inspection, planner, lead, area):
    onsite_end = queries.timeline_for(notified_inspection).date("onsite_end")
    services.record_outcome(lead, notified_inspection, outcome=1, summary="Positive.", today=onsite_end)
    with pytest.raises(ValidationError) as exc:
        services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=onsite_end + dt.timedelta(days=400))
    assert "already has a full inspection under way" in _field_error(exc.value, "area"), "unpublished: still under way"
    done = services.publish_findings(lead, notified_inspection, today=onsite_end)
    with pytest.raises(ValidationError):
        services.create_inspection(planner, area=area, kind="full", lead_inspector=lead,
                                   today=done.publication_date - dt.timedelta(days=1))
    again = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=done.publication_date)
    assert again.pk != done.pk


def test_the_create_page_shows_the_refusal_on_the_area(client, notified_inspection, planner, lead, area):
    client.force_login(planner)
    response = client.post(reverse("inspections:create"), {"area": area.pk, "kind": "full", "lead_inspector": lead.pk})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_area"' in html
    assert "already has a full inspection under way" in html
    assert Inspection.objects.count() == 1


# A monitoring inspection needs a standing outcome 3 -----------------------------------------------


@pytest.mark.parametrize(
    "history, words",
    [
        ([], "has had no full inspection under the 2023 framework"),
        ([2], "had outcome 2 at its latest full inspection"),
        ([3, 1], "had outcome 1 at its latest full inspection"),  # outcome 3 replaced by a later full inspection
    ],
)
def test_a_monitoring_inspection_without_a_standing_outcome_3_is_refused(planner, lead, area, history, words):
    for number, outcome in enumerate(history):
        start = dt.date(2023, 3, 6) + dt.timedelta(days=400 * number)
        record_standing_outcome(area, outcome, start=start, published=start + dt.timedelta(days=60))
    with pytest.raises(ValidationError) as exc:
        services.create_inspection(planner, area=area, kind="monitoring", lead_inspector=lead, today=BEFORE)
    text = _field_error(exc.value, "kind")
    assert text.startswith("A monitoring inspection follows outcome 3") and words in text
    assert not Inspection.objects.exists()


def test_a_monitoring_inspection_after_a_standing_outcome_3_is_started(planner, lead, area):
    record_standing_outcome(area, 3)
    inspection = services.create_inspection(planner, area=area, kind="monitoring", lead_inspector=lead, today=BEFORE)
    assert inspection.kind == "monitoring"


def test_an_outcome_3_from_the_services_own_published_inspection_counts(planner, lead, area):
    today = timezone.localdate()
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=today)
    inspection = services.set_notification_date(lead, inspection, framework.add_working_days(today, -120), today=today)
    services.record_outcome(lead, inspection, outcome=3, summary="Serious concerns.", today=today)
    services.publish_findings(lead, inspection, today=today)
    monitoring = services.create_inspection(planner, area=area, kind="monitoring", lead_inspector=lead, today=today)
    assert monitoring.kind == "monitoring"


def test_a_full_inspection_under_way_replaces_the_outcome_3(planner, lead, area):
    record_standing_outcome(area, 3)
    services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=BEFORE)
    with pytest.raises(ValidationError) as exc:
        services.create_inspection(planner, area=area, kind="monitoring", lead_inspector=lead, today=BEFORE)
    assert "has a full inspection under way" in _field_error(exc.value, "kind")


def test_the_create_page_shows_the_monitoring_refusal_on_the_kind(client, planner, lead, area):
    client.force_login(planner)
    response = client.post(reverse("inspections:create"), {"area": area.pk, "kind": "monitoring", "lead_inspector": lead.pk})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert 'href="#id_kind"' in html and "A monitoring inspection follows outcome 3" in html


# The notification date must be within 12 months of today -----------------------------------------


@pytest.mark.parametrize(
    "notified, words",
    [
        (dt.date(2027, 1, 11), "enter a date on or before 5 January 2027"),
        (dt.date(2029, 1, 15), "enter a date on or before 5 January 2027"),
        (dt.date(2024, 12, 2), "enter a date on or after 5 January 2025"),
    ],
)
def test_a_notification_date_years_away_is_refused(planner, lead, area, notified, words):
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=BEFORE)
    with pytest.raises(ValidationError) as exc:
        services.set_notification_date(lead, inspection, notified, today=BEFORE)
    assert words in _field_error(exc.value, "notification_date")
    inspection.refresh_from_db()
    assert inspection.notification_date is None and not inspection.tasks.exists()


def test_a_notification_date_within_the_window_is_kept(planner, lead, area):
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=BEFORE)
    services.set_notification_date(lead, inspection, dt.date(2027, 1, 4), today=BEFORE)
    inspection.refresh_from_db()
    assert inspection.notification_date == dt.date(2027, 1, 4)


def test_the_notification_page_shows_the_window_refusal(client, planner, lead, area):
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    client.force_login(lead)
    year = timezone.localdate().year + 3
    response = client.post(reverse("inspections:notification", args=[inspection.pk]), {
        "notification_date_day": "12", "notification_date_month": "1", "notification_date_year": str(year)})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert 'href="#id_notification_date_day"' in html
    assert "The notification date must be within 12 months from today" in html


# The outcome waits for the end of the on-site week ------------------------------------------------


def test_the_outcome_decision_refuses_an_outcome_before_the_on_site_week_ends(client, planner, lead, area):
    import uuid

    from areasend.evidence import services as evidence

    today = timezone.localdate()
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=today)
    inspection = services.set_notification_date(lead, inspection, framework.next_working_day(today), today=today)
    entry, _ = evidence.add_entry(lead, inspection, key=uuid.uuid4(), fields=evidence.EntryFields(text="Seen.", source="other"))
    client.force_login(lead)
    response = client.post(reverse("evidence:decision", args=[inspection.pk]),
                           {"outcome": "1", "reason_1": "Too soon.", "reason_1_entries": [str(entry.pk)]})
    html = unescape(response.content.decode())
    onsite_end = queries.timeline_for(inspection).date("onsite_end")
    assert response.status_code == 200
    assert 'href="#id_outcome' in html
    assert f"The outcome can be proposed once the on-site week ends on {onsite_end.day} {onsite_end:%B %Y}" in html
    inspection.refresh_from_db()
    assert inspection.outcome is None and not inspection.findings_recorded


# Places on the team ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, words",
    [
        ("cqc_inspector", "The lead inspector must be an HMI: Casey Cqc is recorded as a CQC inspector"),
        ("ofsted_inspector", "The lead inspector must be an HMI: Casey Cqc is recorded as an Ofsted Inspector"),
        (None, "Record whether Casey Cqc is an HMI, an Ofsted Inspector or a CQC inspector"),
    ],
)
def test_the_lead_must_be_an_hmi(planner, area, kind, words):
    user = make_user(Role.INSPECTOR, username="casey", inspector_kind=kind, first_name="Casey", last_name="Cqc")
    with pytest.raises(ValidationError) as exc:
        services.create_inspection(planner, area=area, kind="full", lead_inspector=user, today=BEFORE)
    assert _field_error(exc.value, "lead_inspector").startswith(words)
    assert not Inspection.objects.exists()


def test_the_create_page_offers_only_hmis_as_lead(client, planner, cqc, lead, area):
    client.force_login(planner)
    html = unescape(client.get(reverse("inspections:create")).content.decode())
    lead_select = html[html.index('name="lead_inspector"'):]
    lead_select = lead_select[:lead_select.index("</select>")]
    assert "Demo Lead" in lead_select and "Casey Cqc" not in lead_select
    cqc_select = html[html.index('name="team_cqc"'):]
    cqc_select = cqc_select[:cqc_select.index("</select>")]
    assert "Casey Cqc" in cqc_select and "Demo Lead" not in cqc_select  # the CQC place offers CQC inspectors only
    response = client.post(reverse("inspections:create"), {"area": area.pk, "kind": "full", "lead_inspector": cqc.pk})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert 'href="#id_lead_inspector"' in html and "the lead inspector must be one of His Majesty's Inspectors" in html


@pytest.mark.parametrize(
    "who, role, field, words",
    [
        ("cqc", "ofsted", "role", "Casey Cqc is a CQC inspector, so can only take the CQC inspector role"),
        ("cqc", "social_care", "role", "Casey Cqc is a CQC inspector, so can only take the CQC inspector role"),
        ("oi", "cqc", "role", "The CQC inspector role is for a CQC inspector: Olu Oi works for Ofsted"),
    ],
)
def test_a_cqc_inspector_takes_only_the_cqc_place(notified_inspection, lead, cqc, ofsted_inspector, who, role, field, words):
    user = {"cqc": cqc, "oi": ofsted_inspector}[who]
    with pytest.raises(ValidationError) as exc:
        services.add_team_member(lead, notified_inspection, user=user, role=role)
    assert _field_error(exc.value, field).startswith(words)
    assert not TeamMember.objects.filter(inspection=notified_inspection, user=user).exists()


@pytest.mark.parametrize("who, role", [("cqc", "cqc"), ("oi", "ofsted"), ("oi", "social_care")])
def test_inspectors_take_the_places_open_to_them(notified_inspection, lead, cqc, ofsted_inspector, who, role):
    user = {"cqc": cqc, "oi": ofsted_inspector}[who]
    member, _ = services.add_team_member(lead, notified_inspection, user=user, role=role)
    assert member.role == role


def test_an_inspector_of_unrecorded_kind_is_refused_on_the_person(notified_inspection, lead):
    user = make_user(Role.INSPECTOR, username="unknown", inspector_kind=None)
    with pytest.raises(ValidationError) as exc:
        services.add_team_member(lead, notified_inspection, user=user, role="ofsted")
    assert "Record whether" in _field_error(exc.value, "user")


def test_the_team_page_shows_the_role_refusal(client, notified_inspection, lead, cqc):
    client.force_login(lead)
    url = reverse("inspections:team", args=[notified_inspection.pk])
    assert "Casey Cqc (CQC inspector)" in unescape(client.get(url).content.decode())
    response = client.post(url, {"user": cqc.pk, "role": "ofsted"})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert 'href="#id_role' in html and "can only take the CQC inspector role" in html
    assert notified_inspection.team.count() == 1


# Double bookings are warned about ----------------------------------------------------------------


T = dt.time


@pytest.mark.parametrize(
    "a, b, clash",
    [
        ((T(9), T(10)), (T(9, 30), T(11)), True),
        ((T(9), T(10)), (T(10), T(11)), False),  # back to back
        ((T(10), T(11)), (T(9), T(10)), False),
        ((T(9), T(12)), (T(10), T(11)), True),
        ((T(9), None), (T(9), T(10)), True),  # a start with no end is that moment
        ((T(9, 30), None), (T(10), T(11)), False),
        ((None, None), (T(14), T(15)), True),  # no time set: could be any time of the day
    ],
)
def test_when_two_bookings_overlap(a, b, clash):
    assert bookings.overlaps(*a, *b) is clash
    assert bookings.overlaps(*b, *a) is clash


@pytest.fixture
def elsewhere(planner, inspector, cqc, second_area):
    """Another inspection in the same weeks, with the CQC inspector on a visit on its first on-site day."""
    other = services.create_inspection(planner, area=second_area, kind="full", lead_inspector=inspector, today=BEFORE)
    other = services.set_notification_date(inspector, other, NOTIFIED, today=BEFORE)
    member, _ = services.add_team_member(inspector, other, user=cqc, role="cqc")
    day = queries.timeline_for(other).date("onsite_start")
    services.add_visit(inspector, other, details=VisitDetails(day=day, start_time=T(10), end_time=T(12),
                                                             place="Demo Primary School", kind="education",
                                                             member_ids=(member.pk,)))
    return other, day


def _meeting_with_cqc(client, notified_inspection, lead, cqc, start, end):
    member, _ = services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    meeting = services.schedule_meeting(lead, notified_inspection, kind="self_evaluation",
                                        details=MeetingDetails(start_time=start, end_time=end))
    client.force_login(lead)
    url = reverse("inspections:meeting", args=[notified_inspection.pk, meeting.pk])
    return unescape(client.post(url, {"action": "team", "team-member": member.pk}, follow=True).content.decode())


def test_adding_someone_booked_elsewhere_at_the_same_time_warns(client, notified_inspection, lead, cqc, elsewhere):
    _, day = elsewhere
    html = _meeting_with_cqc(client, notified_inspection, lead, cqc, T(11), T(12, 30))
    assert "Casey Cqc added." in html
    assert (f"Casey Cqc is already booked at an overlapping time: Visit to Demo Primary School, Bristol, on "
            f"{day.day} {day:%B %Y} at 10:00 to 12:00") in html
    assert notified_inspection.meetings.get().attendees.filter(user=cqc).exists()  # a warning, not a refusal


def test_no_warning_when_the_times_do_not_overlap(client, notified_inspection, lead, cqc, elsewhere):
    html = _meeting_with_cqc(client, notified_inspection, lead, cqc, T(14), T(15))
    assert "Casey Cqc added." in html and "already booked" not in html


def test_a_visit_that_clashes_with_a_meeting_warns(client, notified_inspection, lead, cqc, elsewhere):
    other, day = elsewhere
    meeting = services.schedule_meeting(lead, notified_inspection, kind="self_evaluation",
                                        details=MeetingDetails(start_time=T(9), end_time=T(10)))
    member, _ = services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    services.add_team_attendee(lead, notified_inspection, meeting.pk, member_id=member.pk)
    client.force_login(lead)
    response = client.post(reverse("inspections:visit-add", args=[notified_inspection.pk]), {
        "day": day.isoformat(), "start_time": "9:30", "end_time": "11:00", "place": "Demo Health Centre",
        "kind": "health", "members": [member.pk]}, follow=True)
    html = unescape(response.content.decode())
    assert "Demo Health Centre on" in html and "saved on the timetable" in html
    assert "Casey Cqc is already booked at an overlapping time:" in html
    assert "Self-evaluation and strategic planning meeting, Bath and North East Somerset" in html
    assert "Visit to Demo Primary School, Bristol" in html


def test_a_local_person_booked_twice_by_email_is_warned_about(notified_inspection, lead):
    first = services.schedule_meeting(lead, notified_inspection, kind="initial", details=MeetingDetails())
    services.add_local_attendee(lead, notified_inspection, first.pk, name="Dana Director", role="dcs",
                                email="dana@example.gov.uk")
    kit = services.schedule_meeting(lead, notified_inspection, kind="kit", details=MeetingDetails(
        date=queries.timeline_for(notified_inspection).date("initial_meeting_with_leaders"), start_time=T(9)))
    attendee = services.add_local_attendee(lead, notified_inspection, kit.pk, name="Dana Director", role="dcs",
                                           email="Dana@example.gov.uk")
    found = bookings.for_attendee(attendee, queries.timeline_for(notified_inspection))
    assert [b.title for b in found] == ["Initial meeting with leaders"]


# A monitoring inspection ends in findings, not an outcome ----------------------------------------


@pytest.fixture
def monitoring(planner, lead, area):
    record_standing_outcome(area, 3)
    inspection = services.create_inspection(planner, area=area, kind="monitoring", lead_inspector=lead, today=BEFORE)
    return services.set_notification_date(lead, inspection, NOTIFIED, today=BEFORE)


def test_a_monitoring_inspection_is_not_given_an_outcome(monitoring, lead):
    onsite_end = queries.timeline_for(monitoring).date("onsite_end")
    for outcome in (1, 2, 3):
        with pytest.raises(ValidationError) as exc:
            services.record_outcome(lead, monitoring, outcome=outcome, summary="Progress.", recommendations="More.",
                                    today=onsite_end)
        assert "not given one of the three outcomes" in _field_error(exc.value, "outcome")
    assert not InspectionRecord.objects.filter(recorded_inspection_id=monitoring.pk).exists()


def test_a_monitoring_inspection_records_progress_and_recommendations(monitoring, lead):
    onsite_end = queries.timeline_for(monitoring).date("onsite_end")
    with pytest.raises(ValidationError) as exc:
        services.record_outcome(lead, monitoring, outcome=None, summary="Progress.", recommendations="", today=onsite_end)
    assert "Enter the further recommendations" in _field_error(exc.value, "recommendations")
    done = services.record_outcome(lead, monitoring, outcome=None, summary="Waiting times are shorter.",
                                   recommendations="Publish the plan for alternative provision.", today=onsite_end)
    assert done.outcome is None and done.findings_recorded and done.result_text == "Findings recorded"
    assert not InspectionRecord.objects.filter(recorded_inspection_id=done.pk).exists()
    done = services.publish_findings(lead, done, today=onsite_end)
    record = InspectionRecord.objects.get(recorded_inspection_id=done.pk)
    assert (record.kind, record.outcome) == ("monitoring", None)
    assert record.summary == ("Progress with the areas for priority action: Waiting times are shorter. "
                              "Further recommendations: Publish the plan for alternative provision.")
    with pytest.raises(ValidationError):
        services.record_outcome(lead, done, outcome=None, summary="Again.", recommendations="Again.", today=onsite_end)


def test_a_full_inspection_needs_its_outcome(notified_inspection, lead):
    onsite_end = queries.timeline_for(notified_inspection).date("onsite_end")
    with pytest.raises(ValidationError) as exc:
        services.record_outcome(lead, notified_inspection, outcome=None, summary="No outcome.", today=onsite_end)
    assert "Choose the outcome" in _field_error(exc.value, "outcome")


def test_the_database_keeps_outcomes_to_full_inspections(monitoring):
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.filter(pk=monitoring.pk).update(outcome=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.filter(pk=monitoring.pk).update(outcome=4)


def test_the_database_keeps_recommendations_to_monitoring(notified_inspection):
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.filter(pk=notified_inspection.pk).update(recommendations="Do more.")


def test_the_monitoring_decision_has_no_outcomes_and_asks_for_conclusions(client, planner, lead, area):
    import uuid

    from areasend.evidence import services as evidence

    today = timezone.localdate()
    record_standing_outcome(area, 3, start=today - dt.timedelta(days=800), published=today - dt.timedelta(days=700))
    inspection = services.create_inspection(planner, area=area, kind="monitoring", lead_inspector=lead, today=today)
    inspection = services.set_notification_date(lead, inspection, framework.add_working_days(today, -120), today=today)
    entry, _ = evidence.add_entry(lead, inspection, key=uuid.uuid4(), fields=evidence.EntryFields(text="Seen.", source="other"))
    client.force_login(lead)
    url = reverse("evidence:decision", args=[inspection.pk])
    html = unescape(client.get(url).content.decode())
    assert "Propose the conclusions" in html and "Further recommendations" in html
    assert "taking effective action" in html
    assert framework.Outcome.SYSTEMIC_FAILINGS.official_name not in html and 'name="outcome"' not in html
    html = unescape(client.post(url, {"recommendations": ""}).content.decode())
    assert "There is a problem" in html and "Enter the further recommendations for the partnership" in html
    response = client.post(url, {"area_1": "Waiting times", "answer_1": "effective", "reason_1": "Waits halved.",
                                 "entries_1": [str(entry.pk)], "recommendations": "Publish the plan for alternative provision."},
                           follow=True)
    html = unescape(response.content.decode())
    assert "Proposal saved" in html and "Waiting times" in html
    inspection.refresh_from_db()
    assert inspection.outcome is None and not inspection.findings_recorded, "it stands only once signed off"


def test_the_outcome_decision_of_a_full_inspection_offers_the_three_outcomes(client, notified_inspection, lead):
    import uuid

    from areasend.evidence import services as evidence

    evidence.add_entry(lead, notified_inspection, key=uuid.uuid4(), fields=evidence.EntryFields(text="Seen.", source="other"))
    client.force_login(lead)
    html = unescape(client.get(reverse("evidence:decision", args=[notified_inspection.pk])).content.decode())
    assert "Propose the outcome" in html
    for outcome in framework.Outcome:
        assert outcome.official_name in html
