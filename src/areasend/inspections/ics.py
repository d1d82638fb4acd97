"""iCalendar (RFC 5545) files written by hand: a few events need no extra dependency.

Times are given in UTC (``...Z``), converted from Europe/London, so no VTIMEZONE block is
needed; an event without a time is an all-day event. Lines end in CRLF and are folded at 75
octets; text values are escaped as section 3.3.11 requires.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
PRODID = "-//areasend//Area SEND inspections//EN"


@dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    start: dt.time | None
    end: dt.time | None
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


#: Every line break a person may type (CRLF, a lone CR or LF, and the Unicode separators) becomes ``\n``.
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
#: Other control characters are not allowed in an iCalendar text value (RFC 5545 3.3.11) and are dropped.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def escape(text: str) -> str:
    text = _CONTROLS.sub("", _BREAKS.sub("\n", text))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def plain(text: str) -> str:
    """A value that is not text (a URL, an id): no line breaks or control characters at all."""
    return _CONTROLS.sub("", _BREAKS.sub("", text))


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, continuation lines starting with a space."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time, tzinfo=LONDON).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(events: list[Event], *, name: str, now: dt.datetime) -> str:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{plain(event.uid)}", f"DTSTAMP:{stamp}"]
        if event.start is None:
            lines.append(f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}")
            lines.append(f"DTEND;VALUE=DATE:{event.day + dt.timedelta(days=1):%Y%m%d}")
        else:
            lines.append(f"DTSTART:{_utc(event.day, event.start)}")
            end = event.end or (dt.datetime.combine(event.day, event.start) + dt.timedelta(hours=1)).time()
            if end <= event.start:  # an hour past a late start would cross midnight
                end = dt.time(23, 59)
            lines.append(f"DTEND:{_utc(event.day, end)}")
        lines.append(f"SUMMARY:{escape(event.summary)}")
        if event.location:
            lines.append(f"LOCATION:{escape(event.location)}")
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        if event.url:
            lines.append(f"URL:{plain(event.url)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
