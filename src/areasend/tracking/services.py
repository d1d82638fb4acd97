"""Every write case tracking makes: a proposal from the core's rules, a swap, the request to the LANO, the meetings.

Each checks access, works in one transaction and records what it did in the audit trail. The rules are
the framework core's (``framework.tracking``); this module only asks them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from areasend import framework as fw
from areasend.access.capabilities import Capability
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.framework import person_level as pl
from areasend.inspections import access
from areasend.inspections import queries as inspection_queries
from areasend.inspections.models import Inspection
from areasend.intake import queries as intake_queries
from areasend.intake import returns
from areasend.tracking.models import TrackingCase, TrackingSelection


def _facts(candidate: fw.Candidate) -> dict:
    case = candidate.case
    return {
        "age": case.age,
        "need": ", ".join(sorted(case.needs)),
        "support": case.support.value,
        "alternative_provision": case.in_alternative_provision,
        "social_care": case.open_to_social_care,
        "youth_justice": case.open_to_youth_justice,
        "setting": candidate.setting,
        "sex": candidate.sex,
        "ethnic_group": candidate.ethnic_group,
        "lives_in_area": case.lives_in_area,
    }


def _case_from_facts(case: TrackingCase) -> fw.TrackingCase:
    facts = case.facts
    support = {s.value: s for s in fw.SupportLevel}[facts["support"]]
    return fw.TrackingCase(reference=f"row {case.row}", age=facts["age"],
                           needs=frozenset({facts["need"]}) if facts["need"] else frozenset(), support=support,
                           in_alternative_provision=facts["alternative_provision"],
                           open_to_social_care=facts["social_care"], open_to_youth_justice=facts["youth_justice"],
                           lives_in_area=facts.get("lives_in_area", True))


def check(selection: TrackingSelection) -> fw.CheckResult:
    """The core's check of the cases as they stand."""
    return fw.check_tracking([_case_from_facts(case) for case in selection.cases.all()],
                             fw.version_on(selection.ages_on))


def propose(actor, inspection: Inspection, *, seed: int, today: dt.date, count: int | None = None) -> TrackingSelection:
    """A proposal from the loaded return by the core's rules; replaces a proposal not yet sent."""
    access.require(actor, inspection, Capability.CHOOSE_TRACKING_CASES,
                   "Only the lead inspector can choose the tracking cases.")
    upload = intake_queries.loaded_return(inspection)
    if upload is None:
        raise ValidationError({"seed": "No person-level data is loaded yet: the local area must upload a file "
                                       "that passes its check first"})
    with transaction.atomic():
        Inspection.objects.select_for_update().get(pk=inspection.pk)
        existing = TrackingSelection.objects.filter(inspection=inspection).first()
        if existing is not None and existing.status == TrackingSelection.Status.SENT:
            raise ValidationError({"seed": "The cases have already been sent to the nominated officer"})
        candidates = intake_queries.tracking_candidates(inspection, today)
        by_row = {candidate.row: pk for pk, candidate in candidates}
        proposal = fw.propose_tracking([c for _, c in candidates], count=count, seed=seed,
                                       version=fw.version_on(today))
        if existing is not None:
            existing.delete()
        selection = TrackingSelection.objects.create(
            inspection=inspection, person_level_return=upload, seed=seed, ages_on=today,
            reasons=list(proposal.reasons), proposed_by=actor)
        records = {r.pk: r for r in intake_queries.records(inspection).filter(pk__in=[by_row[p.candidate.row] for p in proposal.cases])}
        for position, proposed in enumerate(proposal.cases, start=1):
            record = records[by_row[proposed.candidate.row]]
            TrackingCase.objects.create(
                selection=selection, position=position, record_id_at_choice=record.pk, row=record.row,
                pseudonym=record.pseudonym, facts=_facts(proposed.candidate), reasons=list(proposed.reasons))
        returns.record_rows_read(actor, inspection, "the person-level data, to propose tracking cases",
                                 version=upload.version, rows=len(candidates))
        audit.record(actor, Verb.TRACKING_PROPOSED, inspection=inspection, target=selection,
                     summary=f"Proposed {len(proposal.cases)} tracking cases (seed {seed})", seed=seed,
                     rows=[p.candidate.row for p in proposal.cases], passed=proposal.check.ok)
    return selection


def selection_for(inspection: Inspection) -> TrackingSelection | None:
    return TrackingSelection.objects.filter(inspection=inspection).select_related("person_level_return").first()


