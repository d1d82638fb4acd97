"""The information request's file handling: which files each item accepts, and checks on what is uploaded.

The items themselves (keys, labels, hints, which hold person-level data, which framework version
asks for them) are the framework core's (:mod:`areasend.framework.information`); the core marks the
Annex A item list as unconfirmed. A file's kind is read from its content, never trusted from its
name or the browser, and must agree with its name.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from areasend import framework as fw

MAX_UPLOAD_BYTES = 20 * 1024 * 1024

DOCUMENT = ("pdf", "docx", "odt")
SPREADSHEET = ("xlsx", "ods", "csv")

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
}

_ACCEPTS = {fw.ItemForm.DOCUMENT: DOCUMENT, fw.ItemForm.SPREADSHEET: SPREADSHEET, fw.ItemForm.EITHER: DOCUMENT + SPREADSHEET}


@dataclass(frozen=True)
class InformationItem:
    """A core item with the file kinds it accepts."""

    key: str
    label: str
    hint: str
    accepts: tuple[str, ...]
    person_level: bool = False


def _item(core: fw.InformationItem) -> InformationItem:
    return InformationItem(core.key, core.label, core.hint, _ACCEPTS[core.form], core.person_level)


#: Every item any framework version asks for, in the core's order.
ITEMS: tuple[InformationItem, ...] = tuple(_item(item) for item in fw.INFORMATION_ITEMS)
ITEMS_BY_KEY = {item.key: item for item in ITEMS}


def items_for(inspection) -> tuple[InformationItem, ...]:
    """The items asked for under the inspection's framework version (every item before it is known)."""
    keys = {item.key for item in fw.information_items(inspection.framework or None)}
    return tuple(item for item in ITEMS if item.key in keys)


class UploadRefused(ValueError):
    """Why a file is refused, in a sentence the uploader can act on."""


def _zip_kind(head: bytes, data) -> str | None:
    data.seek(0)
    try:
        archive = zipfile.ZipFile(data)
        names = set(archive.namelist())
        if "mimetype" in names:
            info = archive.getinfo("mimetype")
            if info.file_size > 200:
                return None
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            return {CONTENT_TYPES["odt"]: "odt", CONTENT_TYPES["ods"]: "ods"}.get(mimetype)
        if "[Content_Types].xml" in names:
            if any(n.startswith("xl/") for n in names) and not any(n.endswith("vbaProject.bin") for n in names):
                return "xlsx"
            if any(n.startswith("word/") for n in names) and not any(n.endswith("vbaProject.bin") for n in names):
                return "docx"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    finally:
        data.seek(0)
    return None


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(sample) - 3
    return True


def detect_kind(data) -> str | None:
    """The kind of file ``data`` (a binary file object) holds, read from its content, or None."""
    data.seek(0)
    head = data.read(8192)
    data.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(head, data)
    if head and _looks_like_text(head):
        return "csv"
    return None


def check_upload(item: InformationItem, name: str, size: int, data) -> str:
    """The file's kind if it may be uploaded for ``item``; :class:`UploadRefused` otherwise."""
    accepted = ", ".join(kind.upper() for kind in item.accepts)
    if size == 0:
        raise UploadRefused("The selected file is empty")
    if size > MAX_UPLOAD_BYTES:
        raise UploadRefused(f"The selected file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)}MB")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in item.accepts:
        raise UploadRefused(f"The selected file must be a {accepted}")
    kind = detect_kind(data)
    if kind != extension:
        raise UploadRefused(f"The selected file is not a real {extension.upper()} file: save it again as a {accepted} and upload that")
    return kind

