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


class ProvidersFile(models.Model):
    """One version of the local area's list of providers and services, read by the shared checked reader."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="providers_files")
    version = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, help_text="Each problem: row, column, reason. Empty when loaded.")

    class Meta:
        ordering = ["inspection", "-version"]
        constraints = [models.UniqueConstraint(fields=["inspection", "version"], name="providers_file_version_once")]

    @property
    def loaded(self) -> bool:
        return not self.problems


class Provider(models.Model):
    """A provider or service the team may visit, from a loaded providers file."""

    providers_file = models.ForeignKey(ProvidersFile, on_delete=models.CASCADE, related_name="providers")
    row = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=20)
    alternative_provision = models.BooleanField(default=False)
    sen_support = models.BooleanField(default=False)
    health_tier = models.CharField(max_length=20, blank=True)
    stages = models.JSONField(default=list)

    class Meta:
        ordering = ["providers_file", "row"]


class SamplingVisit(models.Model):
    """A provider chosen for a sampling visit, and the entry it made on the on-site timetable."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="sampling_visits")
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+")
    timetable_visit_id = models.PositiveIntegerField()
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chosen_at = models.DateTimeField(auto_now_add=True)
