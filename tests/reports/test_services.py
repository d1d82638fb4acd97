import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from areasend import framework as fw
from areasend.accounts.models import AuditEvent
from areasend.reports import queries, services
from areasend.reports.models import PublishedReport, ReportVersion
from tests.factories import make_user
from tests.reports.conftest import TEXTS, day_after


def _errors(exc):
    return exc.value.message_dict


def _through_final(inspection, lead, ofsted, qa, lano, today):
    """Draft, QA sign-off, sent, one comment answered, comments closed, final, final sign-off."""
    services.save_version(lead, inspection, texts=TEXTS)
    services.qa_sign_off(qa, inspection, today=today)
    services.send_to_local_area(lead, inspection, today=today)
    made = services.comment(lano, inspection, section_key="life", paragraph=1,
                            text="Waits fell this year.", today=today)
    services.answer(ofsted, inspection, made.pk, response="rejected", reason="The data we saw covers this year.")
    services.close_comments(lano, inspection, today=today)
    services.make_final(lead, inspection, today=today)
    services.qa_sign_off(qa, inspection, today=today)


def test_nothing_is_drafted_before_the_outcome_is_signed_off(inspection, lead):
    with pytest.raises(ValidationError) as exc:
        services.save_version(lead, inspection, texts=TEXTS)
    assert "outcome decision is signed off" in _errors(exc)["report"][0]


def test_every_paragraph_cites_evidence_of_this_inspection_and_recommendations_name_a_partner(ready, lead):
    inspection, _ = ready
    with pytest.raises(ValidationError) as exc:
        services.save_version(lead, inspection, texts={
            "life": "Families wait too long.", "strengths": "Leaders plan well. (evidence 9)",
            "recommendations": "Cut the wait. (evidence 1)"})
    errors = _errors(exc)
    assert "Paragraph 1 of 'What life is like" in errors["life"][0] and "cites no evidence" in errors["life"][0]
    assert "entry 9, which is not in this inspection's evidence log" in errors["strengths"][0]
    assert "partner mainly responsible" in errors["recommendations"][0]
    assert not ReportVersion.objects.exists(), "nothing half-saved"


def test_versions_keep_each_draft_with_the_outcome_in_official_words_and_a_diff(ready, lead, ofsted):
    inspection, entries = ready
    first = services.save_version(lead, inspection, texts=TEXTS)
    assert first.content["outcome"][0]["text"] == fw.Outcome.INCONSISTENT.official_name
    assert first.content["recommendations"] == [{"text": "Cut the wait for assessments.", "entries": [entries[0].pk],
                                                 "partner": "local_authority"}]
    with pytest.raises(ValidationError):
        services.save_version(ofsted, inspection, texts=TEXTS)  # nothing changed
    second = services.save_version(ofsted, inspection, texts={**TEXTS, "life": "Families wait a year. (evidence 1)"})
    assert second.number == 2 and ReportVersion.objects.get(number=1).content["life"][0]["text"].startswith("Families wait too long")
    changes = fw.report.diff_sections(first.texts(), second.texts())["life"]
    assert [(c.kind, c.text) for c in changes] == [("removed", "Families wait too long for assessments."),
                                                   ("added", "Families wait a year.")]


def test_quoting_an_entry_adds_a_paragraph_citing_it(ready, ofsted):
    inspection, entries = ready
    version = services.quote_entry(ofsted, inspection, section_key="strengths", entry_id=entries[2].pk)
    assert version.content["strengths"][-1]["entries"] == [entries[2].pk]
    assert "alternative provision said staff knew them well" in version.content["strengths"][-1]["text"]


def test_the_plain_english_check_flags_long_sentences_and_jargon():
    long = " ".join(["word"] * 30) + "."
    problems = fw.report.plain_english_problems({"life": ["The LA will leverage its offer.", long, "All clear here."]})
    messages = [(p.paragraph, p.message) for p in problems]
    assert any(n == 1 and "'leverage'" in m for n, m in messages)
    assert any(n == 1 and "'LA'" in m for n, m in messages)
    assert any(n == 2 and "has 30 words" in m for n, m in messages)
    assert not any(n == 3 for n, _ in messages)


