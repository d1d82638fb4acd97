"""Every write the self-evaluation makes, each in a transaction with its audit event.

The access gate decides who may do each thing (``access.capabilities.TABLE``); the framework core
(``framework.selfevaluation``) says what is asked of each criterion, who signs off, and what
changed between two versions. Nothing here reads the clock for a rule.
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from areasend import framework as fw
from areasend.access.capabilities import Capability as C
from areasend.access.roles import Role, roles_of
from areasend.accounts import services as audit
from areasend.accounts.models import User, Verb
from areasend.framework import selfevaluation as core
from areasend.inspections import information
from areasend.inspections.queries import Inspection
from areasend.intake.storage import upload_storage
from areasend.notifications import services as notifications
from areasend.selfevaluation import access
from areasend.selfevaluation.models import (
    Comment, Contributor, Entry, Evidence, Export, PlanAction, Progress, SelfEvaluation, Share, SignOff, Version,
)

CRITERIA_IDS = tuple(c.id for c in fw.CRITERIA)
FIGURE_MAX = 100


def _criterion(identifier: str) -> str:
    if identifier not in CRITERIA_IDS:
        raise Http404("No such criterion")
    return identifier


def _saved(self_evaluation: SelfEvaluation) -> SelfEvaluation:
    """The self-evaluation as a saved row, locked for this transaction (made on the area's first write)."""
    row, _ = SelfEvaluation.objects.get_or_create(area=self_evaluation.area)
    return SelfEvaluation.objects.select_for_update().select_related("area").get(pk=row.pk)


# People -------------------------------------------------------------------------------------------


def invite_contributor(actor, self_evaluation: SelfEvaluation, *, name: str, email: str, position: str,
                       job_title: str = "") -> Contributor:
    """The LANO invites a leader of the partnership: an account scoped to this area, and an invitation."""
    access.require(actor, self_evaluation, C.INVITE_CONTRIBUTORS, "Only the local area nominated officer can invite people.")
    name, email, job_title = " ".join(name.split()), email.strip().lower(), " ".join(job_title.split())
    errors = {}
    if not name:
        errors["name"] = "Enter the person's full name"
    if not email or "@" not in email:
        errors["email"] = "Enter an email address in the correct format, like name@example.gov.uk"
    try:
        position = core.Position(position)
    except ValueError:
        errors["position"] = "Select what the person does in the partnership"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        user = User.objects.filter(username=email).first() or User.objects.filter(email__iexact=email).first()
        if user is not None and set(roles_of(user)) - {Role.LOCAL_AREA_CONTRIBUTOR}:
            raise ValidationError({"email": "This email address belongs to someone with another role: enter the leader's own work address."})
        if user is not None and Contributor.objects.filter(self_evaluation=self_evaluation, user=user).exists():
            raise ValidationError({"email": "This person is already invited to the self-evaluation"})
        if position in core.SIGNATORIES and Contributor.objects.filter(self_evaluation=self_evaluation, position=position.value).exists():
            raise ValidationError({"position": f"The {position.label[0].lower() + position.label[1:]} is already invited: "
                                               "only one person signs for each"})
        if user is None:
            first, _, last = name.rpartition(" ")
            first, last = (first, last) if first else (last, "")
            user = User(username=email, email=email, first_name=first[:150], last_name=last[:150])
            user.set_unusable_password()
            user.save()
        audit.grant_role(user, Role.LOCAL_AREA_CONTRIBUTOR, by=actor)
        contributor = Contributor.objects.create(self_evaluation=self_evaluation, user=user, position=position.value,
                                                 job_title=job_title, added_by=actor)
        audit.record(actor, Verb.CONTRIBUTOR_INVITED, target=contributor,
                     summary=f"Invited {name} to the self-evaluation of {self_evaluation.area.name} as {position.label}",
                     person=user.username, position=position.value, area=self_evaluation.area.ons_code)
        if not user.has_usable_password():
            from areasend.inspections.services import invitation_link

            try:
                notifications.send(
                    "self-evaluation-invitation", to=email,
                    personalisation={"name": name, "lano": str(actor), "area": self_evaluation.area.name,
                                     "position": position.label[0].lower() + position.label[1:],
                                     "link": invitation_link(user), "username": user.username},
                    idempotency_key=f"self-evaluation-invitation:{self_evaluation.pk}:{user.pk}:{timezone.localdate().isoformat()}",
                )
            except notifications.DeliveryFailed as exc:
                raise ValidationError({"__all__": f"{exc}. Nothing has been saved: try again in a few minutes."}) from exc
            audit.record(actor, Verb.INVITATION_SENT, target=user, summary=f"Sent {name} an invitation to set a password and sign in",
                         person=user.username, role=Role.LOCAL_AREA_CONTRIBUTOR.value)
    return contributor


def position_of(user, self_evaluation: SelfEvaluation) -> core.Position | None:
    if self_evaluation.pk is None:
        return None
    found = Contributor.objects.filter(self_evaluation=self_evaluation, user=user).values_list("position", flat=True).first()
    return core.Position(found) if found else None


# The draft ----------------------------------------------------------------------------------------

ENTRY_FIELDS = (*core.QUESTION_KEYS, "view", "reasons")


def save_entry(actor, self_evaluation: SelfEvaluation, criterion: str, **values: str) -> Entry:
    """Save one criterion's answers and the area's view; records what changed from what to what."""
    criterion = _criterion(criterion)
    access.require(actor, self_evaluation, C.EDIT_SELF_EVALUATION)
    values = {k: (values.get(k) or "").strip() for k in ENTRY_FIELDS}
    if values["view"] and values["view"] not in {v.value for v in core.AreaView}:
        raise ValidationError({"view": "Select the area's view of this criterion"})
    if values["view"] and not values["reasons"]:
        raise ValidationError({"reasons": "Enter the reasons for the area's view"})
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        entry, _ = Entry.objects.get_or_create(self_evaluation=self_evaluation, criterion=criterion)
        changed = audit.changes(**{k: (getattr(entry, k), values[k]) for k in ENTRY_FIELDS})
        if not changed:
            return entry
        for key, value in values.items():
            setattr(entry, key, value)
        entry.updated_by = actor
        entry.save()
        audit.record(actor, Verb.SELF_EVALUATION_CHANGED, target=entry, changed=changed,
                     summary=f"Changed {criterion} of the self-evaluation of {self_evaluation.area.name}",
                     criterion=criterion, area=self_evaluation.area.ons_code)
    return entry


EVIDENCE_ITEM = information.InformationItem("self_evaluation_evidence", "Evidence", "", information.DOCUMENT + information.SPREADSHEET)


def add_document(actor, self_evaluation: SelfEvaluation, criterion: str, *, title: str, uploaded_file) -> Evidence:
    """A document as evidence for one criterion, kept in the uploads storage; its kind is read from its content."""
    criterion = _criterion(criterion)
    access.require(actor, self_evaluation, C.EDIT_SELF_EVALUATION)
    title = " ".join((title or "").split())
    if uploaded_file is None:
        raise ValidationError({"file": "Select a file"})
    name = (uploaded_file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    try:
        kind = information.check_upload(EVIDENCE_ITEM, name, uploaded_file.size or 0, uploaded_file)
    except information.UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    storage = upload_storage()
    stored = storage.save(f"self-evaluation-{self_evaluation.area.ons_code}/evidence-{uuid.uuid4().hex}.{kind}", uploaded_file)
    try:
        with transaction.atomic():
            self_evaluation = _saved(self_evaluation)
            evidence = Evidence.objects.create(
                self_evaluation=self_evaluation, criterion=criterion, kind=Evidence.Kind.DOCUMENT, title=title or name,
                stored_name=stored, original_name=name, file_kind=kind, size=uploaded_file.size, sha256=digest.hexdigest(),
                added_by=actor)
            audit.record(actor, Verb.SELF_EVALUATION_EVIDENCE_ADDED, target=evidence,
                         summary=f"Added the document {evidence.title} to {criterion} of the self-evaluation",
                         criterion=criterion, evidence="document", size=evidence.size, sha256=evidence.sha256)
    except BaseException:
        storage.delete(stored)
        raise
    return evidence


def add_figure(actor, self_evaluation: SelfEvaluation, criterion: str, *, title: str, figure: str, source: str) -> Evidence:
    """A figure as evidence for one criterion, with where it comes from."""
    criterion = _criterion(criterion)
    access.require(actor, self_evaluation, C.EDIT_SELF_EVALUATION)
    title, figure, source = (" ".join((v or "").split()) for v in (title, figure, source))
    errors = {}
    if not title:
        errors["title"] = "Enter what the figure measures"
    if not figure:
        errors["figure"] = "Enter the figure"
    elif len(figure) > FIGURE_MAX:
        errors["figure"] = f"The figure must be {FIGURE_MAX} characters or fewer"
    if not source:
        errors["source"] = "Enter where the figure comes from, for example the person-level data of March 2026"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        evidence = Evidence.objects.create(self_evaluation=self_evaluation, criterion=criterion, kind=Evidence.Kind.FIGURE,
                                           title=title[:200], figure=figure, source=source[:300], added_by=actor)
        audit.record(actor, Verb.SELF_EVALUATION_EVIDENCE_ADDED, target=evidence,
                     summary=f"Added the figure {title} to {criterion} of the self-evaluation",
                     criterion=criterion, evidence="figure", figure=figure, source=source)
    return evidence


def open_document(actor, self_evaluation: SelfEvaluation, evidence_id: int):
    access.require(actor, self_evaluation, C.SEE_SELF_EVALUATION)
    evidence = Evidence.objects.filter(self_evaluation=self_evaluation, pk=evidence_id, kind=Evidence.Kind.DOCUMENT).first()
    if evidence is None:
        raise Http404("No file here")
    audit.record_download(actor, f"the self-evaluation evidence {evidence.title}", file_format=evidence.file_kind,
                          target=evidence, criterion=evidence.criterion)
    return evidence, upload_storage().open(evidence.stored_name, "rb")


def add_comment(actor, self_evaluation: SelfEvaluation, criterion: str, text: str) -> Comment:
    criterion = _criterion(criterion)
    access.require(actor, self_evaluation, C.EDIT_SELF_EVALUATION)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter your comment"})
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        comment = Comment.objects.create(self_evaluation=self_evaluation, criterion=criterion, author=actor, text=text)
        audit.record(actor, Verb.SELF_EVALUATION_COMMENTED, target=comment,
                     summary=f"Commented on {criterion} of the self-evaluation", criterion=criterion)
    return comment


# Versions, sign-off and sharing --------------------------------------------------------------------


def draft_content(self_evaluation: SelfEvaluation) -> dict:
    """The working draft as a version keeps it: every criterion, its answers, view, reasons and evidence."""
    entries = {e.criterion: e for e in Entry.objects.filter(self_evaluation=self_evaluation)} if self_evaluation.pk else {}
    evidence = list(Evidence.objects.filter(self_evaluation=self_evaluation)) if self_evaluation.pk else []
    criteria = {}
    for item in fw.CRITERIA:
        entry = entries.get(item.id)
        criteria[item.id] = {
            **{k: (getattr(entry, k) if entry else "") for k in ENTRY_FIELDS},
            "evidence": [
                {"kind": e.kind, "title": e.title, "figure": e.figure, "source": e.source, "file": e.original_name}
                for e in evidence if e.criterion == item.id
            ],
        }
    return {"criteria": criteria}


def make_version(actor, self_evaluation: SelfEvaluation, *, note: str = "") -> Version:
    """Freeze the draft as the next version: it can then be compared, signed off and shared."""
    access.require(actor, self_evaluation, C.MAKE_SELF_EVALUATION_VERSION,
                   "Only the local area nominated officer can make a version.")
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        content = draft_content(self_evaluation)
        missing = core.unanswered(content)
        if missing:
            raise ValidationError({"__all__": "Answer the three questions and record the area's view for every criterion "
                                              f"before making a version. Still to do: {', '.join(missing)}"})
        latest = Version.objects.filter(self_evaluation=self_evaluation).order_by("-number").first()
        if latest is not None and latest.content == content:
            raise ValidationError({"__all__": f"Nothing has changed since version {latest.number}"})
        version = Version.objects.create(self_evaluation=self_evaluation, number=(latest.number + 1) if latest else 1,
                                         content=content, note=" ".join((note or "").split())[:300], made_by=actor)
        changes = core.changes_between(latest.content if latest else {}, content)
        audit.record(actor, Verb.SELF_EVALUATION_VERSION_MADE, target=version,
                     summary=f"Made version {version.number} of the self-evaluation of {self_evaluation.area.name}",
                     version=version.number, changed_criteria=sorted({c.criterion for c in changes}))
    return version


def version_of(self_evaluation: SelfEvaluation, number: int) -> Version:
    version = Version.objects.filter(self_evaluation=self_evaluation, number=number).first() if self_evaluation.pk else None
    if version is None:
        raise Http404("No such version")
    return version


def sign_off(actor, self_evaluation: SelfEvaluation, number: int, *, name: str) -> SignOff:
    """The director of children's services or the ICB representative signs a version, by name."""
    access.require(actor, self_evaluation, C.SIGN_OFF_SELF_EVALUATION)
    position = position_of(actor, self_evaluation)
    if position not in core.SIGNATORIES:
        raise PermissionDenied("Only the director of children's services and the ICB representative sign off the self-evaluation.")
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "Enter your full name to sign"})
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        version = version_of(self_evaluation, number)
        latest = Version.objects.filter(self_evaluation=self_evaluation).order_by("-number").first()
        if latest.pk != version.pk:
            raise ValidationError({"__all__": f"Version {number} is not the latest: sign version {latest.number} instead"})
        if SignOff.objects.filter(version=version, position=position.value).exists():
            raise ValidationError({"__all__": f"Version {number} is already signed for the {position.label.lower()}"})
        signed = SignOff.objects.create(version=version, position=position.value, user=actor, name=name[:200])
        audit.record(actor, Verb.SELF_EVALUATION_SIGNED_OFF, target=version,
                     summary=f"Signed off version {number} of the self-evaluation as {position.label}",
                     version=number, position=position.value, name=name)
    return signed


