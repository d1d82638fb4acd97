"""Every write the person-level data return makes: an upload, its check in the background, loading, downloads.

The check runs as a task (``intake.tasks``): it reads the stored file once, a block at a time, saying how
far it has got, and either keeps the version as rejected with every problem, or loads it. The checked
rows are kept in a temporary file as they are read (identifiers already pseudonymised with the
inspection's own key), so loading neither reads the file again nor holds it in memory. Loading is one
transaction: the new rows replace the loaded version's rows whole. Every read of rows and every download is recorded in the audit trail.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import logging
import pickle
import secrets
import tempfile
import uuid
import zipfile
from xml.sax.saxutils import escape

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from areasend.access.capabilities import Capability
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.framework import person_level as pl
from areasend.inspections import access
from areasend.inspections.models import Inspection
from areasend.intake import person_level as checking
from areasend.intake.models import PersonLevelProblem, PersonLevelRecord, PersonLevelReturn, PseudonymKey
from areasend.intake.storage import upload_storage
from areasend.ui.spreadsheets import safe_row

FORMATS = ("csv", "xlsx", "ods")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
_BATCH = 2000
logger = logging.getLogger(__name__)


def _today() -> dt.date:
    return timezone.localdate()


# --- uploading ---------------------------------------------------------------------------------


def upload_return(actor, inspection: Inspection, uploaded_file) -> PersonLevelReturn:
    """Keep a new version and queue its check. Refuses only what cannot be a return at all."""
    access.require(actor, inspection, Capability.UPLOAD_INFORMATION,
                   "Only the local area nominated officer or the lead inspector can upload the person-level data.")
    name = (uploaded_file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in FORMATS:
        raise ValidationError({"file": "The selected file must be a CSV, XLSX or ODS file"})
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError({"file": "The selected file is empty"})
    if size > checking.MAX_BYTES:
        raise ValidationError({"file": f"The selected file is {size / (1024 * 1024):.0f} MB: it must be smaller than "
                                       f"{checking.MAX_BYTES // (1024 * 1024)} MB. Remove columns that are not in the "
                                       "template, or save it as XLSX, which is smaller"})
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    storage = upload_storage()
    stored_name = storage.save(f"inspection-{inspection.pk}/person-level-{uuid.uuid4().hex}.{kind}", uploaded_file)
    try:
        with transaction.atomic():
            Inspection.objects.select_for_update().get(pk=inspection.pk)
            latest = PersonLevelReturn.objects.filter(inspection=inspection).order_by("-version").first()
            upload = PersonLevelReturn.objects.create(
                inspection=inspection, version=(latest.version + 1) if latest else 1,
                schema_version=pl.CURRENT_SCHEMA.version, stored_name=stored_name, original_name=name,
                size=size, sha256=digest.hexdigest(), uploaded_by=actor,
            )
            audit.record(actor, Verb.PERSON_LEVEL_UPLOADED, inspection=inspection, target=upload,
                         summary=f"Uploaded person-level data, version {upload.version} ({name})",
                         version=upload.version, size=size, sha256=upload.sha256)
            transaction.on_commit(lambda pk=upload.pk: enqueue_check(pk))
    except BaseException:
        storage.delete(stored_name)
        raise
    return upload


def enqueue_check(return_pk: int) -> None:
    from areasend.intake.tasks import check_person_level_return

    result = check_person_level_return.enqueue(return_pk)
    PersonLevelReturn.objects.filter(pk=return_pk).update(task_id=str(result.id)[:64])


# --- checking and loading ----------------------------------------------------------------------


def _key_for(inspection_id: int) -> bytes:
    key, _ = PseudonymKey.objects.get_or_create(inspection_id=inspection_id,
                                                defaults={"key": secrets.token_bytes(32)})
    return bytes(key.key)


def pseudonym(key: bytes, identifier: str) -> str:
    """The code that stands for a local identifier in this inspection; the same identifier, the same code."""
    return hmac.new(key, identifier.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:20]


class _Spool:
    """The checked rows of a file, kept in a temporary file a block at a time as the check hands them on.

    Loading then reads this back instead of reading and checking the upload a second time; memory stays
    flat, one block at a time. Identifiers are pseudonymised before they are written down, so the
    temporary file never holds a local identifier, and each block is encrypted (AES-GCM) with a key that
    lives only in this object: what reaches the disk cannot be read by anyone else, or after the task ends,
    and a block changed on disk is refused rather than loaded.
    """

    def __init__(self, handle, key: bytes):
        self.handle, self.key, self.rows = handle, key, 0
        self._sealer = AESGCM(AESGCM.generate_key(bit_length=128))

    def add(self, numbers: list[int], columns: dict[str, list]) -> None:
        keyed = hmac.new(self.key, digestmod=hashlib.sha256)  # as ``pseudonym``, the key's set-up done once a block

        def code(identifier: str) -> str:
            digest = keyed.copy()
            digest.update(identifier.strip().encode("utf-8"))
            return digest.hexdigest()[:20]

        columns["local_identifier"] = [code(value) for value in columns["local_identifier"]]
        nonce = secrets.token_bytes(12)
        sealed = self._sealer.encrypt(nonce, pickle.dumps((numbers, columns), protocol=pickle.HIGHEST_PROTOCOL), None)
        self.handle.write(len(sealed).to_bytes(8, "big") + nonce + sealed)
        self.rows += len(numbers)

    def blocks(self):
        self.handle.seek(0)
        while length := self.handle.read(8):
            nonce = self.handle.read(12)
            sealed = self.handle.read(int.from_bytes(length, "big"))
            # Only what this object sealed opens (InvalidTag otherwise), so the pickle is its own.
            yield pickle.loads(self._sealer.decrypt(nonce, sealed, None))  # noqa: S301


def run_check(return_pk: int) -> str:
    """Check a queued version and load or reject it. Does nothing to a version already checked."""
    upload = PersonLevelReturn.objects.filter(pk=return_pk).first()
    if upload is None or upload.status != PersonLevelReturn.Status.CHECKING:
        return upload.status if upload else "missing"
    storage = upload_storage()
    today = _today()

    def progress(rows: int) -> None:
        PersonLevelReturn.objects.filter(pk=return_pk).update(rows_checked=rows)

    try:
        with tempfile.TemporaryFile(prefix="person-level-") as handle:
            spool = _Spool(handle, _key_for(upload.inspection_id))
            with storage.open(upload.stored_name, "rb") as stored:
                report = checking.check_file(stored, name=upload.original_name, size=upload.size, today=today,
                                             on_block=spool.add, on_progress=progress)
            if report.valid:
                _load(upload, report, spool)
                return PersonLevelReturn.Status.LOADED
    except Exception:
        logger.exception("person-level return %s could not be checked", return_pk)
        report = checking.CheckReport(problems=[pl.RowProblem(
            0, "", "the file could not be checked because of a fault in this service, not in the file: upload it "
            "again, and if this happens again tell the lead inspector")])
    if not report.valid:
        with transaction.atomic():
            PersonLevelProblem.objects.filter(person_level_return=upload).delete()
            PersonLevelProblem.objects.bulk_create(
                (PersonLevelProblem(person_level_return=upload, row=p.row, column=p.column[:60], message=p.message)
                 for p in report.problems), batch_size=_BATCH)
            PersonLevelReturn.objects.filter(pk=upload.pk).update(
                status=PersonLevelReturn.Status.REJECTED, rows=report.rows, rows_checked=report.rows,
                problem_count=len(report.problems), notes=report.notes, checked_at=timezone.now())
            audit.record(None, Verb.PERSON_LEVEL_REJECTED, inspection=upload.inspection, target=upload,
                         summary=f"Person-level data version {upload.version} not loaded: "
                                 f"{len(report.problems)} problems", version=upload.version,
                         problems=len(report.problems))
    return PersonLevelReturn.Status.REJECTED


def _load(upload: PersonLevelReturn, report: checking.CheckReport, spool: _Spool) -> None:
    """Replace the loaded version's rows with the checked rows, whole, in one transaction."""
    if spool.rows != report.rows:  # every row of a valid file is handed on once; anything else is a fault here
        raise RuntimeError(f"the check kept {spool.rows} rows of {report.rows}")
    with transaction.atomic():
        Inspection.objects.select_for_update().get(pk=upload.inspection_id)
        previous = list(PersonLevelReturn.objects.filter(inspection_id=upload.inspection_id,
                                                         status=PersonLevelReturn.Status.LOADED))
        # One statement: nothing refers to a record, so Django deletes them without fetching them first.
        PersonLevelRecord.objects.filter(person_level_return__in=[old.pk for old in previous]).delete()
        PersonLevelReturn.objects.filter(pk__in=[old.pk for old in previous]).update(
            status=PersonLevelReturn.Status.REPLACED)
        loaded = _insert_records(upload, spool)
        if loaded != report.rows:
            raise RuntimeError(f"loaded {loaded} rows of {report.rows}")
        PersonLevelReturn.objects.filter(pk=upload.pk).update(
            status=PersonLevelReturn.Status.LOADED, rows=report.rows, rows_checked=report.rows,
            problem_count=0, notes=report.notes, checked_at=timezone.now())
        audit.record(None, Verb.PERSON_LEVEL_LOADED, inspection=upload.inspection, target=upload,
                     summary=f"Person-level data version {upload.version} loaded: {report.rows} rows"
                             + (f", replacing version {previous[0].version}" if previous else ""),
                     version=upload.version, rows=report.rows,
                     replaced=[old.version for old in previous])


