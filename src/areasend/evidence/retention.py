"""The retention schedule's one way past the append-only log.

The log refuses every change and removal (see :mod:`areasend.evidence.models`), so that nothing typed
is lost while the inspection runs. Once the schedule's period after publication has passed, the
entries, their versions, drafts and lines of enquiry are deleted here, and nowhere else. The outcome
decision (what was decided, by whom and when) stays: the published report rests on it.
"""

from __future__ import annotations

from django.db import models

from areasend.evidence.models import Draft, EvidenceEntry, LineOfEnquiry


def delete_log(inspection_ids) -> dict[str, int]:
    ids = list(inspection_ids)
    drafts, _ = Draft.objects.filter(inspection_id__in=ids).delete()
    # The plain queryset, not the log's own manager, which refuses: deleting an entry takes its versions.
    _, entries = models.QuerySet(EvidenceEntry).filter(inspection_id__in=ids).delete()
    _, lines = LineOfEnquiry.objects.filter(inspection_id__in=ids).delete()
    return {
        "entries_deleted": entries.get(EvidenceEntry._meta.label, 0),
        "lines_of_enquiry_deleted": lines.get(LineOfEnquiry._meta.label, 0),
        "drafts_deleted": drafts,
    }
