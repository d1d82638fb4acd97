from django.conf import settings
from django.db import models

from areasend.inspections.models import Inspection


class InformationUpload(models.Model):
    """One version of one item of the information request. Files live outside the web root."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="information_uploads")
    item_key = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    stored_name = models.CharField(max_length=200, unique=True, help_text="Path under the upload directory; never the uploader's file name.")
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, help_text="Read from the file's content.")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table keeps the name it had when the model lived in ``inspections``: moving the
        # model changed no data.
        db_table = "inspections_informationupload"
        ordering = ["item_key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item_key", "version"], name="information_upload_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item_key} v{self.version} ({self.original_name})"


class PersonLevelReturn(models.Model):
    """One version of an inspection's person-level data return: checked in the background, then loaded or rejected.

    A clean file is loaded whole and replaces the loaded version before it; a file with any problem is
    kept as rejected, with its problems, and nothing of it is loaded.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", "Being checked"
        REJECTED = "rejected", "Not loaded: it has problems"
        LOADED = "loaded", "Loaded"
        REPLACED = "replaced", "Replaced by a later version"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="person_level_returns")
    version = models.PositiveIntegerField()
    schema_version = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    stored_name = models.CharField(max_length=200, unique=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    rows_checked = models.PositiveIntegerField(default=0, help_text="Progress of the check.")
    rows = models.PositiveIntegerField(null=True, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["inspection", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "version"], name="person_level_return_version_once"),
            models.UniqueConstraint(fields=["inspection"], condition=models.Q(status="loaded"),
                                    name="person_level_one_loaded_return"),
        ]

    def __str__(self) -> str:
        return f"person-level data v{self.version} ({self.get_status_display()})"


class PersonLevelProblem(models.Model):
    """One problem in a rejected return: spreadsheet row (0 for the whole file), column, reason."""

    person_level_return = models.ForeignKey(PersonLevelReturn, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=60, blank=True)
    message = models.TextField()

    class Meta:
        ordering = ["person_level_return", "row", "id"]


class PseudonymKey(models.Model):
    """The secret each inspection's identifiers are pseudonymised with; never shown, never exported."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="pseudonym_key")
    key = models.BinaryField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)


class PersonLevelRecord(models.Model):
    """One child or young person in a loaded return. The local identifier is kept only as a pseudonym."""

    person_level_return = models.ForeignKey(PersonLevelReturn, on_delete=models.CASCADE, related_name="records")
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="+")
    row = models.PositiveIntegerField(help_text="The row of the uploaded file, as the local area knows it.")
    pseudonym = models.CharField(max_length=24)
    date_of_birth = models.DateField()
    lives_in_area = models.BooleanField()
    educated_out_of_area = models.BooleanField()
    support = models.CharField(max_length=20)
    primary_need = models.CharField(max_length=80)
    setting_type = models.CharField(max_length=60)
    setting_name = models.CharField(max_length=200, blank=True)
    attendance_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    part_time_timetable = models.BooleanField()
    childrens_social_care = models.CharField(max_length=40)
    youth_justice = models.BooleanField()
    residential_special_school = models.BooleanField()
    sex = models.CharField(max_length=20)
    ethnic_group = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["person_level_return", "row"]
        constraints = [
            models.UniqueConstraint(fields=["person_level_return", "pseudonym"], name="person_level_pseudonym_once"),
        ]

    def values(self) -> dict:
        """The row's values under the schema's column names (the pseudonym in place of the identifier)."""
        from areasend.framework import person_level as pl

        data = {name: getattr(self, name) for name in pl.CURRENT_SCHEMA.names if name != "local_identifier"}
        data["local_identifier"] = self.pseudonym
        return data
