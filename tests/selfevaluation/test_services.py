"""The self-evaluation's use cases: people, the draft, evidence, versions, sign-off, sharing, exports, the plan."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from areasend import framework as fw
from areasend.access.capabilities import Capability as C
from areasend.access.roles import Role, has_role
from areasend.accounts.models import AuditEvent, Verb
from areasend.intake.models import InformationUpload
from areasend.notifications.models import SentMessage
from areasend.selfevaluation import access, services
from areasend.selfevaluation.models import Contributor, Entry, Evidence, Export, Version
from tests.factories import make_user
from tests.selfevaluation.world import answer_everything


def _pdf_text(data: bytes) -> bytes:
    """The PDF with its compressed streams opened, to look for its tags and metadata."""
    import re
    import zlib

    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(parts)


def _pdf(name="report.pdf", body=b"%PDF-1.7\n%test\n"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_the_lano_invites_leaders_scoped_to_the_area(place):
    director = place["director"]
    assert has_role(director, Role.LOCAL_AREA_CONTRIBUTOR)
    assert Contributor.objects.get(user=director).position == "director"
    assert SentMessage.objects.filter(to="dcs@example.gov.uk", template="self-evaluation-invitation").exists()
    assert AuditEvent.objects.filter(verb=Verb.CONTRIBUTOR_INVITED, actor=place["lano"]).count() == 2
    assert access.can(director, place["se"], C.EDIT_SELF_EVALUATION)
    # Only one director signs.
    with pytest.raises(ValidationError) as refused:
        services.invite_contributor(place["lano"], place["se"], name="Second Director", email="two@example.gov.uk", position="director")
    assert "already invited" in str(refused.value.message_dict["position"])
    # An inspector's address is not the area's.
    with pytest.raises(ValidationError) as refused:
        services.invite_contributor(place["lano"], place["se"], name="Lead", email="lead", position="leader")
    assert "email" in refused.value.message_dict
    # A contributor cannot invite.
    with pytest.raises(PermissionDenied):
        services.invite_contributor(director, place["se"], name="Someone", email="s@example.gov.uk", position="leader")


def test_only_the_areas_own_people_see_the_workspace(place, area):
    from areasend.areas.models import LocalAreaPartnership

    se = place["se"]
    assert access.can(place["lano"], se, C.SEE_SELF_EVALUATION)
    assert not access.can(place["lead"], se, C.SEE_SELF_EVALUATION)
    assert not access.can(place["planner"], se, C.SEE_SELF_EVALUATION)
    other = LocalAreaPartnership.objects.create(ons_code="E06000023", name="Bristol", region="South West", kind="unitary authority")
    assert not access.can(place["director"], access._fetch(other.ons_code), C.SEE_SELF_EVALUATION)
    # An officer who is no longer the area's nominated officer loses the workspace; the new one has it.
    from areasend.inspections import services as inspections

    new, _ = inspections.name_lano(place["lead"], place["inspection"], name="New Officer", email="new@example.gov.uk")
    assert not access.can(place["lano"], access._fetch(area.ons_code), C.SEE_SELF_EVALUATION)
    assert access.can(new, access._fetch(area.ons_code), C.INVITE_CONTRIBUTORS)


def test_saving_answers_records_what_changed(place):
    services.save_entry(place["director"], place["se"], "I1", what_we_know="Most plans are on time", how_we_know="",
                        next_twelve_months="", view="", reasons="")
    services.save_entry(place["director"], place["se"], "I1", what_we_know="Most plans are on time now",
                        how_we_know="Monthly figures", next_twelve_months="", view="", reasons="")
    event = AuditEvent.objects.filter(verb=Verb.SELF_EVALUATION_CHANGED).first()
    assert event.changes == {"what_we_know": {"from": "Most plans are on time", "to": "Most plans are on time now"},
                             "how_we_know": {"from": "", "to": "Monthly figures"}}
    assert event.actor == place["director"]
    with pytest.raises(ValidationError) as refused:
        services.save_entry(place["director"], place["se"], "I1", what_we_know="Changed", view="strength", reasons="")
    assert "reasons" in refused.value.message_dict
    assert Entry.objects.get(criterion="I1").what_we_know == "Most plans are on time now"
    with pytest.raises(PermissionDenied):
        services.save_entry(place["lead"], place["se"], "I1", what_we_know="x")


def test_a_document_is_read_by_its_content_and_nothing_is_half_saved(place, settings):
    with pytest.raises(ValidationError) as refused:
        services.add_document(place["director"], place["se"], "I3", title="Plan", uploaded_file=_pdf(body=b"not a pdf"))
    assert "not a real PDF" in refused.value.message_dict["file"][0]
    assert not Evidence.objects.exists()
    assert not any((settings.AREASEND_UPLOAD_DIR).rglob("*.pdf")) if settings.AREASEND_UPLOAD_DIR.exists() else True
    evidence = services.add_document(place["director"], place["se"], "I3", title="Annual report", uploaded_file=_pdf())
    found, handle = services.open_document(place["icb"], place["se"], evidence.pk)
    assert handle.read() == b"%PDF-1.7\n%test\n"
    handle.close()
    assert AuditEvent.objects.filter(verb=Verb.DOWNLOADED, actor=place["icb"]).exists()


def test_a_figure_needs_its_source(place):
    with pytest.raises(ValidationError) as refused:
        services.add_figure(place["director"], place["se"], "I1", title="Plans within 20 weeks", figure="64%", source="")
    assert list(refused.value.message_dict) == ["source"]
    services.add_figure(place["director"], place["se"], "I1", title="Plans within 20 weeks", figure="64%",
                        source="Person-level data, March 2026")
    assert Evidence.objects.get().figure == "64%"


def test_versions_freeze_the_draft_and_show_what_changed(place):
    with pytest.raises(ValidationError) as refused:
        services.make_version(place["lano"], place["se"])
    assert "I1, I2, I3, I4, I5, L1, L2, L3, L4, L5, L6" in refused.value.messages[0]
    answer_everything(place["director"], place["se"])
    services.add_figure(place["director"], place["se"], "L5", title="Audits done", figure="12", source="Quality assurance log")
    first = services.make_version(place["lano"], place["se"], note="First draft")
    assert first.number == 1 and first.content["criteria"]["L5"]["evidence"][0]["figure"] == "12"
    with pytest.raises(ValidationError, match="Nothing has changed since version 1"):
        services.make_version(place["lano"], place["se"])
    services.save_entry(place["icb"], place["se"], "L2", what_we_know="What we know about L2, revised",
                        how_we_know="How we know L2", next_twelve_months="Next for L2", view="mixed", reasons="Reasons for L2")
    second = services.make_version(place["lano"], place["se"])
    from areasend.selfevaluation import queries

    previous, changes = queries.changes_since_previous(second)
    assert previous == first
    assert [(c.criterion, c.field) for c in changes] == [("L2", "what_we_know"), ("L2", "view")]
    with pytest.raises(PermissionDenied):
        services.make_version(place["director"], place["se"])


def _signed_version(place):
    answer_everything(place["director"], place["se"])
    version = services.make_version(place["lano"], place["se"])
    services.sign_off(place["director"], place["se"], version.number, name="Dana Director")
    services.sign_off(place["icb"], place["se"], version.number, name="Ian Board")
    return version


def test_sign_off_is_by_the_director_and_the_icb_representative_by_name(place):
    leader = services.invite_contributor(place["lano"], place["se"], name="Lee Leader", email="lee@example.gov.uk", position="leader").user
    answer_everything(place["director"], place["se"])
    version = services.make_version(place["lano"], place["se"])
    with pytest.raises(PermissionDenied):
        services.sign_off(leader, place["se"], version.number, name="Lee Leader")
    with pytest.raises(PermissionDenied):
        services.sign_off(place["lano"], place["se"], version.number, name="Lana Officer")
    with pytest.raises(ValidationError) as refused:
        services.sign_off(place["director"], place["se"], version.number, name="  ")
    assert "name" in refused.value.message_dict
    services.sign_off(place["director"], place["se"], version.number, name="Dana Director")
    with pytest.raises(ValidationError, match="still needs signing by the integrated care board representative"):
        services.share(place["lano"], place["se"], version.number)
    with pytest.raises(ValidationError, match="already signed"):
        services.sign_off(place["director"], place["se"], version.number, name="Dana Director")
    assert AuditEvent.objects.filter(verb=Verb.SELF_EVALUATION_SIGNED_OFF).get().payload["name"] == "Dana Director"


def test_sharing_puts_the_signed_version_in_the_information_request_for_the_team(place, django_capture_on_commit_callbacks):
    version = _signed_version(place)
    assert services.read_shared(place["lead"], place["inspection"]) is None
    with django_capture_on_commit_callbacks(execute=True):
        services.share(place["lano"], place["se"], version.number)
    upload = InformationUpload.objects.get(inspection=place["inspection"], item_key="self_evaluation")
    assert upload.kind == "pdf" and upload.uploaded_by == place["lano"]
    # Running the task again adds nothing.
    services.put_in_information_request(version.shares.get().pk)
    assert InformationUpload.objects.filter(item_key="self_evaluation").count() == 1
    shared = services.read_shared(place["lead"], place["inspection"])
    assert shared.version == version
    assert AuditEvent.objects.filter(verb=Verb.VIEWED, actor=place["lead"], inspection=place["inspection"]).exists()
    assert AuditEvent.objects.filter(verb=Verb.SELF_EVALUATION_SHARED, inspection=place["inspection"]).exists()
    # The team still has no way into the working draft.
    assert not access.can(place["lead"], place["se"], C.SEE_SELF_EVALUATION)
    with pytest.raises(ValidationError, match="already shared"):
        services.share(place["lano"], place["se"], version.number)
    with pytest.raises(PermissionDenied):
        services.share(place["director"], place["se"], version.number)


def test_exports_are_an_accessible_word_document_and_a_tagged_pdf(place, django_capture_on_commit_callbacks):
    from docx import Document

    version = _signed_version(place)
    with django_capture_on_commit_callbacks(execute=True):
        word = services.request_export(place["director"], place["se"], version.number, "docx")
        pdf = services.request_export(place["director"], place["se"], version.number, "pdf")
    word.refresh_from_db()
    pdf.refresh_from_db()
    assert (word.status, pdf.status) == ("done", "done")
    _, handle = services.open_export(place["director"], place["se"], word.pk)
    document = Document(io.BytesIO(handle.read()))
    handle.close()
    assert document.core_properties.title == f"Self-evaluation of {place['area'].name}, version 1"
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert f"I1: {fw.criterion('I1').name}" in headings and "What do you know about your impact?" in headings
    assert any("Dana Director" in p.text for p in document.paragraphs)
    _, handle = services.open_export(place["director"], place["se"], pdf.pk)
    data = handle.read()
    handle.close()
    assert data.startswith(b"%PDF-")
    text = _pdf_text(data)
    # Tagged (a structure tree), marked as PDF/UA-1 in its metadata, in English, with its title shown.
    assert b"/StructTreeRoot" in text and b"pdfuaid:part" in text and b"/Lang" in text and b"/DisplayDocTitle true" in text
    assert AuditEvent.objects.filter(verb=Verb.EXPORTED, actor=place["director"]).count() == 2
    with pytest.raises(ValidationError):
        services.request_export(place["director"], place["se"], version.number, "rtf")


def test_an_export_goes_on_the_database_queue_when_not_run_inline(place, settings, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    settings.AREASEND_RUN_EXPORTS_INLINE = False
    answer_everything(place["director"], place["se"])
    version = services.make_version(place["lano"], place["se"])
    with django_capture_on_commit_callbacks(execute=True):
        export = services.request_export(place["director"], place["se"], version.number, "docx")
    queued = DBTaskResult.objects.get()
    assert queued.task_path.endswith("make_self_evaluation_export") and queued.args_kwargs["args"] == [export.pk]
    assert Export.objects.get().status == "queued"
    # What the worker does with the queued row: import the task it names and call it with its arguments.
    assert queued.task.call(*queued.args_kwargs["args"]) == "done"
    export.refresh_from_db()
    assert export.status == "done" and export.stored_name.endswith(".docx")
    stored = export.stored_name
    assert services.make_export(export.pk) == "done"  # again: nothing made twice
    export.refresh_from_db()
    assert export.stored_name == stored


def test_strategic_plan_actions_link_criteria_and_the_last_report_with_progress(place):
    with pytest.raises(ValidationError) as refused:
        services.add_action(place["director"], place["se"], title="Faster assessments", criteria=[], report_point="priority_action",
                            report_text="", owner="", due=None)
    assert set(refused.value.message_dict) == {"criteria", "report_text", "owner"}
    action = services.add_action(place["director"], place["se"], title="Faster assessments", criteria=["L3", "I1", "X9"],
                                 report_point="priority_action", report_text="Leaders must reduce delays in EHC assessments",
                                 owner="Head of SEND", due=None)
    assert action.criteria == ["I1", "L3"]
    services.record_progress(place["icb"], place["se"], action.pk, status="on_track", note="New panel started")
    services.record_progress(place["icb"], place["se"], action.pk, status="behind", note="Staff shortage")
    event = AuditEvent.objects.filter(verb=Verb.PLAN_PROGRESS_RECORDED).first()
    assert event.changes == {"status": {"from": "on_track", "to": "behind"}}
    with pytest.raises(ValidationError) as refused:
        services.record_progress(place["icb"], place["se"], action.pk, status="sideways", note="")
    assert set(refused.value.message_dict) == {"status", "note"}
