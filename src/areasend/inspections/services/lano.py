"""The local area nominated officer: named by the lead, or by the local area through a signed link."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areasend.accounts import services as audit
from areasend.access.capabilities import Capability
from areasend.accounts.models import Verb
from areasend.inspections import access
from areasend.inspections.models import Inspection, Task




from areasend.inspections.services._common import _check_times, _long_date, _send_or_refuse, _timeline_or_refuse  # noqa: F401


# The local area nominated officer -----------------------------------------------------------------


def invitation_link(user) -> str:
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "accounts:invitation", args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]
    )
    return settings.AREASEND_BASE_URL + path


@transaction.atomic
def name_lano(actor, inspection: Inspection, *, name: str, email: str):
    """The lead inspector names the area's LANO. They get an account scoped to this inspection and an invitation."""
    inspection = Inspection.objects.select_for_update().select_related("area", "lead_inspector").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.NAME_LANO, "Only the lead inspector can name the local area nominated officer.")
    return _name_lano(actor, inspection, name=name, email=email, how="")


def _name_lano(actor, inspection: Inspection, *, name: str, email: str, how: str):
    from areasend.accounts.models import User
    from areasend.access.roles import Role, is_local_area_officer, roles_of
    from areasend.accounts.services import grant_role

    name, email = " ".join(name.split()), email.strip().lower()
    if not name:
        raise ValidationError({"name": "Enter the nominated officer's full name"})
    user = User.objects.filter(username=email).first() or User.objects.filter(email__iexact=email).first()
    if user is not None and roles_of(user) and not is_local_area_officer(user):
        raise ValidationError({"email": "This email address belongs to an inspector or planner: enter the local area's own contact."})
    first, _, last = name.rpartition(" ")
    first, last = (first, last) if first else (last, "")
    created = user is None
    if created:
        user = User(username=email, email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        user.save()
    grant_role(user, Role.LOCAL_AREA_OFFICER, by=actor)
    before = inspection.lano
    inspection.lano = user
    inspection.save(update_fields=["lano"])
    audit.record(
        actor, Verb.LANO_NAMED, inspection=inspection,
        summary=f"Named {name} as the local area nominated officer{how}" + (f" (replacing {before})" if before and before != user else ""),
        changed=audit.changes(lano=(before.username if before else None, user.username)),
    )
    Task.objects.filter(inspection=inspection, milestone_key="lano_nominated", status=Task.Status.TO_DO).update(
        status=Task.Status.DONE, done_by=actor if getattr(actor, "is_authenticated", False) else None, done_at=timezone.now()
    )
    message = None
    if not user.has_usable_password():
        message = _send_or_refuse(
            "lano-invitation",
            to=email,
            personalisation={
                "name": name,
                "lead": str(inspection.lead_inspector),
                "kind": inspection.get_kind_display().lower(),
                "area": inspection.area.name,
                "link": invitation_link(user),
                "username": user.username,
            },
            # Saving the officer again on a later day sends a fresh link (links expire).
            idempotency_key=f"lano-invitation:{inspection.pk}:{user.pk}:{timezone.localdate().isoformat()}",
            inspection=inspection,
        )
        audit.record(actor, Verb.INVITATION_SENT, inspection=inspection, target=user,
                     summary=f"Sent {name} an invitation to set a password and sign in", person=user.username,
                     role=Role.LOCAL_AREA_OFFICER.value)
    return user, message


NOMINATION_SALT = "areasend.inspections.lano-nomination"
NOMINATION_LINK_DAYS = 14


def nomination_link(inspection: Inspection) -> str:
    """A link the local area can use once to name its LANO. It stops working when the LANO is named,
    when the notification date changes, or after 14 days."""
    from django.conf import settings
    from django.core import signing
    from django.urls import reverse

    token = signing.dumps({"i": inspection.pk, "n": inspection.notification_date.isoformat()}, salt=NOMINATION_SALT)
    return settings.AREASEND_BASE_URL + reverse("inspections:nominate", args=[token])


def inspection_for_nomination(token: str) -> Inspection | None:
    """The inspection a nomination link is for, if the link still works; None otherwise."""
    from django.core import signing

    try:
        data = signing.loads(token, salt=NOMINATION_SALT, max_age=dt.timedelta(days=NOMINATION_LINK_DAYS))
    except signing.BadSignature:
        return None
    inspection = Inspection.objects.select_related("area", "lead_inspector").filter(pk=data.get("i")).first()
    if inspection is None or inspection.lano_id is not None or inspection.findings_recorded:
        return None
    if inspection.notification_date is None or inspection.notification_date.isoformat() != data.get("n"):
        return None
    return inspection


def nomination_link_expires(today: dt.date) -> dt.date:
    """The last day a nomination link made on ``today`` works: the message states it."""
    return today + dt.timedelta(days=NOMINATION_LINK_DAYS)


CONFIRM_SALT = "areasend.inspections.lano-confirmation"


def _allowed_domains() -> dict[str, tuple[str, ...]]:
    """``AREASEND_LANO_EMAIL_DOMAINS``: for each area (by ONS code) the email domains its nominated officer's
    address may have, written ``E06000022=bathnes.gov.uk|nhs.net;E09000002=lbbd.gov.uk``."""
    from django.conf import settings

    out = {}
    for part in (p.strip() for p in getattr(settings, "AREASEND_LANO_EMAIL_DOMAINS", "").split(";") if p.strip()):
        code, _, domains = part.partition("=")
        out[code.strip()] = tuple(d.strip().lower().lstrip("@") for d in domains.split("|") if d.strip())
    return out


def _check_domain(inspection: Inspection, email: str) -> None:
    allowed = _allowed_domains().get(inspection.area.ons_code)
    if not allowed:
        return
    domain = email.strip().lower().rpartition("@")[2]
    if not any(domain == d or domain.endswith("." + d) for d in allowed):
        raise ValidationError({"email": f"Enter an email address at {' or '.join(allowed)}: the nominated officer must "
                                        "use an address of the local area's own organisations"})


@transaction.atomic
def nominate_lano_by_link(token: str, *, name: str, email: str) -> dict:
    """The local area proposes its own LANO through the link sent after the notification call.

    No account is made yet: the lead inspector is told and confirms first (``confirm_lano``), so whoever
    holds the link cannot make any address the LANO. The proposal is recorded; returns it.
    """
    from django.conf import settings
    from django.core import signing
    from django.urls import reverse

    from areasend.accounts.models import User
    from areasend.access.roles import is_local_area_officer, roles_of

    found = inspection_for_nomination(token)
    if found is None:
        raise PermissionDenied("This nomination link no longer works.")
    inspection = Inspection.objects.select_for_update().select_related("area", "lead_inspector").get(pk=found.pk)
    if inspection.lano_id is not None:
        raise PermissionDenied("This nomination link no longer works.")
    name, email = " ".join(name.split()), email.strip().lower()
    if not name:
        raise ValidationError({"name": "Enter the nominated officer's full name"})
    _check_domain(inspection, email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None and roles_of(existing) and not is_local_area_officer(existing):
        raise ValidationError({"email": "This email address belongs to an inspector or planner: enter the local area's own contact."})
    proposal = {"i": inspection.pk, "n": inspection.notification_date.isoformat(), "name": name, "email": email}
    confirm = settings.AREASEND_BASE_URL + reverse(
        "inspections:lano-confirm", args=[inspection.pk, signing.dumps(proposal, salt=CONFIRM_SALT)])
    audit.record(None, Verb.LANO_PROPOSED, inspection=inspection,
                 summary=f"The local area proposed {name} as the nominated officer, through the nomination link",
                 person=email)
    _send_or_refuse(
        "lano-proposed",
        to=inspection.lead_inspector.email,
        personalisation={"lead": str(inspection.lead_inspector), "area": inspection.area.name, "name": name,
                         "email": email, "link": confirm},
        idempotency_key=f"lano-proposed:{inspection.pk}:{email}:{timezone.localdate().isoformat()}",
        inspection=inspection,
    )
    return {"name": name, "email": email}


def lano_proposal(inspection: Inspection, token: str) -> dict | None:
    """The proposal a confirmation link carries, if it is for this inspection and still stands."""
    from django.core import signing

    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=dt.timedelta(days=NOMINATION_LINK_DAYS))
    except signing.BadSignature:
        return None
    if data.get("i") != inspection.pk or inspection.lano_id is not None:
        return None
    if inspection.notification_date is None or inspection.notification_date.isoformat() != data.get("n"):
        return None
    return {"name": data["name"], "email": data["email"]}


@transaction.atomic
def confirm_lano(actor, inspection: Inspection, token: str):
    """The lead inspector confirms the local area's proposal: only now is the account made and the invitation sent."""
    inspection = Inspection.objects.select_for_update().select_related("area", "lead_inspector").get(pk=inspection.pk)
    access.require(actor, inspection, Capability.NAME_LANO, "Only the lead inspector can name the local area nominated officer.")
    proposal = lano_proposal(inspection, token)
    if proposal is None:
        raise PermissionDenied("This confirmation link no longer works.")
    return _name_lano(actor, inspection, name=proposal["name"], email=proposal["email"],
                      how=" (proposed by the local area through the nomination link, confirmed by the lead inspector)")
