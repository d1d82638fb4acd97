"""Background work of the programme: solving a plan run, through Django's tasks API.

The task only takes the run's id and calls :func:`services.execute`, which does nothing for a run that is
no longer queued: running the task twice, or after the run finished, changes nothing.
"""

from __future__ import annotations

from django_tasks import task


@task()
def solve_plan_run(run_pk: int) -> str:
    from areasend.programme import services

    services.execute(run_pk)
    return services.status_of(run_pk)
