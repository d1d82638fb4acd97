from django.conf import settings
from django.db import models

from areasend.inspections.models import Inspection


class TrackingSelection(models.Model):
    """The tracking cases of one inspection: proposed by the core's rules, changed by the lead, sent to the LANO."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Proposed, not yet sent"
        SENT = "sent", "Sent to the nominated officer"

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="tracking_selection")
    person_level_return = models.ForeignKey("intake.PersonLevelReturn", on_delete=models.PROTECT, related_name="+")
    seed = models.IntegerField()
    ages_on = models.DateField(help_text="The day ages were taken on.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reasons = models.JSONField(default=list, help_text="Why the set as a whole is as it is.")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    arrange_by = models.DateField(null=True, blank=True)


class TrackingCase(models.Model):
    """One child or young person chosen for tracking, named by their row in the return and its pseudonym.

    ``facts`` keeps what the choice was made on (age, need, support, setting, services), so that the case
    reads the same if a later return replaces the one it came from.
    """

    selection = models.ForeignKey(TrackingSelection, on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveSmallIntegerField()
    record_id_at_choice = models.PositiveIntegerField()
    row = models.PositiveIntegerField()
    pseudonym = models.CharField(max_length=24)
    facts = models.JSONField(default=dict)
    reasons = models.JSONField(default=list)
    override_reason = models.TextField(blank=True, help_text="Why the lead kept a swap that breaks a rule.")
    coordinator_name = models.CharField(max_length=200, blank=True)
    coordinator_email = models.EmailField(blank=True)
    family_meeting_date = models.DateField(null=True, blank=True)
    family_meeting_time = models.TimeField(null=True, blank=True)
    practitioners_meeting_date = models.DateField(null=True, blank=True)
    practitioners_meeting_time = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ["selection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "position"], name="tracking_case_position_once"),
            models.UniqueConstraint(fields=["selection", "pseudonym"], name="tracking_case_child_once"),
        ]

    @property
    def arranged(self) -> bool:
        return bool(self.coordinator_name and self.family_meeting_date and self.practitioners_meeting_date)