def signed_positions(version: Version) -> frozenset[core.Position]:
    return frozenset(core.Position(p) for p in version.sign_offs.values_list("position", flat=True))


def is_signed_off(version: Version) -> bool:
    return not core.missing_signatories(signed_positions(version))


def share(actor, self_evaluation: SelfEvaluation, number: int) -> Share:
    """The LANO shares a signed-off version with the team of the area's current inspection.

    The version becomes the self-evaluation item of that inspection's information request: a PDF of
    it is made in the background and uploaded as the item's next version.
    """
    access.require(actor, self_evaluation, C.SHARE_SELF_EVALUATION, "Only the local area nominated officer can share the self-evaluation.")
    inspection = access.current_inspection(self_evaluation.area)
    if inspection is None or inspection.lano_id != actor.pk:
        raise PermissionDenied("You are not the nominated officer of an inspection of this area.")
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        version = version_of(self_evaluation, number)
        missing = core.missing_signatories(signed_positions(version))
        if missing:
            raise ValidationError({"__all__": f"Version {number} still needs signing by the "
                                              + " and the ".join(p.label.lower() for p in missing)})
        if Share.objects.filter(version=version, inspection=inspection).exists():
            raise ValidationError({"__all__": f"Version {number} is already shared with the inspection team"})
        shared = Share.objects.create(version=version, inspection=inspection, shared_by=actor)
        audit.record(actor, Verb.SELF_EVALUATION_SHARED, inspection=inspection, target=version,
                     summary=f"Shared version {number} of the self-evaluation with the inspection team", version=number)
        _start(lambda: _queue_share(shared.pk), lambda: put_in_information_request(shared.pk))
    return shared


