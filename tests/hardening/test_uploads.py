"""Upload checks: Office files by their contents, a PDF's structure, a virus scan (the EICAR stand-in and the
clamd protocol against a small fake daemon), the size cap before the body is read, object storage settings."""

import io
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from areasend.accounts.models import AuditEvent, Verb
from areasend.inspections import services as inspection_services
from areasend.intake import scanning, services
from areasend.intake.models import InformationUpload
from tests.factories import pdf_bytes


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_PARTS = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"}
ODT_PARTS = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}


@pytest.mark.parametrize("data, message", [
    (_zip({**DOCX_PARTS, "../../etc/cron.d/job": b"x"}), "points outside the file"),
    (_zip({**DOCX_PARTS, "/etc/passwd": b"x"}), "points outside the file"),
    (_zip({**DOCX_PARTS, "C:/Windows/evil.txt": b"x"}), "points outside the file"),
    (_zip({**DOCX_PARTS, "word/embeddings/setup.exe": b"MZ\x90\x00"}), "has a program inside it"),
    (_zip({**DOCX_PARTS, "word/media/image1.png": b"MZ\x90\x00\x03"}), "has a program inside it"),
    (_zip({**DOCX_PARTS, "word/run.js": b"alert(1)"}), "has a program inside it"),
    (_zip({**ODT_PARTS, "Basic/Standard/Module1.xml": b"<script/>"}), "contains macros"),
    (_zip({**DOCX_PARTS, "word/vbaData.xml": b"<x/>"}), "contains macros"),
    (_zip({**DOCX_PARTS, "word/big.xml": b"\0" * (40 * 1024 * 1024)}, zipfile.ZIP_DEFLATED), "unpacks to far more"),
])
def test_an_office_file_is_refused_for_what_is_inside_it(data, message):
    with pytest.raises(scanning.FileRefused, match=message):
        scanning.check_office(io.BytesIO(data))


def test_a_plain_office_file_passes():
    scanning.check_office(io.BytesIO(_zip(DOCX_PARTS)))
    scanning.check_office(io.BytesIO(_zip(ODT_PARTS)))


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7\n%%EOF\n", "not a complete PDF"),
    (pdf_bytes()[:-40], "not a complete PDF"),
    (b"%PDX-1.7\n" + pdf_bytes()[9:], "not a real PDF"),
    (pdf_bytes(catalog=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "), "contains scripts"),
    (pdf_bytes(catalog=b"/OpenAction << /S /Launch /F (cmd.exe) >> "), "contains scripts"),
    (pdf_bytes().replace(b"startxref\n", b"startxref\n1"), "not a complete PDF"),
])
def test_a_pdf_must_be_built_like_one_and_run_nothing(data, message):
    with pytest.raises(scanning.FileRefused, match=message):
        scanning.check_pdf(io.BytesIO(data))


def test_a_real_pdf_passes():
    scanning.check_pdf(io.BytesIO(pdf_bytes("a report")))


@pytest.fixture
def lano(notified_inspection, lead):
    user, _ = inspection_services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    notified_inspection.refresh_from_db()
    return user


@pytest.mark.parametrize("name, data", [
    ("annex.csv", b"name,age\n" + scanning.EICAR + b"\n"),
    ("report.pdf", pdf_bytes(scanning.EICAR.decode("ascii"))),
])
def test_a_file_with_the_eicar_test_string_is_refused_audited_and_not_kept(notified_inspection, lano, settings, name, data):
    item = "annex_a" if name.endswith(".csv") else "self_evaluation"
    with pytest.raises(ValidationError) as error:
        services.upload_information(lano, notified_inspection, item_key=item,
                                    uploaded_file=SimpleUploadedFile(name, data))
    assert "contains a virus" in error.value.message_dict["file"][0]
    assert not InformationUpload.objects.exists()
    stored = [f for _, _, files in os.walk(settings.AREASEND_UPLOAD_DIR) for f in files]
    assert stored == []
    assert AuditEvent.objects.filter(verb=Verb.UPLOAD_REFUSED, actor=lano).count() == 1


def test_an_office_file_with_a_path_traversal_entry_is_refused_through_the_service(notified_inspection, lano):
    data = _zip({**DOCX_PARTS, "../escape.txt": b"x"})
    with pytest.raises(ValidationError) as error:
        services.upload_information(lano, notified_inspection, item_key="self_evaluation",
                                    uploaded_file=SimpleUploadedFile("report.docx", data))
    assert "points outside the file" in error.value.message_dict["file"][0]
    assert not InformationUpload.objects.exists()


