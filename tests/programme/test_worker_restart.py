"""A plan started before a restart finishes after it: through the real database queue and worker processes.

The worker is a separate process reading the test database, so the test commits for real
(``transaction=True``) and the SQLite test database is a file (see settings).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from areasend.programme import services
from areasend.programme.models import PlanRun

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2025, 1, 6)
#: Generous: the machine may be busy with other tests; each wait ends as soon as the thing happens.
DEADLINE_SECONDS = 120


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{db['NAME']}"


def start(module_args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "areasend.config.settings",
           "AREASEND_TASKS_BACKEND": "database"}
    return subprocess.Popen([sys.executable, "-m", *module_args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for(what: str, check, process: subprocess.Popen):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if process.poll() is not None:
            pytest.fail(f"the worker stopped before {what}: {process.stdout.read()}")
        time.sleep(0.1)  # poll the database; the wait ends as soon as the run gets there
    pytest.fail(f"{what} did not happen within {DEADLINE_SECONDS} seconds")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=DEADLINE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.django_db(transaction=True)
def test_a_plan_being_solved_when_its_worker_is_killed_finishes_under_the_next_worker(settings, planner):
    from areasend.areas.importer import import_register
    from tests.programme.conftest import SMALL

    from django_tasks_db.models import DBTaskResult

    import_register(SMALL)
    settings.AREASEND_RUN_PLANS_INLINE = False
    run = services.start_plan(planner, until=dt.date(2025, 12, 31), full_per_week=2, monitoring_per_week=1,
                              region_cap=2, today=TODAY)
    assert run.status == PlanRun.Status.QUEUED
    assert run.task_id, "the solve was put on the queue when the run was committed"
    first_task = run.task_id

    doomed = start(["tests.programme.slow_worker"])
    try:
        wait_for("the run was being solved",
                 lambda: PlanRun.objects.filter(pk=run.pk, status=PlanRun.Status.RUNNING).exists(), doomed)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=DEADLINE_SECONDS)
    finally:
        if doomed.poll() is None:
            doomed.kill()
            doomed.wait()
    # The queue itself still believes the dead worker is running the task, and the run is still "solving".
    assert DBTaskResult.objects.get(pk=first_task).status == "RUNNING"
    assert PlanRun.objects.get(pk=run.pk).status == PlanRun.Status.RUNNING

    worker = start(["areasend.commands", "worker"])
    try:
        done = wait_for("the run finished",
                        lambda: PlanRun.objects.filter(pk=run.pk, status__in=[PlanRun.Status.DONE,
                                                                               PlanRun.Status.FAILED]).first(), worker)
    finally:
        stop(worker)
    assert done.status == PlanRun.Status.DONE, done.error
    assert done.result["items"] and all(item["onsite_start"] for item in done.result["items"])
    assert done.result["status"] in {"OPTIMAL", "FEASIBLE"}
    assert done.error == ""
    assert done.task_id != first_task, "a new task was queued for the run"
    assert DBTaskResult.objects.get(pk=first_task).status == "FAILED"
    assert DBTaskResult.objects.get(pk=done.task_id).status == "SUCCESSFUL"
