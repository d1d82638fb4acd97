"""One version of the self-evaluation as an accessible Word document and a tagged PDF (PDF/UA-1).

Both carry a title, the document language, real headings (one per criterion and per question) and
the named sign-off, so a screen reader can move through them by heading. Made by the background
tasks in ``tasks.py``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from areasend import framework as fw
from areasend.framework import selfevaluation as core


@dataclass(frozen=True)
class Section:
    criterion: fw.Criterion
    answers: tuple[tuple[str, str], ...]
    view: str
    reasons: str
    evidence: tuple[str, ...]


def _evidence_line(item: dict) -> str:
    if item.get("kind") == "figure":
        return f"{item.get('title')}: {item.get('figure')} (source: {item.get('source')})"
    return f"{item.get('title')} (document: {item.get('file')})"


def sections(content: dict) -> list[Section]:
    found = []
    for criterion in fw.CRITERIA:
        entry = content.get("criteria", {}).get(criterion.id, {})
        view = core.AreaView(entry["view"]).label if entry.get("view") else "Not recorded"
        found.append(Section(
            criterion=criterion,
            answers=tuple((q.text, entry.get(q.key, "") or "Not answered") for q in core.QUESTIONS),
            view=view, reasons=entry.get("reasons", ""),
            evidence=tuple(_evidence_line(item) for item in entry.get("evidence", [])),
        ))
    return found


def title_of(version) -> str:
    return f"Self-evaluation of {version.self_evaluation.area.name}, version {version.number}"


def _signature_lines(signatures) -> list[str]:
    lines = []
    for position in core.SIGNATORIES:
        signed = next((s for s in signatures if s.position == position.value), None)
        when = f"{signed.signed_at.day} {signed.signed_at:%B %Y}" if signed else ""
        lines.append(f"{position.label}: {signed.name}, signed on {when}" if signed else f"{position.label}: not signed")
    return lines


def docx(version, signatures) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    # The document's language, so a screen reader reads it in English.
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), "en-GB")
    title = title_of(version)
    document.core_properties.title = title
    document.core_properties.language = "en-GB"
    document.add_heading(title, level=1)
    document.add_heading("Sign-off", level=2)
    for line in _signature_lines(signatures):
        document.add_paragraph(line)
    for section in sections(version.content):
        document.add_heading(f"{section.criterion.id}: {section.criterion.name}", level=2)
        for question, answer in section.answers:
            document.add_heading(question, level=3)
            for paragraph in answer.splitlines() or [""]:
                document.add_paragraph(paragraph)
        document.add_heading("The area's view", level=3)
        document.add_paragraph(section.view)
        if section.reasons:
            document.add_paragraph(f"Reasons: {section.reasons}")
        document.add_heading("Evidence", level=3)
        if section.evidence:
            for line in section.evidence:
                document.add_paragraph(line, style="List Bullet")
        else:
            document.add_paragraph("None attached.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def html(version, signatures) -> str:
    from django.template.loader import render_to_string

    return render_to_string("selfevaluation/document.html", {
        "title": title_of(version), "sections": sections(version.content), "signatures": _signature_lines(signatures),
    })


def pdf(version, signatures) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(version, signatures)).write_pdf(pdf_variant="pdf/ua-1")
