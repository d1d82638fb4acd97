"""One inspection end to end through services and pages: start, notify, timeline, outcome, publication."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from html import unescape

from areasend import framework
from areasend.accounts.models import AuditEvent, Verb
from areasend.areas.models import InspectionRecord
from areasend.inspections import queries, services
from areasend.inspections.models import Inspection


def working_day_before(day: dt.date, n: int) -> dt.date:
    return framework.add_working_days(day, -n)


@pytest.fixture
def inspection(planner, inspector, area):
    return services.create_inspection(planner, area=area, kind="full", lead_inspector=inspector)


def test_planner_starts_an_inspection_and_it_is_audited(inspection, planner):
    assert inspection.lead_inspector.username == "inspector"
    event = AuditEvent.objects.get(object_type="inspections.Inspection", object_id=str(inspection.pk))
    assert event.actor == planner
    assert event.verb == Verb.INSPECTION_STARTED


def test_only_planners_start_inspections(inspector, area):
    with pytest.raises(PermissionDenied):
        services.create_inspection(inspector, area=area, kind="full", lead_inspector=inspector)
    assert Inspection.objects.count() == 0


def test_lead_must_be_an_inspector(planner, area):
    with pytest.raises(ValidationError) as exc:
        services.create_inspection(planner, area=area, kind="full", lead_inspector=planner)
    assert "inspector role" in str(exc.value)


def test_notification_sets_framework_and_timeline_from_the_core(inspection, inspector):
    notified = dt.date(2026, 1, 12)  # a Monday
    today = dt.date(2026, 1, 5)
    inspection = services.set_notification_date(inspector, inspection, notified, today=today)
    inspection.refresh_from_db()
    assert inspection.framework == framework.version_on(notified).id == "2025"
    timeline = queries.timeline_for(inspection)
    expected = framework.inspection_timeline("full", notified=notified)
    assert timeline.to_dict() == expected.to_dict()
    assert timeline.date("notification") == notified


@pytest.mark.parametrize(
    "day, reason",
    [(dt.date(2026, 1, 10), "Saturday"), (dt.date(2026, 5, 4), "bank holiday (early May)")],
)
def test_notification_on_a_non_working_day_is_refused_and_nothing_saved(inspection, inspector, day, reason):
    with pytest.raises(ValidationError) as exc:
        services.set_notification_date(inspector, inspection, day, today=dt.date(2026, 1, 1))
    assert "working day" in str(exc.value), reason
    inspection.refresh_from_db()
    assert inspection.notification_date is None
    assert inspection.framework == ""


def test_another_inspector_cannot_set_the_date(inspection, other_inspector):
    with pytest.raises(PermissionDenied):
        services.set_notification_date(other_inspector, inspection, dt.date(2026, 1, 12), today=dt.date(2026, 1, 1))


def test_outcome_waits_for_the_end_of_the_on_site_week(inspection, inspector):
    notified = dt.date(2026, 1, 12)
    inspection = services.set_notification_date(inspector, inspection, notified, today=dt.date(2026, 1, 5))
    onsite_end = queries.timeline_for(inspection).date("onsite_end")
    with pytest.raises(ValidationError) as exc:
        services.record_outcome(inspector, inspection, outcome=2, summary="Mixed.", today=onsite_end - dt.timedelta(days=1))
    assert "on-site week ends" in str(exc.value)
    assert not InspectionRecord.objects.exists()


def test_findings_are_published_on_the_day_they_are_published(inspection, inspector, area):
    notified = dt.date(2026, 1, 12)
    inspection = services.set_notification_date(inspector, inspection, notified, today=dt.date(2026, 1, 5))
    timeline = queries.timeline_for(inspection)
    recorded_on = timeline.date("onsite_end")
    inspection = services.record_outcome(inspector, inspection, outcome=3, summary="Serious concerns.", today=recorded_on)
    assert inspection.publication_date is None, "recording an outcome publishes nothing"
    assert not InspectionRecord.objects.filter(recorded_inspection_id=inspection.pk).exists()
    published_on = framework.ENGLAND.add_working_days(recorded_on, 20)  # the lead publishes, on a day of their own
    inspection = services.publish_findings(inspector, inspection, today=published_on)
    assert inspection.publication_date == published_on
    record = InspectionRecord.objects.get(recorded_inspection_id=inspection.pk)
    assert record.area == area
    assert record.outcome == 3
    assert record.published == published_on
    assert record.start_date == timeline.date("onsite_start")
    # Not public before the publication date, public on it.
    assert not InspectionRecord.objects.visible_on(record.published - dt.timedelta(days=1)).filter(pk=record.pk).exists()
    assert InspectionRecord.objects.visible_on(record.published).filter(pk=record.pk).exists()


def test_a_late_outcome_is_published_no_earlier_than_the_day_it_is_recorded(inspection, inspector):
    inspection = services.set_notification_date(inspector, inspection, dt.date(2026, 1, 12), today=dt.date(2026, 1, 5))
    late = dt.date(2026, 9, 1)
    services.record_outcome(inspector, inspection, outcome=1, summary="Positive.", today=late)
    inspection = services.publish_findings(inspector, inspection, today=late)
    assert inspection.publication_date == late


def test_outcome_cannot_be_recorded_twice(inspection, inspector):
    inspection = services.set_notification_date(inspector, inspection, dt.date(2026, 1, 12), today=dt.date(2026, 1, 5))
    services.record_outcome(inspector, inspection, outcome=1, summary="Positive.", today=dt.date(2026, 9, 1))
    with pytest.raises(ValidationError):
        services.record_outcome(inspector, inspection, outcome=2, summary="Again.", today=dt.date(2026, 9, 2))
    services.publish_findings(inspector, inspection, today=dt.date(2026, 9, 2))
    with pytest.raises(ValidationError):
        services.publish_findings(inspector, inspection, today=dt.date(2026, 9, 3))
    assert InspectionRecord.objects.filter(recorded_inspection_id=inspection.pk).count() == 1


# Pages -------------------------------------------------------------------------------------------


def test_create_page_rejects_an_empty_form_with_a_linked_error_summary(client, planner):
    client.force_login(planner)
    response = client.post(reverse("inspections:create"), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_area"' in html
    assert "Choose the local area partnership to inspect" in html
    assert "<title>Error:" in html
    assert Inspection.objects.count() == 0


def test_create_page_starts_the_inspection(client, planner, inspector, area):
    client.force_login(planner)
    response = client.post(reverse("inspections:create"), {"area": area.pk, "kind": "full", "lead_inspector": inspector.pk})
    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:detail", args=[inspection.pk])


def test_notification_page_shows_the_core_refusal_for_a_weekend(client, inspection, inspector):
    client.force_login(inspector)
    response = client.post(
        reverse("inspections:notification", args=[inspection.pk]),
        {"notification_date_day": "10", "notification_date_month": "1", "notification_date_year": "2026"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_notification_date_day"' in html
    assert "working day" in html


def test_detail_shows_the_timeline_with_today_on_it(client, inspection, inspector):
    today = timezone.localdate()
    notified = working_day_before(today, 7)
    inspection = services.set_notification_date(inspector, inspection, notified, today=today)
    client.force_login(inspector)
    html = unescape(client.get(reverse("inspections:detail", args=[inspection.pk])).content.decode())
    timeline = queries.timeline_for(inspection)
    assert f"Today, {today.day} {today:%B %Y}" in html
    for milestone in timeline.milestones:
        assert milestone.label in html
    assert "On site" in html or "preparing" in html


def test_viewing_an_inspection_is_recorded(client, inspection, inspector):
    client.force_login(inspector)
    client.get(reverse("inspections:detail", args=[inspection.pk]))
    assert AuditEvent.objects.filter(verb=Verb.VIEWED, actor=inspector, inspection=inspection).exists()


def test_published_outcome_appears_on_the_public_area_page(client, inspection, inspector, area):
    today = timezone.localdate()
    inspection = services.set_notification_date(inspector, inspection, working_day_before(today, 120), today=today)
    services.record_outcome(inspector, inspection, outcome=2, summary="Experiences vary across the area.", today=today)
    html = unescape(client.get(reverse("areas:detail", args=[area.ons_code])).content.decode())
    assert framework.Outcome.INCONSISTENT.official_name not in html, "a recorded outcome is not public"
    services.publish_findings(inspector, inspection, today=today)
    html = unescape(client.get(reverse("areas:detail", args=[area.ons_code])).content.decode())
    assert framework.Outcome.INCONSISTENT.official_name in html
