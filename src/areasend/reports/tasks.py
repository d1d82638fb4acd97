"""Background work of the report: making the PDF of a published version (safe to run again)."""

from __future__ import annotations

from django_tasks import task


@task()
def make_pdf(published_id: int) -> bool:
    from areasend.reports import services

    return services.make_pdf_now(published_id)
