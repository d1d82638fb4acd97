from django import forms

from areasend.ui.forms import GovukDateField

_WHOLE = "must be a whole number, like 2"


def _count(label: str, *, min_value: int, required: bool = True, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=min_value,
        max_value=20,
        error_messages={
            "required": f"Enter the number of {label.lower()}",
            "invalid": f"{label} {_WHOLE}",
            "min_value": f"{label} must be {min_value} or more",
            "max_value": f"{label} must be 20 or fewer",
        },
    )


class NewPlanForm(forms.Form):
    as_of = GovukDateField(
        label="Plan from (optional)",
        help_text="The plan starts in the week of this day, from the register as it stood then. Leave it blank to "
                  "plan from today. For example, 12 2 2025.",
        required=False,
    )
    until = GovukDateField(
        label="End of the plan",
        help_text="The last day to plan inspections for. For example, 31 12 2027.",
        error_messages={"required": "Enter the end of the plan"},
    )
    full_per_week = _count("Full inspections per week", min_value=1,
                           help_text="How many full inspections the teams can start in one week.")
    monitoring_per_week = _count("Monitoring inspections per week", min_value=0,
                                 help_text="How many monitoring inspections can start in one week. Enter 0 for none.")
    region_cap = _count("Areas of one region per week", min_value=1,
                        help_text="More areas of one region on site in the same week is allowed, but costs in the plan.")
    workforce = forms.FileField(
        label="Inspectors (optional)",
        required=False,
        help_text=("A CSV file with a row for each inspector and the columns name, remit (hmi, ofsted, social_care "
                   "or cqc), region, unavailable (Mondays of weeks away, separated by ;) and conflicts (ONS codes "
                   "of areas they may not inspect, separated by ;). With it, every inspection in the plan gets a team."),
    )

    def clean_until(self):
        value = self.cleaned_data.get("until")
        if value is None:
            raise forms.ValidationError("Enter the end of the plan")
        return value


class WhatIfForm(forms.Form):
    full_per_week = _count("Full inspections per week", min_value=1)
    monitoring_per_week = _count("Monitoring inspections per week", min_value=0, help_text="Enter 0 for none.")
    blackout_week = GovukDateField(
        label="A week with no inspections",
        help_text="Any day in the week. For example, 16 2 2027.",
        required=False,
    )
    pin_area = forms.ChoiceField(label="Area to pin to a week", required=False,
                                 error_messages={"invalid_choice": "Choose an area from the list"})
    pin_week = GovukDateField(label="Week to pin the area to", help_text="Any day in the week. For example, 8 3 2027.",
                              required=False)
    exclude_area = forms.ChoiceField(label="Area to leave out of the plan", required=False,
                                     error_messages={"invalid_choice": "Choose an area from the list"})

    def __init__(self, *args, areas: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pin_area"].choices = [("", "No area")] + areas
        self.fields["exclude_area"].choices = [("", "No area")] + areas


class NationalPauseForm(forms.Form):
    """A national pause: what it stops, its first and last days, and the reason the public is given."""

    stops = forms.ChoiceField(
        label="What the pause stops",
        widget=forms.RadioSelect,
        choices=[("monitoring", "Monitoring inspections only"), ("all", "All inspections")],
        error_messages={"required": "Select what the pause stops", "invalid_choice": "Select what the pause stops"},
    )
    start = GovukDateField(
        label="First day of the pause",
        help_text="For example, 3 3 2025.",
        error_messages={"required": "Enter the first day of the pause"},
    )
    end = GovukDateField(
        label="Last day of the pause",
        help_text="Inspections of the kind paused can start again on the next working day. For example, 11 7 2025.",
        error_messages={"required": "Enter the last day of the pause"},
    )
    reason = forms.CharField(
        label="Reason, as the public will read it",
        help_text="Finish the sentence \u201cinspections were paused for\u2026\u201d. For example, a review of the framework.",
        max_length=300,
        error_messages={"required": "Enter the reason for the pause, as the public will read it",
                        "max_length": "The reason must be 300 characters or fewer"},
    )

    def clean_start(self):
        value = self.cleaned_data.get("start")
        if value is None:
            raise forms.ValidationError("Enter the first day of the pause")
        return value

    def clean_end(self):
        value = self.cleaned_data.get("end")
        if value is None:
            raise forms.ValidationError("Enter the last day of the pause")
        return value

    def clean_reason(self):
        value = " ".join(self.cleaned_data.get("reason", "").split())
        if not value:
            raise forms.ValidationError("Enter the reason for the pause, as the public will read it")
        return value

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day of the pause must be the same as or after the first day")
        return data
