from django.conf import settings
from django.db import models

from areasend.areas.models import Outcome
from areasend.inspections.meetings import AttendeeRole, Kind as MeetingKind, VisitKind

OUTCOME_CHOICES = Outcome.choices


class Inspection(models.Model):
    """One full or monitoring inspection of a local area partnership, run in this service.

    Dates of milestones are never stored here: they come from the framework core, given the
    notification date and the framework version in force on it.
    """

    class Kind(models.TextChoices):
        FULL = "full", "Full inspection"
        MONITORING = "monitoring", "Monitoring inspection"

    area = models.ForeignKey("areas.LocalAreaPartnership", on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FULL)
    lead_inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections_led"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspections_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notification_date = models.DateField(null=True, blank=True)
    framework = models.CharField(
        max_length=10, blank=True, help_text="Framework version in force on the notification date."
    )
    outcome = models.PositiveSmallIntegerField(choices=OUTCOME_CHOICES, null=True, blank=True)
    outcome_summary = models.TextField(blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publication_date = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    # The notification call: who the lead inspector spoke to, and when.
    call_made_at = models.DateTimeField(null=True, blank=True)
    call_dcs_name = models.CharField("director of children's services", max_length=200, blank=True)
    call_dcs_email = models.EmailField(blank=True)
    call_icb_name = models.CharField("integrated care board contact", max_length=200, blank=True)
    call_icb_is_delegate = models.BooleanField(default=False)
    call_icb_email = models.EmailField(blank=True)
    # The local area nominated officer: signs in with the local area officer role and sees
    # only the inspections that name them here.
    lano = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections_as_lano"
    )

    class Meta:
        ordering = ["-notification_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(outcome__in=[1, 2, 3]),
                name="inspection_outcome_1_to_3",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(notification_date__isnull=False),
                name="inspection_outcome_needs_notification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.area.name}"

    @property
    def call_made_at_text(self) -> str:
        from django.utils import timezone

        if self.call_made_at is None:
            return ""
        local = timezone.localtime(self.call_made_at)
        return f"{local:%H:%M} on {local.day} {local:%B %Y}"


class TeamMember(models.Model):
    """One inspector on one inspection's team. The lead inspector is a member too."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead inspector (HMI)"
        OFSTED = "ofsted", "Ofsted inspector"
        SOCIAL_CARE = "social_care", "Children's social care inspector"
        CQC = "cqc", "CQC inspector"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_places")
    role = models.CharField(max_length=20, choices=Role.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="team_member_once_per_inspection"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Task(models.Model):
    """A milestone from the framework core, as a step one party owns. The due date is the core's."""

    class Party(models.TextChoices):
        INSPECTORATES = "INSPECTORATES", "Ofsted and CQC"
        INSPECTION_TEAM = "INSPECTION_TEAM", "Inspection team"
        PARTNERSHIP = "PARTNERSHIP", "Local area partnership"
        GOVERNMENT = "GOVERNMENT", "DfE and NHS England"

    class Status(models.TextChoices):
        TO_DO = "to_do", "To do"
        DONE = "done", "Done"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="tasks")
    milestone_key = models.CharField(max_length=60)
    label = models.CharField(max_length=300)
    owner = models.CharField(max_length=20, choices=Party.choices)
    due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TO_DO)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "milestone_key"], name="task_once_per_milestone"),
            models.CheckConstraint(
                condition=models.Q(status="to_do", done_at__isnull=True) | models.Q(status="done", done_at__isnull=False),
                name="task_done_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} (due {self.due:%Y-%m-%d})"


class Meeting(models.Model):
    """One meeting of the inspection. Its date is the core's milestone date unless the lead moved it.

    ``date`` is empty while the meeting follows the timeline, so a changed notification date moves it
    too; KIT meetings have no milestone and always carry their own date.
    """

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=MeetingKind.choices)
    date = models.DateField(null=True, blank=True, help_text="Empty: the framework timeline's date.")
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    notes = models.TextField(blank=True, help_text="For the inspection team only.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "date", "start_time", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "kind"], condition=~models.Q(kind="kit"), name="meeting_once_per_kind_except_kit"
            ),
            models.CheckConstraint(condition=~models.Q(kind="kit") | models.Q(date__isnull=False), name="kit_meeting_has_a_date"),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True) | models.Q(start_time__isnull=False, end_time__gt=models.F("start_time")),
                name="meeting_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class MeetingAttendee(models.Model):
    """Someone at a meeting: a member of the team (``user`` set) or a named local person."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=AttendeeRole.choices)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendee_user_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return self.name


class Visit(models.Model):
    """One entry of the agreed on-site timetable: a visit to a setting, or a tracking meeting."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="visits")
    day = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    place = models.CharField("place or setting", max_length=300)
    kind = models.CharField(max_length=20, choices=VisitKind.choices)
    members = models.ManyToManyField(TeamMember, related_name="visits", blank=True)
    notes = models.TextField(blank=True, help_text="For the inspection team only.")

    class Meta:
        ordering = ["inspection", "day", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True) | models.Q(start_time__isnull=False, end_time__gt=models.F("start_time")),
                name="visit_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.place
