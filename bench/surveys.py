"""Measure survey intake under concurrent load on PostgreSQL against a bare Django view, in one run.

    uv run python bench/surveys.py [--threads 8] [--seconds 12] [--rounds 4] [--restart-seconds 12] [--serve-workers N]

A PostgreSQL database ``areasend_bench`` is made afresh (migrated, one inspection whose surveys the
core's timeline has opened today, and a pool of respondents made in advance so that every timed
request is one answer). A real server process (``django runserver --noreload``, threaded) serves
both the project's pages and a bare view that inserts one row; this process loads it from threads,
each request on a new connection. Then the same load runs against ``areasend serve`` (gunicorn with
several web processes and the task worker, as in production, with bench/bench_settings.py adding the
bare view), and both tables are printed.

1. Bare view: ``POST /bench/bare/`` inserts one row.
2. Survey answer (1 and 2 in alternating rounds, so other work on the machine weighs on both alike): ``POST /surveys/s/<token>/q/<question>/`` as a respondent with their cookie, the
   full path a person's answer takes (CSRF, the window from the core, rate limits, the upsert).
3. Survey answer while PostgreSQL is restarted a few seconds into the load
   (``pg_ctlcluster --skip-systemctl-redirect <version> main restart``).

Every answer is sent once. Afterwards the database is read back: an answer acknowledged (a redirect
to the next question) but not stored is a lost answer, and must be 0. Requests that were refused are
counted with what the person was told. Targets: at least 70% of the bare view's throughput, p99
under 200 ms, 0 lost. The restart run affects every user of the local PostgreSQL cluster.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DB_NAME = "areasend_bench"
PG = "postgres://postgres@127.0.0.1:5432"
CSRF = "benchcsrfsecretbenchcsrfsecret00"  # a 32-character CSRF secret, sent as cookie and form field


# The server process ------------------------------------------------------------------------------


def _bare(request):
    from django.db import connection
    from django.http import HttpResponse

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (key) VALUES (%s)", [request.POST.get("key", "")])
    return HttpResponse("ok")


urlpatterns: list = []


def serve(port: int) -> None:
    import django
    from django.conf import settings

    django.setup()
    from django.urls import include, path
    from django.views.decorators.csrf import csrf_exempt

    urlpatterns[:] = [path("bench/bare/", csrf_exempt(_bare)), path("", include("areasend.config.urls"))]
    settings.ROOT_URLCONF = "__main__"
    # One address sends everything here: the per-address flood limit is lifted for the bench only.
    settings.AREASEND_SURVEY_RATE_PER_IP = 10**9
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True, skip_checks=True)


def setup(respondents: int) -> None:
    """Migrate, make one inspection with open surveys and ``respondents`` respondents; print what the load needs."""
    import django

    django.setup()
    from django.core import signing
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from areasend.access.roles import Role
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services as inspection_services
    from areasend.surveys.models import SurveyResponse
    from areasend.surveys.views import COOKIE_SALT, _cookie_name
    from tests.factories import make_user
    from tests.surveys.access import open_surveys

    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="benchplanner")
    lead = make_user(Role.INSPECTOR, username="benchlead")
    inspection = inspection_services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    cyp = open_surveys(inspection)[0]
    tokens = [secrets.token_urlsafe(24) for _ in range(respondents)]
    SurveyResponse.objects.bulk_create(SurveyResponse(survey=cyp, token=t, question_set=cyp.question_set) for t in tokens)
    signer = signing.get_cookie_signer(salt=_cookie_name(cyp) + COOKIE_SALT)
    from areasend.surveys import queries as survey_queries

    facts = survey_queries.facts_of(cyp).text()  # a device that began the survey carries its facts
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, key text NOT NULL UNIQUE, at timestamptz DEFAULT now())")
    from areasend.surveys import questions as qs

    question_set = qs.question_set(cyp.question_set)
    print(json.dumps({
        "public_token": cyp.public_token,
        "cookie_name": _cookie_name(cyp),
        "respondents": [[t, signer.sign(f"{t}|{facts}")] for t in tokens],
        "questions": [[q.id, q.options[0].value if q.options else ""] for q in question_set.questions],
    }))


# The load -----------------------------------------------------------------------------------------


class Load:
    def __init__(self, port: int):
        self.port = port
        self.run_id = secrets.token_hex(4)
        self.keys = itertools.count()
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.sent = 0
        self.acked: list[tuple[str, str]] = []
        self.refused: dict[str, int] = {}

    def _post(self, path: str, body: dict, cookie: str = ""):
        data = urllib.parse.urlencode(body)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("POST", path, data, headers)
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Location", "")
        finally:
            connection.close()

    def _record(self, started: float, ok: bool, key: tuple[str, str], outcome: str):
        elapsed = time.perf_counter() - started
        with self.lock:
            self.sent += 1
            if ok:
                self.latencies.append(elapsed)
                self.acked.append(key)
            else:
                self.refused[outcome] = self.refused.get(outcome, 0) + 1

    def bare(self, until: float, thread: int):
        while time.perf_counter() < until:
            key = f"{self.run_id}-{next(self.keys)}"
            started = time.perf_counter()
            try:
                status, _ = self._post("/bench/bare/", {"key": key})
                outcome = str(status)
            except OSError as exc:
                status, outcome = 0, type(exc).__name__
            self._record(started, status == 200, ("bare", key), outcome)

    def survey(self, until: float, respondents, info):
        questions = info["questions"]
        base = f"/surveys/s/{info['public_token']}/q/"
        for token, signed in respondents:
            cookie = f"csrftoken={CSRF}; {info['cookie_name']}={signed}"
            for index, (question_id, choice) in enumerate(questions):
                if time.perf_counter() >= until:
                    return
                answer = choice or f"Answer {token[:8]} {index}"
                started = time.perf_counter()
                try:
                    status, location = self._post(f"{base}{question_id}/", {"csrfmiddlewaretoken": CSRF, "answer": answer}, cookie)
                    outcome = str(status)
                except OSError as exc:
                    status, location, outcome = 0, "", type(exc).__name__
                ok = status == 302 and "/surveys/s/" in location
                self._record(started, ok, (token, question_id), outcome)

    def run(self, kind: str, threads: int, seconds: float, info=None, pool=None, during=None):
        """Load for ``seconds``; a Load run again adds to its counts and time."""
        until = time.perf_counter() + seconds
        workers = []
        for i in range(threads):
            if kind == "bare":
                target, args = self.bare, (until, i)
            else:
                target, args = self.survey, (until, pool[i::threads], info)
            workers.append(threading.Thread(target=target, args=args))
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        if during is not None:
            during()
        for worker in workers:
            worker.join()
        self.elapsed = getattr(self, "elapsed", 0.0) + time.perf_counter() - started
        return self

    def figures(self) -> dict:
        lat = sorted(self.latencies)

        def pct(p):
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

        return {"sent": self.sent, "acked": len(self.acked), "per_second": len(self.acked) / self.elapsed,
                "p50": pct(0.50), "p99": pct(0.99), "mean": statistics.fmean(lat) * 1000 if lat else float("nan"),
                "refused": dict(self.refused)}


# Orchestration ------------------------------------------------------------------------------------


def _psql(sql: str, db: str = "postgres"):
    import psycopg

    with psycopg.connect(f"{PG}/{db}", autocommit=True) as connection:
        return connection.execute(sql).fetchall() if sql.lstrip().upper().startswith("SELECT") else connection.execute(sql)


def _wait_for_port(port: int, seconds: float = 60) -> None:
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


def _stored(acked: list[tuple[str, str]], public: bool) -> int:
    import psycopg

    with psycopg.connect(f"{PG}/{DB_NAME}") as connection:
        if not public:
            keys = {k for _, k in acked}
            rows = connection.execute("SELECT key FROM bench_bare").fetchall()
            return len(keys & {r[0] for r in rows})
        rows = connection.execute(
            "SELECT r.token, a.question_id FROM surveys_answer a JOIN surveys_surveyresponse r ON r.id = a.response_id"
        ).fetchall()
        return len(set(acked) & {tuple(r) for r in rows})


def _restart_postgres() -> float:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    started = time.perf_counter()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=12.0, help="load time for each of the bare view and the survey")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--restart-seconds", type=float, default=12.0)
    parser.add_argument("--respondents", type=int, default=6000)
    parser.add_argument("--port", type=int, default=0, help="the server's port (a free one by default)")
    parser.add_argument("--serve-workers", type=int, default=4, help="web processes for the areasend serve run")
    parser.add_argument("--no-restart", action="store_true", help="skip the run that restarts PostgreSQL")
    args = parser.parse_args()

    _psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    _psql(f"CREATE DATABASE {DB_NAME}")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{DB_NAME}", "DJANGO_SETTINGS_MODULE": "areasend.config.settings",
           "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}", "DEBUG": "0"}
    print(f"Setting up {DB_NAME} ({args.respondents} respondents)...", flush=True)
    made = subprocess.run([sys.executable, __file__, "setup", str(args.respondents)], env=env, check=True,
                          capture_output=True, text=True)
    info = json.loads(made.stdout.strip().splitlines()[-1])
    pool = info["respondents"]
    servers = [
        ("django runserver, threaded", [sys.executable, __file__, "serve", "{port}"], env),
        (f"areasend serve, gunicorn with {args.serve_workers} web processes",
         [sys.executable, "-m", "areasend.commands", "serve", "--port", "{port}", "--workers", str(args.serve_workers)],
         {**env, "DJANGO_SETTINGS_MODULE": "bench.bench_settings", "AREASEND_VAR_DIR": str(ROOT / "var" / "bench")}),
    ]
    halves = len(pool) // len(servers)
    for index, (label, command, server_env) in enumerate(servers):
        port = args.port or _free_port()
        rows, restart_took = _measure(args, info, pool[index * halves:(index + 1) * halves],
                                      [part.replace("{port}", str(port)) for part in command], server_env, port)
        print()
        print(f"== {label} (port {port})")
        _report(args, rows, restart_took)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _measure(args, info, pool, command, env, port):
    """Start the server ``command``, load it, stop it; the rows of figures and how long a restart took."""
    per_phase = len(pool) // 2
    # start_new_session: the server and its children are stopped together.
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        _wait_for_port(port)
        # Warm up both paths (first requests import modules and compile templates).
        Load(port).run("bare", 2, 1.0)
        Load(port).run("survey", 2, 1.0, info, pool[-200:])
        print(f"Loading with {args.threads} threads, {args.rounds} alternating rounds of {args.seconds / args.rounds:g} s "
              f"for each of the bare view and the survey...", flush=True)
        # Alternating short rounds: other work on the machine then weighs on both alike.
        bare, survey = Load(port), Load(port)
        chunk = per_phase // args.rounds
        for round_ in range(args.rounds):
            bare.run("bare", args.threads, args.seconds / args.rounds)
            # Each round has respondents of its own: every answer is sent once in the whole run.
            survey.run("survey", args.threads, args.seconds / args.rounds, info, pool[round_ * chunk:(round_ + 1) * chunk])
        restart_took = []

        def restart_soon():
            time.sleep(args.restart_seconds / 3)
            if not args.no_restart:
                restart_took.append(_restart_postgres())

        restarted = Load(port).run("survey", args.threads, args.restart_seconds, info,
                                        pool[per_phase:2 * per_phase - 200], during=restart_soon)
        _wait_for_database()
        rows = []
        for name, load, public in (("bare view (1 insert)", bare, False), ("survey answer", survey, True),
                                   ("survey answer, PostgreSQL restarted", restarted, True)):
            f = load.figures()
            stored = _stored(load.acked, public)
            if len(set(load.acked)) != len(load.acked):
                raise SystemExit(f"{name}: the same answer was sent twice, so the count of lost answers would be wrong")
            rows.append((name, f, stored, len(load.acked) - stored))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return rows, restart_took



def _report(args, rows, restart_took):
    base = rows[0][1]
    print()
    print(f"{'run':38} {'sent':>6} {'acked':>6} {'stored':>6} {'lost':>5} {'req/s':>7} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7}  refused (what the person got)")
    for name, f, stored, lost in rows:
        ratio = f["per_second"] / base["per_second"] if base["per_second"] else float("nan")
        refused = ", ".join(f"{k}: {v}" for k, v in sorted(f["refused"].items())) or "-"
        print(f"{name:38} {f['sent']:6d} {f['acked']:6d} {stored:6d} {lost:5d} {f['per_second']:7.1f} {ratio:6.2f} {f['p50']:7.1f} {f['p99']:7.1f}  {refused}")
    print()
    if restart_took:
        print(f"PostgreSQL restart took {restart_took[0]:.1f} s, {args.restart_seconds / 3:.0f} s into a {args.restart_seconds:g} s run.")
    s = rows[1][1]
    checks = [
        ("throughput at least 70% of the bare view", bool(base["per_second"]) and s["per_second"] / base["per_second"] >= 0.70),
        ("p99 under 200 ms", s["p99"] < 200),
        ("0 answers acknowledged but not stored (both survey runs)", rows[1][3] == 0 and rows[2][3] == 0),
    ]
    for label, ok in checks:
        print(f"{'met' if ok else 'NOT MET':8} {label}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "serve":
        serve(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "setup":
        setup(int(sys.argv[2]))
    else:
        main()
