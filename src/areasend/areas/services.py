"""Writes other apps make to an area's history."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from areasend.areas.models import (
    RECORDED_IN_SERVICE,
    DatePrecision,
    Framework,
    InspectionKind,
    InspectionRecord,
    LocalAreaPartnership,
    Outcome,
)


class HistoryRecordError(ValueError):
    """The inspection cannot go into the history as given; the message says why."""


def _check(*, area, framework, kind, start_date, end_date, published, outcome, recorded_inspection_id) -> None:
    if not isinstance(area, LocalAreaPartnership) or area.pk is None:
        raise HistoryRecordError("the inspection must belong to a saved local area partnership")
    if area.abolished_on is not None:
        raise HistoryRecordError(f"{area.name} was abolished on {area.abolished_on:%Y-%m-%d} and cannot be inspected")
    if str(framework) not in Framework.values:
        raise HistoryRecordError(f"{framework!r} is not a framework: use one of {', '.join(Framework.values)}")
    if str(kind) not in InspectionKind.values:
        raise HistoryRecordError(f"{kind!r} is not a kind of inspection: use one of {', '.join(InspectionKind.values)}")
    if outcome is not None and outcome not in Outcome.values:
        raise HistoryRecordError(f"{outcome!r} is not an outcome: use 1, 2 or 3")
    if kind == InspectionKind.FULL and framework != Framework.F2016 and outcome is None:
        raise HistoryRecordError("a full inspection under the 2023 framework or later needs its outcome")
    if not isinstance(start_date, dt.date):
        raise HistoryRecordError("the inspection needs the date it started")
    if end_date is not None and end_date < start_date:
        raise HistoryRecordError("the inspection cannot end before it starts")
    if published is not None and published < start_date:
        raise HistoryRecordError("the report cannot be published before the inspection starts")
    if not isinstance(recorded_inspection_id, int) or recorded_inspection_id <= 0:
        raise HistoryRecordError("the history needs the id of the inspection recorded in the service")


@transaction.atomic
def record_published_inspection(
    *,
    area: LocalAreaPartnership,
    framework: str,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None,
    published: dt.date | None,
    outcome: int | None,
    summary: str,
    recorded_inspection_id: int,
    actor,
) -> InspectionRecord:
    """Put an inspection recorded in the service into the area's history.

    Calling it again with the same ``recorded_inspection_id`` updates that record instead of
    adding another. ``published`` is the date the report is (or will be) published: the record
    shows in the area's history and counts for what comes next only from that date. When the
    history already holds the same inspection from an imported file (same area, kind and start),
    that record is taken over rather than duplicated.
    """
    from areasend.accounts.models import Verb
    from areasend.accounts.services import changes, record

    _check(
        area=area,
        framework=framework,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        published=published,
        outcome=outcome,
        recorded_inspection_id=recorded_inspection_id,
    )
    existing = (
        InspectionRecord.objects.select_for_update().filter(recorded_inspection_id=recorded_inspection_id).first()
    )
    if existing is None:
        existing = (
            InspectionRecord.objects.select_for_update()
            .filter(area=area, kind=kind, start_date=start_date, recorded_inspection_id__isnull=True)
            .first()
        )
    follows = None
    if kind != InspectionKind.FULL:
        follows = (
            InspectionRecord.objects.filter(area=area, kind=InspectionKind.FULL, start_date__lt=start_date)
            .order_by("-start_date")
            .first()
        )
    values = {
        "area": area,
        "framework": str(framework),
        "kind": str(kind),
        "start_date": start_date,
        "start_date_precision": DatePrecision.DAY,
        "end_date": end_date,
        "published": published,
        "outcome": outcome,
        "summary": summary,
        "follows": follows,
        "recorded_inspection_id": recorded_inspection_id,
    }
    if existing is None:
        result = InspectionRecord.objects.create(source=RECORDED_IN_SERVICE, **values)
        record(actor, Verb.HISTORY_ADDED, target=result, summary=f"Added to the history of {area.name}: {result}",
               area=area.ons_code, inspection_record=result.pk)
        return result
    changed = [name for name, value in values.items() if getattr(existing, name) != value]
    before = {name: getattr(existing, name) for name in changed}
    if existing.source != RECORDED_IN_SERVICE and existing.recorded_inspection_id is None:
        changed.append("source")
        existing.source = f"{existing.source}; {RECORDED_IN_SERVICE}" if existing.source else RECORDED_IN_SERVICE
    if changed:
        for name in changed:
            if name in values:
                setattr(existing, name, values[name])
        existing.save(update_fields=changed)
        record(
            actor, Verb.HISTORY_CHANGED, target=existing,
            summary=f"Updated the history of {area.name}: {existing} ({', '.join(changed)})",
            changed=changes(**{name: (before.get(name), getattr(existing, name)) for name in changed}),
            area=area.ons_code,
        )
    return existing


@transaction.atomic
def record_revisit(*, follows: InspectionRecord, published: dt.date, progress, sufficient: int, insufficient: int,
                   actor) -> InspectionRecord:
    """Put a 2016-framework revisit recorded in the service into the history of the area whose written
    statement it revisited (``follows``): the date of its report and its findings, as the public area page
    and the national picture show a revisit from the register's history. ``progress`` is the core's
    ``RevisitProgress``. The day the revisit started is not asked for, so none is stated."""
    from areasend.accounts.models import Verb
    from areasend.accounts.services import record

    if follows.framework != Framework.F2016 or follows.kind != InspectionKind.FULL or not follows.wsoa_required:
        raise HistoryRecordError("a revisit follows a 2016 inspection that required a written statement of action")
    if InspectionRecord.objects.filter(follows=follows, kind=InspectionKind.REVISIT).exists():
        raise HistoryRecordError(f"the history already holds a revisit of {follows}")
    if follows.published is not None and published < follows.published:
        raise HistoryRecordError("the revisit's report cannot come before the report it follows")
    area = follows.area
    result = InspectionRecord.objects.create(
        area=area, framework=Framework.F2016, kind=InspectionKind.REVISIT, start_date=None,
        start_date_precision=DatePrecision.UNKNOWN, published=published, follows=follows,
        sufficient_progress=progress.value, weaknesses_with_sufficient_progress=sufficient,
        weaknesses_with_insufficient_progress=insufficient, source=RECORDED_IN_SERVICE,
    )
    record(actor, Verb.HISTORY_ADDED, target=result, summary=f"Added to the history of {area.name}: {result}",
           area=area.ons_code, inspection_record=result.pk)
    return result


@transaction.atomic
def record_published_plan(*, area: LocalAreaPartnership, kind: str, version: int, published_on: dt.date, link: str,
                          source_id: int):
    """Show a published plan on the public area page (again with the same ``source_id`` updates it)."""
    from areasend.areas.models import PublishedPlan

    if kind not in PublishedPlan.Kind.values:
        raise HistoryRecordError(f"{kind!r} is not a kind of plan: use one of {', '.join(PublishedPlan.Kind.values)}")
    plan, _ = PublishedPlan.objects.update_or_create(
        source_id=source_id,
        defaults={"area": area, "kind": kind, "version": version, "published_on": published_on, "link": link},
    )
    return plan


@transaction.atomic
def record_held_meeting(*, area: LocalAreaPartnership, record, due_key: str, label: str, held_on: dt.date,
                        source_id: int):
    """Show an engagement meeting held on the public area page (again with the same ``source_id`` updates it)."""
    from areasend.areas.models import HeldMeeting

    held, _ = HeldMeeting.objects.update_or_create(
        source_id=source_id,
        defaults={"area": area, "record": record, "due_key": due_key, "label": label, "held_on": held_on},
    )
    return held
