"""For the retention schedule: the tracking cases chosen from the person-level return.

A case keeps facts about one child (age, need, support, setting), so it goes with the person-level
data, and before it: a selection holds on to the return it was chosen from.
"""

from __future__ import annotations

from areasend.tracking.models import TrackingCase, TrackingSelection


def delete_cases(inspection_ids) -> int:
    ids = list(inspection_ids)
    _, deleted = TrackingSelection.objects.filter(inspection_id__in=ids).delete()
    return deleted.get(TrackingCase._meta.label, 0)