def _inline() -> bool:
    return bool(getattr(settings, "AREASEND_RUN_EXPORTS_INLINE", False))


def _start(enqueue, run_now):
    if _inline():
        transaction.on_commit(run_now)
    else:
        transaction.on_commit(enqueue)


def _queue_share(share_pk: int):
    from areasend.selfevaluation.tasks import share_into_information_request

    share_into_information_request.enqueue(share_pk)


def put_in_information_request(share_pk: int) -> int | None:
    """Make the shared version's PDF and upload it as the information request's self-evaluation item.

    Safe to run again: a share already uploaded (an upload of the item carrying its marker) is left alone.
    """
    from django.core.files.base import ContentFile

    from areasend.intake import queries as intake_queries
    from areasend.intake import services as intake
    from areasend.selfevaluation import documents

    shared = Share.objects.select_related("version__self_evaluation__area", "inspection", "shared_by").filter(pk=share_pk).first()
    if shared is None:
        return None
    marker = f"self-evaluation-version-{shared.version.number}-share-{shared.pk}.pdf"
    for upload in intake_queries.uploads_by_item(shared.inspection).get("self_evaluation", []):
        if upload.original_name == marker:
            return upload.pk
    pdf = documents.pdf(shared.version, signatures=list(shared.version.sign_offs.all()))
    upload = intake.upload_information(shared.shared_by, shared.inspection, item_key="self_evaluation",
                                       uploaded_file=ContentFile(pdf, name=marker))
    return upload.pk


