"""Every write the information request makes: a new version of an item, and opening a stored file."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from areasend.access.capabilities import Capability
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.inspections import access, information
from areasend.inspections.models import Inspection
from areasend.intake import scanning
from areasend.intake.models import InformationUpload
from areasend.intake.storage import delete_with_files, upload_storage


def upload_information(actor, inspection: Inspection, *, item_key: str, uploaded_file) -> InformationUpload:
    """Keep a new version of one item. The file's kind is checked by its content; nothing is half-saved."""
    item = information.ITEMS_BY_KEY.get(item_key)
    if item is None:
        raise ValidationError({"file": "Choose an item of the information request."})
    access.require(actor, inspection, Capability.UPLOAD_INFORMATION, "Only the local area nominated officer or the lead inspector can upload information.")
    name = (uploaded_file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    try:
        kind = information.check_upload(item, name, uploaded_file.size or 0, uploaded_file)
    except information.UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    try:
        scanning.check_file(kind, uploaded_file)
    except scanning.FileRefused as exc:
        audit.record(actor, Verb.UPLOAD_REFUSED, inspection=inspection, summary=f"Upload refused for {item.label}",
                     item=item.key, reason=str(exc), size=uploaded_file.size)
        raise ValidationError({"file": str(exc)}) from None
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    storage = upload_storage()
    stored_name = f"inspection-{inspection.pk}/{item.key}-{uuid.uuid4().hex}.{kind}"
    stored_name = storage.save(stored_name, uploaded_file)
    try:
        with transaction.atomic():
            Inspection.objects.select_for_update().get(pk=inspection.pk)
            latest = InformationUpload.objects.filter(inspection=inspection, item_key=item.key).order_by("-version").first()
            upload = InformationUpload.objects.create(
                inspection=inspection,
                item_key=item.key,
                version=(latest.version + 1) if latest else 1,
                stored_name=stored_name,
                original_name=name,
                kind=kind,
                size=uploaded_file.size,
                sha256=digest.hexdigest(),
                uploaded_by=actor,
            )
            audit.record(actor, Verb.INFORMATION_UPLOADED, inspection=inspection, target=upload,
                         summary=f"Uploaded {item.label}, version {upload.version} ({name})",
                         item=item.key, version=upload.version, size=upload.size, sha256=upload.sha256)
    except BaseException:
        storage.delete(stored_name)
        raise
    return upload


def open_information(actor, inspection: Inspection, upload_id: int):
    """The stored file of one upload, for someone allowed to see it; the access is recorded."""
    if not access.can(actor, inspection, Capability.SEE_INFORMATION):
        raise Http404("No file here")
    upload = InformationUpload.objects.filter(inspection=inspection, pk=upload_id).first()
    if upload is None:
        raise Http404("No file here")
    label = information.ITEMS_BY_KEY[upload.item_key].label if upload.item_key in information.ITEMS_BY_KEY else upload.item_key
    audit.record_download(actor, f"{label}, version {upload.version}", file_format=upload.kind, inspection=inspection,
                          target=upload, item=upload.item_key, version=upload.version)
    return upload, upload_storage().open(upload.stored_name, "rb")


def record_view(actor, inspection: Inspection, what: str) -> None:
    """Someone read the information request: kept in the inspection's activity record."""
    audit.record_view(actor, what, inspection=inspection)


def delete_uploads(inspection_ids, *, person_level: bool) -> int:
    """For the retention schedule: delete the files and records of these inspections' uploads, of person-level
    items or of the others. Each file goes before its record, so a failure part-way leaves records to try again."""
    keys = [item.key for item in information.ITEMS if item.person_level == person_level]
    return delete_with_files(InformationUpload.objects.filter(inspection_id__in=list(inspection_ids), item_key__in=keys))


# --- Documents other apps keep (plans after an inspection, for instance) ---------------------------


class DocumentRefused(ValueError):
    """Why a document was not kept, in a sentence the uploader can act on."""


@dataclass(frozen=True)
class StoredDocument:
    stored_name: str
    original_name: str
    kind: str
    size: int
    sha256: str


def store_document(uploaded_file, *, folder: str, accepts: tuple[str, ...] = information.DOCUMENT) -> StoredDocument:
    """Check a document as information uploads are checked (size, kind read from its content and agreeing
    with its name, what is inside it, a virus scan), then keep it under ``folder``.

    Refuses with :class:`DocumentRefused` and keeps nothing. The caller saves its own record of the
    file and calls :func:`discard_document` if that fails, so nothing is half-saved.
    """
    if uploaded_file is None:
        raise DocumentRefused("Select a file to upload")
    name = (uploaded_file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    item = information.InformationItem(key="document", label="document", hint="", accepts=accepts)
    try:
        kind = information.check_upload(item, name, uploaded_file.size or 0, uploaded_file)
        scanning.check_file(kind, uploaded_file)
    except (information.UploadRefused, scanning.FileRefused) as exc:
        raise DocumentRefused(str(exc)) from None
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    stored_name = upload_storage().save(f"{folder}/{uuid.uuid4().hex}.{kind}", uploaded_file)
    return StoredDocument(stored_name, name, kind, uploaded_file.size, digest.hexdigest())


def discard_document(stored_name: str) -> None:
    upload_storage().delete(stored_name)


def open_document(stored_name: str):
    """The stored file, opened for reading (the caller checks access and records the download)."""
    return upload_storage().open(stored_name, "rb")


CONTENT_TYPES = information.CONTENT_TYPES
