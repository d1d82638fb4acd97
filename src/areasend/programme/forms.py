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