def shared_with(inspection: Inspection) -> Share | None:
    return Share.objects.select_related("version__self_evaluation__area").filter(inspection=inspection).first()


def read_shared(actor, inspection: Inspection) -> Share | None:
    """The version shared with ``inspection``, for its team and its LANO; the read is recorded."""
    from areasend.inspections import access as inspection_access

    inspection_access.require(actor, inspection, C.READ_SHARED_SELF_EVALUATION)
    shared = shared_with(inspection)
    if shared is not None:
        audit.record_view(actor, f"the self-evaluation, version {shared.version.number}", inspection=inspection,
                          target=shared.version)
    return shared


# Exports ------------------------------------------------------------------------------------------


def request_export(actor, self_evaluation: SelfEvaluation, number: int, file_format: str) -> Export:
    access.require(actor, self_evaluation, C.SEE_SELF_EVALUATION)
    if file_format not in Export.Format.values:
        raise ValidationError({"format": "Choose Word document or PDF"})
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        version = version_of(self_evaluation, number)
        export = Export.objects.create(version=version, format=file_format, requested_by=actor)
        audit.record(actor, Verb.EXPORT_REQUESTED, target=export,
                     summary=f"Asked for version {number} of the self-evaluation as {export.get_format_display()}",
                     version=number, format=file_format)
        _start(lambda: _queue_export(export.pk), lambda: make_export(export.pk))
    return export


