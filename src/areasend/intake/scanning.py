"""Checks on an uploaded file's contents before it is kept: what is inside an Office file, whether a PDF
is built like one, and a virus scan.

Kept apart from the person-level data code: these checks look at files, not at what they say about
anyone. Each check refuses with :class:`FileRefused` and a sentence the uploader can act on.

Office files (DOCX, XLSX, ODT, ODS) are ZIP archives. One is refused when it holds a macro project,
an executable program or a script, an entry whose name climbs out of the archive (``../``, an absolute
path, a drive letter), or far more data than its size suggests (a "ZIP bomb"). A PDF is refused unless
it has a PDF header, objects, a cross-reference table or stream and an end-of-file marker, or when it
asks to run JavaScript or start another program.

The virus scanner is pluggable (``AREASEND_VIRUS_SCANNER``):

``clamd``  ClamAV's daemon over its socket: ``AREASEND_CLAMD_SOCKET`` (a Unix socket path) or
           ``AREASEND_CLAMD_HOST`` and ``AREASEND_CLAMD_PORT``. If it cannot be reached the upload is
           refused, never kept unscanned.
``eicar``  a stand-in that finds only the EICAR test string: for tests and trying things out.
``none``   no scan (the default when no ClamAV daemon is configured).
"""

from __future__ import annotations

import io
import re
import socket
import struct
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from django.conf import settings


class FileRefused(ValueError):
    """Why a file is refused, in a sentence the uploader can act on."""


# --- Office files ----------------------------------------------------------------------------------

#: Most an Office file may unpack to, and how many times its own size.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 150
MAX_ENTRIES = 5000

_MACRO_NAMES = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|vbaProjectSignature\.bin)$|(^|/)(Basic|Scripts)/", re.IGNORECASE)
_PROGRAM_ENDINGS = (".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".vbe", ".js", ".jse",
                    ".wsf", ".hta", ".jar", ".sh", ".lnk", ".cpl", ".pif")
_PROGRAM_STARTS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")


def _climbs_out(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or bool(re.match(r"^[A-Za-z]:", name)) or "\x00" in name


def check_office(data: BinaryIO) -> None:
    data.seek(0)
    try:
        with zipfile.ZipFile(data) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise FileRefused("The selected file holds too many parts to be a real document: save it again and upload that")
            unpacked = sum(entry.file_size for entry in entries)
            packed = max(1, sum(entry.compress_size for entry in entries))
            if unpacked > MAX_UNPACKED_BYTES or unpacked > packed * MAX_RATIO and unpacked > 10 * 1024 * 1024:
                raise FileRefused("The selected file unpacks to far more than its size: save it again and upload that")
            for entry in entries:
                name = entry.filename
                if _climbs_out(name):
                    raise FileRefused("The selected file has a part whose name points outside the file, which documents "
                                      "never need: save it again and upload that")
                if _MACRO_NAMES.search(name):
                    raise FileRefused("The selected file contains macros. Save it without macros (as .docx, .xlsx, .odt "
                                      "or .ods) and upload that")
                if name.lower().endswith(_PROGRAM_ENDINGS):
                    raise FileRefused("The selected file has a program inside it. Remove it, save the file again and "
                                      "upload that")
                if entry.file_size and not entry.is_dir():
                    with archive.open(entry) as part:
                        if part.read(4).startswith(_PROGRAM_STARTS):
                            raise FileRefused("The selected file has a program inside it. Remove it, save the file "
                                              "again and upload that")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
        raise FileRefused("The selected file cannot be opened: it may be damaged. Save it again and upload that") from None
    finally:
        data.seek(0)


# --- PDF -------------------------------------------------------------------------------------------

_ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
_PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")


_OBJECT_NUMBER = re.compile(rb"\d+\s+\d+\s+$")


def _has_object(content: bytes) -> bool:
    """Whether ``N G obj`` appears: each "obj" found by a fast byte search, its number checked just before it."""
    start = 0
    for _ in range(10_000):
        found = content.find(b"obj", start)
        if found < 0:
            return False
        if _OBJECT_NUMBER.search(content[max(0, found - 32):found]):
            return True
        start = found + 3
    return False


def check_pdf(data: BinaryIO) -> None:
    data.seek(0)
    content = data.read()
    data.seek(0)
    if not _PDF_HEADER.match(content[:16]):
        raise FileRefused("The selected file is not a real PDF: save it again as a PDF and upload that")
    tail = content[-2048:]
    # The end says where the cross-reference table (or stream) starts; a real PDF has one there.
    pointer = re.search(rb"startxref\s+(\d{1,12})\s+%%EOF", tail)
    offset = int(pointer.group(1)) if pointer else -1
    at = content[offset:offset + 64] if 0 < offset < len(content) else b""
    has_xref = at.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj\b", at) is not None
    if not (has_xref and _has_object(content[:1024 * 1024])):
        raise FileRefused("The selected file is not a complete PDF: it may be damaged or cut short. Save it again as a "
                          "PDF and upload that")
    if _ACTIVE_PDF.search(content):
        raise FileRefused("The selected PDF contains scripts, attachments or actions that start other programs. Save it "
                          "again without them (for example, print it to a new PDF) and upload that")


# --- Viruses ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""


class Scanner(Protocol):
    def scan(self, data: BinaryIO) -> ScanResult: ...


class ScannerUnavailable(RuntimeError):
    """The virus scanner could not be asked: the file is refused, not kept unscanned."""


class NoScanner:
    def scan(self, data: BinaryIO) -> ScanResult:
        return ScanResult(True)


#: The EICAR test file: anti-virus programs treat it as a virus, and it does nothing.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class EicarScanner:
    """A stand-in for tests: finds the EICAR test string anywhere in the file, and nothing else."""

    def scan(self, data: BinaryIO) -> ScanResult:
        data.seek(0)
        found = EICAR in data.read()
        data.seek(0)
        return ScanResult(not found, "Eicar-Test-Signature" if found else "")


class ClamdScanner:
    """ClamAV's ``clamd`` over a Unix socket or TCP, with its INSTREAM command (the file sent in chunks)."""

    CHUNK = 64 * 1024

    def __init__(self, *, socket_path: str = "", host: str = "", port: int = 3310, timeout: float = 30.0):
        self.socket_path, self.host, self.port, self.timeout = socket_path, host, port, timeout

    def _connect(self) -> socket.socket:
        if self.socket_path:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            address: object = self.socket_path
        else:
            connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            address = (self.host, self.port)
        connection.settimeout(self.timeout)
        connection.connect(address)
        return connection

    def scan(self, data: BinaryIO) -> ScanResult:
        data.seek(0)
        try:
            with self._connect() as connection:
                connection.sendall(b"zINSTREAM\0")
                while chunk := data.read(self.CHUNK):
                    connection.sendall(struct.pack("!L", len(chunk)) + chunk)
                connection.sendall(struct.pack("!L", 0))
                reply = b""
                while not reply.endswith(b"\0"):
                    part = connection.recv(4096)
                    if not part:
                        break
                    reply += part
        except OSError as exc:
            raise ScannerUnavailable(f"the virus scanner could not be reached ({exc.__class__.__name__})") from None
        finally:
            data.seek(0)
        answer = reply.rstrip(b"\0").decode("utf-8", "replace")
        # "stream: OK", "stream: Eicar-Signature FOUND", or "... ERROR"
        if answer.endswith("OK"):
            return ScanResult(True)
        if answer.endswith("FOUND"):
            return ScanResult(False, answer.split(":", 1)[-1].removesuffix("FOUND").strip())
        raise ScannerUnavailable("the virus scanner could not check the file")


def scanner() -> Scanner:
    kind = getattr(settings, "AREASEND_VIRUS_SCANNER", "none")
    if kind == "clamd":
        return ClamdScanner(socket_path=settings.AREASEND_CLAMD_SOCKET, host=settings.AREASEND_CLAMD_HOST,
                            port=settings.AREASEND_CLAMD_PORT)
    if kind == "eicar":
        return EicarScanner()
    return NoScanner()


# --- All together ----------------------------------------------------------------------------------

OFFICE_KINDS = frozenset({"docx", "xlsx", "odt", "ods"})


def check_file(kind: str, data: BinaryIO) -> ScanResult:
    """Every check for a file already known (by its content) to be ``kind``; :class:`FileRefused` if one fails."""
    if kind in OFFICE_KINDS:
        check_office(data)
    elif kind == "pdf":
        check_pdf(data)
    try:
        result = scanner().scan(data)
    except ScannerUnavailable:
        raise FileRefused("The file could not be checked for viruses just now, so it was not kept. Try again in a few "
                          "minutes") from None
    if not result.clean:
        raise FileRefused("The selected file contains a virus, so it was not kept. Check your computer, then upload a "
                          "clean copy")
    return result


def as_file(data: bytes) -> BinaryIO:
    return io.BytesIO(data)
