"""The Jinja2 environment every page is rendered with.

GOV.UK Frontend macros load as ``govuk_frontend_jinja/...``; app templates load from each
app's ``jinja2/`` or ``templates/`` folder through Django's loader.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

from areasend.ui import forms as form_adapter


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def long_date(value: dt.date | dt.datetime | None, missing: str = "Not known") -> str:
    """A date the GOV.UK way: 5 January 2026. A moment is dated in UK time, not the server's."""
    if value is None:
        return missing
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return f"{value.day} {value:%B %Y}"


def localtime_text(value: dt.datetime | None, missing: str = "Not known") -> str:
    """A moment the GOV.UK way, in UK time: 9:05am on 5 January 2026."""
    if value is None:
        return missing
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    return f"{hour}:{local:%M}{'am' if local.hour < 12 else 'pm'} on {local.day} {local:%B %Y}"


def short_date(value: dt.date | None, missing: str = "Not known") -> str:
    if value is None:
        return missing
    return f"{value.day} {value:%b %Y}"


def count(amount: int, one: str, many: str) -> str:
    """"1 answer", "2 answers"."""
    return f"{amount:,} {one if amount == 1 else many}"


def file_size(size: int | None) -> str:
    """A file's size as the style guide writes it: 45 bytes, 12KB, 1.5MB."""
    size = int(size or 0)
    if size < 1024:
        return count(size, "byte", "bytes")
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.0f}{unit}" if size >= 10 or size == int(size) else f"{size:.1f}{unit}"
    raise AssertionError("unreachable")


def lower_first(value: str) -> str:
    """Lower-case the first letter for use mid-sentence, leaving names such as CQC alone."""
    text = str(value)
    first = text.split(" ", 1)[0]
    return text if first.isupper() or first[1:2].isupper() else text[:1].lower() + text[1:]


def sentence(value: str) -> str:
    """Upper-case the first letter only, leaving names such as CQC alone."""
    text = str(value)
    return text[:1].upper() + text[1:]


def environment(**options) -> Environment:
    app_loader = options.pop("loader", None)
    loaders = [PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]
    if app_loader is not None:
        loaders.insert(0, app_loader)
    options.setdefault("autoescape", select_autoescape(default=True, default_for_string=True))
    env = Environment(loader=ChoiceLoader(loaders), **options)
    env.globals.update(
        url=url,
        static=static,
        get_messages=get_messages,
        settings=settings,
        field=form_adapter.field_params,
        error_summary=form_adapter.error_summary_params,
    )
    env.filters.update(long_date=long_date, short_date=short_date, localtime_text=localtime_text, date_format=date_format, sentence=sentence,
                       count=count, file_size=file_size, lower_first=lower_first, filesizeformat=file_size)
    return env