#: Optional text the schema leaves empty, kept as empty text rather than NULL.
_BLANK_TEXT = ("setting_name", "ethnic_group")
#: Field types whose checked Python values the database driver takes as they are.
_AS_THEY_ARE = {"BooleanField", "CharField", "TextField", "IntegerField", "PositiveIntegerField",
                "PositiveSmallIntegerField", "SmallIntegerField", "BigIntegerField", "ForeignKey"}


def _insert_records(upload: PersonLevelReturn, spool: _Spool) -> int:
    """Write the spooled rows as ``PersonLevelRecord`` rows, a block at a time; the number written.

    The model layer costs tens of microseconds a row (an instance, then every field's value prepared for
    the query), which at 100,000 rows is most of the load. The rows here are already checked and typed
    by the schema, so they go to the database as they are: one prepared statement for each block on
    SQLite (``executemany``), ``COPY`` on PostgreSQL. Only dates are adapted, by the backend's own
    adapter. The caller's transaction makes it all or nothing.
    """
    from django.db import connections

    alias = PersonLevelRecord.objects.db
    connection = connections[alias]
    meta = PersonLevelRecord._meta
    names = [name for name in pl.CURRENT_SCHEMA.names if name != "local_identifier"]
    fields = [meta.get_field(name) for name in names]
    columns = ["person_level_return_id", "inspection_id", "row", "pseudonym"] + [field.column for field in fields]

    def adapter(field):
        kind = field.get_internal_type()
        if kind == "DateField":
            adapt = connection.ops.adapt_datefield_value
            return lambda values: [None if value is None else adapt(value) for value in values]
        if kind in _AS_THEY_ARE:
            return None
        return lambda values: [field.get_db_prep_save(value, connection) for value in values]

    adapters = [adapter(field) for field in fields]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    column_list = ", ".join(quote(column) for column in columns)
    copy = connection.vendor == "postgresql"
    insert = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(columns))})"
    written = 0
    with connection.cursor() as cursor:
        for numbers, block in spool.blocks():
            count = len(numbers)
            values = []
            for name, adapt in zip(names, adapters):
                given = block.get(name)
                if given is None:
                    given = [None] * count
                if name in _BLANK_TEXT:
                    given = ["" if value is None else value for value in given]
                values.append(given if adapt is None else adapt(given))
            rows = zip([upload.pk] * count, [upload.inspection_id] * count, numbers, block["local_identifier"],
                       *values)
            if copy:
                with cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as stream:
                    for row in rows:
                        stream.write_row(row)
            else:
                cursor.executemany(insert, list(rows))
            written += count
    return written


