"""Reads the report pages, the public pages, the commands and other apps share.

``published_reports()`` is the list other parts of the service (the national dashboard) read for
timeliness: each published report with its on-site end and publication dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from areasend import framework as fw
from areasend.areas import queries as area_queries
from areasend.inspections.queries import timeline_for
from areasend.reports.models import AccuracyComment, LocalPoll, PublishedReport, Report, ReportVersion

R = fw.report


def report_for(inspection) -> Report | None:
    return Report.objects.filter(inspection=inspection).first()


def comments_open(report: Report, today: dt.date) -> bool:
    if not report.sent_version_id or report.comments_closed_on or report.final_version_id:
        return False
    return today <= report.comments_due


def comments_closed_on(report: Report, today: dt.date) -> dt.date | None:
    """When the local area's comments closed: the day they said so, or the deadline once passed."""
    if report.comments_closed_on:
        return report.comments_closed_on
    if report.sent_version_id and today > report.comments_due:
        return report.comments_due
    return None


def pauses_for(area_code: str) -> tuple[fw.PublicationPause, ...]:
    """General elections from the core; local polls the planner entered for this area."""
    local = tuple(p.pause() for p in LocalPoll.objects.filter(area__ons_code=area_code).select_related("area"))
    return fw.GENERAL_ELECTION_PAUSES + local


def held_by(inspection, today: dt.date) -> fw.PublicationPause | None:
    return R.held_by(today, inspection.area.ons_code, pauses_for(inspection.area.ons_code))


def stage_of(report: Report | None, inspection, today: dt.date) -> R.ReportStage:
    if report is None:
        return R.ReportStage.DRAFTING
    latest = report.latest
    return R.report_stage(
        draft_signed_off=latest is not None and report.draft_signed_off_version_id == latest.pk,
        sent=bool(report.sent_version_id),
        comments_closed=comments_closed_on(report, today) is not None,
        final_written=bool(report.final_version_id),
        final_signed_off=bool(report.final_signed_off_on),
        published=report.published.exists(),
        held=held_by(inspection, today) is not None,
    )


def clock_for(inspection) -> fw.PublicationClock | None:
    timeline = timeline_for(inspection)
    if timeline is None:
        return None
    return fw.publication_clock(fw.get_version(inspection.framework), timeline.date("onsite_end"),
                                area_code=inspection.area.ons_code, pauses=pauses_for(inspection.area.ons_code))


def timeliness_of(inspection, today: dt.date) -> tuple[R.TimelinessRow, ...]:
    clock = clock_for(inspection)
    if clock is None:
        return ()
    report = report_for(inspection)
    first = report.first_published if report else None
    return R.timeliness(
        clock,
        sent=report.sent_on if report else None,
        comments_closed=comments_closed_on(report, today) if report else None,
        final=report.final_signed_off_on if report else None,
        published=first.published_on if first else None,
        today=today,
    )


@dataclass(frozen=True)
class Paragraph:
    section: str
    number: int
    text: str
    entries: tuple[int, ...]
    partner: str
    official: bool = False

    @property
    def partner_label(self) -> str:
        if not self.partner:
            return ""
        try:
            return R.Partner(self.partner).label
        except ValueError:
            return self.partner

    @property
    def mainly_for(self) -> str:
        """"Mainly for the local authority": the partner as words within a sentence."""
        label = self.partner_label
        return f"Mainly for {label[:1].lower()}{label[1:]}" if label else ""


def paragraphs_of(version: ReportVersion, section_key: str | None = None) -> list[Paragraph]:
    out = []
    for section in R.REPORT_SECTIONS:
        if section_key and section.key != section_key:
            continue
        for number, p in enumerate(version.content.get(section.key, []), start=1):
            out.append(Paragraph(section.key, number, p["text"], tuple(p.get("entries", [])), p.get("partner", ""),
                                 bool(p.get("official"))))
    return out


def editable_text(version: ReportVersion | None, numbers: dict[int, int]) -> dict[str, str]:
    """Each written section as the writer types it: paragraphs with their citations, blank lines between."""
    if version is None:
        return {key: "" for key in R.WRITTEN_SECTION_KEYS}
    out = {}
    for key in R.WRITTEN_SECTION_KEYS:
        blocks = []
        for p in paragraphs_of(version, key):
            text = p.text
            if p.partner:
                text = {"local_authority": "Local authority", "integrated_care_board": "Integrated care board",
                        "both": "Both"}.get(p.partner, p.partner) + ": " + text
            cited = [str(numbers[e]) for e in p.entries if e in numbers]
            blocks.append(text + (f" (evidence {', '.join(cited)})" if cited else ""))
        out[key] = "\n\n".join(blocks)
    return out


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[Paragraph, ...]


