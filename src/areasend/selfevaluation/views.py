"""The self-evaluation's pages. Thin: the gate fetches and checks, services write, queries read."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from areasend import framework as fw
from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.framework import selfevaluation as core
from areasend.inspections import access as inspection_access, information
from areasend.selfevaluation import access, forms, queries, services

CONTENT_TYPES = information.CONTENT_TYPES


def _apply(form, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def _context(request, self_evaluation, **extra):
    return {
        "se": self_evaluation, "area": self_evaluation.area, "nav_section": "self_evaluation",
        "can_edit": access.can(request.user, self_evaluation, C.EDIT_SELF_EVALUATION),
        "can_invite": access.can(request.user, self_evaluation, C.INVITE_CONTRIBUTORS),
        "can_make_version": access.can(request.user, self_evaluation, C.MAKE_SELF_EVALUATION_VERSION),
        **extra,
    }


@gate.page(GET=C.SEE_SELF_EVALUATIONS)
def index(request):
    return render(request, "selfevaluation/index.html", {"areas": access.areas_of(request.user), "nav_section": "self_evaluation"})


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION, POST=C.MAKE_SELF_EVALUATION_VERSION)
def overview(request, self_evaluation):
    form = forms.VersionForm(request.POST or None) if request.method == "POST" else forms.VersionForm()
    if request.method == "POST" and form.is_valid():
        try:
            version = services.make_version(request.user, self_evaluation, note=form.cleaned_data["note"])
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Version {version.number} made. The director of children's services and the "
                                      "integrated care board representative can now sign it off.")
            return redirect("selfevaluation:version", code=self_evaluation.area.ons_code, number=version.number)
    services.record_view(request.user, self_evaluation, "the self-evaluation")
    versions = queries.versions(self_evaluation)
    return render(request, "selfevaluation/overview.html", _context(
        request, self_evaluation, rows=queries.criterion_rows(self_evaluation), versions=versions,
        signed={v.pk: services.signed_positions(v) for v in versions}, signatories=core.SIGNATORIES,
        form=form if form.is_bound else None, version_form=form, contributors=queries.contributors(self_evaluation),
    ))


def _criterion_or_404(criterion: str) -> fw.Criterion:
    if criterion not in services.CRITERIA_IDS:
        raise Http404("No such criterion")
    return fw.criterion(criterion)


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION, POST=C.EDIT_SELF_EVALUATION)
def criterion(request, self_evaluation, criterion: str):
    item = _criterion_or_404(criterion)
    entry = queries.entry(self_evaluation, item.id)
    initial = {k: getattr(entry, k) for k in services.ENTRY_FIELDS} if entry else {}
    entry_form, figure_form = forms.EntryForm(initial=initial), forms.FigureForm(prefix="figure")
    document_form, comment_form = forms.DocumentForm(prefix="document"), forms.CommentForm(prefix="comment")
    failed = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        here = redirect("selfevaluation:criterion", code=self_evaluation.area.ons_code, criterion=item.id)
        try:
            if action == "answers":
                failed = entry_form = forms.EntryForm(request.POST)
                if entry_form.is_valid():
                    services.save_entry(request.user, self_evaluation, item.id, **entry_form.cleaned_data)
                    messages.success(request, f"{item.id} saved.")
                    return here
            elif action == "figure":
                failed = figure_form = forms.FigureForm(request.POST, prefix="figure")
                if figure_form.is_valid():
                    services.add_figure(request.user, self_evaluation, item.id, **figure_form.cleaned_data)
                    messages.success(request, "Figure added as evidence.")
                    return here
            elif action == "document":
                failed = document_form = forms.DocumentForm(request.POST, request.FILES, prefix="document")
                if document_form.is_valid():
                    evidence = services.add_document(request.user, self_evaluation, item.id, title=document_form.cleaned_data["title"],
                                                     uploaded_file=document_form.cleaned_data["file"])
                    messages.success(request, f"Document {evidence.title} added as evidence.")
                    return here
            elif action == "comment":
                failed = comment_form = forms.CommentForm(request.POST, prefix="comment")
                if comment_form.is_valid():
                    services.add_comment(request.user, self_evaluation, item.id, comment_form.cleaned_data["text"])
                    messages.success(request, "Comment added.")
                    return here
            else:
                raise Http404("No such action")
        except ValidationError as exc:
            _apply(failed, exc)
    services.record_view(request.user, self_evaluation, f"the self-evaluation, {item.id}")
    return render(request, "selfevaluation/criterion.html", _context(
        request, self_evaluation, item=item, entry=entry, entry_form=entry_form, figure_form=figure_form,
        document_form=document_form, comment_form=comment_form, form=failed,
        evidence=queries.evidence_for(self_evaluation, item.id), comments=queries.comments_for(self_evaluation, item.id),
        position=list(fw.CRITERIA).index(item), criteria=fw.CRITERIA,
    ))


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION)
def evidence_file(request, self_evaluation, evidence_id: int):
    evidence, handle = services.open_document(request.user, self_evaluation, evidence_id)
    response = FileResponse(handle, as_attachment=True, filename=evidence.original_name or f"evidence.{evidence.file_kind}",
                            content_type=CONTENT_TYPES.get(evidence.file_kind, "application/octet-stream"))
    response["Cache-Control"] = "private, no-store"
    return response


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION, POST=C.INVITE_CONTRIBUTORS)
def people(request, self_evaluation):
    form = forms.InviteForm(request.POST) if request.method == "POST" else forms.InviteForm()
    if request.method == "POST" and form.is_valid():
        try:
            contributor = services.invite_contributor(request.user, self_evaluation, **form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"{contributor.user} invited. They will get an email with a link to set a password.")
            return redirect("selfevaluation:people", code=self_evaluation.area.ons_code)
    lano = access.current_inspection(self_evaluation.area)
    return render(request, "selfevaluation/people.html", _context(
        request, self_evaluation, contributors=queries.contributors(self_evaluation), invite_form=form,
        form=form if form.is_bound else None, lano=lano.lano if lano is not None else None,
    ))


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION, POST=C.SIGN_OFF_SELF_EVALUATION)
def version(request, self_evaluation, number: int):
    found = services.version_of(self_evaluation, number)
    form = forms.SignForm(request.POST) if request.method == "POST" else forms.SignForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_off(request.user, self_evaluation, number, name=form.cleaned_data["name"])
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"You signed off version {number}.")
            return redirect("selfevaluation:version", code=self_evaluation.area.ons_code, number=number)
    previous, changes = queries.changes_since_previous(found)
    signed = services.signed_positions(found)
    position = services.position_of(request.user, self_evaluation)
    latest = queries.versions(self_evaluation)[0]
    services.record_view(request.user, self_evaluation, f"the self-evaluation, version {number}")
    from areasend.selfevaluation import documents

    return render(request, "selfevaluation/version.html", _context(
        request, self_evaluation, version=found, previous=previous, changes=changes,
        sections=documents.sections(found.content), sign_offs=list(found.sign_offs.select_related("user")),
        missing=core.missing_signatories(signed), is_latest=latest.pk == found.pk,
        can_sign=(position in core.SIGNATORIES and position not in signed and latest.pk == found.pk
                  and access.can(request.user, self_evaluation, C.SIGN_OFF_SELF_EVALUATION)),
        can_share=access.can(request.user, self_evaluation, C.SHARE_SELF_EVALUATION) and not core.missing_signatories(signed),
        shares=list(found.shares.select_related("inspection")), exports=queries.exports_of(found),
        sign_form=form, form=form if form.is_bound else None, position=position,
    ))


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION, POST=C.SHARE_SELF_EVALUATION)
def share(request, self_evaluation, number: int):
    found = services.version_of(self_evaluation, number)
    inspection = access.current_inspection(self_evaluation.area)
    problem = None
    if request.method == "POST":
        try:
            services.share(request.user, self_evaluation, number)
        except ValidationError as exc:
            problem = " ".join(" ".join(v) for v in exc.message_dict.values())
        else:
            messages.success(request, f"Version {number} shared with the inspection team. It is now the self-evaluation "
                                      "item of the information request.")
            return redirect("selfevaluation:version", code=self_evaluation.area.ons_code, number=number)
    return render(request, "selfevaluation/share.html", _context(
        request, self_evaluation, version=found, inspection=inspection, problem=problem,
    ))


@access.self_evaluation_page(POST=C.SEE_SELF_EVALUATION)
def export(request, self_evaluation, number: int):
    try:
        made = services.request_export(request.user, self_evaluation, number, request.POST.get("format", ""))
    except ValidationError:
        messages.error(request, "Choose Word document or PDF")
    else:
        messages.success(request, f"The {made.get_format_display()} is being made. It appears below when it is ready: "
                                  "refresh the page to check.")
    return redirect("selfevaluation:version", code=self_evaluation.area.ons_code, number=number)


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION)
def export_file(request, self_evaluation, export_id: int):
    made, handle = services.open_export(request.user, self_evaluation, export_id)
    slug = self_evaluation.area.name.lower().replace(" ", "-")
    response = FileResponse(handle, as_attachment=True, filename=f"self-evaluation-{slug}-version-{made.version.number}.{made.format}",
                            content_type=CONTENT_TYPES[made.format])
    response["Cache-Control"] = "private, no-store"
    return response


@access.self_evaluation_page(GET=C.SEE_SELF_EVALUATION, POST=C.EDIT_SELF_EVALUATION)
def plan(request, self_evaluation):
    action_form, failed, failed_action = forms.ActionForm(prefix="action"), None, None
    if request.method == "POST":
        here = redirect("selfevaluation:plan", code=self_evaluation.area.ons_code)
        kind = request.POST.get("action", "")
        try:
            if kind == "add":
                failed = action_form = forms.ActionForm(request.POST, prefix="action")
                if action_form.is_valid():
                    services.add_action(request.user, self_evaluation, **action_form.cleaned_data)
                    messages.success(request, "Action added to the strategic plan.")
                    return here
            elif kind == "progress":
                action_id = int(request.POST.get("action_id", "0") or 0)
                failed = forms.ProgressForm(request.POST, prefix=f"progress-{action_id}")
                failed_action = action_id
                if failed.is_valid():
                    services.record_progress(request.user, self_evaluation, action_id, **failed.cleaned_data)
                    messages.success(request, "Progress recorded.")
                    return here
            else:
                raise Http404("No such action")
        except ValidationError as exc:
            _apply(failed, exc)
        except ValueError:
            raise Http404("No such action") from None
    actions = queries.actions(self_evaluation)
    progress_forms = {a.pk: (failed if failed_action == a.pk else forms.ProgressForm(prefix=f"progress-{a.pk}")) for a in actions}
    return render(request, "selfevaluation/plan.html", _context(
        request, self_evaluation, actions=actions, action_form=action_form, progress_forms=progress_forms, form=failed,
        labels={"point": {p.value: p.label for p in core.ReportPoint}, "progress": {p.value: p.label for p in core.ActionProgress}},
    ))


@inspection_access.inspection_page(GET=C.READ_SHARED_SELF_EVALUATION)
def shared(request, inspection):
    """The team reads the self-evaluation the area shared, beside its evidence matrix."""
    found = services.read_shared(request.user, inspection)
    has_matrix, comparison = queries.beside_matrix(found.version, inspection) if found else (False, [])
    from areasend.selfevaluation import documents

    return render(request, "selfevaluation/shared.html", {
        "inspection": inspection, "shared": found, "has_matrix": has_matrix, "comparison": comparison,
        "sections": documents.sections(found.version.content) if found else [],
        "sign_offs": list(found.version.sign_offs.all()) if found else [], "nav_section": "inspections",
    })
