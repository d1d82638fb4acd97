"""A self-evaluation for the access test's world: every criterion answered, version 1, one document,
one export, a contributor who is the area's director of children's services."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from areasend import framework as fw
from areasend.access.roles import Role
from areasend.selfevaluation import access, services
from tests.factories import make_user


def answer_everything(actor, self_evaluation, view="strength"):
    for c in fw.CRITERIA:
        services.save_entry(actor, self_evaluation, c.id, what_we_know=f"What we know about {c.id}",
                            how_we_know=f"How we know {c.id}", next_twelve_months=f"Next for {c.id}",
                            view=view, reasons=f"Reasons for {c.id}")


def build(world) -> dict:
    if "self_evaluation" in world:
        return world["self_evaluation"]
    lano = world["people"]["own_lano"]
    self_evaluation = access._fetch(world["area"].ons_code)
    contributor = world["people"].get("contributor") or make_user(Role.LOCAL_AREA_CONTRIBUTOR, username="tcontributor")
    from areasend.selfevaluation.models import Contributor, SelfEvaluation

    saved, _ = SelfEvaluation.objects.get_or_create(area=world["area"])
    Contributor.objects.create(self_evaluation=saved, user=contributor, position="director", added_by=lano)
    world["people"]["contributor"] = contributor
    answer_everything(lano, saved)
    evidence = services.add_document(lano, saved, "I1", title="Annual report", uploaded_file=SimpleUploadedFile(
        "report.pdf", b"%PDF-1.7\n%test\n", content_type="application/pdf"))
    version = services.make_version(lano, saved)
    with override_settings(AREASEND_RUN_EXPORTS_INLINE=True):
        from django.db import transaction

        with transaction.atomic():
            export = services.request_export(lano, saved, version.number, "docx")
    services.make_export(export.pk)
    world["self_evaluation"] = {"se": saved, "evidence": evidence, "version": version, "export": export}
    del self_evaluation
    return world["self_evaluation"]


def selfevaluation_url(name, world) -> str:
    built = build(world)
    code = world["area"].ons_code
    if name == "selfevaluation:index":
        return reverse(name)
    if name == "selfevaluation:shared":
        return reverse(name, args=[world["inspection"].pk])
    if name == "selfevaluation:criterion":
        return reverse(name, args=[code, "I1"])
    if name == "selfevaluation:evidence-file":
        return reverse(name, args=[code, built["evidence"].pk])
    if name in ("selfevaluation:version", "selfevaluation:share", "selfevaluation:export"):
        return reverse(name, args=[code, built["version"].number])
    if name == "selfevaluation:export-file":
        return reverse(name, args=[code, built["export"].pk])
    return reverse(name, args=[code])
