"""Every write the evidence log, lines of enquiry and the outcome decision make.

Each use case checks the gate, works in one transaction and writes its audit event in the same
transaction. Entries are append-only: a correction adds a version. An entry or version carries an
idempotency key chosen by the writer's browser, so one sent twice (a retry after a lost answer,
a page restored from the browser's storage) is stored once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from areasend import framework as fw
from areasend.access import gate
from areasend.access.capabilities import Capability
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.evidence.models import (
    TRACKING_CASE_LINK,
    Draft,
    EvidenceEntry,
    EvidenceVersion,
    LineLink,
    LineOfEnquiry,
    LineStatus,
    MonitoringConclusion,
    OutcomeDecision,
    OutcomeReason,
    PriorityArea,
    TeamAgreement,
)
from areasend.inspections import queries as inspection_queries
from areasend.inspections import services as inspection_services
from areasend.ui.spreadsheets import safe_cell

C = Capability
MAX_TEXT = 20_000


# Entries ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFields:
    """What one version of an entry says and links to."""

    text: str
    source: str
    meeting_id: int | None = None
    visit_id: int | None = None
    document_id: int | None = None
    #: One of the inspection's tracking cases (kept as a link, not a foreign key: the cases go at the
    #: person-level retention date, while the log is kept longer).
    tracking_case_id: int | None = None
    linked_type: str = ""
    linked_id: str = ""
    criteria: tuple[str, ...] = ()
    #: ``{line id: "for" | "against"}``
    lines: tuple[tuple[int, str], ...] = ()


def parse_key(value) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        raise ValidationError({"key": "The entry's key is not valid: reload the page and type it again"}) from None


def _clean(inspection, fields: EntryFields) -> dict:
    """Checked values for a version: every link belongs to this inspection."""
    errors = {}
    text = (fields.text or "").strip()
    if not text:
        errors["text"] = "Enter what you found"
    elif len(text) > MAX_TEXT:
        errors["text"] = f"The entry must be {MAX_TEXT:,} characters or fewer: split it into two entries"
    try:
        source = fw.EvidenceSource.from_key(fields.source)
    except fw.FrameworkError:
        errors["source"] = "Choose where the evidence came from"
        source = None
    try:
        criteria = fw.evidence.check_criteria(fields.criteria)
    except fw.FrameworkError as exc:
        errors["criteria"] = _sentence(str(exc))
        criteria = ()
    out = {"text": text, "source": source.value if source else "", "criteria": list(criteria),
           "linked_type": fields.linked_type.strip()[:100], "linked_id": str(fields.linked_id or "").strip()[:64],
           "meeting": None, "visit": None, "document": None}
    if fields.meeting_id:
        out["meeting"] = inspection.meetings.filter(pk=fields.meeting_id).first()
        if out["meeting"] is None:
            errors["meeting"] = "Choose a meeting of this inspection"
    if fields.visit_id:
        out["visit"] = inspection.visits.filter(pk=fields.visit_id).first()
        if out["visit"] is None:
            errors["visit"] = "Choose a visit on this inspection's timetable"
    if fields.document_id:
        out["document"] = inspection.information_uploads.filter(pk=fields.document_id).first()
        if out["document"] is None:
            errors["document"] = "Choose a document the local area uploaded for this inspection"
    if fields.tracking_case_id:
        from areasend.tracking import queries as tracking

        case = tracking.case_for(inspection, fields.tracking_case_id)
        if case is None:
            errors["tracking_case"] = "Choose one of this inspection's tracking cases"
        else:
            out["linked_type"], out["linked_id"] = TRACKING_CASE_LINK, str(case.pk)
    if source is fw.EvidenceSource.MEETING and out["meeting"] is None and "meeting" not in errors:
        errors["meeting"] = "Choose the meeting the evidence came from"
    lines = []
    wanted = dict(fields.lines)
    if wanted:
        found = {line.pk: line for line in inspection.lines_of_enquiry.filter(pk__in=list(wanted))}
        for line_id, stance in wanted.items():
            if line_id not in found:
                errors["lines"] = "Choose lines of enquiry of this inspection"
            elif stance not in {s.value for s in fw.Stance}:
                errors["lines"] = "Say whether the evidence supports each line of enquiry or points against it"
            else:
                lines.append((found[line_id], stance))
    if errors:
        raise ValidationError(errors)
    out["lines"] = lines
    return out


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _write_version(entry: EvidenceEntry, number: int, key: uuid.UUID, actor, values: dict) -> EvidenceVersion:
    lines = values.pop("lines")
    version = EvidenceVersion.objects.create(entry=entry, number=number, key=key, written_by=actor, **values)
    LineLink.objects.bulk_create(LineLink(version=version, line=line, stance=stance) for line, stance in lines)
    values["lines"] = lines
    return version


def add_entry(actor, inspection, *, key, fields: EntryFields) -> tuple[EvidenceEntry, bool]:
    """Add an entry to the log; ``(entry, False)`` when an entry with this key is already stored."""
    gate.check(actor, C.WRITE_EVIDENCE, inspection, message="Only the inspection team writes in the evidence log.")
    key = parse_key(key)
    values = _clean(inspection, fields)
    # No look-up first: the unique key refuses a second copy, and the stored one is returned.
    try:
        with transaction.atomic():
            entry = EvidenceEntry.objects.create(inspection=inspection, key=key, created_by=actor)
            _write_version(entry, 1, key, actor, values)
            Draft.objects.filter(author=actor, key=key).delete()
            audit.record(actor, Verb.EVIDENCE_ADDED, inspection=inspection, target=entry,
                         summary=f"Added an evidence entry ({fw.EvidenceSource(values['source']).label.lower()})",
                         source=values["source"], criteria=values["criteria"])
    except IntegrityError:
        # Sent before (a retry), or twice at once: the entry with this key is the one stored.
        existing = EvidenceEntry.objects.filter(key=key).first()
        if existing is None:
            raise
        return _same_inspection(existing, inspection), False
    return entry, True


def _same_inspection(entry: EvidenceEntry, inspection) -> EvidenceEntry:
    if entry.inspection_id != inspection.pk:
        raise ValidationError({"key": "This entry belongs to another inspection"})
    return entry


def correct_entry(actor, entry: EvidenceEntry, *, key, fields: EntryFields) -> tuple[EvidenceVersion, bool]:
    """Add a new version of ``entry``; the earlier versions stay as they were."""
    inspection = entry.inspection
    gate.check(actor, C.WRITE_EVIDENCE, inspection, message="Only the inspection team writes in the evidence log.")
    key = parse_key(key)
    existing = EvidenceVersion.objects.filter(key=key).first()
    if existing is not None:
        if existing.entry_id != entry.pk:
            raise ValidationError({"key": "This correction belongs to another entry"})
        return existing, False
    values = _clean(inspection, fields)
    with transaction.atomic():
        locked = EvidenceEntry.objects.select_for_update().get(pk=entry.pk)
        last = locked.versions.order_by("-number").first()
        version = _write_version(locked, last.number + 1, key, actor, values)
        Draft.objects.filter(author=actor, key=key).delete()
        audit.record(actor, Verb.EVIDENCE_CORRECTED, inspection=inspection, target=locked,
                     summary=f"Corrected an evidence entry (version {version.number})",
                     changed=audit.changes(version=(last.number, version.number)))
    return version, True


def save_draft(actor, inspection, *, key, text: str, fields: dict | None = None, entry: EvidenceEntry | None = None) -> Draft:
    """Keep what someone is typing (every few seconds with JavaScript). Drafts are the writer's own."""
    gate.check(actor, C.WRITE_EVIDENCE, inspection, message="Only the inspection team writes in the evidence log.")
    key = parse_key(key)
    if EvidenceEntry.objects.filter(key=key).exists() or EvidenceVersion.objects.filter(key=key).exists():
        raise ValidationError({"key": "This entry is already saved"})
    if len(text or "") > MAX_TEXT:
        raise ValidationError({"text": f"The entry must be {MAX_TEXT:,} characters or fewer"})
    draft, _ = Draft.objects.update_or_create(
        author=actor, key=key,
        defaults={"inspection": inspection, "text": text or "", "fields": fields or {}, "entry": entry},
    )
    return draft


