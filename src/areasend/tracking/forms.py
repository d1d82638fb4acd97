from django import forms

from areasend.inspections.forms import TIME_HINT, parse_time
from areasend.ui.forms import GovukDateField


class ProposeForm(forms.Form):
    seed = forms.IntegerField(
        label="Seed", min_value=0, max_value=2_147_483_647, initial=1,
        help_text="A whole number. The same seed over the same data gives the same proposal; another seed gives another.",
        error_messages={"required": "Enter a seed, a whole number such as 1",
                        "invalid": "Enter the seed as a whole number, such as 1",
                        "min_value": "Enter a seed of 0 or more"},
    )


class SwapForm(forms.Form):
    row = forms.IntegerField(
        label="Row of the person-level data to track instead", min_value=2,
        help_text="The row number in the uploaded file, as a spreadsheet shows it (the header is row 1).",
        error_messages={"required": "Enter the row number of the child or young person to track instead",
                        "invalid": "Enter the row number as a whole number, like 214",
                        "min_value": "Enter a row number of 2 or more: row 1 is the header"},
    )
    reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        label="Reason for the swap",
        help_text="Needed when the swap breaks one of the case-tracking rules; kept in the record of the inspection.",
        error_messages={"max_length": "The reason must be 1,000 characters or fewer"},
    )


class ArrangeForm(forms.Form):
    coordinator_name = forms.CharField(
        label="Case coordinator: full name", max_length=200,
        help_text="The practitioner who knows the child or young person and seeks their agreement.",
        error_messages={"required": "Enter the case coordinator's full name"})
    coordinator_email = forms.EmailField(
        label="Case coordinator: email address",
        error_messages={"required": "Enter the case coordinator's email address",
                        "invalid": "Enter the email address in the correct format, like name@example.gov.uk"})
    family_date = GovukDateField(label="Meeting with the child or young person and their family: date",
                                 error_messages={"required": "Enter the date of the meeting with the family"})
    family_time = forms.CharField(label="Meeting with the family: start time", help_text=TIME_HINT, max_length=5,
                                  error_messages={"required": "Enter the start time of the meeting with the family"})
    practitioners_date = GovukDateField(label="Multi-agency meeting with the practitioners: date",
                                        error_messages={"required": "Enter the date of the multi-agency meeting"})
    practitioners_time = forms.CharField(label="Multi-agency meeting: start time", help_text=TIME_HINT, max_length=5,
                                         error_messages={"required": "Enter the start time of the multi-agency meeting"})

    def clean_family_date(self):
        value = self.cleaned_data.get("family_date")
        if value is None:
            raise forms.ValidationError("Enter the date of the meeting with the family")
        return value

    def clean_practitioners_date(self):
        value = self.cleaned_data.get("practitioners_date")
        if value is None:
            raise forms.ValidationError("Enter the date of the multi-agency meeting")
        return value

    def clean_family_time(self):
        return parse_time(self.cleaned_data.get("family_time", ""), "start time of the meeting with the family")

    def clean_practitioners_time(self):
        return parse_time(self.cleaned_data.get("practitioners_time", ""), "start time of the multi-agency meeting")


class ProvidersUploadForm(forms.Form):
    file = forms.FileField(label="Upload the providers file",
                           help_text="A CSV, XLSX or ODS file with the columns provider_name, sector, "
                                     "alternative_provision, sen_support, health_tier and stages.",
                           error_messages={"required": "Select the providers file to upload",
                                           "empty": "The selected file is empty"})


class SamplingVisitForm(forms.Form):
    provider = forms.IntegerField(widget=forms.HiddenInput)
    day = forms.TypedChoiceField(label="Day of the visit", coerce=lambda v: __import__("datetime").date.fromisoformat(v),
                                 error_messages={"required": "Choose the day of the visit",
                                                 "invalid_choice": "Choose one of the on-site days"})

    def __init__(self, *args, days=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [(d.isoformat(), f"{d:%A} {d.day} {d:%B %Y}") for d in days]
