"""The filters on the list of local areas: a GET form whose state lives in the query string."""

from __future__ import annotations

from django import forms

from areasend.areas import queries


ANY_TIME = "any"


class AreaFilterForm(forms.Form):
    q = forms.CharField(
        label="Search by name", required=False, max_length=100, help_text="Or enter an ONS code, like E06000061"
    )
    region = forms.ChoiceField(
        label="Region", required=False, error_messages={"invalid_choice": "Select a region from the list"}
    )
    outcome = forms.MultipleChoiceField(
        label="Latest outcome",
        required=False,
        choices=queries.OUTCOME_FILTER_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select outcomes from the list"},
    )
    since_last = forms.ChoiceField(
        label="Time since last inspection",
        required=False,
        choices=((ANY_TIME, "Any time"),) + queries.SINCE_LAST_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a time since last inspection from the list"},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=queries.SORT_CHOICES,
        error_messages={"invalid_choice": "Select a sort order from the list"},
    )

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [(r, r) for r in regions]

    def filters(self) -> dict:
        """The filters to apply: only values that passed validation."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return {
            "q": data.get("q") or "",
            "region": data.get("region") or "",
            "outcome": data.get("outcome") or [],
            "since_last": "" if data.get("since_last") in (None, ANY_TIME) else data["since_last"],
            "sort": data.get("sort") or "name",
        }

    @property
    def is_filtered(self) -> bool:
        f = self.filters()
        return bool(f["q"] or f["region"] or f["outcome"] or f["since_last"])
