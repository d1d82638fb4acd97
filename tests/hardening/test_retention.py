"""The retention schedule as data, the privacy notice that shows it, and apply_retention: due data deleted or
anonymised, what was done recorded, and a second run changing nothing."""

import datetime as dt
import json
import os

import pytest
from markupsafe import escape
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from areasend.accounts.models import AuditEvent, Verb
from areasend.inspections.models import Inspection
from areasend.intake import services as intake
from areasend.intake.models import InformationUpload
from areasend.retention import schedule as retention_schedule
from areasend.retention.models import RetentionRun
from areasend.retention.services import apply_retention
from areasend.surveys import services as survey_services
from areasend.surveys.models import Answer, SurveyResponse
from tests.factories import pdf_bytes
from tests.surveys.access import open_surveys

PUBLISHED = dt.date(2026, 3, 2)


def test_every_kind_of_data_the_issue_names_has_a_rule():
    assert {rule.key for rule in retention_schedule.SCHEDULE} == {"survey_answers", "person_level", "uploads", "evidence"}
    assert all(rule.months > 0 and rule.then for rule in retention_schedule.SCHEDULE)


def test_a_deployment_sets_its_own_periods_and_a_wrong_one_is_refused():
    months = {r.key: r.months for r in retention_schedule.schedule_with("survey_answers=6, person_level=1")}
    assert months["survey_answers"] == 6 and months["person_level"] == 1 and months["uploads"] == 24
    with pytest.raises(retention_schedule.ScheduleError, match="not in the retention schedule"):
        retention_schedule.schedule_with("everything=1")
    with pytest.raises(retention_schedule.ScheduleError, match="whole number"):
        retention_schedule.schedule_with("uploads=-3")


def test_the_privacy_notice_says_who_why_how_long_rights_and_contact(client, db):
    page = client.get("/privacy/").content.decode()
    for words in ("Who is responsible for your information", "public task (Article 6(1)(e)",
                  "substantial public interest (Article 9(2)(g))", "How long we keep it", "Your rights",
                  "Contact us or complain", "Information Commissioner"):
        assert words in page
    for rule in retention_schedule.SCHEDULE:
        assert escape(rule.what) in page and f"{rule.period} after the report is published" in page


@pytest.fixture
def published(notified_inspection, lead, settings):
    from areasend.inspections import services as inspection_services

    lano, _ = inspection_services.name_lano(lead, notified_inspection, name="Demo Officer", email="officer@example.gov.uk")
    notified_inspection.refresh_from_db()
    intake.upload_information(lano, notified_inspection, item_key="self_evaluation",
                              uploaded_file=SimpleUploadedFile("self.pdf", pdf_bytes()))
    person_level = "person_level_data"
    intake.upload_information(lano, notified_inspection, item_key=person_level,
                              uploaded_file=SimpleUploadedFile("children.csv", b"name,year\nA,7\n"))
    cyp = open_surveys(notified_inspection)[0]
    response = survey_services.start_response(cyp, today=dt.date.today())
    Answer.objects.create(response=response, question_id="help_at_school", value="yes")
    Answer.objects.create(response=response, question_id="anything_else", value="My name is written here")
    Inspection.objects.filter(pk=notified_inspection.pk).update(publication_date=PUBLISHED)
    return notified_inspection


def _files(settings):
    return sorted(f for _, _, files in os.walk(settings.AREASEND_UPLOAD_DIR) for f in files)


def test_nothing_is_touched_before_its_time(published, settings):
    report = apply_retention(today=PUBLISHED + dt.timedelta(days=30))
    assert all(entry["inspections"] == [] for entry in report["rules"])
    assert InformationUpload.objects.count() == 2 and Answer.objects.count() == 2


def test_person_level_then_answers_then_uploads_go_each_at_its_time_and_a_second_run_changes_nothing(published, settings):
    three_months = apply_retention(today=dt.date(2026, 6, 2))
    by_rule = {entry["rule"]: entry for entry in three_months["rules"]}
    assert by_rule["person_level"]["done"] == {"uploads_deleted": 1, "returns_deleted": 0, "tracking_cases_deleted": 0}
    assert by_rule["survey_answers"]["inspections"] == []
    assert [u.item_key for u in InformationUpload.objects.all()] == ["self_evaluation"]
    assert len(_files(settings)) == 1

    a_year = apply_retention(today=dt.date(2027, 3, 2))
    by_rule = {entry["rule"]: entry for entry in a_year["rules"]}
    assert by_rule["survey_answers"]["done"] == {"written_answers_deleted": 1, "responses_unlinked": 1}
    assert list(Answer.objects.values_list("question_id", "value")) == [("help_at_school", "yes")]
    assert SurveyResponse.objects.get().token.startswith("anonymised-")

    again = apply_retention(today=dt.date(2027, 3, 2))
    by_rule = {entry["rule"]: entry for entry in again["rules"]}
    assert by_rule["survey_answers"]["done"] == {"written_answers_deleted": 0, "responses_unlinked": 0}
    assert by_rule["person_level"]["done"] == {"uploads_deleted": 0, "returns_deleted": 0, "tracking_cases_deleted": 0}

    two_years = apply_retention(today=dt.date(2028, 3, 2))
    by_rule = {entry["rule"]: entry for entry in two_years["rules"]}
    assert by_rule["uploads"]["done"] == {"uploads_deleted": 1}
    assert by_rule["evidence"]["done"] == {"entries_deleted": 0, "lines_of_enquiry_deleted": 0, "drafts_deleted": 0}
    assert not InformationUpload.objects.exists() and _files(settings) == []
    assert RetentionRun.objects.count() == 4
    events = AuditEvent.objects.filter(verb=Verb.RETENTION_APPLIED, inspection=published)
    assert sorted(e.payload["rule"] for e in events) == ["person_level", "survey_answers", "uploads"]


