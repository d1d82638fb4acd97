"""Background work of the uploads: checking a person-level data return, through Django's tasks API.

The task takes only the version's id; checking a version that is no longer being checked changes nothing,
so running the task twice, or again after a restart, is safe.
"""

from __future__ import annotations

from django_tasks import task


@task()
def check_person_level_return(return_pk: int) -> str:
    from areasend.intake import returns

    return str(returns.run_check(return_pk))