def _queue_export(export_pk: int):
    from areasend.selfevaluation.tasks import make_self_evaluation_export

    make_self_evaluation_export.enqueue(export_pk)


def make_export(export_pk: int) -> str:
    """Make the file of one export; does nothing for an export already made. Returns its status."""
    from areasend.selfevaluation import documents

    with transaction.atomic():
        export = Export.objects.select_for_update().filter(pk=export_pk).first()
        if export is None:
            return "missing"
        if export.status != Export.Status.QUEUED:
            return export.status
    export = Export.objects.select_related("version__self_evaluation__area").get(pk=export_pk)
    signatures = list(export.version.sign_offs.all())
    try:
        data = documents.docx(export.version, signatures) if export.format == "docx" else documents.pdf(export.version, signatures)
    except Exception as exc:  # the page says it could not be made, and why, rather than spinning forever
        Export.objects.filter(pk=export_pk).update(status=Export.Status.FAILED, error=exc.__class__.__name__[:300],
                                                   finished_at=timezone.now())
        raise
    from django.core.files.base import ContentFile

    storage = upload_storage()
    stored = storage.save(f"self-evaluation-{export.version.self_evaluation.area.ons_code}/export-{export.pk}.{export.format}",
                          ContentFile(data))
    Export.objects.filter(pk=export_pk, status=Export.Status.QUEUED).update(status=Export.Status.DONE, stored_name=stored,
                                                                           finished_at=timezone.now())
    return Export.Status.DONE


