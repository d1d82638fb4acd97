"""The self-evaluation's data. Written by ``services`` only, each write with its audit event.

One self-evaluation per local area partnership, living all year: the working draft is one
``Entry`` per criterion; a ``Version`` freezes the draft (its evidence included) so it can be
compared, signed off and shared.
"""

from django.conf import settings
from django.db import models

from areasend.framework import selfevaluation as core

POSITION_CHOICES = [(p.value, p.label) for p in core.Position]
VIEW_CHOICES = [(v.value, v.label) for v in core.AreaView]
POINT_CHOICES = [(p.value, p.label) for p in core.ReportPoint]
PROGRESS_CHOICES = [(p.value, p.label) for p in core.ActionProgress]


class SelfEvaluation(models.Model):
    area = models.OneToOneField("areas.LocalAreaPartnership", on_delete=models.PROTECT, related_name="self_evaluation")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Self-evaluation of {self.area.name}"


class Contributor(models.Model):
    """A leader the LANO invited, with what they do in the partnership."""

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="self_evaluation_places")
    position = models.CharField(max_length=20, choices=POSITION_CHOICES)
    job_title = models.CharField(max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["self_evaluation", "user"], name="contributor_once")]


class Entry(models.Model):
    """The working draft for one criterion."""

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="entries")
    criterion = models.CharField(max_length=4)
    what_we_know = models.TextField(blank=True)
    how_we_know = models.TextField(blank=True)
    next_twelve_months = models.TextField(blank=True)
    view = models.CharField(max_length=20, choices=VIEW_CHOICES, blank=True)
    reasons = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["self_evaluation", "criterion"], name="entry_per_criterion")]


class Evidence(models.Model):
    """Something that backs the area's answers for one criterion: a document or a figure."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Document"
        FIGURE = "figure", "Figure"

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.CharField(max_length=4)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    figure = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=300, blank=True)
    stored_name = models.CharField(max_length=200, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    file_kind = models.CharField(max_length=10, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["criterion", "added_at", "id"]


class Version(models.Model):
    """The draft frozen: every criterion's answers, view, reasons and evidence, as they stood."""

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    note = models.CharField(max_length=300, blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["self_evaluation", "number"], name="self_evaluation_version_once")]


class SignOff(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sign_offs")
    position = models.CharField(max_length=20, choices=POSITION_CHOICES)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200, help_text="The signatory's name as they typed it.")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="sign_off_per_position")]


class Share(models.Model):
    """A signed-off version shared with one inspection's team."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="shares")
    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-shared_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["version", "inspection"], name="share_once")]


class Comment(models.Model):
    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="comments")
    criterion = models.CharField(max_length=4)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class PlanAction(models.Model):
    """An action of the strategic plan, linked to criteria and to a point of the last report."""

    self_evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=300)
    criteria = models.JSONField(default=list)
    report_point = models.CharField(max_length=20, choices=POINT_CHOICES, default=core.ReportPoint.NONE.value)
    report_text = models.TextField(blank=True, help_text="The improvement or priority action, as the report put it.")
    owner = models.CharField(max_length=200)
    due = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]


class Progress(models.Model):
    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(max_length=20, choices=PROGRESS_CHOICES)
    note = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]


class Export(models.Model):
    """A Word or PDF file of one version, made in the background."""

    class Format(models.TextChoices):
        DOCX = "docx", "Word document"
        PDF = "pdf", "PDF"

    class Status(models.TextChoices):
        QUEUED = "queued", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be made"

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(max_length=10, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stored_name = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
