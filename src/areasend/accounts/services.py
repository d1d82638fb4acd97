"""Writes the accounts app makes: the audit trail, sign-in events and role membership.

``record`` is the only way an audit event is written. Services call it in the same transaction as
the change they record, so a change that is rolled back leaves no event and an event never
describes a change that did not happen.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from typing import Any

from django.contrib.auth.models import Group

from areasend.access import gate as access
from areasend.accounts.models import AuditEvent, User, Verb
from areasend.access.roles import Role


def _plain(value: Any) -> Any:
    """A value as JSON can keep it: dates as ISO text, enums as their value, objects as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return str(value)


def changes(**pairs: tuple[Any, Any]) -> dict[str, dict[str, Any]]:
    """``changes(date=(old, new))`` -> the payload's record of what changed, leaving out what did not."""
    return {name: {"from": _plain(old), "to": _plain(new)} for name, (old, new) in pairs.items() if old != new}


def actor_label(actor) -> str:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return f"{actor.get_full_name() or actor.username} ({actor.username})"
    return "system"


def record(
    actor,
    verb: Verb,
    *,
    summary: str = "",
    inspection=None,
    target=None,
    changed: dict | None = None,
    **details: Any,
) -> AuditEvent:
    """Record that ``actor`` (None for the service itself) did ``verb``.

    ``inspection`` is the inspection the event belongs to; ``target`` the object it was done to
    (the inspection itself when not given); ``changed`` what changed (see ``changes``); any other
    keyword is kept in the payload as a fact of the event.
    """
    target = target if target is not None else inspection
    payload = {key: _plain(value) for key, value in details.items()}
    if changed:
        payload["changes"] = changed
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=actor_label(actor),
        verb=verb,
        inspection=inspection,
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=(summary or Verb(verb).label)[:500],
        payload=payload,
    )


def record_view(actor, what: str, *, inspection=None, target=None, **details: Any) -> AuditEvent:
    """Someone read a page with personal data on it."""
    return record(actor, Verb.VIEWED, summary=f"Viewed {what}", inspection=inspection, target=target, page=what, **details)


def record_download(actor, what: str, *, file_format: str, inspection=None, target=None, **details: Any) -> AuditEvent:
    return record(
        actor, Verb.DOWNLOADED, summary=f"Downloaded {what}", inspection=inspection, target=target,
        file=what, format=file_format, **details,
    )


def record_export(actor, what: str, *, file_format: str, rows: int | None = None, inspection=None, target=None,
                  **details: Any) -> AuditEvent:
    return record(
        actor, Verb.EXPORTED, summary=f"Exported {what} as {file_format.upper()}", inspection=inspection, target=target,
        file=what, format=file_format, rows=rows, **details,
    )


def grant_role(user: User, role: Role, *, by=None) -> None:
    """Give ``user`` a service-wide role, recorded with who gave it (None: the service itself)."""
    group, _ = Group.objects.get_or_create(name=role.value)
    if user.groups.filter(pk=group.pk).exists():
        return
    user.groups.add(group)
    access.forget(user)
    record(by, Verb.ROLE_GRANTED, summary=f"Gave {user} the role {role.label}", target=user, role=role.value,
           person=user.username)


def remove_role(user: User, role: Role, *, by=None) -> None:
    group = Group.objects.filter(name=role.value).first()
    if group is None or not user.groups.filter(pk=group.pk).exists():
        return
    user.groups.remove(group)
    access.forget(user)
    record(by, Verb.ROLE_REMOVED, summary=f"Took the role {role.label} from {user}", target=user, role=role.value,
           person=user.username)


# Signing in and out: Django's signals, connected in ``AccountsConfig.ready``.


def on_signed_in(sender, request, user, **kwargs) -> None:
    record(user, Verb.SIGNED_IN, summary="Signed in", target=user)
    session = getattr(request, "session", None)
    if session is not None:
        # The session's absolute lifetime counts from here (see config.middleware.SessionLifetimeMiddleware).
        import time

        session["_areasend_session_started"] = session["_areasend_session_seen"] = int(time.time())


