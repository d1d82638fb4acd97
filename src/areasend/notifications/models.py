from django.db import models


class SentMessage(models.Model):
    """One message sent. The idempotency key makes a second send of the same message a no-op."""

    to = models.EmailField()
    template = models.CharField(max_length=60)
    subject = models.CharField(max_length=300)
    inspection = models.ForeignKey(
        "inspections.Inspection", null=True, blank=True, on_delete=models.CASCADE, related_name="sent_messages"
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    provider_reference = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.template} to {self.to} at {self.sent_at:%Y-%m-%d %H:%M}"
