"""Local area partnerships, the bodies they replaced, and each area's inspection history."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from areasend.framework.kinds import InspectionKind as CoreInspectionKind, RevisitProgress
from areasend.framework.outcomes import Outcome as CoreOutcome
from areasend.framework.versions import VERSIONS


class LocalAreaPartnershipQuerySet(models.QuerySet):
    def current(self) -> "LocalAreaPartnershipQuerySet":
        """Areas that exist today: abolished predecessor bodies are left out."""
        return self.filter(abolished_on__isnull=True)

    def abolished(self) -> "LocalAreaPartnershipQuerySet":
        return self.filter(abolished_on__isnull=False)


class LocalAreaPartnership(models.Model):
    """The partnership around one local authority with SEND duties, matched everywhere on its ONS code.

    Predecessor bodies (a county replaced by unitary authorities) are rows too, with
    ``abolished_on`` set, so that history recorded under their name has somewhere to live.
    """

    ons_code = models.CharField("ONS code", max_length=9, unique=True)
    name = models.CharField(max_length=200)
    region = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=100, blank=True, help_text="Kind of local authority, as the register gives it.")
    ehc_plans = models.PositiveIntegerField("EHC plans", null=True, blank=True)
    ehc_plans_as_at = models.CharField("EHC plans as at", max_length=200, blank=True)
    sen_support_pupils = models.PositiveIntegerField("pupils on SEN support", null=True, blank=True)
    sen_support_as_at = models.CharField("SEN support as at", max_length=200, blank=True)
    school_pupils_with_ehc_plan = models.PositiveIntegerField("school pupils with an EHC plan", null=True, blank=True)
    school_pupils = models.PositiveIntegerField("school pupils", null=True, blank=True)
    abolished_on = models.DateField(null=True, blank=True)

    objects = LocalAreaPartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "local area partnership"
        constraints = [
            models.CheckConstraint(condition=Q(ons_code__regex=r"^E\d{8}$"), name="area_ons_code_format"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.abolished_on is None

    def predecessors(self) -> list["LocalAreaPartnership"]:
        return [s.predecessor for s in self.predecessor_links.select_related("predecessor")]

    def successors(self) -> list["LocalAreaPartnership"]:
        return [s.successor for s in self.successor_links.select_related("successor")]


class Succession(models.Model):
    """A reorganisation: from ``successor_from`` the successor inherits the predecessor's history."""

    predecessor = models.ForeignKey(
        LocalAreaPartnership, on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        LocalAreaPartnership, on_delete=models.CASCADE, related_name="predecessor_links"
    )
    successor_from = models.DateField()

    class Meta:
        ordering = ["successor_from", "successor__name"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.successor} succeeds {self.predecessor} from {self.successor_from:%Y-%m-%d}"


#: The framework versions, from the framework core (``F2016``, ``F2023``, ``F2025``).
Framework = models.TextChoices("Framework", [(f"F{v.id}", (v.id, v.short_name)) for v in VERSIONS])

#: Kinds of inspection activity in an area's history, from the framework core (the order is the register's).
InspectionKind = models.TextChoices(
    "InspectionKind",
    [(k.name, (k.value, k.label)) for k in (CoreInspectionKind.FULL, CoreInspectionKind.REVISIT, CoreInspectionKind.MONITORING)],
)


class DatePrecision(models.TextChoices):
    DAY = "day", "Day known"
    MONTH = "month", "Month known, day not known"
    UNKNOWN = "unknown", "Date not known"


#: The three outcomes, as the framework core defines them (labels are the core's short labels).
Outcome = models.IntegerChoices(
    "Outcome",
    [(o.name, (o.value, o.short_label[:1].upper() + o.short_label[1:])) for o in CoreOutcome],
)


#: A 2016-framework revisit's finding on the weaknesses in the written statement of action (from the core).
SufficientProgress = models.TextChoices("SufficientProgress", [(p.name, (p.value, p.label)) for p in RevisitProgress])


RECORDED_IN_SERVICE = "recorded in areasend"