def test_the_full_round_then_explicit_publication_audited(ready, lead, ofsted, qa, lano, onsite_end, timeline):
    inspection, _ = ready
    today = day_after(onsite_end, 5)
    services.save_version(lead, inspection, texts=TEXTS)
    with pytest.raises(ValidationError) as exc:
        services.send_to_local_area(lead, inspection, today=today)
    assert "quality assurance reader to sign off" in _errors(exc)["send"][0]
    with pytest.raises(PermissionDenied):
        services.qa_sign_off(lead, inspection, today=today)
    services.qa_comment(qa, inspection, text="Say which services the waits are for.")
    services.qa_sign_off(qa, inspection, today=today)
    with pytest.raises(PermissionDenied):
        services.send_to_local_area(ofsted, inspection, today=today)
    report = services.send_to_local_area(lead, inspection, today=today)
    assert report.comments_due == fw.apply_rule(fw.get_version(inspection.framework).report.comments, today).date
    with pytest.raises(PermissionDenied):
        services.comment(ofsted, inspection, section_key="life", paragraph=1, text="x", today=today)
    with pytest.raises(ValidationError):
        services.comment(lano, inspection, section_key="life", paragraph=7, text="No such paragraph", today=today)
    made = services.comment(lano, inspection, section_key="strengths", paragraph=2, text="It is a pupil referral unit.",
                            today=today)
    with pytest.raises(ValidationError) as exc:
        services.make_final(lead, inspection, today=today)
    assert "wait for their comments to close" in _errors(exc)["final"][0]
    services.close_comments(lano, inspection, today=today)
    with pytest.raises(ValidationError) as exc:
        services.make_final(lead, inspection, today=today)
    assert "1 not answered" in _errors(exc)["final"][0]
    with pytest.raises(ValidationError) as exc:
        services.answer(ofsted, inspection, made.pk, response="accepted", reason="")
    assert "reason" in _errors(exc)
    services.answer(ofsted, inspection, made.pk, response="accepted", reason="We will name the unit.")
    services.make_final(lead, inspection, today=today)
    with pytest.raises(ValidationError) as exc:
        services.publish(lead, inspection, today=today)
    assert "sign off the final report" in _errors(exc)["publish"][0]
    services.qa_sign_off(qa, inspection, today=today)
    assert queries.stage_of(queries.report_for(inspection), inspection, today) is fw.report.ReportStage.READY
    with pytest.raises(PermissionDenied):
        services.publish(ofsted, inspection, today=today)
    published = services.publish(lead, inspection, today=today)
    assert published.published_on == today
    inspection.refresh_from_db()
    assert inspection.publication_date is not None
    verbs = set(AuditEvent.objects.filter(inspection=inspection).values_list("verb", flat=True))
    assert {"report_version_saved", "report_draft_signed_off", "report_sent", "report_commented", "report_comment_answered",
            "report_final_written", "report_final_signed_off", "report_published"} <= verbs
    rows = {r.key: r for r in queries.timeliness_of(inspection, today)}
    assert rows["publication_due"].done == today


def test_a_local_poll_holds_publication_and_says_why(ready, lead, ofsted, qa, lano, onsite_end, planner, area):
    inspection, _ = ready
    today = day_after(onsite_end, 5)
    _through_final(inspection, lead, ofsted, qa, lano, today)
    with pytest.raises(PermissionDenied):
        services.add_local_poll(lead, area=area, polling_day=today + dt.timedelta(days=10), label="")
    services.add_local_poll(planner, area=area, polling_day=today + dt.timedelta(days=10), label="council elections")
    report = queries.report_for(inspection)
    assert queries.stage_of(report, inspection, today) is fw.report.ReportStage.HELD
    with pytest.raises(ValidationError) as exc:
        services.publish(lead, inspection, today=today)
    assert "Held for the council elections" in _errors(exc)["publish"][0]
    assert not PublishedReport.objects.exists()
    after = fw.calendar.ENGLAND.next_working_day(today + dt.timedelta(days=10))
    assert services.publish(lead, inspection, today=after).published_on == after


