"""The information request: versions of each item, checked by content, kept outside the web root."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework
from areasend.access import gate
from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.access.roles import is_inspector
from areasend.areas import services as area_services
from areasend.inspections import access
from areasend.inspections.models import Inspection, Task, TeamMember
from areasend.inspections.queries import REMINDER_WINDOW_WORKING_DAYS, clashes_for, timeline_for
from areasend.notifications import services as notifications

logger = logging.getLogger(__name__)



from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


# The information request ------------------------------------------------------------------------


def _upload_storage():
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.AREASEND_UPLOAD_DIR, file_permissions_mode=0o600, directory_permissions_mode=0o700)


def upload_information(actor, inspection: Inspection, *, item_key: str, uploaded_file):
    """Keep a new version of one item. The file's kind is checked by its content; nothing is half-saved."""
    import hashlib
    import uuid

    from areasend.inspections import information
    from areasend.inspections.models import InformationUpload

    item = information.ITEMS_BY_KEY.get(item_key)
    if item is None:
        raise ValidationError({"file": "Choose an item of the information request."})
    access.require(actor, inspection, Capability.UPLOAD_INFORMATION, "Only the local area nominated officer or the lead inspector can upload information.")
    name = (uploaded_file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    try:
        kind = information.check_upload(item, name, uploaded_file.size or 0, uploaded_file)
    except information.UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    storage = _upload_storage()
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
    from django.http import Http404

    from areasend.inspections import information
    from areasend.inspections.models import InformationUpload

    if not access.can(actor, inspection, Capability.SEE_INFORMATION):
        raise Http404("No file here")
    upload = InformationUpload.objects.filter(inspection=inspection, pk=upload_id).first()
    if upload is None:
        raise Http404("No file here")
    label = information.ITEMS_BY_KEY[upload.item_key].label if upload.item_key in information.ITEMS_BY_KEY else upload.item_key
    audit.record_download(actor, f"{label}, version {upload.version}", file_format=upload.kind, inspection=inspection,
                          target=upload, item=upload.item_key, version=upload.version)
    return upload, _upload_storage().open(upload.stored_name, "rb")
