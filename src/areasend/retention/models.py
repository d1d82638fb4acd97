from django.db import models


class RetentionRun(models.Model):
    """One run of ``apply_retention``: the day it acted for and what it did, rule by rule."""

    ran_at = models.DateTimeField(auto_now_add=True)
    today = models.DateField(help_text="The day the schedule was applied for.")
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"Retention applied for {self.today}"
