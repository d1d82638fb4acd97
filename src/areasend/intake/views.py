"""The information request's pages: each item, its versions, an upload, and a download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from areasend.access.capabilities import Capability as C
from areasend.inspections import access, information as items
from areasend.intake import queries, services
from areasend.intake.forms import InformationUploadForm


def _apply_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@access.inspection_page(GET=C.SEE_INFORMATION, POST=C.UPLOAD_INFORMATION)
def information(request, inspection):
    """The information request: each item, its versions, and an upload for the local area."""
    can_upload = access.can(request.user, inspection, C.UPLOAD_INFORMATION)
    failed = None
    if request.method == "POST":
        item_key = request.POST.get("item", "")
        # The person-level data has its own page, which checks the file before loading it.
        if item_key not in {item.key for item in items.items_for(inspection) if not item.person_level}:
            raise Http404("No such item")
        failed = InformationUploadForm(request.POST, request.FILES, prefix=item_key)
        if failed.is_valid():
            try:
                upload = services.upload_information(
                    request.user, inspection, item_key=item_key, uploaded_file=failed.cleaned_data["file"]
                )
            except ValidationError as exc:
                _apply_errors(failed, exc)
            else:
                messages.success(request, f"{items.ITEMS_BY_KEY[item_key].label}: version {upload.version} uploaded.")
                return redirect("inspections:information", pk=inspection.pk)
    forms_by_item = {
        item.key: failed if failed is not None and failed.prefix == item.key else InformationUploadForm(prefix=item.key)
        for item in items.items_for(inspection)
    }
    services.record_view(request.user, inspection, "the information request")
    return render(
        request,
        "intake/information.html",
        {
            "inspection": inspection,
            "items": items.items_for(inspection),
            "uploads": queries.uploads_by_item(inspection),
            "forms_by_item": forms_by_item,
            "form": failed,
            "can_upload": can_upload,
            "max_mb": items.MAX_UPLOAD_BYTES // (1024 * 1024),
            "is_team_view": access.can(request.user, inspection, C.SEE_TEAM_VIEW),
            "nav_section": "inspections",
        },
    )


@access.inspection_page(GET=C.SEE_INFORMATION)
def information_file(request, inspection, upload_id: int):
    """One uploaded file, served only to the team and the LANO, as a download."""
    upload, handle = services.open_information(request.user, inspection, upload_id)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{upload.item_key}-v{upload.version}.{upload.kind}",
        content_type=items.CONTENT_TYPES[upload.kind],
    )
    response["Cache-Control"] = "private, no-store"
    return response
