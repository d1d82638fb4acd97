"""The dashboard's filters: a GET form whose state lives in the query string."""

from __future__ import annotations

from django import forms

from areasend.national import queries


class DashboardFilterForm(forms.Form):
    region = forms.ChoiceField(
        label="Region", required=False, error_messages={"invalid_choice": "Select a region from the list"}
    )
    outcome = forms.ChoiceField(
        label="Latest outcome", required=False,
        error_messages={"invalid_choice": "Select an outcome from the list"},
    )
    year = forms.TypedChoiceField(
        label="Picture at the end of", required=False, coerce=int, empty_value=None,
        help_text="The outcomes as they stood at the end of that year",
        error_messages={"invalid_choice": "Select a year from the list"},
    )

    def __init__(self, *args, regions: list[str], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [(r, r) for r in regions]
        self.fields["outcome"].choices = [("", "Any outcome")] + [
            (str(o), queries.outcome_name(o)) for o in queries.OUTCOMES
        ] + [(queries.NOT_YET, queries.outcome_name(None))]
        self.fields["year"].choices = [("", "Latest data")] + [(str(y), str(y)) for y in years]

    def filters(self) -> queries.Filters:
        """The filters to apply: only values that passed validation."""
        if not self.is_bound or not self.is_valid():
            data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        else:
            data = self.cleaned_data
        return queries.Filters(
            region=data.get("region") or "", outcome=data.get("outcome") or "", year=data.get("year") or None
        )
