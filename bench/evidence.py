"""Measure evidence entries written by concurrent inspectors through ``areasend serve`` on PostgreSQL,
against a bare insert view in the same run, with PostgreSQL restarted part way.

    uv run python bench/evidence.py [--threads 8] [--seconds 12] [--rounds 4] [--restart-seconds 12] [--serve-workers 3]

A PostgreSQL database ``areasend_bench_evidence`` is made afresh (migrated, one full inspection with a
lead and three inspectors on its team, each signed in with a session of their own). ``areasend serve``
(gunicorn web processes and the task worker, as in production; bench/bench_settings.py adds the bare
view) serves both paths; this process loads them from threads, a new connection for each request.

1. Bare view: ``POST /bench/bare/`` inserts one row.
2. Evidence entry (1 and 2 in alternating rounds, so other work on the machine weighs on both alike):
   ``POST /inspections/<pk>/evidence/send/`` as an inspector on the team, the path the log page's
   script takes (session, CSRF, the access gate, the checks, the entry, its first version and the
   audit event in one transaction), each entry with its own idempotency key.
3. Evidence entry while PostgreSQL is restarted a few seconds into the load
   (``pg_ctlcluster --skip-systemctl-redirect <version> main restart``). A writer whose entry is
   refused sends the same entry again, with the same key, as the page's script does, until it is
   acknowledged.

Afterwards the database is read back: an entry acknowledged (``"stored": true``) but not in the
table is lost, and must be 0; an entry stored twice would show as more rows than keys. Targets: p99
under 200 ms and 0 lost; throughput is printed as a ratio of the bare view's. The restart run affects
every user of the local PostgreSQL cluster.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

DB_NAME = "areasend_bench_evidence"
PG = "postgres://postgres@127.0.0.1:5432"
CSRF = "benchcsrfsecretbenchcsrfsecret00"  # a 32-character CSRF secret, sent as cookie and form field


def setup() -> None:
    """Migrate, make one inspection with its team signed in; print what the load needs."""
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from areasend import framework
    from areasend.access.roles import Role
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services
    from tests.factories import make_user

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset",
                                               region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="benchplanner")
    lead = make_user(Role.INSPECTOR, username="benchlead")
    today = timezone.localdate()
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=today)
    services.set_notification_date(lead, inspection, framework.add_working_days(today, -12), today=today - dt.timedelta(days=30))
    writers = [lead]
    for username, role, kind in (("benchofsted", "ofsted", "ofsted_inspector"), ("benchsocial", "social_care", "hmi"),
                                 ("benchcqc", "cqc", "cqc_inspector")):
        user = make_user(Role.INSPECTOR, username=username, inspector_kind=kind)
        services.add_team_member(lead, inspection, user=user, role=role)
        writers.append(user)
    sessions = []
    for user in writers:
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies["sessionid"].value)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, key text NOT NULL UNIQUE, at timestamptz DEFAULT now())")
    print(json.dumps({"inspection": inspection.pk, "sessions": sessions}))


class Load:
    def __init__(self, port: int, info: dict | None = None, retry_until_acked: bool = False):
        self.port = port
        self.info = info
        self.retry = retry_until_acked
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.sent = 0
        self.acked: list[str] = []
        self.refused: dict[str, int] = {}
        self.elapsed = 0.0

    def _post(self, path: str, body: dict, cookie: str = ""):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("POST", path, urllib.parse.urlencode(body, doseq=True), headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def _send(self, path, body, cookie, ok) -> bool:
        started = time.perf_counter()
        try:
            status, data = self._post(path, body, cookie)
            outcome, acked = str(status), ok(status, data)
        except OSError as exc:
            outcome, acked = type(exc).__name__, False
        elapsed = time.perf_counter() - started
        with self.lock:
            self.sent += 1
            if acked:
                self.latencies.append(elapsed)
                self.acked.append(body["key"])
            else:
                self.refused[outcome] = self.refused.get(outcome, 0) + 1
        return acked

    def bare(self, until: float):
        while time.perf_counter() < until:
            self._send("/bench/bare/", {"key": str(uuid.uuid4())}, "", lambda status, data: status == 200)

    def evidence(self, until: float, session: str, thread: int):
        path = f"/inspections/{self.info['inspection']}/evidence/send/"
        cookie = f"csrftoken={CSRF}; sessionid={session}"

        def stored(status, data):
            return status == 200 and json.loads(data).get("stored") is True

        n = 0
        while time.perf_counter() < until:
            n += 1
            body = {"csrfmiddlewaretoken": CSRF, "key": str(uuid.uuid4()), "source": "sampling_visit",
                    "criteria": ["I1", "L3"], "text": f"Bench entry {thread}-{n}: what the inspector saw on a visit."}
            # A refused entry is sent again with the same key until acknowledged, as the page's script does.
            give_up = until + 30
            while not self._send(path, body, cookie, stored):
                if not self.retry or time.perf_counter() > give_up:
                    break
                time.sleep(0.2)

    def run(self, kind: str, threads: int, seconds: float, during=None):
        until = time.perf_counter() + seconds
        sessions = self.info["sessions"] if self.info else []
        workers = [threading.Thread(target=self.bare, args=(until,)) if kind == "bare" else
                   threading.Thread(target=self.evidence, args=(until, sessions[i % len(sessions)], i)) for i in range(threads)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        if during is not None:
            during()
        for worker in workers:
            worker.join()
        self.elapsed += time.perf_counter() - started
        return self

    def figures(self) -> dict:
        lat = sorted(self.latencies)

        def pct(p):
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

        return {"sent": self.sent, "acked": len(self.acked), "per_second": len(self.acked) / self.elapsed if self.elapsed else 0,
                "p50": pct(0.50), "p99": pct(0.99), "mean": statistics.fmean(lat) * 1000 if lat else float("nan"),
                "refused": dict(self.refused)}


def _psql(sql: str, db: str = "postgres"):
    import psycopg

    with psycopg.connect(f"{PG}/{db}", autocommit=True) as connection:
        return connection.execute(sql).fetchall() if sql.lstrip().upper().startswith("SELECT") else connection.execute(sql)


def _wait_for_port(port: int, seconds: float = 90) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not start on port {port}")


def _wait_for_database(seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while True:
        try:
            _psql("SELECT 1", DB_NAME)
            return
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.5)


def _stored(acked: list[str], bare: bool) -> tuple[int, int]:
    """(acknowledged keys found in the table, rows stored for those keys)."""
    import psycopg

    keys = set(acked)
    with psycopg.connect(f"{PG}/{DB_NAME}") as connection:
        if bare:
            rows = [r[0] for r in connection.execute("SELECT key FROM bench_bare").fetchall()]
        else:
            rows = [str(r[0]) for r in connection.execute("SELECT key FROM evidence_evidenceentry").fetchall()]
    found = [k for k in rows if k in keys]
    return len(set(found)), len(found)


def _restart_postgres() -> float:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    started = time.perf_counter()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=12.0, help="load time for each of the bare view and the evidence entries")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--restart-seconds", type=float, default=12.0)
    parser.add_argument("--serve-workers", type=int, default=3, help="web processes for areasend serve")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-restart", action="store_true", help="skip restarting PostgreSQL")
    args = parser.parse_args()

    _psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    _psql(f"CREATE DATABASE {DB_NAME}")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{DB_NAME}", "DJANGO_SETTINGS_MODULE": "areasend.config.settings",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", "DEBUG": "0"}
    print(f"Setting up {DB_NAME}...", flush=True)
    made = subprocess.run([sys.executable, __file__, "setup"], env=env, check=True, capture_output=True, text=True)
    info = json.loads(made.stdout.strip().splitlines()[-1])
    port = args.port or _free_port()
    server_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.bench_settings", "AREASEND_VAR_DIR": str(ROOT / "var" / "bench")}
    command = [sys.executable, "-m", "areasend.commands", "serve", "--port", str(port), "--workers", str(args.serve_workers)]
    server = subprocess.Popen(command, env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for_port(port)
        Load(port).run("bare", 2, 1.0)  # warm up: imports, templates, connections
        Load(port, info).run("evidence", 2, 1.0)
        print(f"Loading areasend serve ({args.serve_workers} web processes, port {port}) with {args.threads} threads, "
              f"{args.rounds} alternating rounds of {args.seconds / args.rounds:g} s for each of the bare view and the evidence entries...",
              flush=True)
        bare, entries = Load(port), Load(port, info)
        for _ in range(args.rounds):
            bare.run("bare", args.threads, args.seconds / args.rounds)
            entries.run("evidence", args.threads, args.seconds / args.rounds)
        restart_took = []

        def restart_soon():
            time.sleep(args.restart_seconds / 3)
            if not args.no_restart:
                restart_took.append(_restart_postgres())

        restarted = Load(port, info, retry_until_acked=True).run("evidence", args.threads, args.restart_seconds, during=restart_soon)
        _wait_for_database()
        rows = []
        for name, load, is_bare in (("bare view (1 insert)", bare, True), ("evidence entry", entries, False),
                                    ("evidence entry, PostgreSQL restarted", restarted, False)):
            found, stored_rows = _stored(load.acked, is_bare)
            rows.append((name, load.figures(), found, stored_rows))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    _report(args, rows, restart_took)


def _report(args, rows, restart_took):
    base = rows[0][1]
    print()
    print(f"{'run':38} {'sent':>6} {'acked':>6} {'stored':>6} {'lost':>5} {'twice':>5} {'req/s':>7} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7}  refused")
    for name, f, found, stored_rows in rows:
        ratio = f["per_second"] / base["per_second"] if base["per_second"] else float("nan")
        refused = ", ".join(f"{k}: {v}" for k, v in sorted(f["refused"].items())) or "-"
        lost = f["acked"] - found
        print(f"{name:38} {f['sent']:6d} {f['acked']:6d} {found:6d} {lost:5d} {stored_rows - found:5d} {f['per_second']:7.1f} "
              f"{ratio:6.2f} {f['p50']:7.1f} {f['p99']:7.1f}  {refused}")
    print()
    if restart_took:
        print(f"PostgreSQL restart took {restart_took[0]:.1f} s, {args.restart_seconds / 3:.0f} s into a {args.restart_seconds:g} s run; "
              "refused entries were sent again with the same key until acknowledged.")
    e = rows[1][1]
    checks = [
        ("p99 under 200 ms", e["p99"] < 200),
        ("0 entries acknowledged but not stored (both evidence runs)", all(f["acked"] == found for _, f, found, _ in rows[1:])),
        ("no entry stored twice", all(stored_rows == found for _, _, found, stored_rows in rows[1:])),
    ]
    for label, ok in checks:
        print(f"{'met' if ok else 'NOT MET':8} {label}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "setup":
        setup()
    else:
        main()