def test_a_dry_run_changes_nothing_and_keeps_no_run(published):
    report = apply_retention(today=dt.date(2030, 1, 1), dry_run=True)
    assert {entry["rule"] for entry in report["rules"] if entry["inspections"]} == {
        "person_level", "survey_answers", "uploads", "evidence"}
    assert InformationUpload.objects.count() == 2 and not RetentionRun.objects.exists()


def test_the_command_prints_what_it_did_as_json(tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'r.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-c", "import sys; from areasend.commands import main; sys.exit(main())"]
    subprocess.run(command + ["migrate"], env=env, check=True, capture_output=True, timeout=300)
    result = subprocess.run(command + ["apply_retention", "--today", "2027-01-01", "--json"], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["today"] == "2027-01-01" and report["dry_run"] is False and report["run"] >= 1
    assert [entry["rule"] for entry in report["rules"]] == ["person_level", "survey_answers", "uploads", "evidence"]
    bad = subprocess.run(command + ["apply_retention", "--today", "31/12/2026"], env=env, capture_output=True,
                         text=True, timeout=300)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_the_children_s_rows_tracking_cases_and_the_evidence_log_go_too(published, lead, settings, monkeypatch,
                                                                        django_capture_on_commit_callbacks):
    """The person-level return, every row loaded from it and the cases chosen from it go at the person-level
    period; the team's evidence log at its own, though the log refuses every other removal."""
    from django.contrib.auth import get_user_model

    from areasend.evidence import services as evidence
    from areasend.evidence.models import EvidenceEntry, EvidenceVersion, LineOfEnquiry
    from areasend.intake import returns, sample_return
    from areasend.intake.models import PersonLevelRecord, PersonLevelReturn, PseudonymKey
    from areasend.tracking import services as tracking
    from areasend.tracking.models import TrackingCase

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    today = dt.date(2026, 1, 12)
    lano = get_user_model().objects.get(email="officer@example.gov.uk")
    monkeypatch.setattr(returns, "_today", lambda: today)
    with django_capture_on_commit_callbacks(execute=True):
        upload = returns.upload_return(lano, published, SimpleUploadedFile(
            "return.csv", sample_return.csv_bytes(400, seed=4, today=today), content_type="text/csv"))
    upload.refresh_from_db()
    assert upload.status == "loaded" and PersonLevelRecord.objects.count() == 400
    tracking.propose(lead, published, seed=5, today=today)
    assert TrackingCase.objects.count() == 6
    line = evidence.add_line(lead, published, title="Do families know the local offer?")
    entry, _ = evidence.add_entry(lead, published, key="6f1c7a52-59f5-4a2c-9d53-3f0a2a1b6c11",
                                  fields=evidence.EntryFields(text="Parents said the offer was hard to find.",
                                                              source="other", lines=((line.pk, "for"),)))
    with pytest.raises(Exception, match="append-only"):
        EvidenceEntry.objects.filter(pk=entry.pk).delete()
    stored = upload.stored_name

    by_rule = {e["rule"]: e for e in apply_retention(today=dt.date(2026, 6, 2))["rules"]}
    assert by_rule["person_level"]["done"] == {"uploads_deleted": 1, "returns_deleted": 1, "tracking_cases_deleted": 6}
    assert not PersonLevelReturn.objects.exists() and not PersonLevelRecord.objects.exists()
    assert not TrackingCase.objects.exists() and not PseudonymKey.objects.filter(inspection=published).exists()
    assert stored not in _files(settings) and not any(name.endswith(".csv") for name in _files(settings))
    assert EvidenceEntry.objects.count() == 1  # the log's own period has not passed

    by_rule = {e["rule"]: e for e in apply_retention(today=dt.date(2028, 3, 2))["rules"]}
    assert by_rule["evidence"]["done"] == {"entries_deleted": 1, "lines_of_enquiry_deleted": 1, "drafts_deleted": 0}
    assert not EvidenceEntry.objects.exists() and not EvidenceVersion.objects.exists()
    assert not LineOfEnquiry.objects.exists()
    events = AuditEvent.objects.filter(verb=Verb.RETENTION_APPLIED, inspection=published, payload__rule="evidence")
    assert events.get().payload["entries_deleted"] == 1
