"""Hypothesis over the forms, uploads, imports and survey endpoints: whatever is sent, the answer is never a
server error (the test client raises any exception a view lets out) and nothing is half-saved.

Runs in the normal test command. Inputs lean towards what breaks things: control characters, NULs,
line breaks, very long text, huge numbers, far-off dates, and bytes that are nearly a real file.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings, strategies as st

from areasend.inspections.models import Inspection, Task
from areasend.intake import services as intake_services
from areasend.intake.models import InformationUpload
from areasend.intake.tables import Column, read_table, text, whole_number
from areasend.notifications.models import SentMessage
from areasend.surveys.models import Answer, SurveyResponse
from tests.factories import pdf_bytes
from tests.surveys.access import open_surveys

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

#: Text that leans towards trouble: control characters, line breaks, formula starts, long runs, odd Unicode.
nasty_char = st.sampled_from(["\x00", "\r", "\n", "\r\n", "\x1b", "\x07", "\x7f", "\u2028", "\ufeff", "=", "+", "-", "@",
                              ",", '"', ";", "\\", "/", "..", "%00", "<script>", "9" * 30, "é", "😀", " "])
nasty_text = st.lists(st.one_of(nasty_char, st.text(max_size=8)), max_size=12).map("".join)
long_text = st.one_of(nasty_text, st.integers(200, 6000).map(lambda n: "N" * n))
date_part = st.one_of(st.integers(-5, 10_000).map(str), nasty_text, st.sampled_from(["31", "12", "9999", "0", "00", "2026"]))


# --- Forms ---------------------------------------------------------------------------------------------


@pytest.fixture
def inspection(planner, lead, area):
    from areasend.inspections import services

    return services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)


@FUZZ
@given(day=date_part, month=date_part, year=date_part, call_time=nasty_text, name=long_text, email=nasty_text)
def test_the_notification_form_never_fails_and_a_refusal_saves_nothing(client, inspection, lead, day, month, year,
                                                                     call_time, name, email):
    client.force_login(lead)
    response = client.post(reverse("inspections:notification", args=[inspection.pk]), {
        "notification_date_day": day, "notification_date_month": month, "notification_date_year": year,
        "call_time": call_time, "dcs_name": name, "dcs_email": email, "icb_name": name, "icb_email": email,
        "icb_is_delegate": "no"})
    assert response.status_code in (200, 302, 400)
    saved = Inspection.objects.get(pk=inspection.pk)
    if response.status_code != 302:
        assert saved.notification_date is None and saved.call_made_at is None
        assert not Task.objects.filter(inspection=inspection).exists()
        assert not SentMessage.objects.filter(inspection=inspection).exists()
    else:
        Inspection.objects.filter(pk=inspection.pk).update(notification_date=None, call_made_at=None)
        Task.objects.filter(inspection=inspection).delete()
        SentMessage.objects.filter(inspection=inspection).delete()


@FUZZ
@given(person=long_text, area=long_text, verb=nasty_text, day=date_part, page=nasty_text)
def test_the_audit_trail_filters_never_fail(client, db, person, area, verb, day, page):
    from areasend.access.roles import Role
    from tests.factories import make_user

    dpo = make_user(Role.DATA_PROTECTION_OFFICER)
    client.force_login(dpo)
    response = client.get(reverse("accounts:audit"), {"person": person, "area": area, "verb": verb,
                                                      "date_from_day": day, "date_from_month": "1",
                                                      "date_from_year": "2026", "page": page})
    assert response.status_code in (200, 400)


@FUZZ
@given(username=long_text, password=nasty_text)
def test_the_sign_in_form_never_fails(client, db, username, password):
    response = client.post(reverse("accounts:sign-in"), {"username": username, "password": password})
    assert response.status_code in (200, 400, 429)
    assert "_auth_user_id" not in client.session


# --- Survey endpoints ------------------------------------------------------------------------------------


@pytest.fixture
def surveys(inspection):
    cache.clear()
    yield open_surveys(inspection)
    cache.clear()


@FUZZ
@given(question=st.one_of(st.sampled_from(["help_at_school", "anything_else", "helped", "adults_listen"]), nasty_text),
       answer=st.one_of(st.sampled_from(["yes", "no", "sometimes", ""]), long_text), cookie=st.booleans())
def test_answering_a_survey_never_fails_and_keeps_only_clean_answers(client, surveys, question, answer, cookie):
    cyp = surveys[0]
    client.cookies.clear()
    if cookie:
        client.post(reverse("surveys:start", args=[cyp.public_token]))
    url = f"/surveys/s/{cyp.public_token}/q/{question}/"
    response = client.post(url, {"answer": answer})
    assert response.status_code in (200, 302, 400, 404, 429)
    for value in Answer.objects.values_list("value", flat=True):
        assert not any(ord(ch) < 32 and ch not in "\t\r\n" for ch in value)
        assert len(value) <= 5000
    clean = answer.strip()
    if response.status_code != 302 and clean and "\x00" not in clean + question and clean not in {"yes", "no", "sometimes"}:
        # Refused: what was sent is not kept.
        assert not Answer.objects.filter(question_id=question, value=clean).exists()


@FUZZ
@given(token=nasty_text, question=nasty_text, page=st.sampled_from(["start", "done", "question", "audio"]))
def test_survey_pages_with_any_address_never_fail(client, db, token, question, page):
    from urllib.parse import quote

    token, question = quote(token, safe="") or "x", quote(question, safe="") or "x"
    path = {"start": f"/surveys/s/{token}/", "done": f"/surveys/s/{token}/done/",
            "question": f"/surveys/s/{token}/q/{question}/", "audio": f"/surveys/s/{token}/audio/{question}.wav"}[page]
    response = client.get(path)
    assert response.status_code in (200, 400, 404)


@pytest.fixture
def lano(surveys, lead):
    from areasend.inspections import services as inspection_services

    user, _ = inspection_services.name_lano(lead, surveys[0].inspection, name="Fuzz Officer", email="fuzz.officer@example.gov.uk")
    return user


@FUZZ
@given(values=st.dictionaries(st.sampled_from(["needs_found_early", "assessment_in_time", "family_involved", "comments",
                                                 "nonsense"]), st.one_of(st.sampled_from(["yes", "no", ""]), long_text),
                              max_size=5))
def test_paper_entry_never_fails_and_a_refusal_saves_nothing(client, surveys, lano, values):
    client.force_login(lano)
    before = SurveyResponse.objects.count()
    response = client.post(reverse("surveys:paper", args=[surveys[0].inspection.pk, "parents"]), values)
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert SurveyResponse.objects.count() == before


# --- Uploads ---------------------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


nearly_files = st.one_of(
    st.binary(max_size=2000),
    st.binary(max_size=200).map(lambda b: b"%PDF-1.7\n" + b),
    st.binary(max_size=200).map(lambda b: pdf_bytes()[: len(b) % 400] + b),
    st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
    st.dictionaries(st.sampled_from(["[Content_Types].xml", "word/document.xml", "xl/workbook.xml", "mimetype", "../x",
                                     "/abs", "xl/vbaProject.bin", "a.exe", "Basic/m.xml"]),
                    st.binary(max_size=50), max_size=5).map(_zip),
    nasty_text.map(lambda t: t.encode("utf-8")),
)


@FUZZ
@given(data=nearly_files, name=st.one_of(st.sampled_from(["a.pdf", "a.docx", "a.xlsx", "a.ods", "a.odt", "a.csv"]),
                                         nasty_text.map(lambda t: t + ".csv")),
       item=st.sampled_from(["self_evaluation", "annex_a", "no_such_item"]))
def test_an_upload_is_kept_whole_or_refused_with_a_message(notified_inspection, lead, settings, data, name, item):
    before = InformationUpload.objects.count()
    stored_before = sum(len(f) for _, _, f in os.walk(settings.AREASEND_UPLOAD_DIR))
    try:
        upload = intake_services.upload_information(lead, notified_inspection, item_key=item,
                                                    uploaded_file=SimpleUploadedFile(name or "x", data))
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        assert InformationUpload.objects.count() == before
        assert sum(len(f) for _, _, f in os.walk(settings.AREASEND_UPLOAD_DIR)) == stored_before
    else:
        assert upload.size == len(data)


# --- Imports ---------------------------------------------------------------------------------------------

cell = st.one_of(nasty_text, st.integers(-10, 10**30).map(str), st.sampled_from(["", "E06000001", "2026-01-01"]))


@FUZZ
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=4), max_size=6), raw=st.binary(max_size=300))
def test_the_table_reader_never_raises(rows, raw):
    columns = (Column("name", text, needs_value=True), Column("count", whole_number))
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["name", "count"], *rows])
    for data in (buffer.getvalue().encode("utf-8"), raw):
        result = read_table(io.BytesIO(data), columns, name="fuzz.csv")
        for problem in result.problems:
            assert problem.reason and len(str(problem)) < 1000


@FUZZ
@given(changes=st.dictionaries(st.tuples(st.integers(2, 6), st.sampled_from(
    ["name", "code", "region", "kind", "ehc_plans", "school_pupils", "ehc_plans_as_at"])), cell, min_size=1, max_size=6))
def test_the_register_import_saves_everything_or_nothing(db, tmp_path_factory, changes):
    from pathlib import Path

    from areasend.areas.importer import RegisterImportError, import_register
    from areasend.areas.models import LocalAreaPartnership

    shipped = Path(__file__).resolve().parents[2] / "data" / "register" / "local_areas.csv"
    rows = list(csv.reader(shipped.open(newline="", encoding="utf-8")))[:7]
    header = rows[0]
    for (row, column), value in changes.items():
        rows[row - 1][header.index(column)] = value
    folder = tmp_path_factory.mktemp("register")
    with (folder / "local_areas.csv").open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    LocalAreaPartnership.objects.all().delete()
    try:
        import_register(folder)
    except RegisterImportError as error:
        assert error.problems
        assert not LocalAreaPartnership.objects.exists()
    else:
        assert LocalAreaPartnership.objects.count() == 6
