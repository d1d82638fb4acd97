import datetime as dt
import uuid

import pytest

from areasend.evidence import services as evidence
from tests.evidence.conftest import cqc, inspection, lano, lead, ofsted, onsite_end, qa, timeline  # noqa: F401

ENTRIES = (
    "Parents told us they waited more than a year for an assessment.",
    "Leaders in the local authority and the integrated care board share one plan for the area.",
    "Young people in alternative provision said staff knew them well.",
)


def add_entry(actor, inspection, text, source="meeting_families"):
    from areasend import framework as fw

    source = source if source in {s.value for s in fw.EvidenceSource} else "other"
    entry, _ = evidence.add_entry(actor, inspection, key=uuid.uuid4(), fields=evidence.EntryFields(text=text, source=source))
    return entry


def sign_off_decision(inspection, lead, team, qa, today, outcome=2, areas=()):
    entries = [add_entry(team[0], inspection, text) for text in ENTRIES]
    evidence.propose_outcome(lead, inspection, outcome=outcome, summary="Experiences vary.",
                             reasons=[("Waits for assessment are long.", [entries[0].pk])], priority_areas=areas, today=today)
    for person in (lead, *team):
        evidence.agree_outcome(person, inspection)
    evidence.sign_off(qa, inspection, today=today)
    return entries


@pytest.fixture
def ready(inspection, lead, ofsted, cqc, qa, lano, onsite_end):
    """An inspection whose outcome decision is signed off, with three evidence entries."""
    entries = sign_off_decision(inspection, lead, [ofsted, cqc], qa, onsite_end)
    inspection.refresh_from_db()
    return inspection, entries


TEXTS = {
    "life": "Families wait too long for assessments. (evidence 1)",
    "strengths": "Leaders share one plan. (evidence 2)\n\nStaff in alternative provision know young people well. (evidence 3)",
    "improve": "Assessments must be quicker. (evidence 1)",
    "recommendations": "Local authority: cut the wait for assessments. (evidence 1)",
}


def day_after(day: dt.date, n: int = 1) -> dt.date:
    from areasend import framework as fw

    return fw.calendar.ENGLAND.add_working_days(day, n)
