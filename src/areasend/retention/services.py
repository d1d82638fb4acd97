"""Apply the retention schedule: for each rule, the inspections published long enough ago, and what was done.

Idempotent: a second run on the same day finds nothing left to delete or anonymise, and says so. Every run
is kept (``RetentionRun``) and each inspection acted on gets an event in the audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction

from areasend import framework
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.inspections.queries import Inspection
from areasend.evidence import retention as evidence_retention
from areasend.intake import retention as intake_retention
from areasend.intake import services as intake
from areasend.retention.models import RetentionRun
from areasend.retention.schedule import Rule, schedule_with
from areasend.surveys import services as surveys
from areasend.tracking import retention as tracking_retention


def schedule() -> tuple[Rule, ...]:
    return schedule_with(getattr(settings, "AREASEND_RETENTION_MONTHS", ""))


def _due(rule: Rule, today: dt.date) -> list[int]:
    cutoff = framework.calendar.add_months(today, -rule.months)
    return list(Inspection.objects.filter(publication_date__isnull=False, publication_date__lte=cutoff)
                .order_by("pk").values_list("pk", flat=True))


def _apply(rule: Rule, inspection_ids: list[int]) -> dict[str, int] | None:
    if rule.key == "person_level":
        # Tracking cases first: each selection holds on to the return it was chosen from.
        cases = tracking_retention.delete_cases(inspection_ids)
        return {"uploads_deleted": intake.delete_uploads(inspection_ids, person_level=True),
                "returns_deleted": intake_retention.delete_person_level_returns(inspection_ids),
                "tracking_cases_deleted": cases}
    if rule.key == "uploads":
        return {"uploads_deleted": intake.delete_uploads(inspection_ids, person_level=False)}
    if rule.key == "survey_answers":
        return surveys.anonymise_answers(inspection_ids)
    if rule.key == "evidence":
        return evidence_retention.delete_log(inspection_ids)
    return None  # nothing of this kind is kept by the service yet


def apply_retention(*, today: dt.date, dry_run: bool = False) -> dict:
    rules = []
    with transaction.atomic():
        for rule in schedule():
            due = _due(rule, today)
            entry = {"rule": rule.key, "months": rule.months, "action": rule.action.value, "inspections": due}
            if dry_run:
                entry["done"] = None
            else:
                done = _apply(rule, due) if due else {}
                entry["done"] = done
                if done is None:
                    entry["note"] = "nothing of this kind is kept by the service yet"
                for pk in due if done and any(done.values()) else []:
                    audit.record(None, Verb.RETENTION_APPLIED, inspection=Inspection.objects.get(pk=pk),
                                 summary=f"Retention schedule applied: {rule.what.lower()}", rule=rule.key,
                                 months=rule.months, **done)
            rules.append(entry)
        report = {"today": today.isoformat(), "dry_run": dry_run, "rules": rules}
        if not dry_run:
            report["run"] = RetentionRun.objects.create(today=today, report=report).pk
    return report
