"""Surveys, responses and answers.

The days a survey is open are never stored: they come from the framework core's
``surveys_open`` and ``surveys_close`` milestones. Only an early close by the lead is stored.
Responses are anonymous: a random token (kept in the respondent's cookie) ties the answers
of one sitting together, and nothing else about the person is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Survey(models.Model):
    class Group(models.TextChoices):
        CYP = "cyp", "Children and young people with SEND aged 11 to 25"
        PARENTS = "parents", "Parents and carers"
        PRACTITIONERS = "practitioners", "Practitioners"

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="surveys")
    group = models.CharField(max_length=20, choices=Group.choices)
    question_set = models.CharField(max_length=40, help_text="Id of the question set this survey uses.")
    public_token = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_early_at = models.DateTimeField(null=True, blank=True)
    closed_early_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["inspection", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "group"], name="survey_once_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} survey ({self.inspection})"

    @property
    def audience(self) -> str:
        """Who the survey is for, to use inside a sentence (SEND stays in capitals)."""
        return {"cyp": "children and young people with SEND aged 11 to 25", "parents": "parents and carers",
                "practitioners": "practitioners"}[self.group]


class SurveyResponse(models.Model):
    class Source(models.TextChoices):
        ONLINE = "online", "Online"
        PAPER = "paper", "Paper (typed in by the local area)"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    token = models.CharField(max_length=64, unique=True)
    question_set = models.CharField(max_length=40)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    #: Responses started from one client address on this survey within an hour share a random label, so a
    #: burst shows on the results page; the address itself is never kept.
    batch = models.CharField(max_length=32, blank=True, db_index=True)
    #: The lead inspector left this response out of the results, with a reason (kept in the audit trail too).
    excluded_at = models.DateTimeField(null=True, blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    excluded_reason = models.TextField(blank=True)
    #: A paper questionnaire's form carries a key, so sending the same form twice keeps one response.
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["survey", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source="online", entered_by__isnull=True) | models.Q(source="paper"),
                name="survey_response_online_has_no_typist",
            ),
        ]


class Answer(models.Model):
    # No index of its own: the one-answer-per-question constraint's index begins with the response, so it
    # finds a response's answers, and every answer saved keeps one index fewer up to date.
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers", db_index=False)
    question_id = models.CharField(max_length=60)
    value = models.TextField()
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["response", "id"]
        constraints = [
            # A double submission of the same question is one answer (the later one wins).
            models.UniqueConstraint(fields=["response", "question_id"], name="answer_once_per_question"),
        ]


class AnswerTag(models.Model):
    """An inspector's tag of a free-text answer against one evaluation criterion (I1-I5, L1-L6)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="tags")
    criterion = models.CharField(max_length=3)
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    tagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "criterion"]
        constraints = [models.UniqueConstraint(fields=["answer", "criterion"], name="answer_tag_once")]


class SuggestionDecision(models.Model):
    """The lead inspector's decision on a suggested line of enquiry (one question of one survey)."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="decisions")
    question_id = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "question_id"], name="suggestion_decided_once")]


class Recording(models.Model):
    """A person's recording of one question, used instead of the synthetic voice."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="recordings")
    question_id = models.CharField(max_length=60)
    content_type = models.CharField(max_length=40)
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "question_id"], name="recording_once_per_question")]


class RateCount(models.Model):
    """How many answers one address or one response sent in one minute: the flood limit, shared by every
    worker. Counted with one statement per answer; rows older than a few minutes are cleared as it goes."""

    key = models.CharField(max_length=200, primary_key=True)
    minute = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
