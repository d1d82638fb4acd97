"""Reads the evidence pages share: the log with its versions, triangulation, the decision."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from areasend import framework as fw
from areasend.evidence.models import TRACKING_CASE_LINK, Draft, EvidenceEntry, EvidenceVersion, LineLink, LineOfEnquiry, OutcomeDecision


@dataclass(frozen=True)
class LogEntry:
    entry: EvidenceEntry
    number: int
    versions: tuple[EvidenceVersion, ...]  # oldest first

    @property
    def current(self) -> EvidenceVersion:
        return self.versions[-1]

    @property
    def corrected(self) -> bool:
        return len(self.versions) > 1


def _versions_prefetch():
    return Prefetch(
        "versions",
        queryset=EvidenceVersion.objects.select_related("written_by", "meeting", "visit", "document")
        .prefetch_related(Prefetch("line_links", queryset=LineLink.objects.select_related("line")))
        .order_by("number"),
    )


def log(inspection) -> list[LogEntry]:
    """Every entry of the inspection's log, numbered in the order they were stored, newest first."""
    entries = EvidenceEntry.objects.filter(inspection=inspection).order_by("id").prefetch_related(_versions_prefetch())
    out = [LogEntry(e, n, tuple(e.versions.all())) for n, e in enumerate(entries, start=1)]
    return list(reversed(out))


def entry_number(entry: EvidenceEntry) -> int:
    return EvidenceEntry.objects.filter(inspection_id=entry.inspection_id, id__lte=entry.id).count()


def entry_with_versions(inspection, entry_id) -> LogEntry | None:
    entry = EvidenceEntry.objects.filter(inspection=inspection, pk=entry_id).prefetch_related(_versions_prefetch()).first()
    if entry is None:
        return None
    return LogEntry(entry, entry_number(entry), tuple(entry.versions.all()))


def all_versions(inspection):
    return (
        EvidenceVersion.objects.filter(entry__inspection=inspection)
        .select_related("entry", "written_by", "meeting", "visit", "document")
        .prefetch_related(Prefetch("line_links", queryset=LineLink.objects.select_related("line")))
        .order_by("entry_id", "number")
    )


def case_names(inspection) -> dict[str, str]:
    """What each of the inspection's tracking cases is called in the log, by the key a version links to."""
    from areasend.tracking import queries as tracking

    return {str(case.pk): f"Tracking case {case.position}" for case in tracking.cases_for(inspection)}


#: What the log says of a version whose tracking case has gone at the person-level retention date.
DELETED_CASE = "a tracking case since deleted under the retention schedule"


def linked_to(version: EvidenceVersion, cases: dict[str, str]) -> str:
    """What the version links to, in words; ``cases`` is :func:`case_names` of its inspection."""
    if version.meeting_id:
        return version.meeting.get_kind_display()
    if version.visit_id:
        return f"{version.visit.place} ({version.visit.day.day} {version.visit.day:%B %Y})"
    if version.document_id:
        return version.document.original_name
    if version.linked_type == TRACKING_CASE_LINK:
        name = cases.get(version.linked_id)
        return name or DELETED_CASE[:1].upper() + DELETED_CASE[1:]
    return ""


def export_row(version: EvidenceVersion, number: int, cases: dict[str, str]) -> tuple:
    written = timezone.localtime(version.written_at)
    return (
        number,
        version.number,
        version.written_by.get_full_name() or version.written_by.username,
        f"{written:%H:%M} on {written.day} {written:%B %Y}",
        version.source_label,
        linked_to(version, cases),
        ", ".join(version.criteria),
        "; ".join(f"{link.line.title} ({fw.Stance(link.stance).label.lower()})" for link in version.line_links.all()),
        version.text,
    )


def current_versions(inspection) -> list[EvidenceVersion]:
    """The latest version of each entry: what the log says now."""
    latest = {}
    for version in all_versions(inspection):
        latest[version.entry_id] = version
    return list(latest.values())


def criteria_matrix(inspection) -> fw.evidence.Triangulation:
    counts: Counter = Counter()
    for version in current_versions(inspection):
        for criterion in version.criteria:
            counts[(criterion, fw.EvidenceSource(version.source))] += 1
    return fw.triangulate(dict(counts))


def lines(inspection) -> list[LineOfEnquiry]:
    return list(LineOfEnquiry.objects.filter(inspection=inspection).select_related("created_by"))


@dataclass(frozen=True)
class LineEvidence:
    line: LineOfEnquiry
    supporting: tuple[EvidenceVersion, ...]
    against: tuple[EvidenceVersion, ...]


def line_evidence(inspection) -> list[LineEvidence]:
    """Each line of enquiry with the entries (latest versions) for and against it."""
    by_line: dict[int, tuple[list, list]] = {line.pk: ([], []) for line in lines(inspection)}
    for version in current_versions(inspection):
        for link in version.line_links.all():
            for_it, against = by_line[link.line_id]
            (for_it if link.stance == fw.Stance.FOR.value else against).append(version)
    return [LineEvidence(line, tuple(by_line[line.pk][0]), tuple(by_line[line.pk][1])) for line in lines(inspection)]


def lines_matrix(inspection) -> fw.evidence.Triangulation:
    counts: Counter = Counter()
    rows = []
    for item in line_evidence(inspection):
        rows.append((str(item.line.pk), item.line.title))
        for version in item.supporting + item.against:
            counts[(str(item.line.pk), fw.EvidenceSource(version.source))] += 1
    return fw.triangulate(dict(counts), rows=rows)


def drafts_of(user, inspection) -> list[Draft]:
    return list(Draft.objects.filter(author=user, inspection=inspection, entry__isnull=True))


def decision_for(inspection) -> OutcomeDecision | None:
    return (
        OutcomeDecision.objects.filter(inspection=inspection)
        .select_related("proposed_by", "signed_off_by", "feedback_recorded_by")
        .prefetch_related("reasons__entries", "priority_areas", "agreements__user", "conclusions__entries")
        .first()
    )


def entry_numbers(inspection) -> dict[int, int]:
    """Entry id -> its number in the log."""
    ids = EvidenceEntry.objects.filter(inspection=inspection).order_by("id").values_list("id", flat=True)
    return {pk: n for n, pk in enumerate(ids, start=1)}


def count_entries(inspection) -> int:
    return EvidenceEntry.objects.filter(inspection=inspection).count()