class _FakeClamd:
    """A daemon speaking clamd's INSTREAM over a Unix socket: FOUND when the stream holds the EICAR string."""

    def __init__(self, path):
        self.path = path
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(1)
        self.received = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, connection, size):
        data = b""
        while len(data) < size:
            part = connection.recv(size - len(data))
            if not part:
                raise ConnectionError
            data += part
        return data

    def _serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                command = b""
                while not command.endswith(b"\0"):
                    command += connection.recv(1)
                self.received.append(command)
                stream = b""
                while True:
                    (size,) = struct.unpack("!L", self._read(connection, 4))
                    if size == 0:
                        break
                    stream += self._read(connection, size)
                reply = b"stream: Eicar-Signature FOUND\0" if scanning.EICAR in stream else b"stream: OK\0"
                connection.sendall(reply)

    def close(self):
        self.server.close()


@pytest.fixture
def clamd():
    folder = tempfile.mkdtemp()
    daemon = _FakeClamd(os.path.join(folder, "clamd.sock"))
    yield daemon
    daemon.close()


def test_the_clamd_scanner_speaks_instream_and_reads_the_answer(clamd):
    scanner = scanning.ClamdScanner(socket_path=clamd.path, timeout=10)
    clean = scanner.scan(io.BytesIO(b"x" * 200_000))  # more than one chunk
    assert clean.clean is True
    infected = scanner.scan(io.BytesIO(b"hello " + scanning.EICAR))
    assert infected.clean is False and infected.signature == "Eicar-Signature"
    assert clamd.received == [b"zINSTREAM\0", b"zINSTREAM\0"]


def test_with_clamd_configured_an_infected_file_is_refused_and_an_unreachable_daemon_refuses_too(clamd, settings):
    settings.AREASEND_VIRUS_SCANNER = "clamd"
    settings.AREASEND_CLAMD_SOCKET = clamd.path
    with pytest.raises(scanning.FileRefused, match="contains a virus"):
        scanning.check_file("csv", io.BytesIO(scanning.EICAR))
    assert scanning.check_file("csv", io.BytesIO(b"a,b\n1,2\n")).clean
    settings.AREASEND_CLAMD_SOCKET = clamd.path + ".missing"
    with pytest.raises(scanning.FileRefused, match="could not be checked for viruses"):
        scanning.check_file("csv", io.BytesIO(b"a,b\n1,2\n"))


class _Unread(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_the_size_cap_applies_before_the_body_is_read(settings, db):
    from areasend.config.middleware import RequestSizeMiddleware

    settings.AREASEND_MAX_REQUEST_BYTES = 1000
    request = RequestFactory().post("/inspections/1/information/", data=b"", content_type="multipart/form-data; boundary=x")
    request.META["CONTENT_LENGTH"] = str(50 * 1024 * 1024)
    request.META["wsgi.input"] = _Unread()
    request._stream = _Unread()
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = RequestSizeMiddleware(lambda r: pytest.fail("the view was reached"))(request)
    assert response.status_code == 413
    assert "must be smaller than" in response.content.decode()


def test_a_too_large_upload_through_the_client_gets_the_page(client, settings, notified_inspection, lano):
    settings.AREASEND_MAX_REQUEST_BYTES = 10_000
    client.force_login(lano)
    response = client.post(f"/inspections/{notified_inspection.pk}/information/",
                           {"item": "annex_a", "annex_a-file": SimpleUploadedFile("a.csv", b"a,b\n" * 5000)})
    assert response.status_code == 413
    assert not InformationUpload.objects.exists()


def _settings_of(code: str, **env):
    full = {**os.environ, "DJANGO_SETTINGS_MODULE": "areasend.config.settings", **env}
    return subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings; " + code],
                          env=full, capture_output=True, text=True, timeout=60)


def test_object_storage_keeps_uploads_private_and_encrypted_by_the_store():
    result = _settings_of("import json; print(json.dumps(settings.STORAGES['uploads']))",
                          AREASEND_UPLOAD_STORAGE="s3", AREASEND_S3_BUCKET="areasend-uploads",
                          AREASEND_S3_SSE="aws:kms", AREASEND_S3_KMS_KEY_ID="key-1")
    assert result.returncode == 0, result.stderr
    import json

    uploads = json.loads(result.stdout)
    assert uploads["BACKEND"] == "storages.backends.s3.S3Storage"
    assert uploads["OPTIONS"]["object_parameters"] == {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "key-1"}
    assert uploads["OPTIONS"]["default_acl"] == "private" and uploads["OPTIONS"]["file_overwrite"] is False
    missing = _settings_of("print(1)", AREASEND_UPLOAD_STORAGE="s3")
    assert missing.returncode != 0 and "AREASEND_S3_BUCKET" in missing.stderr
