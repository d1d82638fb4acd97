"""A strict little reader of the iCalendar files the service writes, for the tests (RFC 5545)."""


def parse(data: bytes) -> list[dict[str, tuple[str, str]]]:
    """The VEVENTs of a calendar as ``{name: (params, value)}``, after checking the framing rules."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n"), "the file must end with CRLF"
    raw_lines = text[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in raw_lines), "every line must end with CRLF"
    assert all(len(line.encode("utf-8")) <= 75 for line in raw_lines), "lines must be folded at 75 octets"
    lines: list[str] = []
    for line in raw_lines:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events, current = [], None
    for line in lines[1:-1]:
        if line == "BEGIN:VEVENT":
            assert current is None
            current = {}
        elif line == "END:VEVENT":
            for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                assert required in current, f"{required} missing from an event"
            events.append(current)
            current = None
        elif current is not None:
            head, _, value = line.partition(":")
            name, _, params = head.partition(";")
            current[name] = (params, value)
    assert current is None
    return events


def unescape(value: str) -> str:
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