def discard_draft(actor, inspection, key) -> None:
    gate.check(actor, C.WRITE_EVIDENCE, inspection)
    Draft.objects.filter(author=actor, inspection=inspection, key=parse_key(key)).delete()


def entry_from_meeting_notes(actor, inspection, meeting_id: int) -> tuple[EvidenceEntry, bool]:
    """The notes of one of the inspection's meetings (a keep-in-touch meeting, for example) as an entry.
    The key comes from the meeting, so adding the same notes twice stores them once."""
    meeting = inspection.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise ValidationError({"meeting": "Choose a meeting of this inspection"})
    if not meeting.notes.strip():
        raise ValidationError({"meeting": "This meeting has no notes yet: add them on the meeting's page first"})
    key = uuid.uuid5(uuid.NAMESPACE_URL, f"areasend:meeting-notes:{meeting.pk}:{meeting.notes.strip()}")
    return add_entry(actor, inspection, key=key, fields=EntryFields(text=meeting.notes, source=fw.EvidenceSource.MEETING.value,
                                                                     meeting_id=meeting.pk))


# Lines of enquiry -------------------------------------------------------------------------------


def add_line(actor, inspection, *, title: str, description: str = "", criteria=()) -> LineOfEnquiry:
    gate.check(actor, C.WRITE_EVIDENCE, inspection, message="Only the inspection team adds lines of enquiry.")
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter the line of enquiry"
    elif len(title) > 300:
        errors["title"] = "The line of enquiry must be 300 characters or fewer: put the detail in the description"
    try:
        criteria = fw.evidence.check_criteria(criteria)
    except fw.FrameworkError as exc:
        errors["criteria"] = _sentence(str(exc))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        line = LineOfEnquiry.objects.create(inspection=inspection, title=title, description=(description or "").strip(),
                                            criteria=list(criteria), created_by=actor)
        audit.record(actor, Verb.LINE_OF_ENQUIRY_ADDED, inspection=inspection, target=line,
                     summary=f"Added a line of enquiry: {title[:200]}")
    return line


