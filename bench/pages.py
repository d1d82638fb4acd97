"""Time the public and inspector pages on national-scale data, against a static file served in the same run.

    uv run python bench/pages.py [--requests 60] [--responses 1000000] [--workers 2]

A PostgreSQL database ``areasend_national_bench`` is made afresh and filled with national-scale
data: the real register and its history (2016 to 2024), made-up full and monitoring inspections
for 2025 and 2026 so that the history runs over ten years and every area has been inspected, 20
inspections in the service led by one inspector, each with its three surveys, and
``--responses`` survey responses in all (one million by default; one inspection holds a tenth of
them, with answers, for its results page). Made-up records say so in their source.

``areasend serve`` (gunicorn and the worker, as in production) then serves it, and this process
asks for each page in turn, one request at a time over one kept-alive connection, after a
warm-up. The baseline is a static file (the GOV.UK Frontend stylesheet, served by WhiteNoise) from
the same server, timed in the same rounds. For each page it prints p50, p95 and p99 in
milliseconds and p95 as a multiple of the static file's. Target: every page's p95 under 150 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

DB_NAME = "areasend_national_bench"
PG = "postgres://postgres@127.0.0.1:5432"
MADE_UP = "bench data, made up"
TARGET_MS = 150.0


# Setting up the data (run in a subprocess with DATABASE_URL set) ----------------------------------


def setup(responses: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    call_command("migrate", verbosity=0)
    from areasend import framework as fw
    from areasend.access.roles import Role
    from areasend.areas.importer import import_register
    from areasend.areas.models import InspectionRecord, LocalAreaPartnership
    from areasend.inspections import services as inspection_services
    from areasend.surveys import questions as qs
    from areasend.surveys.models import Answer, SurveyResponse
    from tests.factories import make_user
    from tests.surveys.access import open_surveys

    rng = random.Random(15)
    import_register(ROOT / "data" / "register")
    areas = list(LocalAreaPartnership.objects.current().order_by("ons_code"))
    inspected = set(
        InspectionRecord.objects.filter(framework__in=["2023", "2025"], kind="full").values_list("area_id", flat=True)
    )
    made = []
    mondays = [dt.date(2025, 1, 6) + dt.timedelta(weeks=w) for w in range(100)]
    waiting = [a for a in areas if a.pk not in inspected]
    for i, area in enumerate(waiting):
        start = mondays[i % len(mondays)]
        end = start + dt.timedelta(days=4)
        outcome = rng.choice((1, 2, 2, 3))
        made.append(InspectionRecord(
            area=area, framework=fw.version_on(start).id, kind="full", start_date=start, end_date=end,
            published=fw.add_working_days(end, rng.randint(25, 60)), outcome=outcome, source=MADE_UP))
    for area in areas:
        if area.pk in inspected and rng.random() < 0.3:
            start = mondays[rng.randrange(len(mondays))]
            made.append(InspectionRecord(
                area=area, framework=fw.version_on(start).id, kind="monitoring", start_date=start,
                end_date=start + dt.timedelta(days=2), published=fw.add_working_days(start, 40), source=MADE_UP))
    with transaction.atomic():
        InspectionRecord.objects.bulk_create(made)

    planner = make_user(Role.NATIONAL_PLANNER, username="benchplanner")
    lead = make_user(Role.INSPECTOR, username="benchlead")
    inspections = []
    for area in areas[:20]:
        inspection = inspection_services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
        inspections.append((inspection, open_surveys(inspection)))
    main_inspection, main_surveys = inspections[0]
    surveys = [s for _, group in inspections for s in group]
    big = responses // 10
    responses_table = SurveyResponse._meta.db_table
    answers_table = Answer._meta.db_table
    now = dt.datetime.now(dt.timezone.utc)
    with connection.cursor() as cursor:
        raw = cursor.connection
        with raw.cursor().copy(
            f"COPY {responses_table} (survey_id, token, question_set, source, started_at, completed_at, batch, "
            "excluded_reason) FROM STDIN"
        ) as copy:
            for n in range(responses):
                survey = main_surveys[n % len(main_surveys)] if n < big else surveys[n % len(surveys)]
                copy.write_row((survey.pk, secrets.token_hex(16), survey.question_set, "online", now, now, "", ""))
        questions = {s.pk: [q for q in qs.question_set(s.question_set).questions if q.options][:3] for s in main_surveys}
        cursor.execute(
            f"SELECT id, survey_id FROM {responses_table} WHERE survey_id = ANY(%s)",
            [[s.pk for s in main_surveys]],
        )
        rows = cursor.fetchall()
        with raw.cursor().copy(f"COPY {answers_table} (response_id, question_id, value, saved_at) FROM STDIN") as copy:
            for response_id, survey_id in rows:
                for q in questions[survey_id]:
                    copy.write_row((response_id, q.id, rng.choice(q.options).value, now))
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(lead)
    print(json.dumps({
        "session": client.cookies["sessionid"].value,
        "inspection": main_inspection.pk,
        "area": main_inspection.area.ons_code,
        "records": InspectionRecord.objects.count(),
        "made_up_records": len(made),
        "responses": SurveyResponse.objects.count(),
        "answers": Answer.objects.count(),
    }))


# Timing -----------------------------------------------------------------------------------------


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(port: int, server: subprocess.Popen, seconds: float = 180) -> None:
    """Until the service answers a page (or the server stops, or ``seconds`` pass)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("areasend serve stopped before it answered")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/accessibility/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"areasend serve did not answer on port {port}")


