"""Measure the self-evaluation's exports: a full version (11 criteria, three long answers each, evidence)
as a Word document and as a tagged PDF (PDF/UA-1), against a plain untagged PDF of the same page made in
the same run, and the comparison of two versions.

    uv run python bench/selfevaluation_exports.py [--rounds 5] [--words 400]

No database: the version is built in memory. Target: a version's PDF/UA made in under 10 s on this
machine (it runs in the background, so the page never waits for it), and tagging costing at most
twice the plain PDF. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.config.settings")


def _version(words: int, number: int = 1, changed: str = ""):
    from areasend import framework as fw
    from areasend.framework import selfevaluation as core

    text = " ".join(f"word{i % 97}" for i in range(words))
    criteria = {}
    for c in fw.CRITERIA:
        criteria[c.id] = {
            **{q.key: f"{c.id} {changed}\n{text}\n{text[: len(text) // 2]}" for q in core.QUESTIONS},
            "view": "mixed", "reasons": f"Reasons for {c.id}: {text[:300]}",
            "evidence": [{"kind": "figure", "title": f"Figure {n}", "figure": f"{n * 7}%", "source": "Person-level data"}
                         for n in range(5)],
        }
    area = SimpleNamespace(name="A local area partnership")
    return SimpleNamespace(number=number, content={"criteria": criteria}, self_evaluation=SimpleNamespace(area=area))


def _time(fn, rounds: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
        size = len(out) if isinstance(out, (bytes, tuple)) else size
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--words", type=int, default=400, help="words in each answer")
    args = parser.parse_args()

    import django

    django.setup()
    from weasyprint import HTML

    from areasend.framework import selfevaluation as core
    from areasend.selfevaluation import documents

    version = _version(args.words)
    other = _version(args.words, 2, changed="revised")
    page = documents.html(version, [])
    rows = [
        ("plain PDF (baseline)", _time(lambda: HTML(string=page).write_pdf(), args.rounds)),
        ("tagged PDF/UA-1", _time(lambda: documents.pdf(version, []), args.rounds)),
        ("Word document", _time(lambda: documents.docx(version, []), args.rounds)),
        ("changes between versions", _time(lambda: core.changes_between(version.content, other.content), args.rounds)),
    ]
    baseline = rows[0][1][0]
    print(f"self-evaluation exports: 11 criteria, {args.words} words an answer, median of {args.rounds} rounds")
    print(f"{'what':<28}{'seconds':>10}{'x baseline':>12}{'size':>12}")
    for name, (seconds, size) in rows:
        print(f"{name:<28}{seconds:>10.3f}{seconds / baseline:>12.2f}{size:>12}")
    print("target: PDF/UA under 10 s; tagging at most 2.00 x the plain PDF")


if __name__ == "__main__":
    main()
