"""The national statistics: every figure the dashboard, its downloads, the API and ``areasend stats`` show.

All of it is worked out from one read of the register and the history (``areas.queries``),
with every date rule asked of the framework core. Counts of inspections follow Ofsted's
official statistics: full inspections under the 2023 framework (and its June 2025 update) by
the calendar year their on-site week started.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from areasend import framework as fw
from areasend.areas import queries as area_queries
from areasend.areas.queries import AreaRow, DataCurrency, RecordRow

FULL = "full"
MONITORING = "monitoring"
CURRENT_FRAMEWORKS = ("2023", "2025")
OUTCOMES = tuple(o.value for o in fw.Outcome)
NOT_YET = "none"

#: Bands of time since the last inspection (any kind), as the register page uses them.
SINCE_BANDS = (
    ("under-1", "Less than 1 year"),
    ("1-3", "1 to 3 years"),
    ("3-5", "3 to 5 years"),
    ("over-5", "More than 5 years"),
    ("never", "No inspection on record"),
)

#: Bins of working days from the end of on-site to publication, for the distribution chart.
TIMELINESS_BIN_WIDTH = 10
TIMELINESS_BINS = 10  # the last bin is "more than 90"


def outcome_name(outcome: int | None) -> str:
    """The outcome's name as the register pages show it (the core's short label)."""
    if outcome is None:
        return "Not yet inspected under the 2023 framework"
    label = fw.Outcome.from_number(outcome).short_label
    return label[:1].upper() + label[1:]


def official_outcome(outcome: int) -> str:
    """The outcome as the framework words it in full."""
    return fw.Outcome.from_number(outcome).official_name


def outcome_short(outcome: int | None) -> str:
    if outcome is None:
        return "Not yet inspected"
    label = fw.Outcome.from_number(outcome).short_label
    return label[:1].upper() + label[1:]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class AreaPosition:
    """Where one current area stands as of a date: its latest outcome and last inspection."""

    area: AreaRow
    latest_outcome: int | None
    latest_start: dt.date | None
    latest_published: dt.date | None
    latest_framework: str
    last_inspection: dt.date | None
    last_inspection_precision: str
    monitored_since_latest: bool

    @property
    def code(self) -> str:
        return self.area.code


@dataclass(frozen=True)
class Filters:
    region: str = ""
    outcome: str = ""  # "1", "2", "3", "none" or ""
    year: int | None = None

    @property
    def active(self) -> bool:
        return bool(self.region or self.outcome or self.year)

    def keeps_region(self, region: str) -> bool:
        return not self.region or region == self.region

    def keeps_outcome(self, outcome: int | None) -> bool:
        if not self.outcome:
            return True
        if self.outcome == NOT_YET:
            return outcome is None
        return outcome is not None and str(outcome) == self.outcome

    def as_query(self) -> dict[str, str]:
        query = {}
        if self.region:
            query["region"] = self.region
        if self.outcome:
            query["outcome"] = self.outcome
        if self.year:
            query["year"] = str(self.year)
        return query


@dataclass(frozen=True)
class Due:
    area: AreaRow
    what: str  # "first_full", "next_full", "monitoring"
    date: dt.date
    approximate: bool


@dataclass
class Picture:
    """Everything the dashboard shows for one set of filters."""

    today: dt.date
    as_of: dt.date
    currency: DataCurrency
    filters: Filters
    regions: list[str]
    years: list[int]
    positions: list[AreaPosition]
    shown: list[AreaPosition]
    outcomes_by_year: dict[int, dict[int, int]]
    by_region: list[dict]
    since_last: list[dict]
    not_yet_inspected: list[AreaPosition]
    due: list[Due]
    due_until: dt.date
    overdue: list[Due]
    planned: dict | None
    ehc_by_outcome: list[dict]
    reports: list[dict]
    timeliness_by_year: list[dict]
    distribution: list[dict]
    median_working_days: float | None
    on_time_share: float | None
    allowed_working_days: int | None
    first_cycle_end: dt.date | None = None
    notes: list[str] = field(default_factory=list)


def _is_full_current(r: RecordRow) -> bool:
    return r.kind == FULL and r.framework in CURRENT_FRAMEWORKS and r.outcome is not None


def positions_on(areas: list[AreaRow], records: list[RecordRow], as_of: dt.date) -> list[AreaPosition]:
    """Each current area's latest full-inspection outcome (2023 framework) and last inspection of any kind,
    counting what started on or before ``as_of``, its own history and what it inherits."""
    by_heir: dict[str, list[RecordRow]] = defaultdict(list)
    for r in records:
        if r.start_date is not None and r.start_date > as_of:
            continue
        for code in r.heirs:
            by_heir[code].append(r)
    result = []
    for area in areas:
        history = by_heir.get(area.code, [])
        dated = [r for r in history if r.start_date is not None]
        last = max(dated, key=lambda r: (r.start_date, r.id)) if dated else None
        full = [r for r in dated if _is_full_current(r)]
        latest = max(full, key=lambda r: (r.start_date, r.id)) if full else None
        monitored = bool(
            latest
            and any(r.kind == MONITORING and r.start_date > latest.start_date for r in dated)
        )
        result.append(
            AreaPosition(
                area=area,
                latest_outcome=latest.outcome if latest else None,
                latest_start=latest.start_date if latest else None,
                latest_published=latest.published if latest else None,
                latest_framework=latest.framework if latest else "",
                last_inspection=last.start_date if last else None,
                last_inspection_precision=last.start_date_precision if last else "",
                monitored_since_latest=monitored,
            )
        )
    return result


def outcomes_by_year(records: list[RecordRow], region: str = "") -> dict[int, dict[int, int]]:
    """Full inspections under the 2023 framework by the calendar year their on-site week started.

    Years with none are left out; each year has a count for every outcome (0 when none)."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for r in records:
        if not _is_full_current(r) or r.start_date is None:
            continue
        if region and r.region != region:
            continue
        counts[r.start_date.year][r.outcome] += 1
    return {year: {o: counts[year].get(o, 0) for o in OUTCOMES} for year in sorted(counts)}


