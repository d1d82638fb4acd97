from __future__ import annotations

from django import forms
from django.forms.utils import ErrorDict

from areasend import framework
from areasend.surveys import questions as qs
from areasend.surveys.services import MAX_FREE_TEXT


class AnswerForm(forms.Form):
    """One question on its own page. ``error``, the service's word on the answer sent, is shown in place
    of the form's own checks: the service decides whether an answer can be kept."""

    def __init__(self, question: qs.Question, *args, error: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        self.service_error = error
        if question.is_free_text:
            self.fields["answer"] = forms.CharField(
                label=question.text, help_text=question.hint, required=False, widget=forms.Textarea,
                max_length=MAX_FREE_TEXT,
                error_messages={"max_length": f"Your answer must be {MAX_FREE_TEXT} characters or fewer"},
            )
        else:
            self.fields["answer"] = forms.ChoiceField(
                label=question.text, help_text=question.hint, widget=forms.RadioSelect,
                choices=[(o.value, o.label) for o in question.options],
                error_messages={"required": "Choose one answer", "invalid_choice": "Choose one of the answers shown"},
            )

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.service_error:
            self._errors = ErrorDict({"answer": self.error_class([self.service_error], renderer=self.renderer)},
                                     renderer=self.renderer)
            self.cleaned_data = {}


class PaperForm(forms.Form):
    """Every question of one paper questionnaire, typed in by the local area. Blank stays blank."""

    def __init__(self, question_set: qs.QuestionSet, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_set = question_set
        for number, question in enumerate(question_set.questions, start=1):
            label = f"{number}. {question.text}"
            if question.is_free_text:
                self.fields[question.id] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea, max_length=MAX_FREE_TEXT,
                    help_text="Type exactly what is written. Leave empty if nothing is written.",
                )
            else:
                self.fields[question.id] = forms.ChoiceField(
                    label=label, required=False, widget=forms.RadioSelect,
                    choices=[(o.value, o.label) for o in question.options],
                    help_text="Leave all unselected if no box is ticked.",
                    error_messages={"invalid_choice": "Choose one of the answers shown"},
                )

    def is_free_text(self, name: str) -> bool:
        return self.question_set.question(name).is_free_text


class RecordingForm(forms.Form):
    question = forms.ChoiceField(label="Question", error_messages={"required": "Choose the question the recording is of"})
    recording = forms.FileField(
        label="Recording", help_text="A WAV, MP3, Ogg or M4A file, smaller than 5 MB.",
        error_messages={"required": "Choose a recording to upload", "empty": "The recording file is empty"},
    )

    def __init__(self, question_set: qs.QuestionSet, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "Choose a question")] + [
            (q.id, f"{n}. {q.text}") for n, q in enumerate(question_set.questions, start=1)
        ]


CRITERIA_CHOICES = [(c.id, f"{c.id}: {c.name}") for c in framework.CRITERIA]
