"""The adapter from Django forms to GOV.UK macro params, and the error summary."""

import datetime as dt

import pytest
from django import forms
from django.template import engines

from areasend.ui.forms import GovukDateField, error_summary_params, field_params


class ExampleForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on the register", error_messages={"required": "Enter your full name"})
    colour = forms.ChoiceField(choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect, label="Colour")
    region = forms.ChoiceField(choices=[("", "Choose"), ("ne", "North East")], label="Region")
    when = GovukDateField(label="Start date")


def test_text_input_params_carry_label_hint_value_and_error():
    form = ExampleForm(data={"name": "", "colour": "red", "region": "ne", "when_day": "1", "when_month": "2", "when_year": "2026"})
    assert not form.is_valid()
    params = field_params(form, "name")
    assert params["id"] == "id_name"
    assert params["name"] == "name"
    assert params["label"] == {"text": "Full name"}
    assert params["hint"] == {"text": "As on the register"}
    assert params["errorMessage"] == {"text": "Enter your full name"}


def test_radios_mark_the_chosen_item_and_use_a_fieldset_legend():
    form = ExampleForm(data={"colour": "blue"})
    params = field_params(form, "colour")
    assert params["fieldset"]["legend"]["text"] == "Colour"
    assert [i["checked"] for i in params["items"]] == [False, True]


def test_select_marks_selected_option():
    form = ExampleForm(data={"region": "ne"})
    params = field_params(form, "region")
    assert [i["selected"] for i in params["items"]] == [False, True]


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("", "2", "2026", "The start date must include a day"),
        ("31", "2", "2026", "The start date must be a real date"),
        ("1", "x", "2026", "The start date must be a real date, written in numbers"),
        ("1", "2", "26", "The year of the start date must have 4 numbers, like 2026"),
    ],
)
def test_date_field_explains_what_is_wrong(day, month, year, message):
    form = ExampleForm(data={"name": "A", "colour": "red", "region": "ne", "when_day": day, "when_month": month, "when_year": year})
    assert not form.is_valid()
    assert form.errors["when"] == [message]
    params = field_params(form, "when")
    assert [i["value"] for i in params["items"]] == [day, month, year]
    assert all("govuk-input--error" in i["classes"] for i in params["items"])


def test_date_field_parses_a_real_date():
    form = ExampleForm(data={"name": "A", "colour": "red", "region": "ne", "when_day": "29", "when_month": "2", "when_year": "2028"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == dt.date(2028, 2, 29)


def test_error_summary_links_each_error_to_its_field():
    form = ExampleForm(data={"colour": "red", "region": "ne", "when_day": "40", "when_month": "1", "when_year": "2026"})
    summary = error_summary_params(form)
    assert summary["titleText"] == "There is a problem"
    hrefs = {item["href"] for item in summary["errorList"]}
    assert hrefs == {"#id_name", "#id_when_day"}


def test_unbound_or_valid_form_has_no_summary():
    assert error_summary_params(ExampleForm()) is None


def test_rendered_macro_shows_the_error_next_to_the_field():
    form = ExampleForm(data={})
    form.is_valid()
    env = engines["jinja2"].env
    template = env.from_string(
        '{% from "govuk_frontend_jinja/components/input/macro.html" import govukInput %}{{ govukInput(field(form, "name")) }}'
    )
    html = template.render(form=form)
    assert 'id="id_name"' in html
    assert "govuk-error-message" in html
    assert "Enter your full name" in html


class LimitsForm(forms.Form):
    place = forms.CharField(max_length=200, label="Place")
    email = forms.EmailField(label="Email address")
    inspectors = forms.IntegerField(min_value=1, label="Number of CQC inspectors")
    role = forms.ChoiceField(choices=[("lead", "Lead")], label="Role")
    note = forms.CharField(label="Note", error_messages={"required": "Write a note for the team"})


def test_djangos_default_messages_are_said_the_govuk_way_naming_the_field():
    form = LimitsForm(data={"place": "x" * 100000, "email": "not an address", "inspectors": "0", "role": "other"})
    assert not form.is_valid()
    texts = [item["text"] for item in error_summary_params(form)["errorList"]]
    assert texts == [
        "The place must be 200 characters or fewer",
        "Enter an email address in the correct format, like name@example.com",
        "The number of CQC inspectors must be 1 or more",
        "Select the role from the list",
        "Write a note for the team",
    ]
    assert field_params(form, "place")["errorMessage"] == {"text": "The place must be 200 characters or fewer"}
    assert not any("Ensure this value" in t or "(it has" in t for t in texts)


def test_a_missing_answer_says_what_to_enter_or_select():
    form = LimitsForm(data={})
    assert not form.is_valid()
    texts = [item["text"] for item in error_summary_params(form)["errorList"]]
    assert texts[:4] == ["Enter the place", "Enter the email address", "Enter the number of CQC inspectors",
                         "Select the role"]
    assert "This field is required." not in texts
