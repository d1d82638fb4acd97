"""Who is running a task: worker ids that say which machine and process they are, and whether it lives.

``areasend worker`` names itself ``areasend:<host>:<process id>:<random>``. A task claimed by a worker on
this machine is alive while that process is; one claimed elsewhere (or by a worker named another way) is
taken to be alive until it has run well past its time limit.
"""

from __future__ import annotations

import datetime as dt
import os
import socket

from django.utils.crypto import get_random_string

PREFIX = "areasend"


class WorkerLost(Exception):
    """Recorded against a task whose worker stopped while running it."""


def new_worker_id() -> str:
    return f"{PREFIX}:{socket.gethostname()[:30]}:{os.getpid()}:{get_random_string(8)}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")  # a zombie has stopped; only its parent has not collected it yet


def is_alive(worker_id: str, *, started: dt.datetime | None, now: dt.datetime, limit: dt.timedelta) -> bool:
    parts = worker_id.split(":")
    if len(parts) == 4 and parts[0] == PREFIX and parts[1] == socket.gethostname()[:30] and parts[2].isdigit():
        return _process_alive(int(parts[2]))
    return started is not None and now - started <= limit
