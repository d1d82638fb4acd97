import datetime as dt

from django import forms

from areasend.accounts.models import User
from areasend.access.roles import Role
from areasend.areas.queries import areas_to_choose
from areasend.inspections.models import Inspection, InspectorProfile, TeamMember
from areasend.ui.forms import GovukDateField


def _inspectors():
    return User.objects.filter(groups__name=Role.INSPECTOR.value, is_active=True).select_related("inspector_profile").distinct()


class InspectorChoiceField(forms.ModelChoiceField):
    """Inspectors, each shown with the kind of inspector they are recorded as."""

    def label_from_instance(self, user) -> str:
        profile = getattr(user, "inspector_profile", None)
        kind = profile.get_kind_display() if profile else "kind of inspector not recorded"
        return f"{user} ({kind})"


def _in_sentence(label: str) -> str:
    """A label inside a sentence: "Lead inspector (HMI)" -> "lead inspector (HMI)"; "Ofsted inspector" kept."""
    proper = label.split(" ", 1)[0] in ("Ofsted", "CQC", "HMI")
    return label if proper else label[0].lower() + label[1:]


def _team_place_field(role) -> InspectorChoiceField:
    """A place after the lead, offering only the kinds of inspector the core lets take it."""
    from areasend import framework as fw

    kinds = [kind.value for kind in fw.TeamRole(role.value).taken_by]
    return InspectorChoiceField(
        queryset=_inspectors().filter(inspector_profile__kind__in=kinds),
        required=False,
        label=f"{role.label} (optional)",
        help_text="You can add or change people on the team page later.",
        empty_label="No one yet",
        error_messages={"invalid_choice": f"Choose the {_in_sentence(role.label)} from the list, or No one yet"},
    )


class CreateInspectionForm(forms.Form):
    area = forms.ModelChoiceField(
        queryset=areas_to_choose(),
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
        queryset=_inspectors().filter(inspector_profile__kind=InspectorProfile.Kind.HMI),
        label="Lead inspector",
        help_text="His Majesty's Inspector who will lead the team and make the notification call.",
        empty_label="Choose an HMI",
        error_messages={
            "required": "Choose the lead inspector",
            "invalid_choice": "Choose an HMI from the list: the lead inspector must be one of His Majesty's Inspectors",
        },
    )
    team_ofsted = _team_place_field(TeamMember.Role.OFSTED)
    team_social_care = _team_place_field(TeamMember.Role.SOCIAL_CARE)
    team_cqc = _team_place_field(TeamMember.Role.CQC)

    #: The places after the lead, as (form field, team role), in the order of a full team.
    TEAM_FIELDS = (("team_ofsted", TeamMember.Role.OFSTED), ("team_social_care", TeamMember.Role.SOCIAL_CARE),
                   ("team_cqc", TeamMember.Role.CQC))

    def clean(self):
        data = super().clean()
        seen = {}
        lead = data.get("lead_inspector")
        if lead is not None:
            seen[lead.pk] = TeamMember.Role.LEAD.label
        for name, role in self.TEAM_FIELDS:
            user = data.get(name)
            if user is None:
                continue
            if user.pk in seen:
                self.add_error(name, f"{user} is already on the team as {_in_sentence(seen[user.pk])}: "
                                     f"choose someone else as {_in_sentence(role.label)}")
            else:
                seen[user.pk] = role.label
        return data

    def team(self) -> dict[str, object]:
        """The places after the lead that are filled, by team role."""
        return {role.value: self.cleaned_data[name] for name, role in self.TEAM_FIELDS if self.cleaned_data.get(name)}

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {"area": data["area"], "kind": data["kind"], "lead_inspector": data["lead_inspector"], "team": self.team()}


