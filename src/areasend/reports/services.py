"""Every write the report makes: drafts, quality assurance, the factual-accuracy round, the final
report, publication and corrections, local polls. Each checks the gate, works in one transaction
and writes its audit event in the same transaction. Nothing is published on a date by itself:
publication is the lead's explicit step, refused while a pre-election pause covers the area.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework as fw
from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.evidence import queries as evidence_queries
from areasend.inspections import services as inspection_services
from areasend.reports import queries
from areasend.reports.models import AccuracyComment, LocalPoll, PublishedReport, QAComment, Report, ReportVersion

R = fw.report
MAX_SECTION = 20_000


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _locked(inspection) -> Report:
    report, _ = Report.objects.get_or_create(inspection=inspection)
    return Report.objects.select_for_update().get(pk=report.pk)


def _decision_or_refuse(inspection):
    decision = evidence_queries.decision_for(inspection)
    if decision is None or not decision.signed_off:
        raise ValidationError({"report": "The report can be drafted once the outcome decision is signed off"})
    return decision


# Drafting ---------------------------------------------------------------------------------------


def _paragraphs(inspection, texts: dict[str, str]) -> dict[str, list[dict]]:
    """Checked paragraphs for each written section: each cites entries of this inspection's log;
    each recommendation names its partner. Errors by section and paragraph."""
    numbers = evidence_queries.entry_numbers(inspection)
    by_number = {n: pk for pk, n in numbers.items()}
    errors: dict[str, list[str]] = {}
    content: dict[str, list[dict]] = {}
    for key in R.WRITTEN_SECTION_KEYS:
        text = texts.get(key, "") or ""
        heading = R.section(key).heading
        if len(text) > MAX_SECTION:
            errors.setdefault(key, []).append(f"{heading} must be {MAX_SECTION:,} characters or fewer")
            continue
        paragraphs = []
        for position, (words, cited) in enumerate(R.split_paragraphs(text), start=1):
            where = f"Paragraph {position} of '{heading}'"
            partner = ""
            if not cited:
                errors.setdefault(key, []).append(
                    f"{where} cites no evidence: end it with the entries it rests on, for example (evidence 3, 5)")
            missing = [n for n in cited if n not in by_number]
            if missing:
                errors.setdefault(key, []).append(
                    f"{where} cites entry {', '.join(map(str, missing))}, which is not in this inspection's evidence log")
            if R.section(key).kind is R.SectionKind.WITH_PARTNER:
                try:
                    found, words = R.parse_partner(words)
                    partner = found.value
                except fw.FrameworkError as exc:
                    errors.setdefault(key, []).append(f"{where}: {exc}")
            paragraphs.append({"text": words, "entries": [by_number[n] for n in cited if n in by_number],
                               "partner": partner})
        content[key] = paragraphs
    if not any(content.values()) and not errors:
        errors["life"] = ["Write at least one paragraph, citing the evidence it rests on"]
    if errors:
        raise ValidationError(errors)
    return content


def _fixed_sections(inspection) -> dict[str, list[dict]]:
    """The sections that come from the signed-off decision: the outcome in the framework's words, and
    the areas for priority action with their partners. Kept in each version as they stood."""
    decision = _decision_or_refuse(inspection)
    outcome = decision.core_outcome
    text = outcome.official_name if outcome else "This monitoring inspection does not give one of the three outcomes."
    reasons = [{"text": r.text, "entries": [e.pk for e in r.entries.all()], "partner": ""} for r in decision.reasons.all()]
    out = {"outcome": [{"text": text, "entries": [], "partner": "", "official": True}] + reasons}
    out["priority"] = [{"text": a.text, "entries": [], "partner": ", ".join(a.partners)} for a in decision.priority_areas.all()]
    return out


def _new_version(actor, report: Report, content: dict, note: str) -> ReportVersion:
    content = {**content, **_fixed_sections(report.inspection)}
    latest = report.latest
    version = ReportVersion.objects.create(report=report, number=(latest.number + 1) if latest else 1,
                                           content=content, note=note[:500], written_by=actor)
    audit.record(actor, Verb.REPORT_VERSION_SAVED, inspection=report.inspection, target=version,
                 summary=f"Report version {version.number} saved", version=version.number)
    return version


def _check_can_edit(report: Report) -> None:
    if report.final_version_id and not report.published.exists():
        raise ValidationError({"report": "The final report is written: it can be changed after publication, "
                                         "as a correction"})
    if report.sent_version_id and not report.final_version_id and queries.comments_open(report, timezone.localdate()):
        raise ValidationError({"report": "The draft is with the local area: wait until their comments close "
                                         "before changing it"})


@transaction.atomic
def save_version(actor, inspection, *, texts: dict[str, str], note: str = "") -> ReportVersion:
    """A new draft version from the written sections (``texts``: section key -> paragraphs)."""
    gate.check(actor, C.WRITE_REPORT, inspection, message="Only the inspection team drafts the report.")
    _decision_or_refuse(inspection)
    report = _locked(inspection)
    _check_can_edit(report)
    content = _paragraphs(inspection, texts)
    latest = report.latest
    if latest is not None and {**content, **_fixed_sections(inspection)} == latest.content:
        raise ValidationError({"report": "Nothing has changed since the last version"})
    return _new_version(actor, report, content, note)


@transaction.atomic
def quote_entry(actor, inspection, *, section_key: str, entry_id: int) -> ReportVersion:
    """A new version with the current text of one evidence entry quoted as a new paragraph of a section."""
    gate.check(actor, C.WRITE_REPORT, inspection, message="Only the inspection team drafts the report.")
    _decision_or_refuse(inspection)
    if section_key not in R.WRITTEN_SECTION_KEYS or R.section(section_key).kind is R.SectionKind.WITH_PARTNER:
        raise ValidationError({"section": "Choose a section to quote the entry in"})
    entry = evidence_queries.entry_with_versions(inspection, entry_id)
    if entry is None:
        raise ValidationError({"entry": "Choose an entry from this inspection's evidence log"})
    report = _locked(inspection)
    _check_can_edit(report)
    latest = report.latest
    content = {k: list(v) for k, v in (latest.content if latest else {}).items()}
    text = " ".join(entry.current.text.split())
    content.setdefault(section_key, []).append({"text": f"\u201c{text}\u201d", "entries": [entry.entry.pk],
                                                "partner": ""})
    return _new_version(actor, report, content, f"Quoted entry {entry.number}")


# Quality assurance ------------------------------------------------------------------------------


@transaction.atomic
def qa_comment(actor, inspection, *, text: str) -> QAComment:
    gate.check(actor, C.QA_REPORT, inspection, message="Only a quality assurance reader comments on the draft.")
    report = _locked(inspection)
    if report.latest is None:
        raise ValidationError({"text": "There is no draft to comment on yet"})
    if not text.strip():
        raise ValidationError({"text": "Enter your comment"})
    comment = QAComment.objects.create(report=report, version=report.latest, author=actor, text=text.strip())
    audit.record(actor, Verb.REPORT_QA_COMMENTED, inspection=inspection, target=comment,
                 summary=f"Comment on report version {report.latest.number}")
    return comment


def _not_on_team(actor, inspection) -> None:
    if gate.can(actor, C.WRITE_REPORT, inspection):
        raise ValidationError({"sign_off": "A quality assurance reader on the team cannot sign off its own report"})


@transaction.atomic
def qa_sign_off(actor, inspection, *, today: dt.date) -> Report:
    """Sign off the latest version: as the draft for the local area, or (once written) the final report."""
    gate.check(actor, C.QA_REPORT, inspection, message="Only a quality assurance reader signs off the report.")
    _not_on_team(actor, inspection)
    report = _locked(inspection)
    latest = report.latest
    if latest is None:
        raise ValidationError({"sign_off": "There is no draft to sign off yet"})
    if report.final_version_id:
        if report.final_signed_off_on:
            raise ValidationError({"sign_off": "The final report is already signed off"})
        report.final_signed_off_by, report.final_signed_off_on = actor, today
        report.save(update_fields=["final_signed_off_by", "final_signed_off_on"])
        audit.record(actor, Verb.REPORT_FINAL_SIGNED_OFF, inspection=inspection, target=report,
                     summary=f"Final report (version {latest.number}) signed off")
        return report
    if report.sent_version_id:
        raise ValidationError({"sign_off": "The draft is with the local area: sign off the final report once it is written"})
    if report.draft_signed_off_version_id == latest.pk:
        raise ValidationError({"sign_off": "This version is already signed off"})
    report.draft_signed_off_version, report.draft_signed_off_by = latest, actor
    report.save(update_fields=["draft_signed_off_version", "draft_signed_off_by"])
    audit.record(actor, Verb.REPORT_DRAFT_SIGNED_OFF, inspection=inspection, target=report,
                 summary=f"Draft report version {latest.number} signed off")
    return report


# The factual-accuracy round --------------------------------------------------------------------


@transaction.atomic
def send_to_local_area(actor, inspection, *, today: dt.date) -> Report:
    gate.check(actor, C.PUBLISH_REPORT, inspection, message="Only the lead inspector sends the draft to the local area.")
    report = _locked(inspection)
    if report.sent_version_id:
        raise ValidationError({"send": "The draft has already been sent"})
    if report.latest is None or report.draft_signed_off_version_id != report.latest.pk:
        raise ValidationError({"send": "Ask a quality assurance reader to sign off the latest draft before sending it"})
    if inspection.lano_id is None:
        raise ValidationError({"send": "Name the local area nominated officer before sending the draft"})
    rules = fw.get_version(inspection.framework).report
    report.sent_version, report.sent_on = report.latest, today
    report.comments_due = fw.apply_rule(rules.comments, today).date
    report.save(update_fields=["sent_version", "sent_on", "comments_due"])
    audit.record(actor, Verb.REPORT_SENT, inspection=inspection, target=report,
                 summary=f"Draft sent to the local area; comments due by {_long(report.comments_due)}",
                 comments_due=report.comments_due.isoformat())
    return report


@transaction.atomic
def comment(actor, inspection, *, section_key: str, paragraph: int, text: str, today: dt.date) -> AccuracyComment:
    gate.check(actor, C.COMMENT_ON_DRAFT, inspection, message="Only the local area's nominated officer comments on the draft.")
    report = _locked(inspection)
    if not report.sent_version_id:
        raise ValidationError({"text": "There is no draft to comment on yet"})
    if not queries.comments_open(report, today):
        raise ValidationError({"text": f"Comments closed on {_long(report.comments_closed_on or report.comments_due)}"})
    paragraphs = queries.paragraphs_of(report.sent_version)
    if (section_key, paragraph) not in {(p.section, p.number) for p in paragraphs}:
        raise ValidationError({"paragraph": "Choose a paragraph of the draft"})
    if not text.strip():
        raise ValidationError({"text": "Enter what is not accurate and what it should say"})
    made = AccuracyComment.objects.create(report=report, section=section_key, paragraph=paragraph,
                                          text=text.strip()[:5000], author=actor)
    audit.record(actor, Verb.REPORT_COMMENTED, inspection=inspection, target=made,
                 summary=f"Comment on paragraph {paragraph} of '{R.section(section_key).heading}'")
    return made


@transaction.atomic
def close_comments(actor, inspection, *, today: dt.date) -> Report:
    """The nominated officer says the local area has no more comments."""
    gate.check(actor, C.COMMENT_ON_DRAFT, inspection, message="Only the local area's nominated officer closes its comments.")
    report = _locked(inspection)
    if not report.sent_version_id or not queries.comments_open(report, today):
        raise ValidationError({"close": "The comments are already closed"})
    report.comments_closed_on = today
    report.save(update_fields=["comments_closed_on"])
    audit.record(actor, Verb.REPORT_COMMENTS_CLOSED, inspection=inspection, target=report,
                 summary="The local area has sent all its comments")
    return report


@transaction.atomic
def answer(actor, inspection, comment_id: int, *, response: str, reason: str) -> AccuracyComment:
    gate.check(actor, C.RESPOND_TO_COMMENTS, inspection, message="Only the inspection team answers the comments.")
    made = AccuracyComment.objects.select_for_update().filter(report__inspection=inspection, pk=comment_id).first()
    if made is None:
        raise ValidationError({"comment": "Choose a comment on this inspection's draft"})
    errors = {}
    if response not in AccuracyComment.Response.values:
        errors["response"] = "Choose whether the team accepts the comment"
    if not reason.strip():
        errors["reason"] = "Enter the reason for the team's answer"
    if errors:
        raise ValidationError(errors)
    before = made.response
    made.response, made.reason = response, reason.strip()[:5000]
    made.responded_by, made.responded_at = actor, timezone.now()
    made.save()
    audit.record(actor, Verb.REPORT_COMMENT_ANSWERED, inspection=inspection, target=made,
                 summary=f"Comment {AccuracyComment.Response(response).label.lower()}",
                 changed=audit.changes(response=(before, response)))
    return made


# Final report and publication -----------------------------------------------------------------


@transaction.atomic
def make_final(actor, inspection, *, today: dt.date) -> Report:
    gate.check(actor, C.PUBLISH_REPORT, inspection, message="Only the lead inspector makes the report final.")
    report = _locked(inspection)
    if not report.sent_version_id:
        raise ValidationError({"final": "Send the draft to the local area for factual accuracy first"})
    if report.final_version_id:
        raise ValidationError({"final": "The final report is already written"})
    if queries.comments_open(report, today):
        raise ValidationError({"final": f"The local area can comment until {_long(report.comments_due)}: "
                                        "wait for their comments to close"})
    unanswered = report.accuracy_comments.filter(response="").count()
    if unanswered:
        raise ValidationError({"final": f"Answer every comment from the local area first ({unanswered} not answered)"})
    report.final_version, report.final_written_on = report.latest, today
    report.save(update_fields=["final_version", "final_written_on"])
    audit.record(actor, Verb.REPORT_FINAL_WRITTEN, inspection=inspection, target=report,
                 summary=f"Version {report.latest.number} made the final report")
    return report


def _enqueue_pdf(published: PublishedReport) -> None:
    from areasend.reports.tasks import make_pdf

    transaction.on_commit(lambda: make_pdf.enqueue(published.pk))


@transaction.atomic
def publish(actor, inspection, *, today: dt.date) -> PublishedReport:
    """The lead publishes the signed-off final report today, unless a pre-election pause covers the area."""
    gate.check(actor, C.PUBLISH_REPORT, inspection, message="Only the lead inspector publishes the report.")
    report = _locked(inspection)
    if report.published.exists():
        raise ValidationError({"publish": "The report is already published: publish a correction instead"})
    if not report.final_signed_off_on:
        raise ValidationError({"publish": "A quality assurance reader must sign off the final report first"})
    pause = queries.held_by(inspection, today)
    if pause is not None:
        raise ValidationError({"publish": f"Held for the {pause.label}: reports for this area cannot be published "
                                          f"until after polling day, {_long(pause.end)}"})
    published = PublishedReport.objects.create(report=report, number=1, version=report.final_version,
                                               published_on=today, published_by=actor)
    inspection_services.publish_findings(actor, inspection, today=today)
    audit.record(actor, Verb.REPORT_PUBLISHED, inspection=inspection, target=published,
                 summary=f"Report published on {_long(today)}", published_on=today.isoformat())
    _enqueue_pdf(published)
    return published


@transaction.atomic
def publish_correction(actor, inspection, *, note: str, today: dt.date) -> PublishedReport:
    """After publication: the latest version published as a correction, with a note saying what changed."""
    gate.check(actor, C.PUBLISH_REPORT, inspection, message="Only the lead inspector corrects a published report.")
    report = _locked(inspection)
    current = report.current_published
    if current is None:
        raise ValidationError({"note": "The report is not published yet"})
    if not note.strip():
        raise ValidationError({"note": "Say what the correction changes and why"})
    if report.latest.pk == current.version_id:
        raise ValidationError({"note": "Save the corrected text as a new version first"})
    published = PublishedReport.objects.create(report=report, number=current.number + 1, version=report.latest,
                                               published_on=today, published_by=actor, note=note.strip()[:2000])
    audit.record(actor, Verb.REPORT_CORRECTED, inspection=inspection, target=published,
                 summary=f"Correction published on {_long(today)}", note=published.note)
    _enqueue_pdf(published)
    return published


def make_pdf_now(published_id: int) -> bool:
    """Build and keep the PDF of one published version (idempotent: a PDF already made is kept)."""
    from areasend.reports import pdf

    published = PublishedReport.objects.select_related("report__inspection__area", "version").filter(pk=published_id).first()
    if published is None or published.pdf_made_at is not None:
        return False
    data = pdf.render(published)
    PublishedReport.objects.filter(pk=published.pk, pdf_made_at__isnull=True).update(pdf=data, pdf_made_at=timezone.now())
    return True


def pdf_of(report_id: int) -> bytes:
    """The current published version's PDF, made now if the background task has not made it yet.
    LookupError with a sentence when there is no such published report."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        raise LookupError(f"there is no report with id {report_id}; 'areasend report list' shows them")
    current = report.current_published
    if current is None:
        raise LookupError(f"report {report_id} is not published yet, so it has no PDF")
    if current.pdf_made_at is None:
        make_pdf_now(current.pk)
        current.refresh_from_db()
    return bytes(current.pdf)


# Local polls ------------------------------------------------------------------------------------


@transaction.atomic
def add_local_poll(actor, *, area, polling_day: dt.date, label: str) -> LocalPoll:
    gate.check(actor, C.ENTER_LOCAL_POLLS, message="Only the national planner enters local polls.")
    if LocalPoll.objects.filter(area=area, polling_day=polling_day).exists():
        raise ValidationError({"polling_day": f"A poll on {_long(polling_day)} is already entered for {area.name}"})
    poll = LocalPoll.objects.create(area=area, polling_day=polling_day,
                                    label=label.strip() or f"local elections on {_long(polling_day)}", entered_by=actor)
    audit.record(actor, Verb.LOCAL_POLL_ENTERED, target=poll,
                 summary=f"Local poll on {_long(polling_day)} in {area.name}", area=area.ons_code)
    return poll
