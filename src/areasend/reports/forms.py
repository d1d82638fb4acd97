"""Forms of the report pages; services do the checks that need the inspection."""

from __future__ import annotations

from django import forms

from areasend import framework as fw
from areasend.reports.models import AccuracyComment
from areasend.ui.forms import GovukDateField

R = fw.report


class DraftForm(forms.Form):
    note = forms.CharField(label="What changed in this version (optional)", required=False, max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for key in R.WRITTEN_SECTION_KEYS:
            section = R.section(key)
            fields[key] = forms.CharField(
                label=section.heading, required=False, widget=forms.Textarea,
                help_text=f"{section.guidance} Leave a blank line between paragraphs and end each paragraph with "
                          f"the entries it rests on, for example (evidence 3, 5).")
        self.fields = {**fields, **self.fields}


class QuoteForm(forms.Form):
    section = forms.ChoiceField(label="Section", choices=[(k, R.section(k).heading) for k in R.WRITTEN_SECTION_KEYS
                                                          if R.section(k).kind is R.SectionKind.WRITTEN],
                                error_messages={"required": "Choose a section to quote the entry in",
                                                "invalid_choice": "Choose a section to quote the entry in"})
    entry = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": "Choose an entry to quote",
                                                                         "invalid": "Choose an entry to quote"})


class QACommentForm(forms.Form):
    text = forms.CharField(label="Your comment on this draft", widget=forms.Textarea, max_length=5000,
                           error_messages={"required": "Enter your comment"})


class AccuracyCommentForm(forms.Form):
    section = forms.CharField(widget=forms.HiddenInput)
    paragraph = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(label="What is not accurate, and what should it say?", widget=forms.Textarea,
                           max_length=5000, error_messages={"required": "Enter what is not accurate and what it should say"})


class AnswerForm(forms.Form):
    response = forms.ChoiceField(label="Does the team accept this comment?", widget=forms.RadioSelect,
                                 choices=AccuracyComment.Response.choices,
                                 error_messages={"required": "Choose whether the team accepts the comment",
                                                 "invalid_choice": "Choose whether the team accepts the comment"})
    reason = forms.CharField(label="Reason", widget=forms.Textarea, max_length=5000,
                             error_messages={"required": "Enter the reason for the team's answer"})


class CorrectionForm(forms.Form):
    note = forms.CharField(label="What the correction changes, and why", widget=forms.Textarea, max_length=2000,
                           help_text="This note is published with the corrected report.",
                           error_messages={"required": "Say what the correction changes and why"})


class LocalPollForm(forms.Form):
    area = forms.ChoiceField(label="Local area", error_messages={"required": "Choose the local area holding the poll",
                                                                 "invalid_choice": "Choose the local area holding the poll"})
    polling_day = GovukDateField(label="Polling day", help_text="For example, 6 5 2027",
                                 error_messages={"required": "Enter the polling day"})
    label = forms.CharField(label="Name of the poll (optional)", required=False, max_length=200,
                            help_text="For example, county council elections")

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Choose an area")] + [(a.ons_code, a.name) for a in areas]
