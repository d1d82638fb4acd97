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

    def __init__(self, *args, choices=None, missing: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if choices is not None:
            self.fields["decision"].choices = choices
            self.fields["decision"].error_messages["required"] = missing.rstrip(".")
            self.fields["decision"].error_messages["invalid_choice"] = missing.rstrip(".")


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


PROGRESS_CHOICES = (("sufficient", "Sufficient progress"), ("insufficient", "Insufficient progress"))


class RevisitForm(forms.Form):
    """The date of the revisit's report and a finding (with an optional note) on each significant weakness."""

    on = GovukDateField(label="Date of the revisit's report", help_text="For example, 27 3 2026",
                        error_messages={"required": "Enter the date of the revisit's report"})

    def __init__(self, *args, weaknesses: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, weaknesses + 1):
            message = f"Choose whether progress on significant weakness {number} was sufficient"
            self.fields[f"weakness_{number}"] = forms.ChoiceField(
                label=f"Significant weakness {number}", choices=PROGRESS_CHOICES, widget=forms.RadioSelect,
                error_messages={"required": message, "invalid_choice": message})
            self.fields[f"note_{number}"] = forms.CharField(
                label=f"Note on significant weakness {number} (optional)", required=False,
                widget=forms.Textarea(attrs={"rows": 2}))
        self.weaknesses = weaknesses

    def findings(self) -> dict[int, str]:
        return {n: self.cleaned_data.get(f"weakness_{n}", "") for n in range(1, self.weaknesses + 1)}

    def notes(self) -> dict[int, str]:
        return {n: self.cleaned_data.get(f"note_{n}", "") for n in range(1, self.weaknesses + 1)}


class EscalationForm(forms.Form):
    on = GovukDateField(label="Date of the escalation", help_text="For example, 27 3 2026",
                        error_messages={"required": "Enter the date of the escalation"})
    note = forms.CharField(label="What went to the Minister, and why", widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": "Enter a note of what went to the Minister and why"})