def sections_of(version: ReportVersion, inspection, published_on: dt.date | None) -> list[Section]:
    """Every section of the template in order, with the next activity from the core's cycle. A section
    with nothing in it (areas for priority action after outcomes 1 and 2) is left out."""
    out = []
    for section in R.REPORT_SECTIONS:
        if section.kind is R.SectionKind.NEXT:
            outcome = fw.Outcome(inspection.outcome) if inspection.outcome else None
            when = published_on or (clock_for(inspection).publication_due.date if clock_for(inspection) else None)
            text = R.next_activity(inspection.framework or "2025", outcome, when) if when else ""
            paragraphs = (Paragraph("next", 1, text, (), ""),) if text else ()
        else:
            paragraphs = tuple(paragraphs_of(version, section.key))
        if paragraphs:
            out.append(Section(section.key, section.heading, paragraphs))
    return out


def comments_by_paragraph(report: Report) -> dict[tuple[str, int], list[AccuracyComment]]:
    out: dict[tuple[str, int], list[AccuracyComment]] = {}
    for c in report.accuracy_comments.select_related("author", "responded_by"):
        out.setdefault((c.section, c.paragraph), []).append(c)
    return out


# Published reports ------------------------------------------------------------------------------


def public_report(report_id) -> Report | None:
    """A report the public may read: published at least once."""
    return (Report.objects.filter(pk=report_id, published__isnull=False)
            .select_related("inspection__area").distinct().first())


@dataclass(frozen=True)
class PublishedRow:
    report_id: int
    inspection_id: int
    area_code: str
    area_name: str
    inspection_kind: str
    outcome: int | None
    onsite_end: dt.date | None
    published: dt.date
    corrected: dt.date | None
    is_demo: bool


def published_reports(area_code: str | None = None) -> list[PublishedRow]:
    """Every published report, newest first: its on-site end and first publication dates."""
    rows = []
    reports = (Report.objects.filter(published__isnull=False).distinct()
               .select_related("inspection__area").prefetch_related("published"))
    if area_code:
        reports = reports.filter(inspection__area__ons_code=area_code)
    for report in reports:
        inspection = report.inspection
        timeline = timeline_for(inspection)
        published = sorted(report.published.all(), key=lambda p: p.number)
        rows.append(PublishedRow(
            report.pk, inspection.pk, inspection.area.ons_code, inspection.area.name, inspection.kind,
            inspection.outcome, timeline.date("onsite_end") if timeline else None, published[0].published_on,
            published[-1].published_on if len(published) > 1 else None, inspection.is_demo))
    rows.sort(key=lambda r: (r.published, r.report_id), reverse=True)
    return rows


def report_list(today: dt.date) -> list[dict]:
    """Every report, for ``areasend report list --json``."""
    out = []
    for report in Report.objects.select_related("inspection__area").prefetch_related("published").order_by("pk"):
        first = report.first_published
        out.append({
            "id": report.pk,
            "area_code": report.inspection.area.ons_code,
            "inspection_kind": report.inspection.kind,
            "status": stage_of(report, report.inspection, today).value,
            "published": first.published_on.isoformat() if first else None,
        })
    return out


def as_json(report: Report) -> dict:
    """The published report as data: its current published version, with earlier ones noted."""
    inspection = report.inspection
    current = report.current_published
    return {
        "id": report.pk,
        "area": {"code": inspection.area.ons_code, "name": inspection.area.name},
        "inspection_kind": inspection.kind,
        "framework": inspection.framework,
        "outcome": {"number": inspection.outcome, "official_name": fw.Outcome(inspection.outcome).official_name}
        if inspection.outcome else None,
        "published": report.first_published.published_on.isoformat(),
        "version": current.number,
        "corrections": [{"published": p.published_on.isoformat(), "note": p.note}
                        for p in report.published.order_by("number") if p.number > 1],
        "sections": [
            {"key": s.key, "heading": s.heading,
             "paragraphs": [{"text": p.text, **({"partner": p.partner_label} if p.partner else {})} for p in s.paragraphs]}
            for s in sections_of(current.version, inspection, report.first_published.published_on)
        ],
        "demo": inspection.is_demo,
    }


# Late reports and history -----------------------------------------------------------------------


@dataclass(frozen=True)
class LateReport:
    inspection: object
    step: str
    due: dt.date
    working_days_late: int
    done: bool


def late_reports(today: dt.date) -> list[LateReport]:
    """Inspections whose report steps are late (or were), by how many working days, latest first."""
    out = []
    reports = Report.objects.filter(inspection__outcome_recorded_at__isnull=False).select_related("inspection__area")
    for inspection in (r.inspection for r in reports):
        for row in timeliness_of(inspection, today):
            if row.working_days_late:
                out.append(LateReport(inspection, row.label, row.due, row.working_days_late, row.done is not None))
    out.sort(key=lambda r: -r.working_days_late)
    return out


@dataclass(frozen=True)
class HistoryDays:
    count: int
    median: int | None
    shortest: int | None
    longest: int | None
    within_framework: int


def history_days() -> HistoryDays:
    """Working days from the end of on-site work to publication in the shipped history (real reports)."""
    days = sorted(fw.calendar.ENGLAND.working_days_between(end, published)
                  for end, published in area_queries.history_end_and_publication() if published >= end)
    if not days:
        return HistoryDays(0, None, None, None, 0)
    # The framework's clock: final report within 30 working days, published about 3 days later.
    within = sum(1 for d in days if d <= 33)
    return HistoryDays(len(days), days[len(days) // 2], days[0], days[-1], within)
