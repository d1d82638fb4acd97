"""The information request: uploads checked by content and size, versions kept, files served only to allowed people."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from html import unescape

from areasend.accounts.models import AuditEvent
from areasend.inspections import information
from areasend.inspections import services as inspection_services
from areasend.intake import services
from areasend.intake.models import InformationUpload

from tests.factories import pdf_bytes

PDF = pdf_bytes()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
XLSM = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"macro"})


@pytest.fixture
def lano(notified_inspection, lead):
    user, _ = inspection_services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    notified_inspection.refresh_from_db()
    return user


def _file(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.parametrize(
    "name, data, kind",
    [("a.pdf", PDF, "pdf"), ("a.xlsx", XLSX, "xlsx"), ("a.docx", DOCX, "docx"), ("a.ods", ODS, "ods"), ("a.csv", "name,age\nÉlan,9\n".encode(), "csv")],
)
def test_kinds_are_read_from_the_content(name, data, kind):
    item = information.ITEMS_BY_KEY["annex_a"]
    assert information.check_upload(item, name, len(data), io.BytesIO(data)) == kind


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("a.pdf", b"MZ\x90\x00 not a pdf", "not a real PDF"),
        ("a.xlsx", DOCX, "not a real XLSX"),
        ("a.xlsx", XLSM, "not a real XLSX"),
        ("a.exe", PDF, "must be a PDF"),
        ("a.csv", b"\x00\x01\x02binary", "not a real CSV"),
        ("a.pdf", b"", "empty"),
    ],
)
def test_disguised_or_unsuitable_files_are_refused(name, data, message):
    item = information.ITEMS_BY_KEY["annex_a"]
    with pytest.raises(information.UploadRefused, match=message):
        information.check_upload(item, name, len(data), io.BytesIO(data))


def test_a_file_too_large_is_refused_before_reading_it():
    item = information.ITEMS_BY_KEY["annex_a"]
    with pytest.raises(information.UploadRefused, match="smaller than 20MB"):
        information.check_upload(item, "a.pdf", information.MAX_UPLOAD_BYTES + 1, io.BytesIO(PDF))


def test_person_level_data_must_be_a_spreadsheet():
    item = information.ITEMS_BY_KEY["person_level_data"]
    with pytest.raises(information.UploadRefused, match="must be a XLSX, ODS, CSV"):
        information.check_upload(item, "a.pdf", len(PDF), io.BytesIO(PDF))


def test_versions_are_kept_and_stored_outside_the_web_root(notified_inspection, lano, _uploads_in_a_temporary_directory):
    first = services.upload_information(lano, notified_inspection, item_key="self_evaluation", uploaded_file=_file("../../etc/passwd.pdf", PDF))
    second = services.upload_information(lano, notified_inspection, item_key="self_evaluation", uploaded_file=_file("v2.pdf", PDF + b"%2"))
    assert (first.version, second.version) == (1, 2)
    assert first.original_name == "passwd.pdf"
    stored = _uploads_in_a_temporary_directory / first.stored_name
    assert stored.read_bytes() == PDF
    assert "passwd" not in first.stored_name and first.stored_name.startswith(f"inspection-{notified_inspection.pk}/")
    assert len(first.sha256) == 64


def test_a_refused_upload_leaves_nothing_behind(notified_inspection, lano, _uploads_in_a_temporary_directory):
    with pytest.raises(ValidationError):
        services.upload_information(lano, notified_inspection, item_key="self_evaluation", uploaded_file=_file("a.pdf", b"not a pdf"))
    assert not InformationUpload.objects.exists()
    assert not any(path.is_file() for path in _uploads_in_a_temporary_directory.rglob("*"))


def test_a_failed_database_write_removes_the_stored_file(notified_inspection, lano, _uploads_in_a_temporary_directory, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.upload_information(lano, notified_inspection, item_key="self_evaluation", uploaded_file=_file("a.pdf", PDF))
    assert not InformationUpload.objects.exists()
    assert list(_uploads_in_a_temporary_directory.rglob("*.pdf")) == []


def test_only_the_lano_or_lead_uploads(notified_inspection, planner, inspector):
    for person in (planner, inspector):
        with pytest.raises(PermissionDenied):
            services.upload_information(person, notified_inspection, item_key="self_evaluation", uploaded_file=_file("a.pdf", PDF))


def test_page_upload_and_download_by_the_lano(client, notified_inspection, lano):
    client.force_login(lano)
    url = reverse("inspections:information", args=[notified_inspection.pk])
    response = client.post(url, {"item": "annex_a", "annex_a-file": _file("people.csv", b"a,b\n1,2\n")})
    assert response.status_code == 302
    upload = InformationUpload.objects.get()
    html = unescape(client.get(url).content.decode())
    assert "people.csv" in html and "Latest" in html
    download = client.get(reverse("inspections:information-file", args=[notified_inspection.pk, upload.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"a,b\n1,2\n"
    assert download["Content-Type"] == "text/csv"
    assert "attachment" in download["Content-Disposition"]
    assert AuditEvent.objects.filter(actor=lano, summary="Downloaded Annex A information, version 1").exists()


def test_page_shows_a_clear_error_for_a_disguised_file(client, notified_inspection, lano):
    client.force_login(lano)
    url = reverse("inspections:information", args=[notified_inspection.pk])
    response = client.post(url, {"item": "self_evaluation", "self_evaluation-file": _file("plan.pdf", b"MZ binary")})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in html and 'href="#id_self_evaluation-file"' in html
    assert "not a real PDF file" in html
    assert not InformationUpload.objects.exists()


def test_page_refuses_an_unknown_item_and_a_missing_file(client, notified_inspection, lano):
    client.force_login(lano)
    url = reverse("inspections:information", args=[notified_inspection.pk])
    assert client.post(url, {"item": "passwords"}).status_code == 404
    html = client.post(url, {"item": "annex_a"}).content.decode()
    assert "Select a file to upload" in html


def test_files_are_hidden_from_everyone_else(client, notified_inspection, lano, planner, inspector, lead):
    upload = services.upload_information(lano, notified_inspection, item_key="self_evaluation", uploaded_file=_file("a.pdf", PDF))
    url = reverse("inspections:information-file", args=[notified_inspection.pk, upload.pk])
    for person, status in ((planner, 403), (inspector, 404), (lead, 200)):
        client.force_login(person)
        assert client.get(url).status_code == status, person
    client.logout()
    assert client.get(url).status_code == 302


def test_team_members_read_but_do_not_upload(client, notified_inspection, lead, inspector, lano):
    inspection_services.add_team_member(lead, notified_inspection, user=inspector, role="ofsted")
    client.force_login(inspector)
    url = reverse("inspections:information", args=[notified_inspection.pk])
    html = client.get(url).content.decode()
    assert "Nothing uploaded yet" in html and 'type="file"' not in html
    assert client.post(url, {"item": "annex_a"}).status_code == 403


def test_uploads_can_be_kept_by_another_storage_backend(settings, notified_inspection, lano, _uploads_in_a_temporary_directory):
    settings.STORAGES = {**settings.STORAGES, "uploads": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    upload = services.upload_information(lano, notified_inspection, item_key="self_evaluation", uploaded_file=_file("a.pdf", PDF))
    _, handle = services.open_information(lano, notified_inspection, upload.pk)
    assert handle.read() == PDF
    assert not _uploads_in_a_temporary_directory.exists()


def test_the_default_storage_is_the_upload_directory_readable_by_the_service_only(notified_inspection, lano, _uploads_in_a_temporary_directory):
    upload = services.upload_information(lano, notified_inspection, item_key="self_evaluation", uploaded_file=_file("a.pdf", PDF))
    stored = _uploads_in_a_temporary_directory / upload.stored_name
    assert stored.stat().st_mode & 0o777 == 0o600
    assert stored.parent.stat().st_mode & 0o777 == 0o700