def on_sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # The password is never kept; the name tried is, so repeated guessing shows.
    username = str(credentials.get("username", ""))[:150]
    record(None, Verb.SIGN_IN_FAILED, summary=f"Sign-in refused for the name {username!r}", username=username)


def on_signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(user, Verb.SIGNED_OUT, summary="Signed out", target=user)


# Invitations ---------------------------------------------------------------------------------------


def invited_user(uidb64: str, token: str):
    """The person an invitation link is for, if the link still works; None otherwise."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_str
    from django.utils.http import urlsafe_base64_decode

    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


def set_password_from_invitation(form) -> User:
    """Save the password the invited person chose (the link then stops working), and record it."""
    from django.db import transaction

    with transaction.atomic():
        user = form.save()
        record(user, Verb.PASSWORD_SET, summary="Set a password from an invitation link", target=user)
    return user


#: Facts kept for the record that the sentence already says, left out when the event is shown.
_SAID_IN_THE_SENTENCE = {"page", "file", "step"}


def payload_text(payload: dict) -> str:
    """A payload as one line a person can read: ``what: from to to; fact: value``, in plain words."""
    if not isinstance(payload, dict):
        return ""
    parts = []
    for name, change in (payload.get("changes") or {}).items():
        parts.append(f"{_words(name)}: {_shown(change.get('from')) or 'none'} to {_shown(change.get('to')) or 'none'}")
    for name, value in payload.items():
        if name == "changes" or name in _SAID_IN_THE_SENTENCE:
            continue
        shown = _shown(value)
        if shown:
            parts.append(f"{_words(name)}: {shown}")
    return "; ".join(parts)


def _words(name: str) -> str:
    return str(name).replace("_", " ")


def _shown(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{_words(k)} {_shown(v)}" for k, v in value.items() if _shown(v))
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value if _shown(v))
    if isinstance(value, str) and value.replace("_", "").isalnum() and "_" in value:
        return _words(value)
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        day = f"{when.day} {when:%B %Y}"
        return day if len(value) == 10 else f"{day}, {when:%H:%M}"
    return str(value)


# Sign-in lockout and the second step (a code from an authenticator app) -----------------------------


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """django-axes locked a name after repeated failures: recorded, with the name tried (never a password)."""
    name = str(username or "")[:150]
    record(None, Verb.SIGN_IN_LOCKED_OUT, summary=f"Sign-in locked for the name {name!r} after repeated failures",
           username=name)


#: Roles that sign in with a second step when they use a local password: everyone but a local area's
#: nominated officer, whose account only ever reaches their own area's inspection.
def needs_second_factor(user) -> bool:
    from areasend.access.roles import roles_of

    if user.is_staff or user.is_superuser:
        return True
    return any(role is not Role.LOCAL_AREA_OFFICER for role in roles_of(user))


def has_authenticator(user) -> bool:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def authenticator_to_set_up(user):
    """The person's authenticator app not yet confirmed, made the first time it is asked for."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def check_code(request, user, code: str, *, setting_up: bool = False) -> bool:
    """Check a code from the person's authenticator app; on success the session counts as verified.

    Each wrong code is recorded, and django-otp slows the next try down after each failure.
    """
    from django.db import transaction
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = "".join(ch for ch in str(code) if ch.isdigit())[:8]
    devices = TOTPDevice.objects.filter(user=user, confirmed=not setting_up)
    with transaction.atomic():
        for device in devices:
            allowed, _ = device.verify_is_allowed()
            if allowed and code and device.verify_token(code):
                if setting_up:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    record(user, Verb.AUTHENTICATOR_ADDED, summary="Set up an authenticator app", target=user)
                otp_login(request, device)
                record(user, Verb.SECOND_STEP_PASSED, summary="Gave a sign-in code", target=user)
                return True
        record(user, Verb.SECOND_STEP_FAILED, summary="Sign-in code refused", target=user)
    return False