class InspectionRecordQuerySet(models.QuerySet):
    def visible_on(self, today: dt.date) -> "InspectionRecordQuerySet":
        """Imported history, and inspections recorded in the service whose report is published by ``today``."""
        return self.filter(
            Q(recorded_inspection_id__isnull=True) | Q(published__isnull=False, published__lte=today)
        )

    def for_area_with_inherited(self, area: LocalAreaPartnership) -> "InspectionRecordQuerySet":
        return self.filter(Q(area=area) | Q(area__successor_links__successor=area)).distinct()


class InspectionRecord(models.Model):
    """One event in an area's inspection history: a full inspection, a revisit or a monitoring inspection."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.PROTECT, related_name="inspection_records")
    framework = models.CharField(max_length=4, choices=Framework.choices)
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    start_date = models.DateField(
        null=True, blank=True, help_text="With month precision this is the first of the month; the day is not known."
    )
    start_date_precision = models.CharField(max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY)
    end_date = models.DateField(null=True, blank=True)
    published = models.DateField(null=True, blank=True)
    outcome = models.PositiveSmallIntegerField(choices=Outcome.choices, null=True, blank=True)
    wsoa_required = models.BooleanField("written statement of action required", null=True, blank=True)
    significant_weaknesses = models.PositiveSmallIntegerField(null=True, blank=True)
    sufficient_progress = models.CharField(max_length=4, choices=SufficientProgress.choices, blank=True)
    weaknesses_with_sufficient_progress = models.PositiveSmallIntegerField(null=True, blank=True)
    weaknesses_with_insufficient_progress = models.PositiveSmallIntegerField(null=True, blank=True)
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_by"
    )
    previous_inspection_as_stated = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    recorded_inspection_id = models.PositiveIntegerField(null=True, blank=True)

    objects = InspectionRecordQuerySet.as_manager()

    class Meta:
        ordering = ["area__name", "start_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_inspection_id"],
                condition=Q(recorded_inspection_id__isnull=False),
                name="inspection_record_unique_recorded_inspection",
            ),
            models.UniqueConstraint(
                fields=["area", "kind", "start_date"],
                condition=Q(start_date__isnull=False),
                name="inspection_record_unique_start",
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True) | Q(outcome__in=[o.value for o in CoreOutcome]),
                name="inspection_record_outcome_1_to_3",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True, start_date_precision="unknown")
                | Q(start_date__isnull=False, start_date_precision__in=["day", "month"]),
                name="inspection_record_start_precision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.area.name} ({self.start_date_text})"

    @property
    def start_date_text(self) -> str:
        """The start date as far as it is known, saying plainly what is missing."""
        if self.start_date is None:
            return "Start date not known"
        if self.start_date_precision == DatePrecision.MONTH:
            return f"{self.start_date:%B %Y} (day not known)"
        return f"{self.start_date.day} {self.start_date:%B %Y}"

    @property
    def is_recorded_in_service(self) -> bool:
        return self.recorded_inspection_id is not None


class PublishedPlan(models.Model):
    """A plan the local area has published after an inspection, as the public area page links to it.

    Written by the follow-up app (through ``areas.services.record_published_plan``) when the
    national team accepts a plan and it is published; ``link`` is the path the file is served at.
    """

    class Kind(models.TextChoices):
        STRATEGIC_PLAN = "strategic_plan", "Updated SEND strategic plan"
        PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="published_plans")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    version = models.PositiveIntegerField()
    published_on = models.DateField()
    link = models.CharField(max_length=300)
    source_id = models.PositiveIntegerField(unique=True, help_text="The follow-up app's plan version.")

    class Meta:
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} version {self.version} ({self.area.name})"


class HeldMeeting(models.Model):
    """An engagement meeting held with the area after an inspection, as the public area page lists it:
    which meeting and the day, never its notes.

    Written by the follow-up app (through ``areas.services.record_held_meeting``) when the notes of a
    meeting are recorded; ``source_id`` is that app's meeting.
    """

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="held_meetings")
    record = models.ForeignKey(InspectionRecord, on_delete=models.CASCADE, related_name="+")
    due_key = models.CharField(max_length=40, help_text="The framework core's key, such as engagement_meeting_1.")
    label = models.CharField(max_length=100)
    held_on = models.DateField()
    source_id = models.PositiveIntegerField(unique=True, help_text="The follow-up app's engagement meeting.")

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.label} held on {self.held_on} ({self.area.name})"
