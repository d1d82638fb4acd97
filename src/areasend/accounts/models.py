from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person who signs in. Roles are groups (see ``roles.py``)."""

    is_demo = models.BooleanField(
        default=False, help_text="Made up for the demonstration data set; never a real person."
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Verb(models.TextChoices):
    """What happened. Each event names one verb; what changed goes in the event's payload."""

    # Signing in and out, accounts and roles.
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in refused"
    SIGNED_OUT = "signed_out", "Signed out"
    PASSWORD_SET = "password_set", "Set a password"
    ROLE_GRANTED = "role_granted", "Role given"
    ROLE_REMOVED = "role_removed", "Role taken away"
    INVITATION_SENT = "invitation_sent", "Invitation sent"
    SIGN_IN_LOCKED_OUT = "sign_in_locked_out", "Sign-in locked after repeated failures"
    SECOND_STEP_PASSED = "second_step_passed", "Gave a sign-in code"
    SECOND_STEP_FAILED = "second_step_failed", "Sign-in code refused"
    AUTHENTICATOR_ADDED = "authenticator_added", "Authenticator app set up"
    # Reading and taking away.
    VIEWED = "viewed", "Viewed"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPORTED = "exported", "Exported"
    # The register.
    REGISTER_IMPORTED = "register_imported", "Register imported"
    HISTORY_ADDED = "history_added", "Added to an area's history"
    HISTORY_CHANGED = "history_changed", "Changed an area's history"
    # One inspection.
    INSPECTION_STARTED = "inspection_started", "Inspection started"
    NOTIFICATION_SET = "notification_set", "Notification date set"
    OUTCOME_RECORDED = "outcome_recorded", "Outcome recorded"
    TEAM_MEMBER_ADDED = "team_member_added", "Added to the team"
    TEAM_MEMBER_REMOVED = "team_member_removed", "Removed from the team"
    LANO_NAMED = "lano_named", "Nominated officer named"
    LANO_PROPOSED = "lano_proposed", "Nominated officer proposed by the local area"
    STEP_DONE = "step_done", "Step marked done"
    INFORMATION_UPLOADED = "information_uploaded", "Information uploaded"
    UPLOAD_REFUSED = "upload_refused", "Upload refused by the file checks"
    MEETING_SCHEDULED = "meeting_scheduled", "Meeting scheduled"
    MEETING_CHANGED = "meeting_changed", "Meeting changed"
    MEETING_CANCELLED = "meeting_cancelled", "Meeting cancelled"
    ATTENDEE_ADDED = "attendee_added", "Added to a meeting"
    ATTENDEE_REMOVED = "attendee_removed", "Removed from a meeting"
    VISIT_ADDED = "visit_added", "Visit added"
    VISIT_CHANGED = "visit_changed", "Visit changed"
    VISIT_REMOVED = "visit_removed", "Visit removed"
    # Person-level data, tracking cases and sampling visits.
    PERSON_LEVEL_UPLOADED = "person_level_uploaded", "Person-level data uploaded"
    PERSON_LEVEL_LOADED = "person_level_loaded", "Person-level data loaded"
    PERSON_LEVEL_REJECTED = "person_level_rejected", "Person-level data not loaded"
    TRACKING_PROPOSED = "tracking_proposed", "Tracking cases proposed"
    TRACKING_CASE_SWAPPED = "tracking_case_swapped", "Tracking case swapped"
    TRACKING_REQUEST_SENT = "tracking_request_sent", "Tracking meetings asked for"
    TRACKING_MEETINGS_ARRANGED = "tracking_meetings_arranged", "Tracking meetings arranged"
    # Surveys.
    PAPER_RESPONSE_ENTERED = "paper_response_entered", "Paper answers typed in"
    SURVEY_CLOSED = "survey_closed", "Survey closed early"
    ANSWER_TAGGED = "answer_tagged", "Survey answer tagged"
    SUGGESTION_DECIDED = "suggestion_decided", "Suggested line of enquiry decided"
    RESPONSES_EXCLUDED = "responses_excluded", "Survey responses left out of the results"
    RECORDING_ADDED = "recording_added", "Recording added"
    # Retention.
    RETENTION_APPLIED = "retention_applied", "Retention schedule applied"
    # Evidence and judgement.
    EVIDENCE_ADDED = "evidence_added", "Evidence entry added"
    EVIDENCE_CORRECTED = "evidence_corrected", "Evidence entry corrected"
    LINE_OF_ENQUIRY_ADDED = "line_of_enquiry_added", "Line of enquiry added"
    LINE_OF_ENQUIRY_CHANGED = "line_of_enquiry_changed", "Line of enquiry changed"
    OUTCOME_PROPOSED = "outcome_proposed", "Outcome proposed"
    OUTCOME_AGREED = "outcome_agreed", "Outcome agreed by a team member"
    OUTCOME_SIGNED_OFF = "outcome_signed_off", "Outcome signed off"
    # The report.
    REPORT_VERSION_SAVED = "report_version_saved", "Report draft saved"
    REPORT_QA_COMMENTED = "report_qa_commented", "Quality assurance comment on the report"
    REPORT_DRAFT_SIGNED_OFF = "report_draft_signed_off", "Draft report signed off"
    REPORT_SENT = "report_sent", "Draft report sent to the local area"
    REPORT_COMMENTED = "report_commented", "Local area commented on the draft report"
    REPORT_COMMENTS_CLOSED = "report_comments_closed", "Local area's comments closed"
    REPORT_COMMENT_ANSWERED = "report_comment_answered", "Team answered a comment on the report"
    REPORT_FINAL_WRITTEN = "report_final_written", "Final report written"
    REPORT_FINAL_SIGNED_OFF = "report_final_signed_off", "Final report signed off"
    REPORT_PUBLISHED = "report_published", "Report published"
    REPORT_CORRECTED = "report_corrected", "Published report corrected"
    LOCAL_POLL_ENTERED = "local_poll_entered", "Local poll entered"
    FEEDBACK_RECORDED = "feedback_recorded", "Final feedback recorded"
    # The local area's self-evaluation.
    CONTRIBUTOR_INVITED = "contributor_invited", "Invited to the self-evaluation"
    SELF_EVALUATION_CHANGED = "self_evaluation_changed", "Self-evaluation changed"
    SELF_EVALUATION_EVIDENCE_ADDED = "self_evaluation_evidence_added", "Evidence added to the self-evaluation"
    SELF_EVALUATION_COMMENTED = "self_evaluation_commented", "Comment on the self-evaluation"
    SELF_EVALUATION_VERSION_MADE = "self_evaluation_version_made", "Self-evaluation version made"
    SELF_EVALUATION_SIGNED_OFF = "self_evaluation_signed_off", "Self-evaluation signed off"
    SELF_EVALUATION_SHARED = "self_evaluation_shared", "Self-evaluation shared with the inspection team"
    PLAN_ACTION_ADDED = "plan_action_added", "Strategic plan action added"
    PLAN_PROGRESS_RECORDED = "plan_progress_recorded", "Progress recorded on a strategic plan action"
    EXPORT_REQUESTED = "export_requested", "Export asked for"
    # The national programme.
    PLAN_REQUESTED = "plan_requested", "Plan asked for"
    PLAN_ACCEPTED = "plan_accepted", "Plan accepted as the programme"
    NATIONAL_PAUSE_RECORDED = "national_pause_recorded", "National pause recorded"
    NATIONAL_PAUSE_CHANGED = "national_pause_changed", "National pause changed"
    NATIONAL_PAUSE_ENDED = "national_pause_ended", "National pause ended"
    # After the inspection: plans, their review and publication, support and engagement meetings.
    FOLLOW_UP_PLAN_SUBMITTED = "follow_up_plan_submitted", "Plan submitted after the inspection"
    FOLLOW_UP_PLAN_REFUSED = "follow_up_plan_refused", "Plan upload refused"
    FOLLOW_UP_PLAN_REVIEWED = "follow_up_plan_reviewed", "Plan reviewed by the national team"
    FOLLOW_UP_PLAN_PUBLISHED = "follow_up_plan_published", "Plan published"
    SUPPORT_ACTIVITY_RECORDED = "support_activity_recorded", "Support and challenge activity recorded"
    ENGAGEMENT_MEETING_SCHEDULED = "engagement_meeting_scheduled", "Engagement meeting scheduled"
    ENGAGEMENT_MEETING_RECORDED = "engagement_meeting_recorded", "Engagement meeting notes recorded"
    REVISIT_PROGRESS_RECORDED = "revisit_progress_recorded", "Revisit findings on each significant weakness recorded"
    MINISTER_ESCALATION_RECORDED = "minister_escalation_recorded", "Escalation to the Minister recorded"


class AuditEvent(models.Model):
    """Who saw or changed what, and when. Written by services only (``accounts.services.record``).

    ``payload`` holds what changed, as ``{"changes": {field: {"from": ..., "to": ...}}}``, and any
    other facts of the event (which file, which format, which page). ``inspection`` is the
    inspection the event belongs to, when it belongs to one: its activity page lists them all.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=200, help_text="Kept if the user is later removed.")
    # Not a choices field: each part of the service adds its own verbs to ``Verb`` without a
    # migration; ``record`` only takes a ``Verb``.
    verb = models.CharField(max_length=40)
    inspection = models.ForeignKey(
        "inspections.Inspection", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=100, blank=True)
    summary = models.CharField(max_length=500, help_text="The event in a sentence, as the activity page shows it.")
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["inspection", "at"]),
            models.Index(fields=["verb", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.object_type} {self.object_id}"

    def get_verb_display(self) -> str:
        try:
            return Verb(self.verb).label
        except ValueError:
            return self.verb.replace("_", " ").capitalize()

    @property
    def changes(self) -> dict:
        return self.payload.get("changes", {}) if isinstance(self.payload, dict) else {}
