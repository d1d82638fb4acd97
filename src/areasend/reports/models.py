"""The inspection report: its versions, quality assurance, the factual-accuracy round, publication.

A version is never changed once written: a new draft is a new version. A published report is a
published version; a correction after publication is another, with a note saying what changed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from areasend import framework as fw
from areasend.inspections.models import Inspection


class Report(models.Model):
    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="report")
    created_at = models.DateTimeField(auto_now_add=True)
    #: The version quality assurance signed off as the draft for the local area.
    draft_signed_off_version = models.ForeignKey("ReportVersion", null=True, blank=True, on_delete=models.PROTECT,
                                                 related_name="+")
    draft_signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    #: The factual-accuracy round: the version sent to the nominated officer, when, and the deadline.
    sent_version = models.ForeignKey("ReportVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField(null=True, blank=True)
    comments_due = models.DateField(null=True, blank=True)
    comments_closed_on = models.DateField(null=True, blank=True)
    final_version = models.ForeignKey("ReportVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    final_written_on = models.DateField(null=True, blank=True)
    final_signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.PROTECT, related_name="+")
    final_signed_off_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Report on the {self.inspection}"

    @property
    def latest(self) -> "ReportVersion | None":
        return self.versions.order_by("-number").first()

    @property
    def first_published(self) -> "PublishedReport | None":
        return self.published.order_by("number").first()

    @property
    def current_published(self) -> "PublishedReport | None":
        return self.published.order_by("-number").first()


class ReportVersion(models.Model):
    """What the report said at one time. ``content``: section key -> list of paragraphs, each
    ``{"text": ..., "entries": [evidence entry ids], "partner": partner key or ""}``."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    note = models.CharField(max_length=500, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_number_once")]

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValueError("A report version is never changed: save a new version")
        super().save(*args, **kwargs)

    def texts(self) -> dict[str, list[str]]:
        return {key: [p["text"] for p in self.content.get(key, [])] for key in fw.report.WRITTEN_SECTION_KEYS}


class QAComment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="qa_comments")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="qa_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "id"]


class AccuracyComment(models.Model):
    """The local area's comment on one paragraph of the draft, and the team's answer."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Not accepted"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="accuracy_comments")
    section = models.CharField(max_length=30)
    paragraph = models.PositiveSmallIntegerField()
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    response = models.CharField(max_length=10, choices=Response.choices, blank=True)
    reason = models.TextField(blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "section", "paragraph", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(response="") | ~models.Q(reason=""),
                                   name="accuracy_response_has_reason"),
        ]


class PublishedReport(models.Model):
    """One published version: the first publication, or a correction with its note."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="published")
    number = models.PositiveIntegerField()
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    published_on = models.DateField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True, help_text="For a correction: what changed and why.")
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="published_report_number_once"),
            models.CheckConstraint(condition=models.Q(number=1) | ~models.Q(note=""), name="correction_has_a_note"),
        ]


class LocalPoll(models.Model):
    """A local poll in one area, entered by the planner: reports for the area are held before it."""

    area = models.ForeignKey("areas.LocalAreaPartnership", on_delete=models.CASCADE, related_name="+")
    polling_day = models.DateField()
    label = models.CharField(max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["polling_day", "area"]
        constraints = [models.UniqueConstraint(fields=["area", "polling_day"], name="local_poll_once_per_day")]

    def pause(self) -> fw.PublicationPause:
        return fw.local_election_pause(self.polling_day, {self.area.ons_code}, self.label)
