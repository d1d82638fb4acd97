"""What happens after an inspection: plans and their review, support and challenge, engagement meetings.

Each record names the area and the inspection record (the full inspection whose cycle it belongs
to). Files live outside the web root, as the intake app keeps them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from areasend.areas.models import InspectionRecord, LocalAreaPartnership


class PlanKind(models.TextChoices):
    STRATEGIC_PLAN = "strategic_plan", "Updated SEND strategic plan"
    PRIORITY_ACTION_PLAN = "priority_action_plan", "Priority action plan"
    #: 2016 framework: belongs to the area's 2016 inspection that required one, not to a 2023 cycle.
    WRITTEN_STATEMENT = "written_statement", "Written statement of action"


#: The due item of the framework core's cycle that a submitted plan answers, and the one publishing answers.
SUBMISSION_DUE = {
    PlanKind.STRATEGIC_PLAN: "strategic_plan_update_due",
    PlanKind.PRIORITY_ACTION_PLAN: "priority_action_plan_submission_due",
}
PUBLICATION_DUE = {
    PlanKind.STRATEGIC_PLAN: "strategic_plan_update_due",
    PlanKind.PRIORITY_ACTION_PLAN: "priority_action_plan_publication_due",
}


class PlanVersion(models.Model):
    """One version of a plan the local area submitted; the national team's review and publication on it."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        FURTHER_WORK = "further_work", "Further work needed"
        #: A written statement of action is judged fit or not fit for purpose instead.
        FIT = "fit", "Fit for purpose"
        NOT_FIT = "not_fit", "Not fit for purpose"

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="+")
    record = models.ForeignKey(InspectionRecord, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=PlanKind.choices)
    version = models.PositiveIntegerField()
    stored_name = models.CharField(max_length=200, unique=True)
    original_name = models.CharField(max_length=255)
    file_kind = models.CharField(max_length=10, help_text="Read from the file's content.")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["record", "kind", "version"], name="follow_up_plan_version_once"),
            models.CheckConstraint(condition=models.Q(published_on__isnull=True) | models.Q(decision="accepted"),
                                   name="follow_up_plan_published_only_when_accepted"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} version {self.version} ({self.original_name})"

    @property
    def status(self) -> str:
        if self.published_on:
            return "published"
        return self.decision or "submitted"


class SupportActivity(models.Model):
    """DfE and NHS England support and challenge for an area, as the national team records it."""

    class Kind(models.TextChoices):
        IMPROVEMENT_NOTICE = "improvement_notice", "Improvement notice"
        DEEP_DIVE = "deep_dive", "Deep dive"
        STOCKTAKE = "stocktake", "Stocktake"
        STATUTORY_DIRECTION = "statutory_direction", "Statutory direction"

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="+")
    record = models.ForeignKey(InspectionRecord, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]


class EngagementMeeting(models.Model):
    """One annual engagement meeting between inspections: scheduled, then held with notes."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="+")
    record = models.ForeignKey(InspectionRecord, on_delete=models.CASCADE, related_name="+")
    due_key = models.CharField(max_length=40, help_text="The framework core's key, such as engagement_meeting_1.")
    scheduled_for = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")

    class Meta:
        ordering = ["due_key"]
        constraints = [
            models.UniqueConstraint(fields=["record", "due_key"], name="engagement_meeting_once"),
            models.CheckConstraint(condition=models.Q(held_on__isnull=True) | ~models.Q(notes=""),
                                   name="engagement_meeting_held_has_notes"),
        ]


class Revisit(models.Model):
    """A 2016-framework revisit recorded in the service: its date and a finding on each significant weakness."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="+")
    record = models.OneToOneField(InspectionRecord, on_delete=models.CASCADE, related_name="+",
                                  help_text="The 2016 inspection whose written statement of action was revisited.")
    on = models.DateField(help_text="The date of the revisit's report.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)


class WeaknessFinding(models.Model):
    """Sufficient or insufficient progress on one significant weakness, numbered from 1."""

    revisit = models.ForeignKey(Revisit, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveSmallIntegerField()
    sufficient = models.BooleanField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["revisit", "number"], name="weakness_finding_once"),
        ]


class MinisterEscalation(models.Model):
    """The escalation to the Minister after insufficient progress (or a statement failing twice)."""

    area = models.ForeignKey(LocalAreaPartnership, on_delete=models.CASCADE, related_name="+")
    record = models.ForeignKey(InspectionRecord, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    note = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