# --- reading -------------------------------------------------------------------------------------


def get_return(actor, inspection: Inspection, version: int) -> PersonLevelReturn:
    access.require(actor, inspection, Capability.SEE_INFORMATION)
    upload = PersonLevelReturn.objects.filter(inspection=inspection, version=version).first()
    if upload is None:
        raise Http404("No such version")
    return upload


def problems_csv(actor, inspection: Inspection, upload: PersonLevelReturn) -> bytes:
    """Every problem of a rejected version as CSV; the download is recorded."""
    access.require(actor, inspection, Capability.SEE_INFORMATION)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["row", "column", "problem"])
    for row, column, message in upload.problems.values_list("row", "column", "message").iterator():
        writer.writerow(safe_row([row, column, message]))
    audit.record_download(actor, f"the problems in person-level data version {upload.version}", file_format="csv",
                          inspection=inspection, target=upload, version=upload.version)
    return buffer.getvalue().encode("utf-8")


def record_rows_read(actor, inspection: Inspection, what: str, **details) -> None:
    """The team read rows of the person-level data (or counts made from them): kept in the audit trail."""
    access.require(actor, inspection, Capability.SEE_PERSON_LEVEL_DATA)
    audit.record_view(actor, what, inspection=inspection, **details)


def record_page_view(actor, inspection: Inspection, what: str) -> None:
    audit.record_view(actor, what, inspection=inspection)


# --- templates -----------------------------------------------------------------------------------


def template(file_format: str, actor=None, inspection: Inspection | None = None) -> bytes:
    """The empty template in CSV, XLSX or ODS: the header row and an example row to overwrite."""
    schema = pl.CURRENT_SCHEMA
    header = list(schema.names)
    if inspection is not None:
        audit.record_download(actor, "the person-level data template", file_format=file_format, inspection=inspection)
    if file_format == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(header)
        return buffer.getvalue().encode("utf-8")
    if file_format == "xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Return"
        sheet.append(header)
        notes = workbook.create_sheet("Columns")
        notes.append(["column", "what it holds", "type", "required", "choices", "example"])
        for column in schema.columns:
            notes.append([column.name, column.description, column.type.value, "yes" if column.required else "no",
                          "; ".join(column.choices), column.example])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    if file_format == "ods":
        return _ods([header], [["column", "what it holds", "type", "required", "choices", "example"]] + [
            [c.name, c.description, c.type.value, "yes" if c.required else "no", "; ".join(c.choices), c.example]
            for c in schema.columns])
    raise Http404("No such format")


def _ods_sheet(name: str, rows: list[list[str]]) -> str:
    body = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'
            for cell in row) + "</table:table-row>"
        for row in rows)
    return f'<table:table table:name="{escape(name)}">{body}</table:table>'


def _ods(first: list[list[str]], columns: list[list[str]]) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>"
        + _ods_sheet("Return", first) + _ods_sheet("Columns", columns)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
