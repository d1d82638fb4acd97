from __future__ import annotations

from django import forms

from areasend.followup.models import PlanVersion, SupportActivity
from areasend.ui.forms import GovukDateField


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the plan",
        help_text="A PDF, DOCX or ODT file smaller than 20MB. Each upload is kept as a new version.",
        error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=PlanVersion.Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the plan is accepted or needs further work"},
    )
    decided_on = GovukDateField(label="Date of the decision", help_text="For example, 27 3 2026",
                                error_messages={"required": "Enter the date of the decision"})
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}),
                             error_messages={"required": "Enter the reason for the decision"})


class PublishForm(forms.Form):
    published_on = GovukDateField(label="Date the plan was published", help_text="For example, 27 3 2026",
                                  error_messages={"required": "Enter the date the plan was published"})


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of support and challenge", choices=SupportActivity.Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of support and challenge"})
    on = GovukDateField(label="Date of the activity", help_text="For example, 27 3 2026",
                        error_messages={"required": "Enter the date of the activity"})
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ScheduleMeetingForm(forms.Form):
    meeting = forms.ChoiceField(label="Which engagement meeting", error_messages={
        "required": "Choose which engagement meeting", "invalid_choice": "Choose one of the engagement meetings due"})
    scheduled_for = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2026",
                                   error_messages={"required": "Enter the date of the meeting"})

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = meetings


class RecordMeetingForm(forms.Form):
    meeting = forms.ChoiceField(label="Which engagement meeting", error_messages={
        "required": "Choose which engagement meeting", "invalid_choice": "Choose one of the engagement meetings due"})
    held_on = GovukDateField(label="Date the meeting was held", help_text="For example, 27 3 2026",
                             error_messages={"required": "Enter the date the meeting was held"})
    notes = forms.CharField(label="Notes of the meeting", widget=forms.Textarea(attrs={"rows": 6}),
                            error_messages={"required": "Enter the notes of the meeting"})

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = meetings
