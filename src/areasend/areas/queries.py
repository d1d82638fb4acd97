"""Reads of local areas and their history that pages and other apps share.

History here means imported history plus inspections recorded in the service whose report is
published on or before ``today``. A successor area inherits its predecessors' history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from areasend.areas.models import (
    Framework,
    InspectionKind,
    InspectionRecord,
    LocalAreaPartnership,
    Outcome,
)

CURRENT_FRAMEWORKS = (Framework.F2023, Framework.F2025)
NOT_YET_INSPECTED = "none"


def today_in_england() -> dt.date:
    return timezone.localdate()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _history_of(area_ref, today: dt.date) -> QuerySet[InspectionRecord]:
    """Records of the area (given as an ``OuterRef`` or an area) and of the bodies it succeeds."""
    return InspectionRecord.objects.filter(
        Q(area=area_ref) | Q(area__successor_links__successor=area_ref)
    ).visible_on(today)


def current_areas(today: dt.date | None = None) -> QuerySet[LocalAreaPartnership]:
    """Current areas, each annotated with its last inspection and latest outcome.

    ``last_inspection_date`` / ``last_inspection_precision`` / ``last_inspection_kind``: the most
    recent inspection, revisit or monitoring inspection, its own or inherited.
    ``latest_outcome``: the outcome of the latest full inspection under the 2023 framework or
    its updates, or None when there has not been one yet.
    """
    today = today or today_in_england()
    latest = _history_of(OuterRef("pk"), today).filter(start_date__isnull=False).order_by("-start_date", "-id")
    with_outcome = (
        _history_of(OuterRef("pk"), today)
        .filter(framework__in=CURRENT_FRAMEWORKS, kind=InspectionKind.FULL, outcome__isnull=False)
        .order_by(F("start_date").desc(nulls_last=True), "-id")
    )
    return LocalAreaPartnership.objects.current().annotate(
        last_inspection_date=Subquery(latest.values("start_date")[:1]),
        last_inspection_precision=Subquery(latest.values("start_date_precision")[:1]),
        last_inspection_kind=Subquery(latest.values("kind")[:1]),
        last_inspection_framework=Subquery(latest.values("framework")[:1]),
        latest_outcome=Subquery(with_outcome.values("outcome")[:1]),
    )


SINCE_LAST_CHOICES = (
    ("under-1", "Less than 1 year"),
    ("1-3", "1 to 3 years"),
    ("3-5", "3 to 5 years"),
    ("over-5", "More than 5 years"),
)

SORT_CHOICES = (
    ("name", "Name (A to Z)"),
    ("oldest", "Last inspection (oldest first)"),
    ("region", "Region"),
)

OUTCOME_FILTER_CHOICES = tuple((str(o.value), o.label) for o in Outcome) + (
    (NOT_YET_INSPECTED, "Not yet inspected under the 2023 framework"),
)


def filtered_areas(
    *,
    region: str = "",
    outcome: list[str] | tuple[str, ...] = (),
    since_last: str = "",
    q: str = "",
    sort: str = "name",
    today: dt.date | None = None,
) -> QuerySet[LocalAreaPartnership]:
    """Current areas matching every filter given. Unknown values of a filter are ignored.

    ``outcome`` holds outcome numbers as text and/or ``"none"`` (no 2023-framework inspection yet);
    ``since_last`` is one of ``SINCE_LAST_CHOICES``; ``sort`` one of ``SORT_CHOICES``.
    """
    today = today or today_in_england()
    qs = current_areas(today)
    if region:
        qs = qs.filter(region=region)
    wanted = set(outcome)
    if wanted:
        condition = Q()
        numbers = [int(v) for v in wanted if v in {"1", "2", "3"}]
        if numbers:
            condition |= Q(latest_outcome__in=numbers)
        if NOT_YET_INSPECTED in wanted:
            condition |= Q(latest_outcome__isnull=True)
        if condition:
            qs = qs.filter(condition)
    one, three, five = (_years_before(today, n) for n in (1, 3, 5))
    if since_last == "under-1":
        qs = qs.filter(last_inspection_date__gt=one)
    elif since_last == "1-3":
        qs = qs.filter(last_inspection_date__lte=one, last_inspection_date__gt=three)
    elif since_last == "3-5":
        qs = qs.filter(last_inspection_date__lte=three, last_inspection_date__gt=five)
    elif since_last == "over-5":
        qs = qs.filter(Q(last_inspection_date__lte=five) | Q(last_inspection_date__isnull=True))
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(ons_code__iexact=q))
    if sort == "oldest":
        qs = qs.order_by(F("last_inspection_date").asc(nulls_first=True), "name")
    elif sort == "region":
        qs = qs.order_by("region", "name")
    else:
        qs = qs.order_by("name")
    return qs


def regions() -> list[str]:
    """The regions of current areas, in alphabetical order."""
    return sorted(set(LocalAreaPartnership.objects.current().exclude(region="").values_list("region", flat=True)))


def get_area(ons_code: str) -> LocalAreaPartnership:
    """The area with this ONS code, current or abolished; a 404 when there is none."""
    area = LocalAreaPartnership.objects.filter(ons_code=ons_code.upper()).first()
    if area is None:
        raise Http404("No local area has that code")
    return area


@dataclass(frozen=True)
class HistoryEntry:
    """One record in an area's history, with the body it was recorded under when inherited."""

    record: InspectionRecord
    inherited_from: LocalAreaPartnership | None

    @property
    def is_inherited(self) -> bool:
        return self.inherited_from is not None

    @property
    def sort_date(self) -> dt.date:
        record = self.record
        for day in (record.start_date, record.published, record.follows.start_date if record.follows else None):
            if day is not None:
                return day
        return dt.date.min


_KIND_ORDER = {InspectionKind.FULL: 0, InspectionKind.REVISIT: 1, InspectionKind.MONITORING: 2}


def history_for(area: LocalAreaPartnership, today: dt.date | None = None) -> list[HistoryEntry]:
    """The area's own history and what it inherits, oldest first."""
    today = today or today_in_england()
    records = (
        _history_of(area, today)
        .select_related("area", "follows")
        .order_by("start_date", "id")
        .distinct()
    )
    entries = [HistoryEntry(r, None if r.area_id == area.pk else r.area) for r in records]
    entries.sort(key=lambda e: (e.sort_date, _KIND_ORDER.get(e.record.kind, 9), e.record.pk))
    return entries


def last_inspection(area: LocalAreaPartnership, today: dt.date | None = None) -> HistoryEntry | None:
    """The most recent dated entry of the area's history, its own or inherited."""
    dated = [e for e in history_for(area, today) if e.record.start_date is not None]
    return dated[-1] if dated else None


def latest_full_inspection_under_current_framework(
    area: LocalAreaPartnership, today: dt.date | None = None
) -> HistoryEntry | None:
    """The latest full inspection under the 2023 framework or its updates, if there has been one."""
    full = [
        e
        for e in history_for(area, today)
        if e.record.kind == InspectionKind.FULL and e.record.framework in CURRENT_FRAMEWORKS
    ]
    return full[-1] if full else None
