from django import forms


class InformationUploadForm(forms.Form):
    """One item's upload. Forms on the information page carry the item key as their prefix."""

    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )


class PersonLevelUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the person-level data",
        help_text="A CSV, XLSX or ODS file with the template's header row.",
        error_messages={"required": "Select the person-level data file to upload", "empty": "The selected file is empty"},
    )
