from django.conf import settings
from django.db import models

from areasend.areas.models import Outcome

OUTCOME_CHOICES = Outcome.choices


class Inspection(models.Model):
    """One full or monitoring inspection of a local area partnership, run in this service.

    Dates of milestones are never stored here: they come from the framework core, given the
    notification date and the framework version in force on it.
    """

    class Kind(models.TextChoices):
        FULL = "full", "Full inspection"
        MONITORING = "monitoring", "Monitoring inspection"

    area = models.ForeignKey("areas.LocalAreaPartnership", on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FULL)
    lead_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections_led"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notification_date = models.DateField(null=True, blank=True)
    framework = models.CharField(
        max_length=10, blank=True, help_text="Framework version in force on the notification date."
    )
    outcome = models.PositiveSmallIntegerField(choices=OUTCOME_CHOICES, null=True, blank=True)
    outcome_summary = models.TextField(blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publication_date = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-notification_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(outcome__in=[1, 2, 3]),
                name="inspection_outcome_1_to_3",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(notification_date__isnull=False),
                name="inspection_outcome_needs_notification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.area.name}"
