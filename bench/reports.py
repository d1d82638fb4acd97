"""Measure the report's outputs against the plain public HTML page, in one run.

    uv run python bench/reports.py [--rounds 5] [--paragraphs 40]

A throwaway SQLite database (in a temporary folder) is migrated and given one inspection whose report
is taken through the factual-accuracy round and published, with ``--paragraphs`` paragraphs in each
written section. Then, in alternating rounds so that other work on the machine weighs on each alike:

1. Baseline: the public report page rendered through Django's test client (the HTML a reader gets).
2. The report's JSON (``/reports/<id>.json``).
3. The PDF, made with WeasyPrint in its PDF/UA variant (what the background task does).
4. The plain-English check of every written paragraph (what the writer sees on each save).

Printed: the median time of each in milliseconds and its ratio to the baseline. Target: the PDF is
made in the background, so it has no page-time target; it is shown so a slower PDF is noticed. The
JSON should stay within 2 times the HTML page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def build(paragraphs: int):
    import datetime as dt

    from django.core.management import call_command

    from areasend import framework as fw
    from areasend.access.roles import Role
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services as inspections
    from areasend.reports import services
    from tests.factories import make_user
    from tests.reports.conftest import sign_off_decision

    call_command("migrate", verbosity=0)
    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset",
                                               region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner")
    lead = make_user(Role.INSPECTOR, username="lead")
    ofsted = make_user(Role.INSPECTOR, username="ofsted", inspector_kind="ofsted_inspector")
    qa = make_user(Role.QA_READER, username="qa")
    inspection = inspections.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    notified = dt.date(2026, 1, 12)
    inspection = inspections.set_notification_date(lead, inspection, notified, today=dt.date(2026, 1, 5))
    inspections.add_team_member(lead, inspection, user=ofsted, role="ofsted")
    lano, _ = inspections.name_lano(lead, inspection, name="Officer", email="officer@example.gov.uk")
    end = fw.earliest_outcome_date(fw.full_inspection_timeline(notified=notified))
    sign_off_decision(inspection, lead, [ofsted], qa, end)
    inspection.refresh_from_db()
    sentence = ("Families told us that the wait for an assessment is long, and that they are not told how long "
                "it will be or who to ask while they wait. (evidence {n})")
    texts = {key: "\n\n".join(sentence.format(n=1 + i % 3) for i in range(paragraphs))
             for key in ("life", "strengths", "improve")}
    texts["recommendations"] = "\n\n".join(f"Both: {sentence.format(n=1 + i % 3)}" for i in range(paragraphs))
    today = fw.calendar.ENGLAND.add_working_days(end, 5)
    services.save_version(lead, inspection, texts=texts)
    services.qa_sign_off(qa, inspection, today=today)
    services.send_to_local_area(lead, inspection, today=today)
    services.close_comments(lano, inspection, today=today)
    services.make_final(lead, inspection, today=today)
    services.qa_sign_off(qa, inspection, today=today)
    return services.publish(lead, inspection, today=today)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=40)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="areasend-bench-reports-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.config.settings")
    os.environ.setdefault("AREASEND_VAR_DIR", folder)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from areasend import framework as fw
    from areasend.reports import pdf

    published = build(args.paragraphs)
    report_id = published.report.pk
    client = Client()
    texts = published.version.texts()
    cases = {
        "public HTML page (baseline)": lambda: client.get(f"/reports/{report_id}/"),
        "report JSON": lambda: client.get(f"/reports/{report_id}.json"),
        "PDF (WeasyPrint, PDF/UA)": lambda: pdf.render(published),
        "plain-English check": lambda: fw.report.plain_english_problems(texts),
    }
    for fn in cases.values():  # warm up once each
        fn()
    results = {name: [] for name in cases}
    for _ in range(args.rounds):
        for name, fn in cases.items():
            results[name].append(timed(fn))
    base = statistics.median(results["public HTML page (baseline)"])
    words = sum(len(p.split()) for ps in texts.values() for p in ps)
    print(f"Report with {args.paragraphs} paragraphs in each of 4 written sections ({words:,} words), "
          f"{args.rounds} rounds, median times:")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"  {name:<30} {median:9.1f} ms   {median / base:6.2f} x baseline")
    pdf_size = len(pdf.render(published))
    print(f"  PDF size: {pdf_size:,} bytes")


if __name__ == "__main__":
    main()
