from django.conf import settings
from django.db import models

from areasend import framework as fw
from areasend.areas.models import Framework, Outcome
from areasend.inspections.meetings import AttendeeRole, Kind as MeetingKind, VisitKind

OUTCOME_CHOICES = Outcome.choices
OUTCOME_NUMBERS = [o.value for o in fw.Outcome]


class Inspection(models.Model):
    """One full or monitoring inspection of a local area partnership, run in this service.

    Dates of milestones are never stored here: they come from the framework core, given the
    notification date and the framework version in force on it.
    """

    #: The kinds this service runs, from the framework core (2016 revisits are history only).
    Kind = models.TextChoices(
        "Kind", [(k.name, (k.value, k.label)) for k in (fw.InspectionKind.FULL, fw.InspectionKind.MONITORING)]
    )

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
        max_length=10, blank=True, choices=Framework.choices, help_text="Framework version in force on the notification date."
    )
    # What the inspection ends in (the core's ``InspectionKind.ends_in``). A full inspection: one of
    # the three outcomes and a summary. A monitoring inspection: no outcome; its findings on progress
    # with the areas for priority action (in ``outcome_summary``) and further recommendations.
    outcome = models.PositiveSmallIntegerField(choices=OUTCOME_CHOICES, null=True, blank=True)
    outcome_summary = models.TextField(blank=True)
    recommendations = models.TextField(blank=True, help_text="A monitoring inspection's further recommendations.")
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
        # Not yet notified last on every database (PostgreSQL would put empty dates first).
        ordering = [models.F("notification_date").desc(nulls_last=True), "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(outcome__in=OUTCOME_NUMBERS),
                name="inspection_outcome_1_to_3",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(kind=fw.InspectionKind.FULL.value),
                name="inspection_outcome_only_for_full",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_recorded_at__isnull=True)
                | ~models.Q(kind=fw.InspectionKind.FULL.value)
                | models.Q(outcome__isnull=False),
                name="inspection_full_recorded_has_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(recommendations="") | models.Q(kind=fw.InspectionKind.MONITORING.value),
                name="inspection_recommendations_only_for_monitoring",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome__isnull=True) | models.Q(notification_date__isnull=False),
                name="inspection_outcome_needs_notification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.area.name}"

    @property
    def core_kind(self) -> fw.InspectionKind:
        return fw.InspectionKind(self.kind)

    @property
    def is_graded(self) -> bool:
        """True when this kind ends in one of the three outcomes (a full inspection); False for monitoring."""
        return self.core_kind.ends_in.graded

    @property
    def findings_recorded(self) -> bool:
        """The outcome (full inspection) or the findings (monitoring inspection) are recorded."""
        return self.outcome_recorded_at is not None

    def is_open_on(self, today) -> bool:
        """No published outcome or findings yet on ``today``."""
        return not self.findings_recorded or self.publication_date is None or self.publication_date > today

    @property
    def result_text(self) -> str:
        """What the inspection ended in, in a few words, for tables."""
        if not self.findings_recorded:
            return "Not recorded"
        return self.get_outcome_display() if self.outcome else "Findings recorded"

    @property
    def call_made_at_text(self) -> str:
        from django.utils import timezone

        if self.call_made_at is None:
            return ""
        local = timezone.localtime(self.call_made_at)
        return f"{local:%H:%M} on {local.day} {local:%B %Y}"


class TeamMember(models.Model):
    """One inspector on one inspection's team. The lead inspector is a member too."""

    #: Places on the team, from the framework core (which also says who may take each).
    Role = models.TextChoices("Role", [(r.name, (r.value, r.label)) for r in fw.TeamRole])

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


class InspectorProfile(models.Model):
    """Which kind of inspector someone with the inspector role is: an HMI, an Ofsted Inspector or a CQC inspector.

    The framework core says which places on a team each kind may take (the lead must be an HMI; a
    CQC inspector takes the CQC place only). Someone with no profile cannot be given a place.
    """

    Kind = models.TextChoices("Kind", [(k.name, (k.value, k.label)) for k in fw.InspectorKind])

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector_profile")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=[k.value for k in fw.InspectorKind]), name="inspector_profile_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"


def inspector_kind(user) -> "fw.InspectorKind | None":
    """The core's kind of inspector ``user`` is recorded as, or None when it is not recorded."""
    profile = InspectorProfile.objects.filter(user_id=getattr(user, "pk", None)).first()
    return fw.InspectorKind(profile.kind) if profile else None


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
