"""Evidence entries about a tracking case: linked to a case of this inspection, named in the log (issue 11)."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from areasend.evidence import services as evidence
from areasend.evidence.models import EvidenceVersion
from areasend.tracking import services
from tests.tracking.test_person_level_and_tracking import TODAY, loaded, today  # noqa: F401


def _entry(lead, inspection, case_id):
    return evidence.add_entry(lead, inspection, key=uuid.uuid4(), fields=evidence.EntryFields(
        text="The plan's outcomes match what the family said.", source="tracking_case", tracking_case_id=case_id))


def test_an_entry_links_to_one_of_the_inspections_tracking_cases(notified_inspection, lead, loaded, client):  # noqa: F811
    selection = services.propose(lead, notified_inspection, seed=5, today=TODAY)
    third = selection.cases.get(position=3)
    entry, created = _entry(lead, notified_inspection, third.pk)
    version = entry.versions.get()
    assert created and (version.linked_type, version.linked_id) == ("tracking_case", str(third.pk))

    client.force_login(lead)
    log = client.get(f"/inspections/{notified_inspection.pk}/evidence/").content.decode()
    assert "Tracking case: Tracking case 3" in log
    assert f'<option value="{third.pk}">Case 3 ({third.pseudonym})</option>' in log


def test_a_case_from_elsewhere_is_refused_and_nothing_is_stored(notified_inspection, lead, loaded):  # noqa: F811
    services.propose(lead, notified_inspection, seed=5, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        _entry(lead, notified_inspection, 999_999)
    assert refused.value.message_dict["tracking_case"] == ["Choose one of this inspection's tracking cases"]
    assert not EvidenceVersion.objects.exists()


def test_the_log_still_reads_after_the_cases_are_deleted(notified_inspection, lead, loaded, client):  # noqa: F811
    selection = services.propose(lead, notified_inspection, seed=5, today=TODAY)
    _entry(lead, notified_inspection, selection.cases.get(position=1).pk)
    selection.delete()
    client.force_login(lead)
    log = client.get(f"/inspections/{notified_inspection.pk}/evidence/").content.decode()
    assert "a tracking case since deleted under the retention schedule" in log