class NotificationForm(forms.Form):
    notification_date = GovukDateField(
        label="Notification date",
        help_text="The working day the lead inspector calls the director of children's services and the integrated care board. For example, 12 1 2026.",
        error_messages={"required": "Enter the notification date"},
    )

    call_time = forms.CharField(
        required=False,
        label="Time of the call",
        help_text="Use the 24-hour clock, for example 9:30 or 14:05. Leave the call details empty until the call is made.",
        max_length=5,
    )
    dcs_name = forms.CharField(required=False, label="Director of children's services: full name", max_length=200)
    dcs_email = forms.EmailField(
        required=False,
        label="Director of children's services: email address",
        help_text="They are sent what happens next.",
        error_messages={"invalid": "Enter the director's email address in the correct format, like name@example.gov.uk"},
    )
    icb_name = forms.CharField(required=False, label="Integrated care board: full name of the person called", max_length=200)
    icb_is_delegate = forms.TypedChoiceField(
        required=False,
        choices=[("no", "The chief executive"), ("yes", "The chief executive's delegate")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        label="Who took the call for the integrated care board?",
    )
    icb_email = forms.EmailField(
        required=False,
        label="Integrated care board: email address",
        help_text="They are sent what happens next.",
        error_messages={"invalid": "Enter the integrated care board contact's email address in the correct format, like name@example.nhs.uk"},
    )

    CALL_FIELDS = ("call_time", "dcs_name", "dcs_email", "icb_name", "icb_is_delegate", "icb_email")
    CALL_MESSAGES = {
        "call_time": "Enter the time of the call",
        "dcs_name": "Enter the full name of the director of children's services",
        "dcs_email": "Enter the director of children's services' email address",
        "icb_name": "Enter the full name of the person called at the integrated care board",
        "icb_is_delegate": "Choose who took the call for the integrated care board",
        "icb_email": "Enter the integrated care board contact's email address",
    }

    def clean_notification_date(self):
        value = self.cleaned_data.get("notification_date")
        if value is None:
            raise forms.ValidationError("Enter the notification date")
        return value

    def clean_call_time(self):
        raw = self.cleaned_data.get("call_time", "").strip().replace(".", ":")
        if not raw:
            return None
        hours, sep, minutes = raw.partition(":")
        if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2 or int(hours) > 23 or int(minutes) > 59:
            raise forms.ValidationError("Enter the time of the call as hours and minutes, like 9:30")
        return dt.time(int(hours), int(minutes))

    def clean(self):
        data = super().clean()
        given = [name for name in self.CALL_FIELDS if data.get(name) not in (None, "") or self.errors.get(name)]
        if given:
            for name in self.CALL_FIELDS:
                if name not in given and name not in self.errors:
                    self.add_error(name, self.CALL_MESSAGES[name])
        return data

    def call(self):
        """The call details as the service takes them, or None when the call is not recorded yet."""
        from django.utils import timezone

        from areasend.inspections.services import NotificationCall

        data = self.cleaned_data
        if data.get("call_time") is None:
            return None
        made_at = timezone.make_aware(dt.datetime.combine(data["notification_date"], data["call_time"]))
        return NotificationCall(
            made_at=made_at,
            dcs_name=data["dcs_name"].strip(),
            dcs_email=data["dcs_email"].strip().lower(),
            icb_name=data["icb_name"].strip(),
            icb_is_delegate=bool(data["icb_is_delegate"]),
            icb_email=data["icb_email"].strip().lower(),
        )


class TeamMemberForm(forms.Form):
    user = InspectorChoiceField(
        queryset=_inspectors(),
        label="Inspector",
        help_text="A CQC inspector takes the CQC inspector role; the other roles are for Ofsted's inspectors.",
        empty_label="Choose an inspector",
        error_messages={"required": "Choose the inspector to add", "invalid_choice": "Choose an inspector from the list"},
    )
    role = forms.ChoiceField(
        choices=[c for c in TeamMember.Role.choices if c[0] != TeamMember.Role.LEAD],
        widget=forms.RadioSelect,
        label="Role on the team",
        error_messages={"required": "Choose the person's role on the team"},
    )


class LanoForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the nominated officer's full name", "max_length": "The name must be 200 characters or fewer"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="They are sent a link to set a password and sign in. It works once.",
        widget=forms.EmailInput,
        error_messages={
            "required": "Enter the nominated officer's email address",
            "invalid": "Enter an email address in the correct format, like name@example.gov.uk",
        },
    )


def parse_time(raw: str, what: str) -> dt.time | None:
    """A time typed as hours and minutes on the 24-hour clock ("9:30", "14.05"); None when empty."""
    raw = (raw or "").strip().replace(".", ":")
    if not raw:
        return None
    hours, sep, minutes = raw.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2 or int(hours) > 23 or int(minutes) > 59:
        raise forms.ValidationError(f"Enter the {what} as hours and minutes on the 24-hour clock, like 9:30 or 14:00")
    return dt.time(int(hours), int(minutes))


TIME_HINT = "Use the 24-hour clock, for example 9:30 or 14:00."


class _TimesMixin:
    def clean_start_time(self):
        return parse_time(self.cleaned_data.get("start_time", ""), "start time")

    def clean_end_time(self):
        return parse_time(self.cleaned_data.get("end_time", ""), "end time")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if end is not None and start is None and "start_time" not in self.errors:
            self.add_error("start_time", "Enter the start time as well as the end time")
        elif start is not None and end is not None and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        return data


