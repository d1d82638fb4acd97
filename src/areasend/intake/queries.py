"""Reads the uploads' pages share: the information request, and the person-level data return."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import models

from areasend.framework import person_level as pl
from areasend.framework.tracking import AGE_PHASES, age_phase
from areasend.inspections.models import Inspection
from areasend.intake.models import InformationUpload, PersonLevelRecord, PersonLevelReturn


def uploads_by_item(inspection: Inspection) -> dict[str, list[InformationUpload]]:
    """Each item's versions, latest first."""
    uploads: dict[str, list[InformationUpload]] = {}
    for upload in InformationUpload.objects.filter(inspection=inspection).select_related("uploaded_by"):
        uploads.setdefault(upload.item_key, []).append(upload)
    return uploads


# --- the person-level data return ----------------------------------------------------------------



def returns_for(inspection: Inspection) -> list[PersonLevelReturn]:
    """Every version of the return, latest first."""
    return list(PersonLevelReturn.objects.filter(inspection=inspection).select_related("uploaded_by"))


def loaded_return(inspection: Inspection) -> PersonLevelReturn | None:
    return PersonLevelReturn.objects.filter(inspection=inspection, status=PersonLevelReturn.Status.LOADED).first()


def shown_problems(upload: PersonLevelReturn, limit: int = 1000):
    return list(upload.problems.all()[:limit])


def records(inspection: Inspection):
    """The loaded return's rows (callers record the read: ``returns.record_rows_read``)."""
    return PersonLevelRecord.objects.filter(inspection=inspection,
                                            person_level_return__status=PersonLevelReturn.Status.LOADED)


def record_by_row(inspection: Inspection, row: int) -> PersonLevelRecord | None:
    return records(inspection).filter(row=row).first()


def record_by_pk(inspection: Inspection, pk: int) -> PersonLevelRecord | None:
    return records(inspection).filter(pk=pk).first()


def tracking_candidates(inspection: Inspection, today: dt.date):
    """The loaded return as candidates for case tracking, each with its record's id."""
    found = []
    for record in records(inspection).iterator(chunk_size=5000):
        found.append((record.pk, pl.tracking_candidate(record.row, record.values(), today)))
    return found


def _counted(qs, field: str, order: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    counts = Counter(dict(qs.values_list(field).annotate(n=models.Count("id")).values_list(field, "n")))
    ordered = [(name, counts.pop(name, 0)) for name in order]
    return ordered + sorted(counts.items())


def analysis(inspection: Inspection, today: dt.date) -> dict | None:
    """Counts from the loaded return, set against the area's published totals in the register."""
    upload = loaded_return(inspection)
    if upload is None:
        return None
    qs = PersonLevelRecord.objects.filter(person_level_return=upload)
    total = qs.count()
    phases = Counter()
    for born in qs.values_list("date_of_birth", flat=True).iterator(chunk_size=10000):
        phase = age_phase(pl.age_on(born, today))
        phases[phase.name if phase else "over 25"] += 1
    area = inspection.area
    ehc = qs.filter(support="EHC plan").count()
    sen = qs.filter(support="SEN support").count()
    return {
        "upload": upload,
        "total": total,
        "support": [("EHC plan", ehc, area.ehc_plans, area.ehc_plans_as_at),
                    ("SEN support", sen, area.sen_support_pupils, area.sen_support_as_at)],
        "needs": _counted(qs, "primary_need", pl.NEEDS),
        "phases": [(phase.name, phases.get(phase.name, 0)) for phase in AGE_PHASES],
        "settings": _counted(qs, "setting_type", pl.SETTINGS),
        "social_care": _counted(qs, "childrens_social_care", pl.SOCIAL_CARE),
        "flags": [
            ("In alternative provision", qs.filter(setting_type=pl.ALTERNATIVE_PROVISION).count()),
            ("Not on roll, educated at home, or not in education, employment or training",
             qs.filter(setting_type__in=pl.NOT_IN_SCHOOL).count()),
            ("Open to children's social care or youth justice",
             qs.exclude(childrens_social_care="none", youth_justice=False).count()),
            ("Open to youth justice", qs.filter(youth_justice=True).count()),
            ("Educated out of area", qs.filter(educated_out_of_area=True).count()),
            ("On a part-time timetable", qs.filter(part_time_timetable=True).count()),
            ("In a residential special school", qs.filter(residential_special_school=True).count()),
        ],
    }
