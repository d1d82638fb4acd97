"""Putting inspections recorded in the service into an area's history."""

from __future__ import annotations

import datetime as dt

import pytest

from areasend.accounts.models import AuditEvent, Verb
from areasend.areas.models import InspectionRecord, LocalAreaPartnership
from areasend.areas.services import HistoryRecordError, record_published_inspection

pytestmark = pytest.mark.django_db


def record(area, **overrides):
    values = dict(
        area=area, framework="2025", kind="full", start_date=dt.date(2025, 9, 15), end_date=dt.date(2025, 9, 19),
        published=dt.date(2025, 11, 14), outcome=2, summary="Experiences vary.", recorded_inspection_id=41, actor=None,
    )
    values.update(overrides)
    return record_published_inspection(**values)


def test_recording_creates_one_record_and_an_audit_event(small_register):
    bath = LocalAreaPartnership.objects.get(ons_code="E06000022")
    result = record(bath)
    assert result.source == "recorded in areasend"
    assert (result.outcome, result.published, result.summary) == (2, dt.date(2025, 11, 14), "Experiences vary.")
    assert result.start_date_precision == "day"
    assert AuditEvent.objects.filter(verb=Verb.HISTORY_ADDED, object_id=str(result.pk)).count() == 1


def test_recording_again_updates_the_same_record(small_register):
    bath = LocalAreaPartnership.objects.get(ons_code="E06000022")
    first = record(bath)
    again = record(bath)
    assert again.pk == first.pk
    assert not AuditEvent.objects.filter(verb=Verb.HISTORY_CHANGED).exists()
    changed = record(bath, outcome=3, summary="Serious concerns.")
    assert changed.pk == first.pk
    assert InspectionRecord.objects.filter(recorded_inspection_id=41).count() == 1
    changed.refresh_from_db()
    assert (changed.outcome, changed.summary) == (3, "Serious concerns.")
    assert AuditEvent.objects.filter(verb=Verb.HISTORY_CHANGED, object_id=str(first.pk)).count() == 1


def test_an_imported_copy_of_the_same_inspection_is_taken_over(small_register):
    notts = LocalAreaPartnership.objects.get(ons_code="E10000024")
    imported = InspectionRecord.objects.get(area=notts, start_date=dt.date(2023, 1, 30))
    result = record(notts, framework="2023", start_date=dt.date(2023, 1, 30), end_date=dt.date(2023, 2, 3),
                    published=dt.date(2023, 5, 16), outcome=3, recorded_inspection_id=5)
    assert result.pk == imported.pk
    assert result.recorded_inspection_id == 5
    assert "recorded in areasend" in result.source


def test_a_monitoring_inspection_follows_the_full_inspection(small_register):
    notts = LocalAreaPartnership.objects.get(ons_code="E10000024")
    result = record(notts, framework="2023", kind="monitoring", start_date=dt.date(2024, 11, 4), outcome=None,
                    end_date=None, published=dt.date(2024, 12, 20))
    assert result.follows.start_date == dt.date(2023, 1, 30)


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"outcome": 4}, "is not an outcome"),
        ({"outcome": None}, "needs its outcome"),
        ({"framework": "2030"}, "is not a framework"),
        ({"kind": "thematic"}, "is not a kind of inspection"),
        ({"end_date": dt.date(2025, 9, 1)}, "cannot end before it starts"),
        ({"published": dt.date(2025, 9, 1)}, "cannot be published before"),
        ({"start_date": None}, "needs the date it started"),
        ({"recorded_inspection_id": None}, "needs the id"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(small_register, overrides, message):
    bath = LocalAreaPartnership.objects.get(ons_code="E06000022")
    before = InspectionRecord.objects.count()
    with pytest.raises(HistoryRecordError, match=message):
        record(bath, **overrides)
    assert InspectionRecord.objects.count() == before


def test_an_abolished_area_cannot_be_inspected(small_register):
    county = LocalAreaPartnership.objects.get(ons_code="E10000021")
    with pytest.raises(HistoryRecordError, match="abolished"):
        record(county)
