"""The person-level return through the pages and the task, then tracking cases: propose, swap, send, arrange (issue 13)."""

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from areasend.accounts.models import AuditEvent, Verb
from areasend.intake import returns, sample_return
from areasend.intake.models import PersonLevelRecord, PersonLevelReturn
from areasend.tracking import services
from areasend.tracking.models import TrackingSelection

TODAY = dt.date(2026, 1, 12)
HEADER = sample_return.HEADER


def _file(data: bytes, name="return.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def _upload(actor, inspection, data, capture, name="return.csv"):
    with capture(execute=True):
        upload = returns.upload_return(actor, inspection, _file(data, name))
    upload.refresh_from_db()
    return upload


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(returns, "_today", lambda: TODAY)
    return TODAY


def test_a_file_with_errors_is_kept_rejected_and_a_clean_one_replaces_the_loaded_version(
        notified_inspection, lano, django_capture_on_commit_callbacks, today):
    first = _upload(lano, notified_inspection, sample_return.csv_bytes(50, seed=1), django_capture_on_commit_callbacks)
    assert first.status == "loaded" and first.rows == 50
    assert PersonLevelRecord.objects.filter(person_level_return=first).count() == 50

    bad = sample_return.csv_bytes(40, seed=2).replace(b"SEN support", b"SEN suport", 1)
    rejected = _upload(lano, notified_inspection, bad, django_capture_on_commit_callbacks)
    assert rejected.status == "rejected" and rejected.problem_count == 1
    problem = rejected.problems.get()
    assert problem.column == "support" and "'SEN suport' is not one of the choices" in problem.message
    first.refresh_from_db()
    assert first.status == "loaded"  # the rejected file loaded nothing and left the loaded data alone
    assert PersonLevelRecord.objects.filter(inspection=notified_inspection).count() == 50

    second = _upload(lano, notified_inspection, sample_return.csv_bytes(30, seed=3), django_capture_on_commit_callbacks)
    first.refresh_from_db()
    assert (second.status, first.status) == ("loaded", "replaced")
    assert PersonLevelRecord.objects.filter(inspection=notified_inspection).count() == 30
    assert set(AuditEvent.objects.filter(inspection=notified_inspection).values_list("verb", flat=True)) >= {
        Verb.PERSON_LEVEL_UPLOADED, Verb.PERSON_LEVEL_LOADED, Verb.PERSON_LEVEL_REJECTED}


def test_identifiers_are_pseudonymised_with_a_key_for_each_inspection(
        notified_inspection, lano, django_capture_on_commit_callbacks, today):
    upload = _upload(lano, notified_inspection, sample_return.csv_bytes(5, seed=1), django_capture_on_commit_callbacks)
    record = PersonLevelRecord.objects.filter(person_level_return=upload).order_by("row").first()
    assert record.pseudonym != "LA-000001" and "LA-" not in record.pseudonym and len(record.pseudonym) == 20
    assert returns.pseudonym(bytes(notified_inspection.pseudonym_key.key), "LA-000001") == record.pseudonym
    assert returns.pseudonym(b"another inspection's key" * 2, "LA-000001") != record.pseudonym
    assert not PersonLevelRecord.objects.filter(pseudonym__startswith="LA-").exists()


def test_a_failure_while_loading_loads_nothing(notified_inspection, lano, django_capture_on_commit_callbacks, today,
                                               monkeypatch):
    first = _upload(lano, notified_inspection, sample_return.csv_bytes(50, seed=1), django_capture_on_commit_callbacks)
    assert first.status == "loaded"
    real = returns._Spool.blocks
    written_before_the_fault = []

    def fail_after_the_first_block(spool):
        blocks = real(spool)
        yield next(blocks)
        written_before_the_fault.append(PersonLevelRecord.objects.exclude(person_level_return=first).count())
        raise RuntimeError("the database went away")

    monkeypatch.setattr(returns._Spool, "blocks", fail_after_the_first_block)
    upload = _upload(lano, notified_inspection, sample_return.csv_bytes(12000, seed=2), django_capture_on_commit_callbacks)
    assert written_before_the_fault and written_before_the_fault[0] > 0  # part of the file was in, then the fault
    assert upload.status == "rejected"
    assert "fault in this service" in upload.problems.get().message
    assert not PersonLevelRecord.objects.filter(person_level_return=upload).exists()
    first.refresh_from_db()
    assert first.status == "loaded"  # the version loaded before is left whole
    assert PersonLevelRecord.objects.filter(person_level_return=first).count() == 50


def test_only_the_lano_or_lead_uploads_and_only_the_team_reads_counts(
        client, notified_inspection, lano, planner, lead, django_capture_on_commit_callbacks, today):
    with pytest.raises(PermissionDenied):
        returns.upload_return(planner, notified_inspection, _file(b"x"))
    _upload(lano, notified_inspection, sample_return.csv_bytes(80, seed=1), django_capture_on_commit_callbacks)
    counts_url = reverse("intake:person-level-analysis", args=[notified_inspection.pk])
    client.force_login(lano)
    assert client.get(counts_url).status_code == 403
    client.force_login(lead)
    html = client.get(counts_url).content.decode()
    assert "80 children and young people" in html and "Published total for the area" in html
    assert AuditEvent.objects.filter(actor=lead, verb=Verb.VIEWED, summary="Viewed counts from the person-level data").exists()


def test_the_pages_show_problems_by_row_and_column_and_offer_the_full_list(
        client, notified_inspection, lano, django_capture_on_commit_callbacks, today):
    client.force_login(lano)
    url = reverse("intake:person-level", args=[notified_inspection.pk])
    bad = sample_return.csv_bytes(5, seed=1).replace(b"\nLA-000002,", b"\nLA-000001,")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": _file(bad)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "This file was not loaded" in page and "This identifier is also on row 2" in page
    download = client.get(reverse("intake:person-level-problems", args=[notified_inspection.pk, 1]))
    assert download.content.decode().splitlines() == [
        "row,column,problem", "3,local_identifier,this identifier is also on row 2: list each child or young person once"]
    assert AuditEvent.objects.filter(actor=lano, verb=Verb.DOWNLOADED).exists()
    refused = client.post(url, {"file": _file(b"%PDF-1.7", "return.pdf")})
    assert refused.status_code == 200 and "must be a CSV, XLSX or ODS file" in refused.content.decode()
    for fmt in ("csv", "xlsx", "ods"):
        template = client.get(reverse("intake:person-level-template", args=[notified_inspection.pk, fmt]))
        assert template.status_code == 200 and "attachment" in template["Content-Disposition"]


@pytest.fixture
def loaded(notified_inspection, lano, django_capture_on_commit_callbacks, today):
    return _upload(lano, notified_inspection, sample_return.csv_bytes(400, seed=4, today=TODAY),
                   django_capture_on_commit_callbacks)


def test_the_proposal_meets_the_rules_and_the_same_seed_gives_the_same_cases(notified_inspection, lead, loaded):
    first = services.propose(lead, notified_inspection, seed=5, today=TODAY)
    rows = list(first.cases.values_list("row", flat=True))
    assert len(rows) == 6 and services.check(first).ok and not services.check(first).warnings
    again = services.propose(lead, notified_inspection, seed=5, today=TODAY)
    assert list(again.cases.values_list("row", flat=True)) == rows
    other = services.propose(lead, notified_inspection, seed=6, today=TODAY)
    assert list(other.cases.values_list("row", flat=True)) != rows
    assert all(case.reasons for case in other.cases.all()) and other.reasons


def test_a_swap_that_breaks_a_rule_needs_a_reason_which_is_kept(notified_inspection, lead, loaded):
    selection = services.propose(lead, notified_inspection, seed=5, today=TODAY)
    ap_case = next(c for c in selection.cases.all() if c.facts["alternative_provision"])
    chosen = set(selection.cases.values_list("row", flat=True))
    replacement = PersonLevelRecord.objects.filter(person_level_return=loaded, support="EHC plan").exclude(
        setting_type="alternative provision").exclude(row__in=chosen).order_by("row").first()
    with pytest.raises(ValidationError) as refused:
        services.swap(lead, notified_inspection, ap_case.pk, row=replacement.row, reason="", today=TODAY)
    assert "in alternative provision" in str(refused.value) and "Give a reason" in str(refused.value)
    ap_case.refresh_from_db()
    assert ap_case.row != replacement.row  # nothing was changed
    case = services.swap(lead, notified_inspection, ap_case.pk, row=replacement.row,
                         reason="The family asked that this child be seen", today=TODAY)
    assert case.row == replacement.row and case.override_reason == "The family asked that this child be seen"
    event = AuditEvent.objects.get(verb=Verb.TRACKING_CASE_SWAPPED)
    assert event.payload["rules_broken"] == ["tracking_in_ap"] and event.payload["reason"] == case.override_reason
    with pytest.raises(ValidationError, match="no row 9999"):
        services.swap(lead, notified_inspection, case.pk, row=9999, reason="", today=TODAY)


def test_the_request_goes_to_the_lano_who_arranges_meetings_in_the_window(notified_inspection, lead, lano, loaded):
    selection = services.propose(lead, notified_inspection, seed=5, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.send_request(lano, notified_inspection)
    selection = services.send_request(lead, notified_inspection)
    assert selection.status == TrackingSelection.Status.SENT
    assert selection.arrange_by == dt.date(2026, 1, 21)  # the working day before fieldwork starts (22 January)
    case = selection.cases.first()
    with pytest.raises(ValidationError, match="working day from 22 January 2026 to 30 January 2026"):
        services.arrange(lano, notified_inspection, case.pk, coordinator_name="A Coordinator",
                         coordinator_email="c@example.gov.uk", family_date=dt.date(2026, 1, 14),
                         family_time=dt.time(10), practitioners_date=dt.date(2026, 1, 23), practitioners_time=dt.time(14))
    case = services.arrange(lano, notified_inspection, case.pk, coordinator_name="A Coordinator",
                            coordinator_email="c@example.gov.uk", family_date=dt.date(2026, 1, 22),
                            family_time=dt.time(10), practitioners_date=dt.date(2026, 1, 23),
                            practitioners_time=dt.time(14))
    assert case.arranged
    with pytest.raises(PermissionDenied):
        services.arrange(lead, notified_inspection, case.pk, coordinator_name="x", coordinator_email="x@example.gov.uk",
                         family_date=dt.date(2026, 1, 22), family_time=dt.time(10),
                         practitioners_date=dt.date(2026, 1, 23), practitioners_time=dt.time(14))


def test_the_tracking_command_prints_the_contract_shape(tmp_path):
    path = tmp_path / "return.csv"
    path.write_bytes(sample_return.csv_bytes(300, seed=4, today=TODAY))
    run = lambda *extra: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "areasend.commands", "tracking", "propose", str(path), "--on", "2026-01-12", "--json",
         *extra], capture_output=True, text=True, timeout=120)
    first, again = run("--seed", "3"), run("--seed", "3")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data == json.loads(again.stdout)
    assert set(data) == {"cases", "check"} and len(data["cases"]) == 6
    for case in data["cases"]:
        assert set(case) == {"row", "reasons", "facts"} and case["reasons"]
        assert set(case["facts"]) == {"alternative_provision", "sen_support", "ehc_plan", "need", "age",
                                      "social_care_or_youth_justice"}
    assert sum(c["facts"]["alternative_provision"] for c in data["cases"]) >= 1
    assert sum(c["facts"]["sen_support"] for c in data["cases"]) >= 2
    assert data["check"]["passed"] is True
    assert {r["rule"] for r in data["check"]["rules"]} >= {"tracking_in_ap", "tracking_on_sen_support"}
    assert set(data["check"]["rules"][0]) == {"rule", "passed", "message"}
    four = json.loads(run("--count", "4").stdout)
    assert len(four["cases"]) == 4
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"local_identifier\nLA-1\n")
    refused = run.__call__  # keep flake quiet
    result = subprocess.run([sys.executable, "-m", "areasend.commands", "tracking", "propose", str(bad), "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "run 'areasend person-level check'" in result.stderr
    assert result.stderr.count("\n") == 1
    del refused
