from django import forms
from django.contrib.auth.forms import AuthenticationForm

from areasend.ui.forms import GovukDateField


class SignInForm(AuthenticationForm):
    """Django's sign-in form with GOV.UK wording."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Contact the service team.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].label = "Password"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget = forms.PasswordInput()

    def clean_username(self):
        # Django's sign-in form sets the username's length on the box only; a name no account can have is
        # refused here, before it is looked up or counted by the lockout.
        username = self.cleaned_data.get("username") or ""
        if len(username) > 150 or any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in username):
            raise forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return username


class AuditFilterForm(forms.Form):
    """The data-protection officer narrows the audit trail. Every field may be left empty."""

    verb = forms.ChoiceField(required=False, label="What happened", choices=())
    person = forms.CharField(required=False, label="Who", help_text="Part of a name or username.", max_length=150)
    area = forms.CharField(required=False, label="Local area", help_text="Part of the area's name, or its ONS code.", max_length=100)
    date_from = GovukDateField(required=False, label="From", help_text="For example, 1 12 2026.")
    date_to = GovukDateField(required=False, label="To", help_text="For example, 31 12 2026.")

    def __init__(self, *args, **kwargs):
        from areasend.accounts.queries import VERB_CHOICES

        super().__init__(*args, **kwargs)
        self.fields["verb"].choices = VERB_CHOICES

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned

    def chosen(self):
        from areasend.accounts.queries import AuditFilter

        if not self.is_bound or not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        return AuditFilter(verb=data.get("verb") or "", person=(data.get("person") or "").strip(),
                           area=(data.get("area") or "").strip(), date_from=data.get("date_from"),
                           date_to=data.get("date_to"))


class CodeForm(forms.Form):
    """The 6-digit code an authenticator app shows."""

    code = forms.CharField(
        label="Code from your authenticator app", max_length=20,
        help_text="The 6-digit code the app shows now, for example 123456.",
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Enter the code as 6 digits, for example 123456")
        return code
