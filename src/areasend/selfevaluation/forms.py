"""The self-evaluation's forms: Django validates, ``ui.forms`` turns them into the Design System's macros."""

from django import forms

from areasend import framework as fw
from areasend.framework import selfevaluation as core
from areasend.ui.forms import GovukDateField

VIEW_CHOICES = [(v.value, v.label) for v in core.AreaView]
QUESTION_TEXT = {q.key: q for q in core.QUESTIONS}


class EntryForm(forms.Form):
    what_we_know = forms.CharField(label=QUESTION_TEXT["what_we_know"].text, help_text=QUESTION_TEXT["what_we_know"].hint,
                                   required=False, widget=forms.Textarea)
    how_we_know = forms.CharField(label=QUESTION_TEXT["how_we_know"].text, help_text=QUESTION_TEXT["how_we_know"].hint,
                                  required=False, widget=forms.Textarea)
    next_twelve_months = forms.CharField(label=QUESTION_TEXT["next_twelve_months"].text,
                                         help_text=QUESTION_TEXT["next_twelve_months"].hint, required=False, widget=forms.Textarea)
    view = forms.ChoiceField(label="The area's own view of this criterion", choices=VIEW_CHOICES, required=False,
                             widget=forms.RadioSelect, help_text="Your partnership's view, not a grade from the inspectors.")
    reasons = forms.CharField(label="Reasons for this view", required=False, widget=forms.Textarea)


class FigureForm(forms.Form):
    title = forms.CharField(label="What the figure measures", max_length=200, required=False,
                            help_text="For example, EHC plans issued within 20 weeks")
    figure = forms.CharField(label="Figure", max_length=100, required=False, help_text="For example, 64%")
    source = forms.CharField(label="Where the figure comes from", max_length=300, required=False,
                             help_text="For example, the person-level data of March 2026")


class DocumentForm(forms.Form):
    title = forms.CharField(label="What the document is", max_length=200, required=False)
    file = forms.FileField(label="Upload a document", required=False,
                           help_text="PDF, DOCX, ODT, XLSX, ODS or CSV, smaller than 20MB")


class CommentForm(forms.Form):
    text = forms.CharField(label="Add a comment", required=False, widget=forms.Textarea)


class InviteForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200, required=False)
    email = forms.EmailField(label="Work email address", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    position = forms.ChoiceField(label="What they do in the partnership", required=False, widget=forms.RadioSelect,
                                 choices=[(p.value, p.label) for p in core.Position])
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)


class VersionForm(forms.Form):
    note = forms.CharField(label="What this version is for (optional)", max_length=300, required=False,
                           help_text="For example, the draft for the director to sign")


class SignForm(forms.Form):
    name = forms.CharField(label="Your full name", max_length=200, required=False,
                           help_text="Typing your name signs this version off for your organisation")


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=300, required=False)
    criteria = forms.MultipleChoiceField(label="Criteria the action is for", required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         choices=[(c.id, f"{c.id}: {c.name}") for c in fw.CRITERIA])
    report_point = forms.ChoiceField(label="What in the last report does it answer?", required=False, widget=forms.RadioSelect,
                                     choices=[(p.value, p.label) for p in core.ReportPoint])
    report_text = forms.CharField(label="The improvement or priority action, as the report put it", required=False,
                                  widget=forms.Textarea, help_text="Leave empty if the action is not from the last report")
    owner = forms.CharField(label="Who is responsible", max_length=200, required=False)
    due = GovukDateField(label="Due date", required=False, help_text="For example, 31 3 2027")


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="How is it going?", required=False, widget=forms.RadioSelect,
                               choices=[(p.value, p.label) for p in core.ActionProgress])
    note = forms.CharField(label="What has happened since the last update", required=False, widget=forms.Textarea)
