from django import forms


class InformationUploadForm(forms.Form):
    """One item's upload. Forms on the information page carry the item key as their prefix."""

    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )
