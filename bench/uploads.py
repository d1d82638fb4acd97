"""Measure the upload checks against what an upload already costs, in one run.

    uv run python bench/uploads.py [--megabytes 10] [--rounds 5]

For an Office file (a DOCX of the given size, made of many parts as a real one is), a PDF and a CSV of
the same size, times:

1. baseline: what the service did before the checks, reading the kind from the content
   (``information.detect_kind``) and the SHA-256 it stores;
2. checks: the content checks of ``intake.scanning`` (macros, programs, names, ZIP bombs; PDF structure)
   and the EICAR stand-in scan, which reads the whole file as a real scanner's client does.

Prints the median of each over the rounds and the ratio of checks to baseline. Target: the checks
cost no more than the baseline (ratio at most 1.0), so an upload's time stays dominated by the network.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def _docx(size: int) -> bytes:
    buffer = io.BytesIO()
    part = os.urandom(64 * 1024)  # does not compress, like the images in a real document
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"<w:p>text</w:p>" * 5000 + b"</w:document>")
        for number in range(max(1, size // len(part))):
            archive.writestr(f"word/media/image{number}.png", part)
    return buffer.getvalue()


def _pdf(size: int) -> bytes:
    """A PDF whose bulk is one compressed-looking stream (random bytes), as scanned pages and images are, with
    its cross-reference table where the end says."""
    stream = os.urandom(size)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = b"%PDF-1.7\n%bench\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _csv(size: int) -> bytes:
    row = b"Demo Child,2014-05-01,EHC plan,Year 7,School A\n"
    return b"name,born,need,year,school\n" + row * (size // len(row))


def _time(function, data: bytes, rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        handle = io.BytesIO(data)
        started = time.perf_counter()
        function(handle)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.config.settings")
    import django

    django.setup()
    from django.conf import settings

    from areasend.inspections import information
    from areasend.intake import scanning

    settings.AREASEND_VIRUS_SCANNER = "eicar"
    size = args.megabytes * 1024 * 1024

    def baseline(handle):
        information.detect_kind(handle)
        digest = hashlib.sha256()
        for chunk in iter(lambda: handle.read(64 * 1024), b""):
            digest.update(chunk)

    print(f"Upload checks on {args.megabytes} MB files, median of {args.rounds} rounds")
    print(f"{'file':<6} {'baseline ms':>12} {'checks ms':>10} {'ratio':>6}")
    worst = 0.0
    for kind, data in (("docx", _docx(size)), ("pdf", _pdf(size)), ("csv", _csv(size))):
        base = _time(baseline, data, args.rounds)
        checks = _time(lambda handle, k=kind: scanning.check_file(k, handle), data, args.rounds)
        ratio = checks / base if base else float("inf")
        worst = max(worst, ratio)
        print(f"{kind:<6} {base * 1000:>12.1f} {checks * 1000:>10.1f} {ratio:>6.2f}")
    print(f"worst ratio {worst:.2f} (target at most 1.00): {'met' if worst <= 1.0 else 'not met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
