"""The evidence log, lines of enquiry and the outcome decision, through their services."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from areasend import framework as fw
from areasend.accounts.models import AuditEvent
from areasend.areas.models import InspectionRecord
from areasend.evidence import queries, services
from areasend.evidence.models import AppendOnly, Draft, EvidenceEntry, EvidenceVersion
from areasend.evidence.services import EntryFields
from areasend.inspections import services as inspections
from tests.factories import make_user
from areasend.access.roles import Role


def _add(actor, inspection, text="Parents said assessments took a year.", source="survey", **extra):
    entry, created = services.add_entry(actor, inspection, key=uuid.uuid4(), fields=EntryFields(text=text, source=source, **extra))
    assert created
    return entry


def _errors(exc):
    return exc.value.message_dict


# The log ----------------------------------------------------------------------------------------


def test_any_team_member_adds_an_entry_and_it_is_audited(inspection, ofsted):
    entry = _add(ofsted, inspection, criteria=("i1", "L3"))
    version = entry.versions.get()
    assert (version.number, version.written_by, version.criteria, version.source) == (1, ofsted, ["I1", "L3"], "survey")
    event = AuditEvent.objects.get(verb="evidence_added")
    assert event.actor == ofsted and event.inspection_id == inspection.pk


def test_an_entry_sent_twice_is_stored_once(inspection, cqc):
    key = uuid.uuid4()
    fields = EntryFields(text="The health visitor knew the family well.", source="other")
    first, created = services.add_entry(cqc, inspection, key=key, fields=fields)
    again, created_again = services.add_entry(cqc, inspection, key=str(key), fields=fields)
    assert created and not created_again and first.pk == again.pk
    assert EvidenceEntry.objects.count() == 1 and EvidenceVersion.objects.count() == 1
    assert AuditEvent.objects.filter(verb="evidence_added").count() == 1


def test_a_correction_is_a_new_version_and_never_overwrites(inspection, lead, ofsted):
    entry = _add(ofsted, inspection, text="Ten children waited over a year.")
    version, created = services.correct_entry(lead, entry, key=uuid.uuid4(),
                                              fields=EntryFields(text="Twelve children waited over a year.", source="survey"))
    assert created and version.number == 2 and version.written_by == lead
    texts = list(entry.versions.order_by("number").values_list("text", "written_by__username"))
    assert texts == [("Ten children waited over a year.", "ofsted"), ("Twelve children waited over a year.", "lead")]
    shown = queries.entry_with_versions(inspection, entry.pk)
    assert shown.current.text.startswith("Twelve") and shown.corrected


def test_the_log_refuses_to_change_or_remove_anything(inspection, ofsted):
    entry = _add(ofsted, inspection)
    version = entry.versions.get()
    version.text = "Something else"
    with pytest.raises(AppendOnly):
        version.save()
    with pytest.raises(AppendOnly):
        EvidenceVersion.objects.filter(pk=version.pk).update(text="Gone")
    with pytest.raises(AppendOnly):
        EvidenceEntry.objects.all().delete()
    with pytest.raises(AppendOnly):
        entry.delete()
    assert EvidenceVersion.objects.get().text == "Parents said assessments took a year."


@pytest.mark.parametrize(
    "fields, field, words",
    [
        (EntryFields(text="  ", source="survey"), "text", "Enter what you found"),
        (EntryFields(text="Something.", source="gossip"), "source", "Choose where the evidence came from"),
        (EntryFields(text="Something.", source="survey", criteria=("I9",)), "criteria", "I9"),
        (EntryFields(text="Something.", source="meeting"), "meeting", "Choose the meeting"),
        (EntryFields(text="Something.", source="meeting", meeting_id=999999), "meeting", "this inspection"),
        (EntryFields(text="Something.", source="document", document_id=999999), "document", "uploaded"),
        (EntryFields(text="x" * 20_001, source="survey"), "text", "20,000 characters"),
    ],
)
def test_bad_entries_are_refused_with_the_field_and_nothing_is_saved(inspection, ofsted, fields, field, words):
    with pytest.raises(ValidationError) as exc:
        services.add_entry(ofsted, inspection, key=uuid.uuid4(), fields=fields)
    assert words in _errors(exc)[field][0]
    assert EvidenceEntry.objects.count() == 0 and EvidenceVersion.objects.count() == 0


def test_a_bad_key_is_refused(inspection, ofsted):
    with pytest.raises(ValidationError) as exc:
        services.add_entry(ofsted, inspection, key="not-a-key", fields=EntryFields(text="A.", source="other"))
    assert "key" in _errors(exc)


def test_people_off_the_team_cannot_write(inspection, qa, other_inspector, lano):
    for person in (qa, other_inspector, lano):
        with pytest.raises(PermissionDenied):
            services.add_entry(person, inspection, key=uuid.uuid4(), fields=EntryFields(text="A.", source="other"))


def test_entries_link_to_the_meeting_they_came_from_and_meeting_notes_feed_the_log(inspection, lead):
    meeting = inspection.meetings.create(kind="kit", date=dt.date(2026, 1, 14))
    with pytest.raises(ValidationError):
        services.entry_from_meeting_notes(lead, inspection, meeting.pk)
    type(meeting).objects.filter(pk=meeting.pk).update(notes="The director said the new panel meets weekly.")
    entry, created = services.entry_from_meeting_notes(lead, inspection, meeting.pk)
    again, created_again = services.entry_from_meeting_notes(lead, inspection, meeting.pk)
    assert created and not created_again and entry.pk == again.pk
    version = entry.versions.get()
    assert version.meeting_id == meeting.pk and version.source == "meeting" and "panel meets weekly" in version.text


def test_an_entry_keeps_a_link_to_a_tracking_case_without_a_table_for_it(inspection, ofsted):
    entry = _add(ofsted, inspection, source="tracking_case", linked_type="tracking.trackingcase", linked_id="42")
    version = entry.versions.get()
    assert (version.linked_type, version.linked_id) == ("tracking.trackingcase", "42")


def test_drafts_are_kept_until_the_entry_is_saved(inspection, ofsted):
    key = uuid.uuid4()
    services.save_draft(ofsted, inspection, key=key, text="Half a tho")
    services.save_draft(ofsted, inspection, key=key, text="Half a thought, finished.")
    assert Draft.objects.get().text == "Half a thought, finished."
    services.add_entry(ofsted, inspection, key=key, fields=EntryFields(text="Half a thought, finished.", source="other"))
    assert Draft.objects.count() == 0
    with pytest.raises(ValidationError):
        services.save_draft(ofsted, inspection, key=key, text="late autosave")


# Lines of enquiry and triangulation ---------------------------------------------------------------


def test_lines_of_enquiry_gather_evidence_for_and_against(inspection, lead, ofsted, cqc):
    line = services.add_line(ofsted, inspection, title="Are waiting times for assessment falling?", criteria=("I1",))
    _add(ofsted, inspection, text="Waits fell from 40 to 22 weeks.", source="document", lines=((line.pk, "for"),))
    _add(cqc, inspection, text="Families still wait a year.", source="survey", lines=((line.pk, "against"),))
    [item] = queries.line_evidence(inspection)
    assert [v.text for v in item.supporting] == ["Waits fell from 40 to 22 weeks."]
    assert [v.text for v in item.against] == ["Families still wait a year."]
    services.set_line_status(lead, line, status="testing")
    with pytest.raises(ValidationError) as exc:
        services.set_line_status(lead, line, status="concluded")
    assert "concluded" in _errors(exc)["conclusion"][0]
    line = services.set_line_status(lead, line, status="concluded", conclusion="Waits are falling but remain long.")
    assert line.status == "concluded"
    matrix = queries.lines_matrix(inspection)
    assert matrix.rows[0].strength is fw.Strength.CORROBORATED


def test_the_criteria_matrix_counts_sources_and_shows_gaps(inspection, ofsted, cqc):
    _add(ofsted, inspection, source="survey", criteria=("I1", "L4"))
    _add(cqc, inspection, source="sampling_visit", criteria=("I1",))
    _add(cqc, inspection, source="document", criteria=("I1",))
    matrix = queries.criteria_matrix(inspection)
    rows = {row.key: row for row in matrix.rows}
    assert rows["I1"].total == 3 and rows["I1"].strength is fw.Strength.TRIANGULATED
    assert rows["L4"].strength is fw.Strength.ONE_SOURCE
    assert rows["I2"].strength is fw.Strength.NONE
    assert "L4" in {row.key for row in matrix.gaps} and "I1" not in {row.key for row in matrix.gaps}


def test_a_correction_moves_the_entry_in_the_matrix(inspection, ofsted):
    entry = _add(ofsted, inspection, source="survey", criteria=("I2",))
    services.correct_entry(ofsted, entry, key=uuid.uuid4(), fields=EntryFields(text="Same, other criterion.", source="survey",
                                                                                criteria=("I3",)))
    rows = {row.key: row for row in queries.criteria_matrix(inspection).rows}
    assert rows["I2"].total == 0 and rows["I3"].total == 1


# The outcome decision -----------------------------------------------------------------------------


def _propose(lead, inspection, entry, today, outcome=2, areas=()):
    return services.propose_outcome(lead, inspection, outcome=outcome, summary="Experiences vary.",
                                    reasons=[("Waits are long in the north.", [entry.pk])], priority_areas=areas, today=today)


def test_no_outcome_before_the_on_site_week_ends(inspection, lead, ofsted, onsite_end):
    entry = _add(ofsted, inspection)
    with pytest.raises(ValidationError) as exc:
        _propose(lead, inspection, entry, onsite_end - dt.timedelta(days=1))
    assert "once the on-site week ends" in _errors(exc)["outcome"][0]


def test_each_reason_is_tied_to_evidence_and_outcome_3_names_partners(inspection, lead, ofsted, onsite_end):
    entry = _add(ofsted, inspection)
    with pytest.raises(ValidationError) as exc:
        services.propose_outcome(lead, inspection, outcome=2, summary="", reasons=[("A reason.", [])], today=onsite_end)
    assert "evidence entry" in _errors(exc)["reasons"][0]
    with pytest.raises(ValidationError) as exc:
        _propose(lead, inspection, entry, onsite_end, outcome=3, areas=[("Assessment waits", [])])
    assert "partner" in _errors(exc)["priority_areas"][0]
    decision = _propose(lead, inspection, entry, onsite_end, outcome=3,
                        areas=[("Assessment waits", ["The local authority", "The integrated care board"])])
    assert decision.outcome == 3
    assert decision.priority_areas.get().partners == ["The local authority", "The integrated care board"]
    assert list(decision.reasons.get().entries.all()) == [entry]


def test_only_the_lead_proposes(inspection, ofsted, onsite_end):
    entry = _add(ofsted, inspection)
    with pytest.raises(PermissionDenied):
        _propose(ofsted, inspection, entry, onsite_end)


def test_the_team_agrees_then_qa_signs_off_and_nothing_is_published(inspection, lead, ofsted, cqc, qa, onsite_end):
    entry = _add(ofsted, inspection)
    _propose(lead, inspection, entry, onsite_end)
    services.agree_outcome(lead, inspection)
    services.agree_outcome(ofsted, inspection)
    with pytest.raises(ValidationError) as exc:
        services.sign_off(qa, inspection, today=onsite_end)
    assert "Every member of the team" in _errors(exc)["sign_off"][0]
    services.agree_outcome(cqc, inspection)
    with pytest.raises(PermissionDenied):
        services.sign_off(lead, inspection, today=onsite_end)
    decision = services.sign_off(qa, inspection, today=onsite_end)
    assert decision.signed_off_by == qa
    inspection.refresh_from_db()
    assert inspection.outcome == 2 and inspection.findings_recorded
    assert inspection.publication_date is None, "recording publishes nothing"
    assert not InspectionRecord.objects.filter(recorded_inspection_id=inspection.pk).exists()
    with pytest.raises(ValidationError):
        _propose(lead, inspection, entry, onsite_end, outcome=1)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"outcome_proposed", "outcome_agreed", "outcome_signed_off", "outcome_recorded"} <= verbs


def test_proposing_again_clears_the_teams_agreement(inspection, lead, ofsted, onsite_end):
    entry = _add(ofsted, inspection)
    _propose(lead, inspection, entry, onsite_end)
    services.agree_outcome(ofsted, inspection)
    decision = _propose(lead, inspection, entry, onsite_end, outcome=1)
    assert decision.agreements.count() == 0 and decision.outcome == 1


def test_a_qa_reader_on_the_team_cannot_sign_off(inspection, lead, ofsted, cqc, onsite_end):
    from areasend.accounts.services import grant_role

    grant_role(ofsted, Role.QA_READER)
    entry = _add(cqc, inspection)
    _propose(lead, inspection, entry, onsite_end)
    for person in (lead, ofsted, cqc):
        services.agree_outcome(person, inspection)
    with pytest.raises(PermissionDenied):
        services.sign_off(ofsted, inspection, today=onsite_end)


def test_final_feedback_is_recorded_with_the_decision(inspection, lead, ofsted, onsite_end):
    entry = _add(ofsted, inspection)
    with pytest.raises(ValidationError):
        services.record_feedback(lead, inspection, notes="Too early.")
    _propose(lead, inspection, entry, onsite_end)
    decision = services.record_feedback(lead, inspection, notes="The director accepted the findings.")
    assert decision.feedback_notes == "The director accepted the findings."


def test_publishing_is_a_separate_explicit_step(inspection, lead, ofsted, cqc, qa, onsite_end, timeline):
    entry = _add(ofsted, inspection)
    _propose(lead, inspection, entry, onsite_end)
    for person in (lead, ofsted, cqc):
        services.agree_outcome(person, inspection)
    services.sign_off(qa, inspection, today=onsite_end)
    assert inspection.__class__.objects.get(pk=inspection.pk).publication_date is None  # signed off, not published
    published = inspections.publish_findings(lead, inspection, today=onsite_end)
    assert published.publication_date == onsite_end
    assert InspectionRecord.objects.get(recorded_inspection_id=inspection.pk).outcome == 2


# Monitoring inspections ---------------------------------------------------------------------------


@pytest.fixture
def monitoring(planner, lead, ofsted, cqc, area):
    from tests.evidence.conftest import _team_up
    from tests.inspections.conftest import record_standing_outcome

    record_standing_outcome(area, 3)
    return _team_up(planner, lead, ofsted, cqc, area, "monitoring")


def test_a_monitoring_inspection_records_a_conclusion_for_each_area(monitoring, lead, ofsted, cqc, qa):
    from areasend.inspections.queries import timeline_for

    end = fw.earliest_outcome_date(timeline_for(monitoring))
    entry = _add(ofsted, monitoring, source="document")
    with pytest.raises(ValidationError):
        services.propose_outcome(lead, monitoring, outcome=3, summary="", reasons=[("x", [entry.pk])], today=end)
    with pytest.raises(ValidationError) as exc:
        services.propose_monitoring_conclusions(lead, monitoring, conclusions=[("Assessment waits", "effective", "", [entry.pk])],
                                                recommendations="Keep going.", today=end)
    assert "give the reason" in _errors(exc)["conclusions"][0]
    decision = services.propose_monitoring_conclusions(
        lead, monitoring, today=end, recommendations="Publish the plan for alternative provision.",
        conclusions=[("Assessment waits", "effective", "Waits halved.", [entry.pk]),
                     ("Alternative provision oversight", "not_effective", "No register yet.", [entry.pk])])
    first, second = decision.conclusions.all()
    assert first.answer_text == "The partnership is taking effective action" and first.wording_version == monitoring.framework
    assert second.answer == "not_effective"
    for person in (lead, ofsted, cqc):
        services.agree_outcome(person, monitoring)
    services.sign_off(qa, monitoring, today=end)
    monitoring.refresh_from_db()
    assert monitoring.findings_recorded and monitoring.outcome is None and monitoring.publication_date is None
    assert "Assessment waits: the partnership is taking effective action." in monitoring.outcome_summary


# Exports --------------------------------------------------------------------------------------------


def test_the_team_exports_the_log_as_csv_and_xlsx_and_each_export_is_audited(inspection, ofsted, lead, lano):
    entry = _add(ofsted, inspection, text="=HYPERLINK(\"x\") said a parent", criteria=("I2",))
    services.correct_entry(lead, entry, key=uuid.uuid4(), fields=EntryFields(text="A parent said it.", source="survey"))
    data, content_type, rows = services.export_log(ofsted, inspection, "csv")
    text = data.decode("utf-8-sig")
    assert rows == 2 and text.splitlines()[0].startswith("Entry,Version,Written by")
    assert "'=HYPERLINK" in text and "A parent said it." in text
    data, content_type, rows = services.export_log(ofsted, inspection, "xlsx")
    from openpyxl import load_workbook
    import io

    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]][:2] == ["Entry", "Version"] and sheet.max_row == 3
    assert AuditEvent.objects.filter(verb="exported", inspection=inspection).count() == 2
    with pytest.raises(PermissionDenied):
        services.export_log(lano, inspection, "csv")
    with pytest.raises(ValidationError):
        services.export_log(ofsted, inspection, "pdf")


# Survey suggestions become lines of enquiry ---------------------------------------------------------


def test_an_accepted_survey_suggestion_becomes_one_line_of_enquiry(inspection, lead):
    first = services.line_from_survey_suggestion(lead, inspection, origin_key="survey:1:q3", title="Do families feel heard?",
                                                 description="", criteria=("I2",))
    again = services.line_from_survey_suggestion(lead, inspection, origin_key="survey:1:q3", title="Do families feel heard?",
                                                 description="", criteria=("I2",))
    assert first.pk == again.pk and first.origin == "survey"
    other = make_user(Role.INSPECTOR, username="notlead")
    with pytest.raises(PermissionDenied):
        services.line_from_survey_suggestion(other, inspection, origin_key="survey:1:q4", title="x", description="", criteria=())


def test_the_shared_self_evaluation_is_read_beside_this_matrix(inspection, ofsted, cqc):
    from types import SimpleNamespace

    from areasend.selfevaluation import queries as self_evaluation

    for source in ("survey", "sampling_visit", "document"):
        _add(cqc, inspection, source=source, criteria=("I1",))
    _add(ofsted, inspection, source="survey", criteria=("I2",))
    version = SimpleNamespace(content={"criteria": {"I1": {"view": "strength"}, "I2": {"view": "strength"}}})
    has_matrix, found = self_evaluation.beside_matrix(version, inspection)
    by_id = {c.criterion.id: c for c in found}
    assert has_matrix
    assert by_id["I1"].reading.startswith("Agrees so far") and by_id["I1"].evidence == fw.Strength.TRIANGULATED.label
    assert by_id["I2"].reading.startswith("Differs") and by_id["I2"].evidence == fw.Strength.ONE_SOURCE.label
