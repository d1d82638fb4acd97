"""For the retention schedule: the person-level returns, their rows and problems, and the inspection's
pseudonym key. Each file goes before its record, so a failure part-way leaves records to try again."""

from __future__ import annotations

from areasend.intake.models import PersonLevelReturn, PseudonymKey
from areasend.intake.storage import delete_with_files


def delete_person_level_returns(inspection_ids) -> int:
    ids = list(inspection_ids)
    deleted = delete_with_files(PersonLevelReturn.objects.filter(inspection_id__in=ids).order_by("pk"))
    PseudonymKey.objects.filter(inspection_id__in=ids).delete()
    return deleted
