"""Words for the area pages: dates as far as they are known, figures with their dates, history rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from areasend.areas.models import (
    DatePrecision,
    Framework,
    InspectionKind,
    InspectionRecord,
    LocalAreaPartnership,
    Outcome,
    SufficientProgress,
)
from areasend.areas.queries import HistoryEntry

_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})\b\s*(.*)$")


def day_text(day: dt.date | None, missing: str = "Not known") -> str:
    return missing if day is None else f"{day.day} {day:%B %Y}"


def start_text(day: dt.date | None, precision: str | None) -> str:
    """A start date saying plainly what is not known."""
    if day is None or precision == DatePrecision.UNKNOWN:
        return "Date not known"
    if precision == DatePrecision.MONTH:
        return f"{day:%B %Y} (day not known)"
    return day_text(day)


def range_text(start: dt.date, end: dt.date | None) -> str:
    if end is None or end == start:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {end.day} {end:%B %Y}"
    return f"{day_text(start)} to {day_text(end)}"


def as_at_text(value: str) -> str:
    """``"2025-01 (all EHC plans, age 0-25)"`` as ``"January 2025 (all EHC plans, age 0-25)"``."""
    match = _YEAR_MONTH.match(value.strip())
    if not match:
        return value.strip()
    year, month, rest = match.groups()
    try:
        month_name = dt.date(int(year), int(month), 1).strftime("%B %Y")
    except ValueError:
        return value.strip()
    return f"{month_name} {rest}".strip()


def number_text(value: int | None) -> str:
    return "Not known" if value is None else f"{value:,}"


def official_outcome_text(outcome: int) -> str:
    """The outcome as the framework words it, from the framework core."""
    from areasend.framework.outcomes import Outcome as CoreOutcome

    return CoreOutcome.from_number(outcome).official_name


def outcome_label(outcome: int | None) -> str:
    return "Not yet inspected under the 2023 framework" if outcome is None else Outcome(outcome).label


@dataclass
class SummaryRow:
    key: str
    value: str
    href: str | None = None


def area_summary(area: LocalAreaPartnership) -> list[SummaryRow]:
    rows = [
        SummaryRow("ONS code", area.ons_code),
        SummaryRow("Region", area.region or "Not known"),
        SummaryRow("Kind of local authority", area.kind or "Not known"),
    ]
    if area.abolished_on is not None:
        rows.append(SummaryRow("Abolished", day_text(area.abolished_on)))
    if area.is_current:
        ehc = number_text(area.ehc_plans)
        if area.ehc_plans is not None and area.ehc_plans_as_at:
            ehc += f", as at {as_at_text(area.ehc_plans_as_at)}"
        rows.append(SummaryRow("Education, health and care (EHC) plans", ehc))
        support = number_text(area.sen_support_pupils)
        if area.sen_support_pupils is not None and area.sen_support_as_at:
            support += f", as at {as_at_text(area.sen_support_as_at)}"
        rows.append(SummaryRow("Pupils on SEN support", support))
        if area.school_pupils_with_ehc_plan is not None and area.school_pupils:
            share = 100 * area.school_pupils_with_ehc_plan / area.school_pupils
            pupils = (
                f"{area.school_pupils_with_ehc_plan:,} of {area.school_pupils:,} school pupils ({share:.1f}%), "
                "from the same school census as the SEN support figure"
            )
        elif area.school_pupils_with_ehc_plan is not None:
            pupils = f"{area.school_pupils_with_ehc_plan:,} (the number of all school pupils is not known)"
        else:
            pupils = number_text(None)
        rows.append(SummaryRow("School pupils with an EHC plan", pupils))
    return rows


@dataclass
class HistoryItem:
    date: str
    title: str
    inherited_label: str = ""
    facts: list[SummaryRow] = field(default_factory=list)
    missing: str = ""


_KIND_TITLES = {
    InspectionKind.FULL: "Full inspection",
    InspectionKind.REVISIT: "Revisit",
    InspectionKind.MONITORING: "Monitoring inspection",
}

_FRAMEWORK_WORDS = {
    Framework.F2016: "under the 2016 framework",
    Framework.F2023: "under the 2023 framework",
    Framework.F2025: "under the 2023 framework as updated in June 2025",
}


def _missing_text(record: InspectionRecord) -> str:
    if record.start_date_precision == DatePrecision.MONTH:
        return "The sources give the month this started but not the day."
    if record.start_date_precision == DatePrecision.UNKNOWN:
        return "The sources give no start date."
    return ""


def history_item(entry: HistoryEntry) -> HistoryItem:
    record = entry.record
    if record.start_date_precision == DatePrecision.DAY and record.start_date is not None:
        date = range_text(record.start_date, record.end_date)
    else:
        date = start_text(record.start_date, record.start_date_precision)
    item = HistoryItem(
        date=date,
        title=f"{_KIND_TITLES.get(record.kind, record.kind)} {_FRAMEWORK_WORDS.get(record.framework, '')}".strip(),
        missing=_missing_text(record),
    )
    if entry.inherited_from is not None:
        item.inherited_label = f"Inspected as {entry.inherited_from.name}"
    facts = item.facts
    facts.append(SummaryRow("Report published", day_text(record.published)))
    if record.framework == Framework.F2016 and record.kind == InspectionKind.FULL:
        if record.wsoa_required is None:
            facts.append(SummaryRow("Written statement of action", "Not known"))
        elif record.wsoa_required:
            wsoa = "Required"
            if record.significant_weaknesses is not None:
                wsoa += f", to address {record.significant_weaknesses} significant weakness"
                wsoa += "" if record.significant_weaknesses == 1 else "es"
            facts.append(SummaryRow("Written statement of action", wsoa))
        else:
            facts.append(SummaryRow("Written statement of action", "Not required"))
    if record.kind == InspectionKind.REVISIT:
        progress = (
            SufficientProgress(record.sufficient_progress).label if record.sufficient_progress else "Not known"
        )
        facts.append(SummaryRow("Progress found", progress))
        counts = []
        if record.weaknesses_with_sufficient_progress is not None:
            counts.append(f"{record.weaknesses_with_sufficient_progress} with sufficient progress")
        if record.weaknesses_with_insufficient_progress is not None:
            counts.append(f"{record.weaknesses_with_insufficient_progress} without")
        if counts:
            facts.append(SummaryRow("Significant weaknesses", ", ".join(counts)))
    if record.outcome is not None:
        facts.append(SummaryRow("Outcome", official_outcome_text(record.outcome)))
    if record.previous_inspection_as_stated:
        facts.append(SummaryRow("Previous inspection, as the report gives it", record.previous_inspection_as_stated))
    if record.summary:
        facts.append(SummaryRow("Summary", record.summary))
    if record.notes:
        facts.append(SummaryRow("Notes", record.notes))
    return item


def when_text(step) -> str:
    """When a next step is due, saying whether the date is approximate."""
    if step.approximate and step.tolerance:
        return f"About {day_text(step.date)} ({step.tolerance} either side: {day_text(step.earliest)} to {day_text(step.latest)})"
    if step.approximate:
        return f"Usually by {day_text(step.date)} (approximate)"
    return f"By {day_text(step.date)}"


def firmness_text(step) -> str:
    parts = ["Approximate" if step.approximate else "Deadline"]
    if step.passed:
        parts.append("this date has passed")
    return "; ".join(parts)
