"""Sampling visits: the local area's providers file, read by the shared checked reader; the team's chosen
visits, each put on the on-site timetable; and the framework core's coverage check of what is missing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from areasend import framework as fw
from areasend.access.capabilities import Capability
from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.framework.tracking import HealthTier, Sector, Stage
from areasend.inspections import access
from areasend.inspections import services as inspection_services
from areasend.inspections.models import Inspection
from areasend.intake.tables import CellError, Column, read_table, text, yes_no
from areasend.tracking.models import Provider, ProvidersFile, SamplingVisit

SECTORS = {sector.value: sector for sector in Sector}
TIERS = {tier.value: tier for tier in HealthTier}
STAGES = {stage.value: stage for stage in Stage}
#: The timetable's kind of visit for each sector.
VISIT_KINDS = {Sector.EDUCATION: "education", Sector.HEALTH: "health", Sector.SOCIAL_CARE: "social_care",
               Sector.EARLY_HELP: "early_help"}


def _choice(options: dict, what: str):
    def parse(value: str):
        value = " ".join(value.strip().lower().split())
        if not value:
            return None
        if value not in options:
            raise CellError(f"{value!r} is not a {what}: write one of {', '.join(options)}")
        return options[value]
    return parse


def _stages(value: str):
    found = []
    for part in value.split(";"):
        part = " ".join(part.strip().lower().split())
        if not part:
            continue
        if part not in STAGES:
            raise CellError(f"{part!r} is not a stage: write stages from {', '.join(STAGES)}, separated by semicolons")
        found.append(STAGES[part].value)
    return found


COLUMNS = (
    Column("provider_name", text, needs_value=True),
    Column("sector", _choice(SECTORS, "sector"), needs_value=True),
    Column("alternative_provision", yes_no, required=False),
    Column("sen_support", yes_no, required=False),
    Column("health_tier", _choice(TIERS, "health tier"), required=False),
    Column("stages", _stages, required=False),
)


def upload_providers(actor, inspection: Inspection, uploaded_file) -> ProvidersFile:
    """Read the file with the shared reader; a file with any problem is kept with its problems, not loaded."""
    access.require(actor, inspection, Capability.UPLOAD_INFORMATION,
                   "Only the local area nominated officer or the lead inspector can upload the providers file.")
    name = (uploaded_file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    result = read_table(uploaded_file, COLUMNS, name=name)
    problems = [p.to_dict() for p in result.problems]
    providers = []
    for row in result.rows:
        sector = row["sector"]
        try:
            visit = fw.SamplingVisit(row["provider_name"], sector, alternative_provision=bool(row["alternative_provision"]),
                                     includes_sen_support=bool(row["sen_support"]), health_tier=row["health_tier"],
                                     stages=frozenset(Stage(s) for s in row["stages"] or []))
        except fw.FrameworkError as error:
            problems.append({"file": name, "row": row.number, "column": None, "reason": str(error)})
            continue
        providers.append((row.number, visit))
    if not result.rows and not problems:
        problems.append({"file": name, "row": 2, "column": None, "reason": "the file has no providers in it"})
    with transaction.atomic():
        Inspection.objects.select_for_update().get(pk=inspection.pk)
        latest = ProvidersFile.objects.filter(inspection=inspection).order_by("-version").first()
        upload = ProvidersFile.objects.create(inspection=inspection, version=(latest.version + 1) if latest else 1,
                                              original_name=name, uploaded_by=actor,
                                              rows=len(result.rows), problems=problems)
        if not problems:
            Provider.objects.bulk_create(Provider(
                providers_file=upload, row=number, name=visit.reference, sector=visit.sector.value,
                alternative_provision=visit.alternative_provision, sen_support=visit.includes_sen_support,
                health_tier=visit.health_tier.value if visit.health_tier else "",
                stages=sorted(s.value for s in visit.stages)) for number, visit in providers)
        audit.record(actor, Verb.INFORMATION_UPLOADED, inspection=inspection, target=upload,
                     summary=f"Uploaded the providers file, version {upload.version} ({name})"
                             + (f": not loaded, {len(problems)} problems" if problems else f": {len(providers)} providers"),
                     version=upload.version, problems=len(problems))
    return upload


def loaded_file(inspection: Inspection) -> ProvidersFile | None:
    for upload in ProvidersFile.objects.filter(inspection=inspection):
        if upload.loaded:
            return upload
    return None


def _core_visit(provider: Provider) -> fw.SamplingVisit:
    return fw.SamplingVisit(f"{provider.name} (row {provider.row})", Sector(provider.sector),
                            alternative_provision=provider.alternative_provision,
                            includes_sen_support=provider.sen_support,
                            health_tier=HealthTier(provider.health_tier) if provider.health_tier else None,
                            stages=frozenset(Stage(s) for s in provider.stages))


def coverage(inspection: Inspection) -> fw.CheckResult:
    """The core's check of the chosen visits: what the sampling covers and what is missing."""
    chosen = [visit.provider for visit in SamplingVisit.objects.filter(inspection=inspection).select_related("provider")]
    version = fw.get_version(inspection.framework) if inspection.framework else fw.VERSIONS[-1]
    return fw.check_sampling([_core_visit(p) for p in chosen], version)


def choose(actor, inspection: Inspection, provider_id: int, *, day: dt.date | None, start_time=None) -> SamplingVisit:
    """Put a provider on the on-site timetable as a sampling visit, with the person choosing it going."""
    access.require(actor, inspection, Capability.EDIT_TIMETABLE, "Only the inspection team can choose sampling visits.")
    upload = loaded_file(inspection)
    provider = upload.providers.filter(pk=provider_id).first() if upload else None
    if provider is None:
        raise ValidationError({"day": "Choose a provider from the loaded providers file"})
    member = inspection.team.filter(user=actor).first()
    if member is None:
        raise ValidationError({"day": "Only someone on the team can go on a visit"})
    with transaction.atomic():
        visit = inspection_services.add_visit(actor, inspection, details=inspection_services.VisitDetails(
            day=day, start_time=start_time, end_time=None, place=provider.name,
            kind=VISIT_KINDS[Sector(provider.sector)], member_ids=(member.pk,), notes="Sampling visit"))
        return SamplingVisit.objects.create(inspection=inspection, provider=provider, timetable_visit_id=visit.pk,
                                            chosen_by=actor)
