"""Plan runs: one solve of the national programme with its parameters and result, kept as JSON.

A run is either a plan made from chosen parameters or a what-if: the parameters of the run it
starts from (``base``) with one or more changes. At most one run is the current programme.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class PlanRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Solving"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    title = models.CharField(max_length=200)
    base = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="what_ifs",
        help_text="The run this what-if changes.",
    )
    parameters = models.JSONField(help_text="Everything the solve was asked: dates, capacity, blackouts, pins, exclusions.")
    changes = models.JSONField(default=list, blank=True, help_text="What this what-if changed from its base, in words.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    is_current = models.BooleanField(default=False, help_text="This run is the accepted programme.")
    task_id = models.CharField(max_length=64, blank=True, help_text="The background task that solves this run, once queued.")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_programme"),
        ]

    def __str__(self) -> str:
        return f"Plan run {self.pk}: {self.title}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class NationalPause(models.Model):
    """A national pause to inspections, recorded by the planner: due dates inside it move to after it.

    ``stops`` is the framework core's :class:`~areasend.framework.PauseStops`; ``reason`` is shown to the
    public and finishes the sentence "monitoring inspections were paused for ...". The dates, and what the
    pause stops, are read as plain core values (:meth:`core`), never by the planner or the pages directly.
    """

    class Stops(models.TextChoices):
        MONITORING = "monitoring", "Monitoring inspections only"
        ALL = "all", "All inspections"

    stops = models.CharField(max_length=12, choices=Stops.choices)
    start = models.DateField(help_text="The first day of the pause.")
    end = models.DateField(help_text="The last day of the pause.")
    reason = models.CharField(max_length=300, help_text="Shown on the public area pages.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When the planner ended the pause early.")
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="pause_ends_on_or_after_start"),
            models.CheckConstraint(condition=~Q(reason=""), name="pause_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"Pause {self.pk}: {self.get_stops_display()} from {self.start} to {self.end}"

    def core(self):
        """The pause as the framework core's plain value."""
        from areasend import framework as fw

        return fw.NationalPause(label=f"pause {self.pk}", reason=self.reason, start=self.start, end=self.end,
                                stops=fw.PauseStops(self.stops))
