"""The person-level data return's pages: the template, uploads and their checks, problems, and the team's counts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from areasend.access.capabilities import Capability as C
from areasend.framework import person_level as pl
from areasend.inspections import access
from areasend.intake import person_level as checking
from areasend.intake import queries, returns
from areasend.intake.forms import PersonLevelUploadForm


def _context(request, inspection, **extra):
    return {"inspection": inspection, "nav_section": "inspections",
            "can_see_rows": access.can(request.user, inspection, C.SEE_PERSON_LEVEL_DATA), **extra}


@access.inspection_page(GET=C.SEE_INFORMATION, POST=C.UPLOAD_INFORMATION)
def person_level(request, inspection):
    """The template, an upload for the local area, and every version with how its check went."""
    form = PersonLevelUploadForm()
    if request.method == "POST":
        form = PersonLevelUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload = returns.upload_return(request.user, inspection, form.cleaned_data["file"])
            except ValidationError as exc:
                for message in exc.message_dict.get("file", []):
                    form.add_error("file", message)
            else:
                return redirect("intake:person-level-version", pk=inspection.pk, version=upload.version)
    returns.record_page_view(request.user, inspection, "the person-level data versions")
    return render(request, "intake/person_level.html", _context(
        request, inspection, form=form if form.is_bound else None, upload_form=form,
        versions=queries.returns_for(inspection), schema=pl.CURRENT_SCHEMA,
        can_upload=access.can(request.user, inspection, C.UPLOAD_INFORMATION),
        max_mb=checking.MAX_BYTES // (1024 * 1024)))


@access.inspection_page(GET=C.SEE_INFORMATION)
def person_level_version(request, inspection, version: int):
    """One version: its check's progress, or its problems (the first 1,000), or what was loaded."""
    upload = returns.get_return(request.user, inspection, version)
    returns.record_page_view(request.user, inspection, f"person-level data version {upload.version}")
    return render(request, "intake/person_level_version.html", _context(
        request, inspection, upload=upload, problems=queries.shown_problems(upload, checking.SHOWN_PROBLEMS),
        shown_limit=checking.SHOWN_PROBLEMS,
        can_upload=access.can(request.user, inspection, C.UPLOAD_INFORMATION)))


@access.inspection_page(GET=C.SEE_INFORMATION)
def person_level_problems(request, inspection, version: int):
    upload = returns.get_return(request.user, inspection, version)
    response = HttpResponse(returns.problems_csv(request.user, inspection, upload), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-level-data-v{upload.version}-problems.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@access.inspection_page(GET=C.SEE_INFORMATION)
def person_level_template(request, inspection, file_format: str):
    if file_format not in returns.FORMATS:
        raise Http404("No such format")
    response = HttpResponse(returns.template(file_format, request.user, inspection),
                            content_type=returns.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="person-level-data-template.{file_format}"'
    return response


@access.inspection_page(GET=C.SEE_PERSON_LEVEL_DATA)
def person_level_analysis(request, inspection):
    """Counts from the loaded return, set against the area's published totals: the team only."""
    counts = queries.analysis(inspection, timezone.localdate())
    if counts is not None:
        returns.record_rows_read(request.user, inspection, "counts from the person-level data",
                                 version=counts["upload"].version)
    return render(request, "intake/person_level_analysis.html", _context(request, inspection, counts=counts))
