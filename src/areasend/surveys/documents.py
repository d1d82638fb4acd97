"""Files the surveys hand out: spoken questions, the easy-read Word version, QR codes, exports."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from areasend.surveys import questions as qs
from areasend.ui.spreadsheets import safe_cell

ESPEAK = "espeak-ng"


# Audio --------------------------------------------------------------------------------------------


def speech_available() -> bool:
    return shutil.which(ESPEAK) is not None


def _audio_dir() -> Path:
    return Path(settings.VAR_DIR) / "survey-audio"


def spoken_question(question_set: qs.QuestionSet, question: qs.Question) -> Path | None:
    """A WAV file of the question and its answers, made once by espeak-ng and kept; None without espeak-ng."""
    target = _audio_dir() / question_set.id / f"{question.id}.wav"
    if target.exists():
        return target
    if not speech_available():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(suffix=".wav", dir=target.parent)
    os.close(handle)
    try:
        subprocess.run(
            [ESPEAK, "-v", "en-gb", "-s", "140", "-w", temporary, question.spoken_text],
            check=True, capture_output=True, timeout=30,
        )
        os.replace(temporary, target)  # another request making the same file at once is harmless
    except (OSError, subprocess.SubprocessError):
        Path(temporary).unlink(missing_ok=True)
        return None
    return target


# The easy-read Word version -----------------------------------------------------------------------


def word_version(survey, question_set: qs.QuestionSet) -> bytes:
    """A printable Word document: large text, one question to a page, boxes to tick."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(16 if question_set.easy_read else 13)
    document.core_properties.title = question_set.title
    document.add_heading(question_set.title, level=0)
    document.add_paragraph(f"For {survey.inspection.area.name}.")
    for line in question_set.introduction:
        document.add_paragraph(line)
    document.add_paragraph("When you have finished, give this paper back to the person who gave it to you.")
    total = len(question_set.questions)
    for number, question in enumerate(question_set.questions, start=1):
        if question_set.easy_read:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(f"Question {number} of {total}", level=2)
        document.add_paragraph(question.text).runs[0].bold = True
        if question.hint:
            document.add_paragraph(question.hint)
        if question.options:
            document.add_paragraph("Tick one box.")
            for option in question.options:
                document.add_paragraph(f"\u2610  {option.label}")
        else:
            for _ in range(6):
                document.add_paragraph("_" * 48)
    document.add_paragraph()
    document.add_paragraph("Thank you for your answers.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# QR codes -----------------------------------------------------------------------------------------


def qr_svg(link: str) -> bytes:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


# Exports ------------------------------------------------------------------------------------------

EXPORT_HEADER = ("survey", "question set", "response", "source", "question id", "question", "answer", "criteria tagged")


def export_rows(inspection):
    from areasend.surveys.models import Answer

    answers = (
        Answer.objects.filter(response__survey__inspection=inspection)
        .select_related("response__survey")
        .prefetch_related("tags")
        .order_by("response__survey_id", "response_id", "id")
    )
    for answer in answers:
        response = answer.response
        question_set = qs.question_set(response.question_set)
        question = question_set.question(answer.question_id)
        yield (
            response.survey.get_group_display(),
            question_set.id,
            response.pk,
            response.get_source_display(),
            answer.question_id,
            question.text if question else "",
            question.label_for(answer.value) if question else answer.value,
            " ".join(t.criterion for t in answer.tags.all()),
        )


def export_csv(inspection) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    for row in export_rows(inspection):
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


def export_xlsx(inspection) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Answers"
    sheet.append(EXPORT_HEADER)
    for row in export_rows(inspection):
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