class MeetingForm(_TimesMixin, forms.Form):
    date = GovukDateField(
        label="Date",
        required=False,
        help_text="Within the inspection's weeks. For example, 26 1 2026.",
    )
    start_time = forms.CharField(required=False, label="Start time (optional)", help_text=TIME_HINT, max_length=5)
    end_time = forms.CharField(required=False, label="End time (optional)", help_text=TIME_HINT, max_length=5)
    place = forms.CharField(
        required=False, label="Place (optional)", max_length=300,
        help_text="The room and building, or leave empty for a video call.",
        error_messages={"max_length": "The place must be 300 characters or fewer"},
    )
    video_link = forms.URLField(
        required=False, label="Video call link (optional)", max_length=500, assume_scheme="https",
        error_messages={"invalid": "Enter the video call link as a web address, like https://meet.example.gov.uk/abc",
                        "max_length": "The video call link must be 500 characters or fewer"},
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea, label="Notes for the inspection team (optional)", max_length=5000,
        help_text="The local area does not see these.",
        error_messages={"max_length": "The notes must be 5,000 characters or fewer"},
    )

    def details(self):
        from areasend.inspections.services import MeetingDetails

        data = self.cleaned_data
        return MeetingDetails(
            date=data["date"], start_time=data["start_time"], end_time=data["end_time"],
            place=data["place"], video_link=data["video_link"], notes=data["notes"],
        )


class TeamAttendeeForm(forms.Form):
    member = forms.TypedChoiceField(
        coerce=int, label="Someone on the team",
        error_messages={"required": "Choose someone on the team", "invalid_choice": "Choose someone on the team"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "Choose someone on the team")] + [
            (m.pk, f"{m.user} ({m.get_role_display()})") for m in members
        ]


class LocalAttendeeForm(forms.Form):
    name = forms.CharField(
        label="Full name", max_length=200,
        error_messages={"required": "Enter the person's full name", "max_length": "The name must be 200 characters or fewer"},
    )
    role = forms.ChoiceField(
        label="Role",
        error_messages={"required": "Choose the person's role", "invalid_choice": "Choose the person's role"},
    )
    email = forms.EmailField(
        required=False, label="Email address (optional)", widget=forms.EmailInput,
        help_text="The inspection's nominated officer, by their email address, gets the meeting in their calendar file.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.gov.uk"},
    )

    def __init__(self, *args, **kwargs):
        from areasend.inspections.meetings import LOCAL_ROLE_CHOICES

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "Choose a role")] + LOCAL_ROLE_CHOICES


class VisitForm(_TimesMixin, forms.Form):
    day = forms.TypedChoiceField(
        label="Day", widget=forms.RadioSelect, coerce=dt.date.fromisoformat,
        error_messages={"required": "Choose the day of the visit", "invalid_choice": "Choose one of the on-site days"},
    )
    start_time = forms.CharField(required=False, label="Start time (optional)", help_text=TIME_HINT, max_length=5)
    end_time = forms.CharField(required=False, label="End time (optional)", help_text=TIME_HINT, max_length=5)
    place = forms.CharField(
        label="Place or setting", max_length=300,
        error_messages={"required": "Enter the place or setting", "max_length": "The place must be 300 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Kind of visit", widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of visit it is", "invalid_choice": "Choose what kind of visit it is"},
    )
    members = forms.TypedMultipleChoiceField(
        label="Who on the team is going", widget=forms.CheckboxSelectMultiple, coerce=int,
        error_messages={"required": "Choose who on the team is going", "invalid_choice": "Choose people on the team"},
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea, label="Notes for the inspection team (optional)", max_length=5000,
        help_text="The local area does not see these.",
        error_messages={"max_length": "The notes must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, days=(), members=(), **kwargs):
        from areasend.inspections.meetings import VisitKind

        super().__init__(*args, **kwargs)
        self.fields["day"].choices = [(d.isoformat(), f"{d:%A} {d.day} {d:%B}") for d in days]
        self.fields["kind"].choices = VisitKind.choices
        self.fields["members"].choices = [(m.pk, f"{m.user} ({m.get_role_display()})") for m in members]

    def details(self):
        from areasend.inspections.services import VisitDetails

        data = self.cleaned_data
        return VisitDetails(
            day=data["day"], start_time=data["start_time"], end_time=data["end_time"], place=data["place"],
            kind=data["kind"], member_ids=tuple(data["members"]), notes=data["notes"],
        )
