"""Background work of the self-evaluation, through Django's tasks API. Each task takes an id and is
safe to run again: an export already made, or a share already in the information request, is left alone."""

from __future__ import annotations

from django_tasks import task


@task()
def make_self_evaluation_export(export_pk: int) -> str:
    from areasend.selfevaluation import services

    return str(services.make_export(export_pk))


@task()
def share_into_information_request(share_pk: int) -> int | None:
    from areasend.selfevaluation import services

    return services.put_in_information_request(share_pk)
