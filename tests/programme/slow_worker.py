"""``areasend worker`` whose solves never end: it takes a plan, marks it solving, then waits to be killed.

Run as ``python -m tests.programme.slow_worker`` by the restart test, which kills it mid-solve.
"""

import signal
import sys

import django

django.setup()

from areasend.commands import main  # noqa: E402 (after Django is set up)
from areasend.programme import services  # noqa: E402


def _solve_until_killed(params, *, previous=None):
    signal.pause()  # a SIGKILL ends the process here, as a crash or a restart would
    raise AssertionError("the slow worker was meant to be killed while solving")


services.solve_parameters = _solve_until_killed
sys.exit(main(["worker"]))