def line_from_survey_suggestion(actor, inspection, *, origin_key: str, title: str, description: str, criteria) -> LineOfEnquiry:
    """The line of enquiry a survey suggestion becomes when the lead accepts it (once per suggestion).
    Called from the surveys app inside its own transaction and permission check."""
    gate.check(actor, C.DECIDE_SUGGESTIONS, inspection, message="Only the lead inspector accepts a suggested line of enquiry.")
    line = LineOfEnquiry.objects.filter(inspection=inspection, origin_key=origin_key).first()
    if line is not None:
        return line
    line = LineOfEnquiry.objects.create(
        inspection=inspection, title=title[:300], description=description, criteria=list(fw.evidence.check_criteria(criteria)),
        origin=LineOfEnquiry.Origin.SURVEY, origin_key=origin_key, created_by=actor,
    )
    audit.record(actor, Verb.LINE_OF_ENQUIRY_ADDED, inspection=inspection, target=line,
                 summary=f"Accepted a survey suggestion as a line of enquiry: {title[:200]}", origin=origin_key)
    return line


def set_line_status(actor, line: LineOfEnquiry, *, status: str, conclusion: str = "") -> LineOfEnquiry:
    gate.check(actor, C.WRITE_EVIDENCE, line.inspection, message="Only the inspection team changes lines of enquiry.")
    if status not in LineStatus.values:
        raise ValidationError({"status": "Choose open, being tested or concluded"})
    conclusion = (conclusion or "").strip()
    if status == LineStatus.CONCLUDED and not conclusion:
        raise ValidationError({"conclusion": "Say what the team concluded"})
    with transaction.atomic():
        before = LineOfEnquiry.objects.select_for_update().get(pk=line.pk)
        changed = audit.changes(status=(before.status, status), conclusion=(before.conclusion, conclusion))
        before.status, before.conclusion = status, conclusion
        before.save(update_fields=["status", "conclusion"])
        audit.record(actor, Verb.LINE_OF_ENQUIRY_CHANGED, inspection=before.inspection, target=before,
                     summary=f"Line of enquiry now {fw.LineStatus(status).label.lower()}: {before.title[:200]}", changed=changed)
    return before