def report_times(records: list[RecordRow], region: str = "") -> list[dict]:
    """Every full inspection with both an end of on-site and a publication date, timed by the core."""
    reports = []
    for r in records:
        if r.kind != FULL or r.framework not in CURRENT_FRAMEWORKS or r.end_date is None or r.published is None:
            continue
        if region and r.region != region:
            continue
        if r.published < r.end_date:
            continue
        t = fw.report_time(r.framework, r.end_date, r.published)
        reports.append({"record": r, "time": t})
    reports.sort(key=lambda item: (item["record"].end_date, item["record"].area_code))
    return reports


def timeliness_json(records: list[RecordRow]) -> dict:
    """The shape ``areasend stats timeliness --json`` prints."""
    reports = report_times(records)
    times = [item["time"] for item in reports]
    median = fw.median_working_days(times)
    return {
        "reports": [
            {
                "area_code": item["record"].area_code,
                "onsite_end": item["record"].end_date.isoformat(),
                "published": item["record"].published.isoformat(),
                "working_days": item["time"].working_days,
            }
            for item in reports
        ],
        "median_working_days": median,
    }


def outcomes_json(records: list[RecordRow]) -> dict:
    """The shape ``areasend stats outcomes --by year --json`` prints."""
    return {str(year): {str(o): n for o, n in counts.items()} for year, counts in outcomes_by_year(records).items()}


def _since_band(last: dt.date | None, today: dt.date) -> str:
    if last is None:
        return "never"
    if last > _years_before(today, 1):
        return "under-1"
    if last > _years_before(today, 3):
        return "1-3"
    if last > _years_before(today, 5):
        return "3-5"
    return "over-5"