def test_general_elections_from_the_core_hold_every_area():
    pause = fw.report.held_by(dt.date(2024, 6, 20), "E06000022", fw.GENERAL_ELECTION_PAUSES)
    assert pause is not None and pause.label == "general election 2024"
    assert fw.report.held_by(dt.date(2024, 7, 5), "E06000022", fw.GENERAL_ELECTION_PAUSES) is None


def test_a_correction_is_a_new_published_version_with_a_note(ready, lead, ofsted, qa, lano, onsite_end):
    inspection, _ = ready
    today = day_after(onsite_end, 5)
    _through_final(inspection, lead, ofsted, qa, lano, today)
    services.publish(lead, inspection, today=today)
    with pytest.raises(ValidationError):
        services.publish_correction(lead, inspection, note="Fixed a name.", today=today)  # no new version yet
    services.save_version(ofsted, inspection, texts={**TEXTS, "improve": "Assessments must be much quicker. (evidence 1)"})
    with pytest.raises(ValidationError) as exc:
        services.publish_correction(lead, inspection, note=" ", today=today)
    assert "what the correction changes" in _errors(exc)["note"][0]
    later = day_after(today, 2)
    correction = services.publish_correction(lead, inspection, note="The improvement wording was clarified.", today=later)
    assert correction.number == 2
    report = queries.report_for(inspection)
    data = queries.as_json(report)
    assert data["published"] == today.isoformat() and data["version"] == 2
    assert data["corrections"] == [{"published": later.isoformat(), "note": "The improvement wording was clarified."}]
    improve = next(s for s in data["sections"] if s["key"] == "improve")
    assert improve["paragraphs"][0]["text"] == "Assessments must be much quicker."


def test_the_pdf_is_made_in_the_background_and_is_tagged(ready, lead, ofsted, qa, lano, onsite_end, tmp_path):
    inspection, _ = ready
    today = day_after(onsite_end, 5)
    _through_final(inspection, lead, ofsted, qa, lano, today)
    published = services.publish(lead, inspection, today=today)
    services.make_pdf_now(published.pk)  # what the task runs; the task itself is enqueued on commit
    published.refresh_from_db()
    assert published.pdf_made_at is not None
    path = tmp_path / "report.pdf"
    path.write_bytes(bytes(published.pdf))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert f"Title:           Area SEND inspection of {inspection.area.name}" in info
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert fw.Outcome.INCONSISTENT.official_name.split()[0] in text
    assert services.make_pdf_now(published.pk) is False, "made once"


def test_late_steps_count_working_days():
    assert fw.report.late_by(dt.date(2026, 3, 13), None, dt.date(2026, 3, 20)) == 5
    assert fw.report.late_by(dt.date(2026, 3, 13), dt.date(2026, 3, 12), dt.date(2026, 4, 1)) == 0


def test_report_list_shape(ready, lead, ofsted, qa, lano, onsite_end):
    inspection, _ = ready
    today = day_after(onsite_end, 5)
    services.save_version(lead, inspection, texts=TEXTS)
    rows = queries.report_list(today)
    assert rows == [{"id": queries.report_for(inspection).pk, "area_code": inspection.area.ons_code,
                     "inspection_kind": "full", "status": "drafting", "published": None}]


def test_a_qa_reader_on_the_team_cannot_sign_off(ready, lead, ofsted, onsite_end):
    from areasend.access.roles import Role
    from areasend.accounts.services import grant_role

    inspection, _ = ready
    grant_role(ofsted, Role.QA_READER)
    services.save_version(lead, inspection, texts=TEXTS)
    with pytest.raises(ValidationError):
        services.qa_sign_off(ofsted, inspection, today=onsite_end)
    assert make_user  # factories shared with the other tests