# The outcome decision ---------------------------------------------------------------------------


def _team_ids(inspection) -> set[int]:
    return set(inspection.team.values_list("user_id", flat=True)) | {inspection.lead_inspector_id}


def _check_after_on_site(inspection, today: dt.date, field: str = "outcome") -> None:
    timeline = inspection_queries.timeline_for(inspection)
    if timeline is None:
        raise ValidationError({field: "Set the notification date first"})
    earliest = fw.earliest_outcome_date(timeline)
    if today < earliest:
        what = "outcome" if inspection.is_graded else "conclusions"
        raise ValidationError({field: f"The {what} can be proposed once the on-site week ends on {earliest.day} {earliest:%B %Y}"})


def _entries(inspection, ids) -> list[EvidenceEntry]:
    ids = {int(i) for i in ids}
    found = list(inspection.evidence_entries.filter(pk__in=ids))
    if len(found) != len(ids):
        raise ValidationError({"reasons": "Choose evidence entries from this inspection's log"})
    return found


def _open_decision(inspection) -> OutcomeDecision | None:
    decision = OutcomeDecision.objects.select_for_update().filter(inspection=inspection).first()
    if decision is not None and decision.signed_off:
        raise ValidationError({"outcome": "The outcome is signed off and stands: it cannot be changed"})
    return decision


def propose_outcome(actor, inspection, *, outcome: int | None, summary: str, reasons, priority_areas=(),
                    today: dt.date) -> OutcomeDecision:
    """The lead proposes a full inspection's outcome. ``reasons``: ``[(text, [entry ids])]``;
    ``priority_areas``: ``[(text, [partners])]``. Proposing again clears the team's agreement."""
    gate.check(actor, C.RECORD_OUTCOME, inspection, message="Only the lead inspector proposes the outcome.")
    if not inspection.is_graded:
        raise ValidationError({"outcome": "A monitoring inspection is not given one of the three outcomes: record its conclusions instead"})
    _check_after_on_site(inspection, today)
    try:
        core = fw.Outcome.from_number(outcome) if outcome is not None else None
    except fw.FrameworkError:
        raise ValidationError({"outcome": "Choose one of the three outcomes"}) from None
    reasons = [((text or "").strip(), list(ids)) for text, ids in reasons if (text or "").strip() or ids]
    areas = [((text or "").strip(), [p.strip() for p in partners if p.strip()]) for text, partners in priority_areas
             if (text or "").strip() or any(p.strip() for p in partners)]
    problems = fw.decision_problems(core, [(t, len(i)) for t, i in reasons], [(t, len(p)) for t, p in areas])
    if problems:
        raise ValidationError(problems)
    reason_entries = [_entries(inspection, ids) for _, ids in reasons]
    with transaction.atomic():
        decision = _open_decision(inspection)
        before = decision.outcome if decision else None
        if decision is None:
            decision = OutcomeDecision(inspection=inspection)
        decision.outcome, decision.summary = core.number, (summary or "").strip()
        decision.proposed_by, decision.proposed_at = actor, timezone.now()
        decision.save()
        decision.reasons.all().delete()
        decision.priority_areas.all().delete()
        cleared = decision.agreements.count()
        decision.agreements.all().delete()
        for position, ((text, _), entries) in enumerate(zip(reasons, reason_entries), start=1):
            OutcomeReason.objects.create(decision=decision, position=position, text=text).entries.set(entries)
        for position, (text, partners) in enumerate(areas, start=1):
            PriorityArea.objects.create(decision=decision, position=position, text=text, partners=partners)
        audit.record(actor, Verb.OUTCOME_PROPOSED, inspection=inspection, target=decision,
                     summary=f"Proposed outcome {core.number}" + (f"; {cleared} agreement(s) cleared" if cleared else ""),
                     changed=audit.changes(outcome=(before, core.number)), reasons=len(reasons), priority_areas=len(areas))
    return decision