def swap(actor, inspection: Inspection, case_id: int, *, row: int, reason: str, today: dt.date) -> TrackingCase:
    """Put the child on ``row`` of the loaded return in place of a case. The core checks again; a rule
    broken by the swap needs a reason, which is kept; a child out of scope is refused."""
    access.require(actor, inspection, Capability.CHOOSE_TRACKING_CASES,
                   "Only the lead inspector can change the tracking cases.")
    reason = (reason or "").strip()
    with transaction.atomic():
        selection = TrackingSelection.objects.select_for_update().filter(inspection=inspection).first()
        if selection is None:
            raise ValidationError({"row": "There is no proposal to change"})
        if selection.status == TrackingSelection.Status.SENT:
            raise ValidationError({"row": "The cases have already been sent to the nominated officer"})
        case = selection.cases.filter(pk=case_id).first()
        if case is None:
            raise ValidationError({"row": "That case is not in the proposal"})
        record = intake_queries.record_by_row(inspection, row)
        if record is None:
            raise ValidationError({"row": f"There is no row {row} in the loaded person-level data: enter a row "
                                          "number from the file"})
        if selection.cases.filter(pseudonym=record.pseudonym).exclude(pk=case.pk).exists():
            raise ValidationError({"row": f"Row {row} is already one of the tracking cases"})
        candidate = pl.tracking_candidate(record.row, record.values(), selection.ages_on)
        version = fw.version_on(selection.ages_on)
        if not fw.in_scope(candidate, version):
            raise ValidationError({"row": f"Row {row} cannot be tracked: the child or young person must live in the "
                                          "area, be aged 0 to 25 and have an EHC plan or SEN support"})
        before = check(selection)
        old_row = case.row
        case.record_id_at_choice, case.row, case.pseudonym = record.pk, record.row, record.pseudonym
        case.facts = _facts(candidate)
        case.reasons = [f"Chosen by the lead inspector in place of row {old_row}."]
        case.save()
        after = check(selection)
        newly_broken = [c for c in after.checks if not c.met and before[c.rule_id].met]
        if not after.ok:
            raise ValidationError({"row": " ".join(c.message for c in after.broken)})
        if newly_broken and not reason:
            raise ValidationError({"reason": "This swap breaks a rule: " + " ".join(c.message for c in newly_broken)
                                             + " Give a reason to keep it, or choose another row"})
        case.override_reason = reason if newly_broken else ""
        if reason:
            case.reasons = case.reasons + [f"Reason: {reason}"]
        case.save()
        returns.record_rows_read(actor, inspection, f"row {row} of the person-level data", row=row)
        audit.record(actor, Verb.TRACKING_CASE_SWAPPED, inspection=inspection, target=case,
                     summary=f"Tracking case {case.position}: row {old_row} swapped for row {row}"
                             + (f"; rule overridden: {reason}" if newly_broken else ""),
                     changed=audit.changes(row=(old_row, row)), reason=reason,
                     rules_broken=[c.rule_id for c in newly_broken])
    return case


def send_request(actor, inspection: Inspection) -> TrackingSelection:
    """Ask the nominated officer to arrange each case's meetings, by the day the core's timeline gives."""
    access.require(actor, inspection, Capability.CHOOSE_TRACKING_CASES,
                   "Only the lead inspector can send the tracking cases.")
    timeline = inspection_queries.timeline_for(inspection)
    if timeline is None:
        raise ValidationError({"__all__": "Set the notification date first: the meetings' dates come from it"})
    if inspection.lano_id is None:
        raise ValidationError({"__all__": "Name the local area nominated officer first: they arrange the meetings"})
    with transaction.atomic():
        selection = TrackingSelection.objects.select_for_update().filter(inspection=inspection).first()
        if selection is None:
            raise ValidationError({"__all__": "Propose the tracking cases first"})
        if selection.status == TrackingSelection.Status.SENT:
            return selection
        selection.status = TrackingSelection.Status.SENT
        selection.sent_at = timezone.now()
        selection.arrange_by = fw.tracking_meetings_arranged_by(timeline)
        selection.save()
        audit.record(actor, Verb.TRACKING_REQUEST_SENT, inspection=inspection, target=selection,
                     summary=f"Asked the nominated officer to arrange meetings for {selection.cases.count()} tracking "
                             f"cases by {selection.arrange_by.day} {selection.arrange_by:%B %Y}",
                     rows=list(selection.cases.values_list("row", flat=True)),
                     arrange_by=selection.arrange_by.isoformat())
    return selection


def meeting_window(inspection: Inspection) -> tuple[dt.date, dt.date] | None:
    timeline = inspection_queries.timeline_for(inspection)
    return fw.tracking_meeting_window(timeline) if timeline is not None else None


def arrange(actor, inspection: Inspection, case_id: int, *, coordinator_name: str, coordinator_email: str,
            family_date: dt.date, family_time: dt.time, practitioners_date: dt.date,
            practitioners_time: dt.time) -> TrackingCase:
    """The nominated officer records the case's coordinator and its two meetings, inside the core's window."""
    access.require(actor, inspection, Capability.ARRANGE_TRACKING_MEETINGS,
                   "Only the local area nominated officer arranges the tracking meetings.")
    window = meeting_window(inspection)
    first, last = window
    problems = {}
    for field, day in (("family_date", family_date), ("practitioners_date", practitioners_date)):
        if not first <= day <= last or not fw.is_working_day(day):
            problems[field] = (f"The meeting must be on a working day from {first.day} {first:%B %Y} to "
                               f"{last.day} {last:%B %Y}")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        selection = TrackingSelection.objects.select_for_update().filter(
            inspection=inspection, status=TrackingSelection.Status.SENT).first()
        case = selection.cases.filter(pk=case_id).first() if selection else None
        if case is None:
            raise ValidationError({"__all__": "That case has not been sent to you"})
        before = {f: getattr(case, f) for f in ("coordinator_name", "family_meeting_date", "practitioners_meeting_date")}
        case.coordinator_name, case.coordinator_email = coordinator_name.strip(), coordinator_email.strip()
        case.family_meeting_date, case.family_meeting_time = family_date, family_time
        case.practitioners_meeting_date, case.practitioners_meeting_time = practitioners_date, practitioners_time
        case.save()
        audit.record(actor, Verb.TRACKING_MEETINGS_ARRANGED, inspection=inspection, target=case,
                     summary=f"Arranged the meetings for tracking case {case.position} (row {case.row})",
                     changed=audit.changes(**{f: (before[f], getattr(case, f)) for f in before}))
    return case