def _time(connection: http.client.HTTPConnection, path: str, cookie: str) -> tuple[float, int, int]:
    headers = {"Cookie": cookie} if cookie else {}
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    return (time.perf_counter() - started) * 1000, response.status, len(body)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="timed requests for each page")
    parser.add_argument("--responses", type=int, default=1_000_000, help="survey responses to make")
    parser.add_argument("--workers", type=int, default=2, help="web processes for areasend serve")
    parser.add_argument("--page-budget", type=float, default=60.0,
                        help="seconds of timed requests at most for one page (a very slow page gets fewer)")
    args = parser.parse_args()

    _psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    _psql(f"CREATE DATABASE {DB_NAME}")
    var = tempfile.mkdtemp(prefix="areasend-pages-bench-")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{DB_NAME}", "DJANGO_SETTINGS_MODULE": "areasend.config.settings",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", "DEBUG": "0", "AREASEND_VAR_DIR": var,
           "CONN_MAX_AGE": "60"}
    print(f"Setting up {DB_NAME}: the register, ten years of history, {args.responses:,} survey responses...", flush=True)
    started = time.time()
    made = subprocess.run([sys.executable, __file__, "setup", str(args.responses)], env=env, check=True,
                          capture_output=True, text=True)
    info = json.loads(made.stdout.strip().splitlines()[-1])
    print(f"  {info['records']:,} history records ({info['made_up_records']:,} made up), {info['responses']:,} "
          f"responses, {info['answers']:,} answers, in {time.time() - started:.0f} s", flush=True)

    cookie = f"sessionid={info['session']}"
    pk, area = info["inspection"], info["area"]
    pages = [
        ("static file (baseline)", "/static/govuk/govuk-frontend.min.css", ""),
        ("public: local areas", "/", ""),
        ("public: local areas, filtered", "/?region=London&outcome=3&since_last=1-3", ""),
        ("public: one area", f"/areas/{area}/", ""),
        ("public: national picture", "/statistics/", ""),
        ("public: national picture, filtered", "/statistics/?region=London&outcome=2&year=2024", ""),
        ("public: table download (CSV)", "/statistics/latest-outcomes.csv", ""),
        ("public: API areas", "/api/v1/areas/?page_size=200", ""),
        ("public: API inspections", "/api/v1/inspections/?page_size=200&page=2", ""),
        ("inspector: your work", "/your-work/", cookie),
        ("inspector: inspections", "/inspections/", cookie),
        ("inspector: one inspection", f"/inspections/{pk}/", cookie),
        ("inspector: surveys", f"/surveys/inspection/{pk}/", cookie),
        ("inspector: survey results", f"/surveys/inspection/{pk}/results/", cookie),
    ]
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "areasend.commands", "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_until_serving(port, server)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        times: dict[str, list[float]] = {label: [] for label, _, _ in pages}
        sizes: dict[str, tuple[int, int]] = {}
        failed: dict[str, str] = {}
        for label, path, who in pages:  # warm-up: imports, template compiles, the first fill of caches
            for _ in range(3):
                try:
                    _, status, size = _time(connection, path, who)
                except (OSError, http.client.HTTPException) as problem:
                    # gunicorn stops a web process that takes longer than its timeout (30 s) on a request.
                    failed[label] = f"no answer ({type(problem).__name__}): gunicorn's 30 s timeout"
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    break
                if status != 200:
                    failed[label] = f"answered {status}"
                    break
            sizes[label] = (status, size)
        # Rounds through every page in turn, so other work on the machine weighs on all alike. A page
        # that has taken --page-budget seconds in all is not asked again (its count is printed).
        spent = {label: 0.0 for label, _, _ in pages}
        for _ in range(args.requests):
            for label, path, who in pages:
                if spent[label] > args.page_budget or label in failed:
                    continue
                took, status, _ = _time(connection, path, who)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
                times[label].append(took)
                spent[label] += took / 1000
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)

    base = _pct(times[pages[0][0]], 95)
    print()
    print(f"areasend serve, {args.workers} web processes; {args.requests} timed requests a page, one at a time")
    print(f"{'page':38} {'status':>6} {'KB':>7} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p95/static':>11}  target")
    slow = []
    for label, _, _ in pages:
        ts = times[label]
        if label in failed:
            print(f"{label:38} {failed[label]}")
            slow.append(label)
            continue
        p95 = _pct(ts, 95)
        ok = p95 < TARGET_MS
        if not ok:
            slow.append(label)
        status, size = sizes[label]
        print(f"{label:38} {status:>6} {size / 1024:>7.1f} {len(ts):>4} {statistics.median(ts):>8.1f} {p95:>8.1f} "
              f"{_pct(ts, 99):>8.1f} {p95 / base:>10.1f}x  {'under' if ok else 'OVER'} {TARGET_MS:g} ms")
    print()
    print("Every page's p95 is under the target." if not slow else f"Over the target: {', '.join(slow)}.")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "setup":
        setup(int(sys.argv[2]))
    else:
        main()