def propose_monitoring_conclusions(actor, inspection, *, conclusions, recommendations: str, today: dt.date) -> OutcomeDecision:
    """The lead proposes a monitoring inspection's conclusions: ``[(area for priority action, answer key,
    reason, [entry ids])]``, in the core's wording for the inspection's framework version."""
    gate.check(actor, C.RECORD_OUTCOME, inspection, message="Only the lead inspector proposes the conclusions.")
    if inspection.is_graded:
        raise ValidationError({"conclusions": "A full inspection ends in one of the three outcomes"})
    _check_after_on_site(inspection, today, "conclusions")
    wording = fw.monitoring_wording(inspection.framework)
    rows = [((a or "").strip(), answer, (r or "").strip(), list(ids)) for a, answer, r, ids in conclusions
            if (a or "").strip() or (r or "").strip() or ids]
    errors = {}
    if not rows:
        errors["conclusions"] = "Record a conclusion for at least one area for priority action"
    for area, answer, reason, ids in rows:
        if not area:
            errors["conclusions"] = "Name the area for priority action for each conclusion"
        elif answer not in {a.key for a in wording.answers}:
            errors["conclusions"] = f"For {area[:80]}, choose whether the partnership is taking effective action"
        elif not reason:
            errors["conclusions"] = f"For {area[:80]}, give the reason for the conclusion"
        elif not ids:
            errors["conclusions"] = f"For {area[:80]}, tie the conclusion to at least one evidence entry"
    if not (recommendations or "").strip():
        errors["recommendations"] = "Enter the further recommendations for the partnership"
    if errors:
        raise ValidationError(errors)
    row_entries = [_entries(inspection, ids) for *_, ids in rows]
    with transaction.atomic():
        decision = _open_decision(inspection) or OutcomeDecision(inspection=inspection)
        decision.outcome = None
        decision.summary = " ".join(f"{area}: {wording.answer(answer).text.lower()}." for area, answer, _, _ in rows)
        decision.recommendations = recommendations.strip()
        decision.proposed_by, decision.proposed_at = actor, timezone.now()
        decision.save()
        decision.conclusions.all().delete()
        decision.agreements.all().delete()
        for position, ((area, answer, reason, _), entries) in enumerate(zip(rows, row_entries), start=1):
            MonitoringConclusion.objects.create(decision=decision, position=position, priority_area=area, answer=answer,
                                                wording_version=wording.version, reason=reason).entries.set(entries)
        audit.record(actor, Verb.OUTCOME_PROPOSED, inspection=inspection, target=decision,
                     summary=f"Proposed conclusions on {len(rows)} area(s) for priority action", wording=wording.version)
    return decision


def agree_outcome(actor, inspection) -> TeamAgreement:
    gate.check(actor, C.AGREE_OUTCOME, inspection, message="Only the inspection team agrees the outcome.")
    with transaction.atomic():
        decision = _open_decision(inspection)
        if decision is None:
            raise ValidationError({"agree": "The lead inspector has not proposed an outcome yet"})
        agreement, created = TeamAgreement.objects.get_or_create(decision=decision, user=actor,
                                                                 defaults={"agreed_at": timezone.now()})
        if created:
            audit.record(actor, Verb.OUTCOME_AGREED, inspection=inspection, target=decision,
                         summary="Agreed the proposed " + ("outcome" if inspection.is_graded else "conclusions"))
    return agreement


def stage_of(decision: OutcomeDecision | None, inspection) -> fw.DecisionStage:
    if decision is None:
        return fw.DecisionStage.NOT_PROPOSED
    return fw.decision_stage(proposed=True, team=_team_ids(inspection),
                             agreed=set(decision.agreements.values_list("user_id", flat=True)), signed_off=decision.signed_off)


