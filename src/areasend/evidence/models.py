"""The evidence log, lines of enquiry and the outcome decision of one inspection.

The log is append-only: an entry's words live in its versions, and a correction is a new version.
Nothing here is ever updated or deleted in place (the model and queryset refuse it).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from areasend import framework as fw
from areasend.inspections.models import Inspection, Meeting, Visit
from areasend.intake.models import InformationUpload

Source = models.TextChoices("Source", [(s.name, (s.value, s.label)) for s in fw.EvidenceSource])
LineStatus = models.TextChoices("LineStatus", [(s.name, (s.value, s.label)) for s in fw.LineStatus])
Stance = models.TextChoices("Stance", [(s.name, (s.value, s.label)) for s in fw.Stance])


#: ``linked_type`` of a version about one of the inspection's tracking cases (``linked_id`` is the case's key).
TRACKING_CASE_LINK = "tracking_case"


class AppendOnly(Exception):
    """Raised when something tries to change or remove what the log has kept."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The evidence log is append-only: add a new version instead")

    def delete(self):
        raise AppendOnly("The evidence log is append-only: nothing is removed")


class LineOfEnquiry(models.Model):
    """Something the team sets out to test: its own, or a survey suggestion the lead accepted."""

    class Origin(models.TextChoices):
        TEAM = "team", "The team"
        SURVEY = "survey", "A survey suggestion"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="lines_of_enquiry")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    criteria = models.JSONField(default=list, blank=True, help_text="Criteria ids, I1-I5 and L1-L6.")
    status = models.CharField(max_length=20, choices=LineStatus.choices, default=LineStatus.OPEN)
    conclusion = models.TextField(blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.TEAM)
    #: For a survey suggestion: the survey and question it came from, so accepting twice makes one line.
    origin_key = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "created_at", "id"]
        verbose_name_plural = "lines of enquiry"
        constraints = [
            models.UniqueConstraint(fields=["inspection", "origin_key"], condition=~models.Q(origin_key=""),
                                    name="line_of_enquiry_once_per_origin"),
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceEntry(models.Model):
    """One piece of evidence. ``key`` is the writer's idempotency key: sent twice, stored once."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="evidence_entries")
    key = models.UUIDField(unique=True, default=uuid.uuid4)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "created_at", "id"]
        verbose_name_plural = "evidence entries"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnly("An evidence entry is never changed: add a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The evidence log is append-only: nothing is removed")


class EvidenceVersion(models.Model):
    """What an entry said, as written at one time by one person. Never changed once written."""

    entry = models.ForeignKey(EvidenceEntry, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    #: Idempotency key of this version (the entry's key for the first version).
    key = models.UUIDField(unique=True)
    text = models.TextField()
    source = models.CharField(max_length=30, choices=Source.choices)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    document = models.ForeignKey(InformationUpload, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    #: A link to something the service keeps elsewhere (a tracking case, once they exist): the
    #: model's label and the object's key. No foreign key, so no table needs to exist yet.
    linked_type = models.CharField(max_length=100, blank=True)
    linked_id = models.CharField(max_length=64, blank=True)
    criteria = models.JSONField(default=list, blank=True)
    lines = models.ManyToManyField(LineOfEnquiry, through="LineLink", related_name="versions", blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "number"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="evidence_version_number_once"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="evidence_version_from_one"),
            models.CheckConstraint(condition=~models.Q(text=""), name="evidence_version_has_text"),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnly("A version is never changed: add a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The evidence log is append-only: nothing is removed")

    @property
    def source_label(self) -> str:
        return fw.EvidenceSource(self.source).label

    @property
    def written_text(self) -> str:
        """Who wrote this version and when, the way people write it: "Lena Lead, 2 December 2026 at 2:15pm"."""
        return f"{self.written_by.get_full_name() or self.written_by.username}, {when(self.written_at)}"


def when(moment) -> str:
    from django.utils import timezone

    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local:%-I:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


class LineLink(models.Model):
    """One version's bearing on one line of enquiry: for it or against it."""

    version = models.ForeignKey(EvidenceVersion, on_delete=models.CASCADE, related_name="line_links")
    line = models.ForeignKey(LineOfEnquiry, on_delete=models.CASCADE, related_name="links")
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.FOR)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "line"], name="line_link_once_per_version")]


class Draft(models.Model):
    """What someone is typing, saved every few seconds; gone once the entry is saved."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField(help_text="The idempotency key the entry will be saved with.")
    #: For a correction, the entry it corrects.
    entry = models.ForeignKey(EvidenceEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    fields = models.JSONField(default=dict, blank=True)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [models.UniqueConstraint(fields=["author", "key"], name="draft_once_per_key")]


class OutcomeDecision(models.Model):
    """The lead's proposal: an outcome (full inspection) or conclusions (monitoring), then the
    team's agreement and a quality assurance reader's sign-off. It stands once signed off."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="outcome_decision")
    outcome = models.PositiveSmallIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True)
    recommendations = models.TextField(blank=True, help_text="A monitoring inspection's further recommendations.")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    feedback_notes = models.TextField(blank=True, help_text="What was said at the final feedback meeting.")
    feedback_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    feedback_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(outcome__isnull=True) | models.Q(outcome__in=[1, 2, 3]),
                                   name="outcome_decision_1_to_3"),
            models.CheckConstraint(
                condition=models.Q(signed_off_at__isnull=True) | models.Q(signed_off_by__isnull=False),
                name="outcome_decision_signed_off_by_someone"),
        ]

    @property
    def core_outcome(self) -> fw.Outcome | None:
        return fw.Outcome(self.outcome) if self.outcome else None

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None


class OutcomeReason(models.Model):
    decision = models.ForeignKey(OutcomeDecision, on_delete=models.CASCADE, related_name="reasons")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    entries = models.ManyToManyField(EvidenceEntry, related_name="reasons")

    class Meta:
        ordering = ["decision", "position"]


class PriorityArea(models.Model):
    """An area for priority action (outcome 3), with the partner or partners responsible."""

    decision = models.ForeignKey(OutcomeDecision, on_delete=models.CASCADE, related_name="priority_areas")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    partners = models.JSONField(default=list)

    class Meta:
        ordering = ["decision", "position"]


class TeamAgreement(models.Model):
    decision = models.ForeignKey(OutcomeDecision, on_delete=models.CASCADE, related_name="agreements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "user"], name="team_agrees_once_each")]


class MonitoringConclusion(models.Model):
    """A monitoring inspection's conclusion on one area for priority action."""

    decision = models.ForeignKey(OutcomeDecision, on_delete=models.CASCADE, related_name="conclusions")
    position = models.PositiveSmallIntegerField()
    priority_area = models.TextField()
    answer = models.CharField(max_length=30)
    wording_version = models.CharField(max_length=10, help_text="The core's monitoring wording this was recorded under.")
    reason = models.TextField()
    entries = models.ManyToManyField(EvidenceEntry, related_name="conclusions")

    class Meta:
        ordering = ["decision", "position"]

    @property
    def answer_text(self) -> str:
        return fw.monitoring_wording(self.wording_version).answer(self.answer).text
