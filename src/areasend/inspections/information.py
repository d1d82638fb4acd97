"""The information request: the items the local area provides, and checks on what is uploaded.

The items are those the framework names for the data the local area provides (spec section 6).
Their detailed contents are not confirmed by the handbook, so the service asks for each as a
document or spreadsheet and does not invent columns. A file's kind is read from its content,
never trusted from its name or the browser, and must agree with its name.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

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


@dataclass(frozen=True)
class InformationItem:
    key: str
    label: str
    hint: str
    accepts: tuple[str, ...]


ITEMS: tuple[InformationItem, ...] = (
    InformationItem("annex_a", "Annex A information", "Requested in week 1 and analysed in week 2.", DOCUMENT + SPREADSHEET),
    InformationItem(
        "person_level_data",
        "Person-level data",
        "Every child and young person with SEND who lives in the area, including those educated out of area, on the template.",
        SPREADSHEET,
    ),
    InformationItem("health_commissioning", "Health commissioning template", "The completed template.", DOCUMENT + SPREADSHEET),
    InformationItem(
        "residential_special_schools",
        "Residential special school commissioning and provision template",
        "The completed template.",
        DOCUMENT + SPREADSHEET,
    ),
    InformationItem("self_evaluation", "Self-evaluation", "The partnership's evaluation of its own effectiveness.", DOCUMENT),
    InformationItem("strategic_plan", "SEND strategic plan", "The partnership's current published plan.", DOCUMENT),
)
ITEMS_BY_KEY = {item.key: item for item in ITEMS}


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

