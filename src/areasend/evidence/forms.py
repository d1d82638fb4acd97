"""Forms for the evidence pages. They validate what a person typed; the services check the rest."""

from __future__ import annotations

import uuid

from django import forms

from areasend import framework as fw
from areasend.evidence.models import TRACKING_CASE_LINK, LineStatus
from areasend.evidence.services import EntryFields

SOURCE_CHOICES = [(s.value, s.label) for s in fw.EvidenceSource]
CRITERIA_CHOICES = [(c.id, f"{c.id}: {c.name[:1].upper()}{c.name[1:]}") for c in fw.CRITERIA]
REASON_SLOTS = 3
AREA_SLOTS = 3


def _links(inspection):
    meetings = [("", "None")] + [(m.pk, m.get_kind_display() + (f", {m.date.day} {m.date:%B %Y}" if m.date else ""))
                                 for m in inspection.meetings.all()]
    visits = [("", "None")] + [(v.pk, f"{v.place}, {v.day.day} {v.day:%B %Y}") for v in inspection.visits.all()]
    documents = [("", "None")] + [(d.pk, f"{d.original_name} (version {d.version})") for d in inspection.information_uploads.all()]
    return meetings, visits, documents


def case_label(case) -> str:
    return f"Case {case.position} ({case.pseudonym})"


class EntryForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput, error_messages={"required": "Reload the page and type the entry again",
                                                                    "invalid": "Reload the page and type the entry again"})
    text = forms.CharField(label="What did you find?", widget=forms.Textarea,
                           help_text="Write what you saw, heard or read, and who it came from. Do not write children's names.",
                           error_messages={"required": "Enter what you found"})
    source = forms.ChoiceField(label="Where did it come from?", choices=SOURCE_CHOICES, widget=forms.RadioSelect,
                               error_messages={"required": "Choose where the evidence came from"})
    meeting = forms.TypedChoiceField(label="Meeting", required=False, coerce=int, empty_value=None,
                                     error_messages={"invalid_choice": "Choose a meeting from the list"})
    visit = forms.TypedChoiceField(label="Visit on the timetable", required=False, coerce=int, empty_value=None,
                                   error_messages={"invalid_choice": "Choose a visit from the list"})
    document = forms.TypedChoiceField(label="Document from the information request", required=False, coerce=int,
                                      empty_value=None, error_messages={"invalid_choice": "Choose a document from the list"})
    tracking_case = forms.TypedChoiceField(label="Tracking case", required=False, coerce=int, empty_value=None,
                                           error_messages={"invalid_choice": "Choose a tracking case from the list"})
    criteria = forms.MultipleChoiceField(label="Which criteria does it bear on?", choices=CRITERIA_CHOICES, required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         error_messages={"invalid_choice": "Choose criteria from the list"})
    lines_for = forms.MultipleChoiceField(label="Lines of enquiry it supports", required=False,
                                          widget=forms.CheckboxSelectMultiple)
    lines_against = forms.MultipleChoiceField(label="Lines of enquiry it points against", required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        meetings, visits, documents = _links(inspection)
        self.fields["meeting"].choices = meetings
        self.fields["visit"].choices = visits
        self.fields["document"].choices = documents
        from areasend.tracking import queries as tracking

        cases = tracking.cases_for(inspection)
        if cases:
            self.fields["tracking_case"].choices = [("", "None")] + [(c.pk, case_label(c)) for c in cases]
        else:
            del self.fields["tracking_case"]
        lines = [(str(line.pk), line.title) for line in inspection.lines_of_enquiry.all()]
        self.fields["lines_for"].choices = lines
        self.fields["lines_against"].choices = lines
        if not self.is_bound and "key" not in self.initial:
            self.initial["key"] = uuid.uuid4()

    def clean(self):
        data = super().clean()
        both = set(data.get("lines_for") or ()) & set(data.get("lines_against") or ())
        if both:
            self.add_error("lines_against", "A line of enquiry cannot be both supported and pointed against by one entry")
        return data

    def entry_fields(self) -> EntryFields:
        data = self.cleaned_data
        lines = tuple((int(i), "for") for i in data.get("lines_for") or ()) + tuple(
            (int(i), "against") for i in data.get("lines_against") or ())
        return EntryFields(text=data["text"], source=data["source"], meeting_id=data.get("meeting"),
                           visit_id=data.get("visit"), document_id=data.get("document"),
                           tracking_case_id=data.get("tracking_case"), criteria=tuple(data.get("criteria") or ()), lines=lines)


def initial_from_version(version) -> dict:
    links = list(version.line_links.all())
    return {
        "key": uuid.uuid4(), "text": version.text, "source": version.source, "meeting": version.meeting_id,
        "visit": version.visit_id, "document": version.document_id, "criteria": version.criteria,
        "tracking_case": int(version.linked_id) if version.linked_type == TRACKING_CASE_LINK and version.linked_id.isdigit()
        else None,
        "lines_for": [str(link.line_id) for link in links if link.stance == "for"],
        "lines_against": [str(link.line_id) for link in links if link.stance == "against"],
    }


class LineForm(forms.Form):
    title = forms.CharField(label="Line of enquiry", max_length=300,
                            help_text="What the team will test on site, as a question.",
                            error_messages={"required": "Enter the line of enquiry",
                                            "max_length": "The line of enquiry must be 300 characters or fewer"})
    description = forms.CharField(label="Why (optional)", widget=forms.Textarea, required=False)
    criteria = forms.MultipleChoiceField(label="Criteria it bears on (optional)", choices=CRITERIA_CHOICES, required=False,
                                         widget=forms.CheckboxSelectMultiple)


class LineStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=LineStatus.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose the line of enquiry's status"})
    conclusion = forms.CharField(label="What the team concluded", widget=forms.Textarea, required=False,
                                 help_text="Needed once the line of enquiry is concluded.")


def _entry_choices(inspection, numbers):
    return [(str(v.entry_id), f"Entry {numbers[v.entry_id]}: {v.text[:90]}{'…' if len(v.text) > 90 else ''}")
            for v in sorted(_current(inspection), key=lambda v: numbers[v.entry_id])]


def _current(inspection):
    from areasend.evidence import queries

    return queries.current_versions(inspection)


class OutcomeForm(forms.Form):
    """A full inspection's proposed outcome: reasons tied to entries; areas for priority action with outcome 3."""

    outcome = forms.TypedChoiceField(label="Outcome", coerce=int, widget=forms.RadioSelect,
                                     choices=[(o.value, f"Outcome {o.value}") for o in fw.Outcome],
                                     error_messages={"required": "Choose the outcome the evidence supports"})
    summary = forms.CharField(label="Summary of the team's findings", widget=forms.Textarea, required=False)

    def __init__(self, *args, inspection, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        entries = _entry_choices(inspection, numbers)
        for i in range(1, REASON_SLOTS + 1):
            self.fields[f"reason_{i}"] = forms.CharField(label=f"Reason {i}", widget=forms.Textarea, required=False)
            self.fields[f"reason_{i}_entries"] = forms.MultipleChoiceField(
                label=f"Evidence entries reason {i} rests on", choices=entries, required=False, widget=forms.CheckboxSelectMultiple)
        for i in range(1, AREA_SLOTS + 1):
            self.fields[f"area_{i}"] = forms.CharField(label=f"Area for priority action {i}", required=False,
                                                       widget=forms.Textarea)
            self.fields[f"area_{i}_partners"] = forms.CharField(
                label=f"Partners responsible for area {i}", required=False, widget=forms.Textarea,
                help_text="One partner a line, for example the local authority or the integrated care board.")

    def reasons(self):
        return [(self.cleaned_data.get(f"reason_{i}", ""), [int(e) for e in self.cleaned_data.get(f"reason_{i}_entries") or ()])
                for i in range(1, REASON_SLOTS + 1)]

    def priority_areas(self):
        return [(self.cleaned_data.get(f"area_{i}", ""), (self.cleaned_data.get(f"area_{i}_partners") or "").splitlines())
                for i in range(1, AREA_SLOTS + 1)]


class MonitoringForm(forms.Form):
    recommendations = forms.CharField(label="Further recommendations", widget=forms.Textarea,
                                      error_messages={"required": "Enter the further recommendations for the partnership"})

    def __init__(self, *args, inspection, numbers, wording, **kwargs):
        super().__init__(*args, **kwargs)
        entries = _entry_choices(inspection, numbers)
        for i in range(1, AREA_SLOTS + 1):
            self.fields[f"area_{i}"] = forms.CharField(label=f"Area for priority action {i}", required=False)
            self.fields[f"answer_{i}"] = forms.ChoiceField(
                label=wording.question, required=False, widget=forms.RadioSelect,
                choices=[(a.key, a.text) for a in wording.answers])
            self.fields[f"reason_{i}"] = forms.CharField(label=f"Reason for the conclusion on area {i}", required=False,
                                                         widget=forms.Textarea)
            self.fields[f"entries_{i}"] = forms.MultipleChoiceField(
                label=f"Evidence entries the conclusion on area {i} rests on", choices=entries, required=False,
                widget=forms.CheckboxSelectMultiple)

    def conclusions(self):
        return [(self.cleaned_data.get(f"area_{i}", ""), self.cleaned_data.get(f"answer_{i}", ""),
                 self.cleaned_data.get(f"reason_{i}", ""), [int(e) for e in self.cleaned_data.get(f"entries_{i}") or ()])
                for i in range(1, AREA_SLOTS + 1)]


class FeedbackForm(forms.Form):
    feedback_notes = forms.CharField(label="What was said at the final feedback meeting", widget=forms.Textarea,
                                     error_messages={"required": "Enter what was said at the final feedback meeting"})
