from django import forms

from areasend.accounts.models import User
from areasend.accounts.roles import Role
from areasend.areas.models import LocalAreaPartnership
from areasend.inspections.models import OUTCOME_CHOICES, Inspection
from areasend.ui.forms import GovukDateField


class CreateInspectionForm(forms.Form):
    area = forms.ModelChoiceField(
        queryset=LocalAreaPartnership.objects.current().order_by("name"),
        label="Local area partnership",
        empty_label="Choose an area",
        error_messages={"required": "Choose the local area partnership to inspect"},
    )
    kind = forms.ChoiceField(
        choices=Inspection.Kind.choices,
        widget=forms.RadioSelect,
        label="Kind of inspection",
        initial=Inspection.Kind.FULL,
        error_messages={"required": "Choose the kind of inspection"},
    )
    lead_inspector = forms.ModelChoiceField(
        queryset=User.objects.filter(groups__name=Role.INSPECTOR.value, is_active=True).distinct(),
        label="Lead inspector",
        help_text="His Majesty's Inspector who will lead the team and make the notification call.",
        empty_label="Choose an inspector",
        error_messages={"required": "Choose the lead inspector"},
    )


class NotificationForm(forms.Form):
    notification_date = GovukDateField(
        label="Notification date",
        help_text="The working day the lead inspector calls the director of children's services and the integrated care board. For example, 12 1 2026.",
        error_messages={"required": "Enter the notification date"},
    )

    def clean_notification_date(self):
        value = self.cleaned_data.get("notification_date")
        if value is None:
            raise forms.ValidationError("Enter the notification date")
        return value


class OutcomeForm(forms.Form):
    outcome = forms.TypedChoiceField(
        choices=OUTCOME_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose the outcome the team reached"},
    )
    summary = forms.CharField(
        widget=forms.Textarea,
        label="Summary for the public report",
        help_text="A few sentences on what life is like for children and young people with SEND in the area.",
        max_length=5000,
        error_messages={
            "required": "Enter a summary for the public report",
            "max_length": "The summary must be 5,000 characters or fewer",
        },
    )