def open_export(actor, self_evaluation: SelfEvaluation, export_id: int):
    access.require(actor, self_evaluation, C.SEE_SELF_EVALUATION)
    export = Export.objects.select_related("version").filter(pk=export_id, version__self_evaluation=self_evaluation,
                                                              status=Export.Status.DONE).first()
    if export is None:
        raise Http404("No file here")
    audit.record_export(actor, f"the self-evaluation, version {export.version.number}", file_format=export.format,
                        target=export.version, version=export.version.number)
    return export, upload_storage().open(export.stored_name, "rb")


# Between inspections: the strategic plan ---------------------------------------------------------


def add_action(actor, self_evaluation: SelfEvaluation, *, title: str, criteria: list[str], report_point: str,
               report_text: str, owner: str, due) -> PlanAction:
    access.require(actor, self_evaluation, C.EDIT_SELF_EVALUATION)
    title, owner, report_text = " ".join((title or "").split()), " ".join((owner or "").split()), (report_text or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter the action"
    criteria = [c for c in CRITERIA_IDS if c in set(criteria or [])]
    if not criteria:
        errors["criteria"] = "Select the criteria the action is for"
    if report_point not in {p.value for p in core.ReportPoint}:
        errors["report_point"] = "Select what in the last report the action answers"
    elif report_point != core.ReportPoint.NONE.value and not report_text:
        errors["report_text"] = "Enter the improvement or priority action as the report put it"
    if not owner:
        errors["owner"] = "Enter who is responsible for the action"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        action = PlanAction.objects.create(self_evaluation=self_evaluation, title=title[:300], criteria=criteria,
                                           report_point=report_point, report_text=report_text if report_point != "none" else "",
                                           owner=owner[:200], due=due, created_by=actor)
        audit.record(actor, Verb.PLAN_ACTION_ADDED, target=action, summary=f"Added the strategic plan action {title}",
                     criteria=criteria, report_point=report_point, owner=owner, due=due)
    return action


def record_progress(actor, self_evaluation: SelfEvaluation, action_id: int, *, status: str, note: str) -> Progress:
    access.require(actor, self_evaluation, C.EDIT_SELF_EVALUATION)
    errors = {}
    if status not in {p.value for p in core.ActionProgress}:
        errors["status"] = "Select how the action is going"
    note = (note or "").strip()
    if not note:
        errors["note"] = "Enter what has happened since the last update"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        self_evaluation = _saved(self_evaluation)
        action = PlanAction.objects.filter(self_evaluation=self_evaluation, pk=action_id).first()
        if action is None:
            raise Http404("No such action")
        before = action.progress.first()
        progress = Progress.objects.create(action=action, status=status, note=note, recorded_by=actor)
        audit.record(actor, Verb.PLAN_PROGRESS_RECORDED, target=action,
                     summary=f"Recorded progress on {action.title}",
                     changed=audit.changes(status=(before.status if before else None, status)))
    return progress


def record_view(actor, self_evaluation: SelfEvaluation, what: str) -> None:
    audit.record_view(actor, what, target=self_evaluation if self_evaluation.pk else None,
                      area=self_evaluation.area.ons_code)
