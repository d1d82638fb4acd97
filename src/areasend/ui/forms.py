"""One small adapter from Django forms to the GOV.UK Frontend macros.

Django keeps validation; this module turns a bound field into the ``params`` dict the
``govuk*`` macros take (label, hint, error message, value, items) and a form's errors into
the error summary's list, each error linking to its field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError

DATE_PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes named ``<name>_day``, ``<name>_month``, ``<name>_year``."""

    def __init__(self, attrs=None):
        super().__init__({part: forms.TextInput() for part in DATE_PARTS}, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date entered in three boxes, with the Design System's error wording."""

    widget = GovukDateWidget
    #: Dates the service can work with: far enough either side for any inspection, history or plan, and
    #: short of the calendar's end, so working days and timelines counted from the date never overflow.
    EARLIEST = dt.date(1900, 1, 1)
    LATEST = dt.date(2199, 12, 31)

    def __init__(self, *, earliest: dt.date | None = None, latest: dt.date | None = None, **kwargs):
        self.earliest = earliest or self.EARLIEST
        self.latest = latest or self.LATEST
        kwargs.setdefault("require_all_fields", False)
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields=fields, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(p.strip() for p in data_list if p):
            return None
        day, month, year = ((p or "").strip() for p in data_list)
        label = (self.label or "date").lower()
        missing = [name for name, part in zip(DATE_PARTS, (day, month, year)) if not part]
        if missing:
            raise forms.ValidationError(f"The {label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise forms.ValidationError(f"The {label} must be a real date, written in numbers")
        if len(year) != 4:
            raise forms.ValidationError(f"The year of the {label} must have 4 numbers, like 2026")
        try:
            value = dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise forms.ValidationError(f"The {label} must be a real date") from None
        if not self.earliest <= value <= self.latest:
            raise forms.ValidationError(
                f"The {label} must be between {_written(self.earliest)} and {_written(self.latest)}"
            )
        return value


def _written(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _django_default(*messages) -> frozenset[str]:
    return frozenset(str(m) for m in messages)


# Django's own wording ("Ensure this value has at most 200 characters (it has 100000).") is replaced by
# the Design System's, naming the field. A message a form or service wrote itself is kept as it is.
_DEFAULT_TEMPLATES = {
    "required": _django_default(forms.Field.default_error_messages["required"]),
    "max_length": _django_default(validators.MaxLengthValidator.message),
    "min_length": _django_default(validators.MinLengthValidator.message),
    "max_value": _django_default(validators.MaxValueValidator.message),
    "min_value": _django_default(validators.MinValueValidator.message),
    "invalid": _django_default(
        validators.EmailValidator.message, validators.URLValidator.message,
        forms.IntegerField.default_error_messages["invalid"], forms.DateField.default_error_messages["invalid"],
    ),
    "invalid_choice": _django_default(
        forms.ChoiceField.default_error_messages["invalid_choice"],
        forms.MultipleChoiceField.default_error_messages["invalid_choice"],
        forms.ModelChoiceField.default_error_messages["invalid_choice"],
    ),
    "invalid_list": _django_default(forms.MultipleChoiceField.default_error_messages["invalid_list"]),
    "empty": _django_default(forms.FileField.default_error_messages["empty"]),
    "missing": _django_default(forms.FileField.default_error_messages["missing"]),
    "invalid_image": _django_default(),
}


def _the(label: str) -> str:
    """"the video call link" from "Video call link"; names such as CQC keep their capitals."""
    text = label.strip().rstrip("?:.")
    first = text.split(" ", 1)[0]
    if not first.isupper():
        text = text[:1].lower() + text[1:]
    if text.startswith(("your ", "the ", "a ", "an ", "who ", "what ", "which ", "when ", "how ")):
        return text
    return f"the {text}"


def _count(amount, one: str, many: str) -> str:
    return f"{amount} {one if amount == 1 else many}"


def govuk_message(field: forms.Field, label: str, error: ValidationError) -> str:
    """The Design System's wording for one of Django's default errors; other errors as they are."""
    code = error.code or ""
    template = str(error.message)
    if template not in _DEFAULT_TEMPLATES.get(code, ()):
        return " ".join(error.messages)
    params = error.params or {}
    limit = params.get("limit_value")
    name = _the(label)
    subject = name[:1].upper() + name[1:]
    widget = field.widget
    choosing = isinstance(field, forms.ChoiceField) or isinstance(widget, (forms.Select, forms.RadioSelect,
                                                                           forms.CheckboxSelectMultiple))
    if code == "required":
        if isinstance(field, forms.FileField):
            return "Select a file to upload"
        if isinstance(widget, forms.CheckboxInput):
            return f"Confirm {name}"
        return f"Select {name}" if choosing else f"Enter {name}"
    if code == "max_length":
        return f"{subject} must be {_count(limit, 'character', 'characters')} or fewer"
    if code == "min_length":
        return f"{subject} must be {_count(limit, 'character', 'characters')} or more"
    if code == "max_value":
        return f"{subject} must be {limit} or less"
    if code == "min_value":
        return f"{subject} must be {limit} or more"
    if code == "invalid":
        if isinstance(field, forms.EmailField):
            return "Enter an email address in the correct format, like name@example.com"
        if isinstance(field, forms.URLField):
            return "Enter a web address in the correct format, like https://www.example.com"
        if isinstance(field, forms.IntegerField):
            return f"{subject} must be a whole number, like 12"
        return f"Enter {name} in the correct format"
    if code in {"invalid_choice", "invalid_list"}:
        return f"Select {name} from the list"
    if code in {"empty", "missing"}:
        return "The selected file is empty: choose a file that has something in it"
    return " ".join(error.messages)


def error_messages(form: forms.Form, name: str) -> list[str]:
    """The errors of one field (or of the form, for ``NON_FIELD_ERRORS``) in the Design System's wording."""
    data = form.errors.as_data().get(name, [])
    if name == forms.forms.NON_FIELD_ERRORS:
        return [" ".join(e.messages) for e in data]
    bound = form[name]
    return [govuk_message(bound.field, str(bound.label or name), e) for e in data]


def _error_text(bound: forms.BoundField) -> str | None:
    return " ".join(error_messages(bound.form, bound.name)) or None


def _value(bound: forms.BoundField):
    value = bound.value()
    return "" if value is None else value


def _is_checked(value, choice_value) -> bool:
    if isinstance(value, (list, tuple)):
        return str(choice_value) in {str(v) for v in value}
    return str(value) == str(choice_value)


def field_params(form: forms.Form, name: str, **overrides: Any) -> dict[str, Any]:
    """Params for the macro matching ``form[name]``'s widget.

    Pass ``label_is_page_heading=True`` for one-question pages, and any macro param
    (``classes``, ``autocomplete``, ``inputmode``...) as a keyword to set it.
    """
    bound = form[name]
    field = bound.field
    widget = field.widget
    field_id = bound.auto_id or name
    heading = overrides.pop("label_is_page_heading", False)
    label: dict[str, Any] = {"text": str(bound.label)}
    if heading:
        label.update(isPageHeading=True, classes="govuk-label--l")
    params: dict[str, Any] = {"id": field_id, "name": bound.html_name}
    if field.help_text:
        params["hint"] = {"text": str(field.help_text)}
    error = _error_text(bound)
    if error:
        params["errorMessage"] = {"text": error}

    if isinstance(widget, GovukDateWidget):
        raw = bound.value()
        if isinstance(raw, dt.date):
            parts = [str(raw.day), str(raw.month), str(raw.year)]
        elif isinstance(raw, (list, tuple)):
            parts = [("" if p is None else str(p)) for p in raw]
        else:
            parts = ["", "", ""]
        legend: dict[str, Any] = {"text": str(bound.label)}
        if heading:
            legend.update(isPageHeading=True, classes="govuk-fieldset__legend--l")
        params["fieldset"] = {"legend": legend}
        params["items"] = [
            {
                "id": f"{field_id}_{part}",
                "name": f"{bound.html_name}_{part}",
                "label": part.capitalize(),
                "value": value,
                "classes": ("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
                + (" govuk-input--error" if error else ""),
                "inputmode": "numeric",
            }
            for part, value in zip(DATE_PARTS, parts)
        ]
        params["id"] = field_id
    elif isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        legend = {"text": str(bound.label)}
        if heading:
            legend.update(isPageHeading=True, classes="govuk-fieldset__legend--l")
        params["fieldset"] = {"legend": legend}
        value = bound.value()
        params["idPrefix"] = field_id
        params["items"] = [
            {"value": v, "text": str(text), "checked": _is_checked(value, v)}
            for v, text in field.choices
            if v != ""
        ]
    elif isinstance(widget, forms.Select):
        params["label"] = label
        value = bound.value()
        params["items"] = [
            {"value": v, "text": str(text), "selected": _is_checked(value, v)} for v, text in field.choices
        ]
    else:
        params["label"] = label
        params["value"] = _value(bound)
        if isinstance(widget, forms.PasswordInput):
            params["value"] = ""
            params["type"] = "password"
        elif isinstance(widget, forms.EmailInput):
            params["type"] = "email"
            params.setdefault("spellcheck", False)
    params.update(overrides)
    return params


def _first_input_id(form: forms.Form, name: str) -> str:
    bound = form[name]
    field_id = bound.auto_id or name
    widget = bound.field.widget
    if isinstance(widget, GovukDateWidget):
        return f"{field_id}_day"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        # The radios macro gives its first item the bare idPrefix as its id.
        return field_id
    return field_id


def error_summary_params(form: forms.Form, title: str = "There is a problem") -> dict[str, Any] | None:
    """The error summary for a bound form, or None when it has no errors."""
    if not form.is_bound or not form.errors:
        return None
    items = [{"text": text} for text in error_messages(form, forms.forms.NON_FIELD_ERRORS)]
    for name in form.fields:
        for text in error_messages(form, name):
            items.append({"text": text, "href": f"#{_first_input_id(form, name)}"})
    return {"titleText": title, "errorList": items}