def _due_dates(position: AreaPosition, first_cycle_end: dt.date | None) -> list[Due]:
    """What the core says is due next for the area: a first full inspection, or what its outcome triggers."""
    area = position.area
    if position.latest_outcome is None:
        if first_cycle_end is None:
            return []
        return [Due(area, "first_full", first_cycle_end, approximate=False)]
    if position.latest_published is None:
        return []
    cycle = fw.cycle_after(position.latest_framework, position.latest_outcome, published=position.latest_published)
    dues = []
    if cycle.next_full_inspection_due is not None:
        dues.append(Due(area, "next_full", cycle.next_full_inspection_due.date, bool(cycle.next_full_inspection_due.soft)))
    if cycle.monitoring_inspection_due is not None and not position.monitored_since_latest:
        dues.append(Due(area, "monitoring", cycle.monitoring_inspection_due.date, bool(cycle.monitoring_inspection_due.soft)))
    return dues


DUE_WORDS = {
    "first_full": "First full inspection under the 2023 framework",
    "next_full": "Next full inspection",
    "monitoring": "Monitoring inspection",
}


def _planned(today: dt.date, until: dt.date) -> dict | None:
    """How many on-site weeks the accepted programme plans in the period (counts only: never which areas)."""
    from areasend.programme.queries import current_programme

    run = current_programme()
    if run is None or not run.result:
        return None
    counts: Counter = Counter()
    for item in run.result.get("items", []):
        start = item.get("onsite_start")
        if not start:
            continue
        day = dt.date.fromisoformat(start)
        if today <= day <= until:
            counts[item.get("kind", "")] += 1
    return {"full": counts.get("full", 0), "monitoring": counts.get("monitoring", 0),
            "accepted_on": run.result.get("as_of")}


def _share(part: int | None, whole: int | None) -> float | None:
    if not part or not whole:
        return None
    return part / whole


