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
