"""``areasend migrate``, ``areasend worker`` and ``areasend serve``: run the service.

``serve`` runs gunicorn (several web processes) and one task worker side by side, from the same
environment settings, and stops both on Ctrl+C or SIGTERM. A task worker that stops on its own is
started again (it queues again any plan its predecessor left unfinished). Neither ``serve`` nor
``worker`` changes the database's tables: with changes waiting they refuse and say to run
``areasend migrate``.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

from .base import CommandError

#: Seconds a web process under ``areasend serve`` keeps its database connection, unless CONN_MAX_AGE says.
SERVE_CONN_MAX_AGE = 60

#: Web processes when --workers is not given: two a core and one more, at most this many.
MAX_DEFAULT_WORKERS = 8
#: Seconds a stopping process is given to finish what it is doing (a solve runs up to its time limit).
STOP_GRACE_SECONDS = 30


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 1 to 65535")
    return value


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"{text!r} must be from 1 to 64 web processes")
    return value


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)


def register(subparsers) -> None:
    migrate = subparsers.add_parser(
        "migrate", help="bring the database's tables up to date",
        description="Apply every change to the database's tables that this version of areasend needs. "
        "Safe to run again: with nothing waiting it changes nothing.")
    migrate.set_defaults(handler=_migrate)

    worker = subparsers.add_parser(
        "worker", help="run the background worker that solves plans",
        description="Take background tasks (plan solves) from the queue in the database and run them, until "
        "stopped with Ctrl+C or SIGTERM. As it starts, plans left unfinished by a worker that stopped are "
        "queued again.")
    worker.set_defaults(handler=_worker)

    serve = subparsers.add_parser(
        "serve", help="run the service: gunicorn web processes and the background worker",
        description="Serve areasend with gunicorn and run the background worker beside it, until stopped "
        "with Ctrl+C or SIGTERM. Static files are collected into var/static first and served by WhiteNoise. "
        "Refuses to start if the database is not up to date.")
    serve.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1",
                       help="address to listen on (default: HOST from the environment, else 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=os.environ.get("PORT") or "8000",
                       help="port to listen on (default: PORT from the environment, else 8000)")
    serve.add_argument("--workers", type=_workers, default=None, metavar="N",
                       help=f"web processes (default: two a processor core and one more, at most {MAX_DEFAULT_WORKERS})")
    serve.set_defaults(handler=_serve)


def _migrate(args) -> int:
    from .django_setup import migrate, setup_django

    setup_django(require_migrated=False)
    applied = migrate()
    print(f"Applied {len(applied)} change(s) to the database's tables." if applied
          else "The database is up to date: nothing to do.")
    return 0


def _worker(args) -> int:
    from .django_setup import setup_django

    setup_django()
    from django.core.management import call_command

    from areasend.programme import services, workers

    queued = services.requeue_lost_runs()
    if queued:
        print(f"Queued again {len(queued)} plan(s) left unfinished by a worker that stopped.", flush=True)
    call_command("db_worker", worker_id=workers.new_worker_id(), reload=False, startup_delay=False, interval=0.5,
                 verbosity=1)
    return 0


class _Stop(Exception):
    pass


def _raise_stop(signum, frame):
    raise _Stop


def _start_worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "areasend.commands", "worker"])


def _stop(processes) -> None:
    for process in processes:
        if process is not None and process.returncode is None:
            try:
                process.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in processes:
        if process is None:
            continue
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _serve(args) -> int:
    from .django_setup import setup_django

    # Links in messages point where the service listens, unless AREASEND_BASE_URL says otherwise.
    os.environ["HOST"], os.environ["PORT"] = args.host, str(args.port)
    # Each gunicorn process serves one request at a time: keeping its connection saves a new one per request.
    os.environ.setdefault("CONN_MAX_AGE", str(SERVE_CONN_MAX_AGE))
    setup_django()
    from django.core.management import call_command

    print("Collecting static files into var/static...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    workers = args.workers or default_workers()
    host = f"[{args.host}]" if ":" in args.host else args.host
    gunicorn_command = [
        sys.executable, "-m", "gunicorn", "areasend.config.wsgi:application",
        "--bind", f"{host}:{args.port}", "--workers", str(workers),
        "--graceful-timeout", str(STOP_GRACE_SECONDS), "--access-logfile", "-",
    ]
    previous = {sig: signal.signal(sig, _raise_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    web = worker = None
    try:
        worker = _start_worker()
        web = subprocess.Popen(gunicorn_command)
        print(f"areasend is serving on http://{host}:{args.port}/ with {workers} web processes and a background "
              "worker (stop with Ctrl+C)", flush=True)
        restarts: list[float] = []
        while True:
            pid, status = os.wait()
            code = os.waitstatus_to_exitcode(status)
            if pid == web.pid:
                web.returncode = code
                raise CommandError(f"the web server stopped (exit status {code}); stopping the worker too")
            if pid == worker.pid:
                worker.returncode = code
                now = time.monotonic()
                restarts = [t for t in restarts if now - t < 60] + [now]
                if len(restarts) > 5:
                    raise CommandError("the background worker keeps stopping; see the messages above")
                print(f"The background worker stopped (exit status {code}); starting it again.", flush=True)
                worker = _start_worker()
    except _Stop:
        print("Stopping areasend...", flush=True)
        return 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _stop([web, worker])