def build(
    areas: list[AreaRow],
    records: list[RecordRow],
    currency: DataCurrency,
    *,
    today: dt.date,
    filters: Filters = Filters(),
    planned: dict | None = None,
) -> Picture:
    """The dashboard's figures from plain rows (no database): ``picture`` reads the rows and calls this."""
    years = sorted({r.start_date.year for r in records if _is_full_current(r) and r.start_date})
    as_of = currency.as_of or today
    if filters.year:
        as_of = min(as_of, dt.date(filters.year, 12, 31))
    positions = positions_on(areas, records, as_of)
    in_region = [p for p in positions if filters.keeps_region(p.area.region)]
    shown = [p for p in in_region if filters.keeps_outcome(p.latest_outcome)]
    regions = sorted({a.region for a in areas if a.region})

    by_region = []
    for region in regions:
        if not filters.keeps_region(region):
            continue
        here = [p for p in positions if p.area.region == region]
        counts = Counter(p.latest_outcome for p in here)
        by_region.append({"region": region, "areas": len(here),
                          **{str(o): counts.get(o, 0) for o in OUTCOMES}, "none": counts.get(None, 0)})

    since_counts = Counter(_since_band(p.last_inspection, today) for p in shown)
    since_last = [{"band": key, "label": label, "areas": since_counts.get(key, 0)} for key, label in SINCE_BANDS]

    version = fw.version_on(today)
    first_cycle_end = version.cycle.first_cycle_complete.on if version.cycle is not None else None
    due_until = fw.add_months(today, 12)
    due, overdue = [], []
    for p in shown:
        for d in _due_dates(p, first_cycle_end):
            if d.date < today:
                overdue.append(d)
            elif d.date <= due_until:
                due.append(d)
    due.sort(key=lambda d: (d.date, d.area.name))
    overdue.sort(key=lambda d: (d.date, d.area.name))

    ehc = []
    for outcome in OUTCOMES + (None,):
        group = [p.area for p in in_region if p.latest_outcome == outcome]
        plans = sum(a.ehc_plans or 0 for a in group)
        support = sum(a.sen_support_pupils or 0 for a in group)
        pupils_with_plan = sum(a.school_pupils_with_ehc_plan or 0 for a in group)
        pupils = sum(a.school_pupils or 0 for a in group)
        ehc.append({"outcome": outcome, "label": outcome_short(outcome), "areas": len(group), "ehc_plans": plans,
                    "sen_support": support, "school_pupils": pupils,
                    "ehc_share": _share(pupils_with_plan, pupils), "support_share": _share(support, pupils)})

    reports = [item for item in report_times(records, filters.region)
               if not filters.year or item["record"].start_date.year == filters.year]
    times = [item["time"] for item in reports]
    by_year: dict[int, list] = defaultdict(list)
    for item in reports:
        by_year[item["record"].start_date.year].append(item["time"])
    timeliness_by_year = [
        {"year": year, "reports": len(ts), "on_time": sum(1 for t in ts if t.on_time),
         "share": fw.share_on_time(ts), "median": fw.median_working_days(ts)}
        for year, ts in sorted(by_year.items())
    ]
    bins = Counter(min((t.working_days - 1) // TIMELINESS_BIN_WIDTH, TIMELINESS_BINS - 1) if t.working_days > 0 else 0
                   for t in times)
    distribution = []
    for b in range(TIMELINESS_BINS):
        low, high = b * TIMELINESS_BIN_WIDTH + 1, (b + 1) * TIMELINESS_BIN_WIDTH
        label = f"{low} to {high}" if b < TIMELINESS_BINS - 1 else f"More than {low - 1}"
        distribution.append({"label": label, "low": low, "high": high if b < TIMELINESS_BINS - 1 else None,
                             "reports": bins.get(b, 0)})
    allowed = sorted({t.allowed_working_days for t in times})

    return Picture(
        today=today, as_of=as_of, currency=currency, filters=filters, regions=regions, years=years,
        positions=positions, shown=shown,
        outcomes_by_year=outcomes_by_year(records, filters.region),
        by_region=by_region, since_last=since_last,
        not_yet_inspected=sorted((p for p in in_region if p.latest_outcome is None),
                                 key=lambda p: (p.last_inspection or dt.date.min, p.area.name)),
        due=due, due_until=due_until, overdue=overdue, planned=planned,
        ehc_by_outcome=ehc, reports=reports, timeliness_by_year=timeliness_by_year, distribution=distribution,
        median_working_days=fw.median_working_days(times), on_time_share=fw.share_on_time(times),
        allowed_working_days=allowed[0] if len(allowed) == 1 else None, first_cycle_end=first_cycle_end,
    )


def _rows(today: dt.date, currency: DataCurrency) -> tuple[list[AreaRow], list[RecordRow]]:
    """The register and history, from the shared database cache while the data is unchanged."""
    from django.core.cache import cache

    import hashlib

    key = "national:rows:" + hashlib.sha256(f"{today.isoformat()}|{currency.key}".encode()).hexdigest()
    rows = cache.get(key)
    if rows is None:
        rows = (area_queries.register_rows(), area_queries.history_rows(today))
        cache.set(key, rows, 60 * 60)
    return rows


def picture(filters: Filters = Filters(), today: dt.date | None = None) -> Picture:
    today = today or area_queries.today_in_england()
    currency = area_queries.data_currency(today)
    areas, records = _rows(today, currency)
    return build(areas, records, currency, today=today, filters=filters, planned=_planned(today, fw.add_months(today, 12)))


def history(today: dt.date | None = None) -> list[RecordRow]:
    today = today or area_queries.today_in_england()
    return _rows(today, area_queries.data_currency(today))[1]


def currency(today: dt.date | None = None) -> DataCurrency:
    return area_queries.data_currency(today)


def choices(today: dt.date | None = None) -> tuple[list[str], list[int]]:
    """The regions and the years with full inspections, for the filters."""
    today = today or area_queries.today_in_england()
    areas, records = _rows(today, area_queries.data_currency(today))
    regions = sorted({a.region for a in areas if a.region})
    years = sorted({r.start_date.year for r in records if _is_full_current(r) and r.start_date})
    return regions, years