def sign_off(actor, inspection, *, today: dt.date) -> OutcomeDecision:
    """A quality assurance reader who is not on the team signs the decision off; the outcome then
    stands (recorded on the inspection) but nothing is published."""
    gate.check(actor, C.SIGN_OFF_OUTCOME, inspection, message="Only a quality assurance reader signs the outcome off.")
    if actor.pk in _team_ids(inspection):
        raise PermissionDenied("A quality assurance reader on the team cannot sign off its own outcome.")
    with transaction.atomic():
        decision = _open_decision(inspection)
        stage = stage_of(decision, inspection)
        if stage is fw.DecisionStage.NOT_PROPOSED:
            raise ValidationError({"sign_off": "The lead inspector has not proposed an outcome yet"})
        if stage is fw.DecisionStage.WAITING_FOR_TEAM:
            raise ValidationError({"sign_off": "Every member of the team must agree the outcome before it is signed off"})
        _check_after_on_site(inspection, today, "sign_off")
        decision.signed_off_by, decision.signed_off_at = actor, timezone.now()
        decision.save(update_fields=["signed_off_by", "signed_off_at"])
        inspection_services.record_outcome(decision.proposed_by, inspection, outcome=decision.outcome,
                                           summary=decision.summary, recommendations=decision.recommendations, today=today)
        audit.record(actor, Verb.OUTCOME_SIGNED_OFF, inspection=inspection, target=decision,
                     summary=("Signed off outcome " + str(decision.outcome)) if decision.outcome else "Signed off the monitoring conclusions")
    return decision


def record_feedback(actor, inspection, *, notes: str) -> OutcomeDecision:
    """What was said at the final feedback meeting, kept with the decision."""
    gate.check(actor, C.RECORD_OUTCOME, inspection, message="Only the lead inspector records the final feedback.")
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"feedback_notes": "Enter what was said at the final feedback meeting"})
    with transaction.atomic():
        decision = OutcomeDecision.objects.select_for_update().filter(inspection=inspection).first()
        if decision is None:
            raise ValidationError({"feedback_notes": "Propose the outcome before recording the final feedback"})
        before = decision.feedback_notes
        decision.feedback_notes, decision.feedback_recorded_by, decision.feedback_recorded_at = notes, actor, timezone.now()
        decision.save(update_fields=["feedback_notes", "feedback_recorded_by", "feedback_recorded_at"])
        audit.record(actor, Verb.FEEDBACK_RECORDED, inspection=inspection, target=decision,
                     summary="Recorded what was said at the final feedback meeting", changed=audit.changes(notes=(before, notes)))
    return decision


# Reads that are events --------------------------------------------------------------------------


def record_log_read(actor, inspection, what: str = "the evidence log") -> None:
    gate.check(actor, C.SEE_EVIDENCE, inspection)
    audit.record_view(actor, what, inspection=inspection)


EXPORT_COLUMNS = ("Entry", "Version", "Written by", "Written at", "Source", "Linked to", "Criteria",
                  "Lines of enquiry", "Text")


def export_log(actor, inspection, file_format: str) -> tuple[bytes, str, int]:
    """Every version of every entry, as CSV or XLSX, for the team. Returns (bytes, content type, rows)."""
    from areasend.evidence import queries

    gate.check(actor, C.EXPORT_EVIDENCE, inspection, message="Only the inspection team exports the evidence log.")
    numbers = queries.entry_numbers(inspection)
    cases = queries.case_names(inspection)
    rows = [EXPORT_COLUMNS] + [queries.export_row(v, numbers[v.entry_id], cases) for v in queries.all_versions(inspection)]
    if file_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        for row in rows:
            writer.writerow([safe_cell(c) for c in row])
        data, content_type = out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"
    elif file_format == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Evidence log")
        for row in rows:
            sheet.append([safe_cell(c) for c in row])
        buffer = io.BytesIO()
        book.save(buffer)
        data, content_type = buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise ValidationError({"format": "Choose CSV or XLSX"})
    audit.record_export(actor, "the evidence log", file_format=file_format, rows=len(rows) - 1, inspection=inspection)
    return data, content_type, len(rows) - 1


def team_members(inspection) -> list:
    """The people whose agreement the outcome needs: the lead and every member of the team."""
    people = {m.user_id: m.user for m in inspection.team.select_related("user")}
    people.setdefault(inspection.lead_inspector_id, inspection.lead_inspector)
    return sorted(people.values(), key=lambda u: (u.pk != inspection.lead_inspector_id, u.get_full_name() or u.username))


def timeline_of(inspection):
    return inspection_queries.timeline_for(inspection)
