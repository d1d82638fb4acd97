"""The message templates, kept in the code: template id -> subject and body with ((placeholders)).

Placeholders use GOV.UK Notify's ``((name))`` syntax so the same text reads the same whichever
way it is sent.
"""

from __future__ import annotations

import re

TEMPLATES: dict[str, dict[str, str]] = {
    "notification-next-steps": {
        "subject": "Area SEND inspection of ((area)): what happens next",
        "body": (
            "Dear ((name)),\n\n"
            "This confirms the call from ((lead)), the lead inspector, on ((notified)): Ofsted and CQC "
            "will carry out a ((kind)) of the ((area)) local area partnership.\n\n"
            "What happens next:\n((next_steps))\n\n"
            "Please name your local area nominated officer (LANO): your single point of contact throughout "
            "the inspection. Tell the lead inspector, or enter their name and email address with this link "
            "(it works once, until ((nominate_until)); the lead inspector confirms the name before an account is made):\n((nominate_link))"
        ),
    },
    "lano-invitation": {
        "subject": "You are the local area nominated officer for the inspection of ((area))",
        "body": (
            "Dear ((name)),\n\n"
            "((lead)), the lead inspector, has named you as the local area nominated officer (LANO) for the "
            "((kind)) of the ((area)) local area partnership.\n\n"
            "Set your password and sign in with this link. It works once:\n((link))\n\n"
            "Your username is ((username))."
        ),
    },
    "lano-proposed": {
        "subject": "Confirm the nominated officer for the inspection of ((area))",
        "body": (
            "Dear ((lead)),\n\n"
            "Through the nomination link, the ((area)) local area partnership has proposed this person as its local "
            "area nominated officer (LANO):\n((name)), ((email))\n\n"
            "No account is made until you confirm. Check the name and address with the local area, then confirm "
            "with this link (you need to be signed in):\n((link))\n\n"
            "If you do not recognise this, do not confirm: name the nominated officer yourself from the inspection's page."
        ),
    },
    "self-evaluation-invitation": {
        "subject": "You are invited to the self-evaluation of ((area))",
        "body": (
            "Dear ((name)),\n\n"
            "((lano)), the local area nominated officer, has invited you to work on the ((area)) local area "
            "partnership's self-evaluation, as ((position)).\n\n"
            "Set your password and sign in with this link. It works once:\n((link))\n\n"
            "Your username is ((username))."
        ),
    },
    "task-due": {
        "subject": "Due by ((due)): ((task)) (((area)))",
        "body": (
            "Dear ((name)),\n\n"
            "This step of the inspection of ((area)) is due by ((due)):\n((task))\n\n"
            "Mark it done in the service once it is complete:\n((link))"
        ),
    },
    "task-overdue": {
        "subject": "Overdue since ((due)): ((task)) (((area)))",
        "body": (
            "Dear ((name)),\n\n"
            "This step of the inspection of ((area)) was due by ((due)) and is not yet marked done:\n((task))\n\n"
            "Mark it done in the service once it is complete:\n((link))"
        ),
    },
    "after-inspection-due": {
        "subject": "Due by ((due)): ((item)) (((area)))",
        "body": (
            "Dear ((name)),\n\n"
            "This is owed after the inspection of ((area)) and is due by ((due)):\n((item))\n\n"
            "What is owed, and what is recorded so far:\n((link))"
        ),
    },
    "after-inspection-overdue": {
        "subject": "Overdue since ((due)): ((item)) (((area)))",
        "body": (
            "Dear ((name)),\n\n"
            "This is owed after the inspection of ((area)). It was due by ((due)) and is not yet recorded as done:\n"
            "((item))\n\n"
            "What is owed, and what is recorded so far:\n((link))"
        ),
    },
    "after-inspection-review": {
        "subject": "Waiting for your decision: ((item)) (((area)))",
        "body": (
            "Dear ((name)),\n\n"
            "((area)) has submitted this, due by ((due)), and it is waiting for the national team's decision:\n"
            "((item))\n\n"
            "Record the decision here:\n((link))"
        ),
    },
}

_PLACEHOLDER = re.compile(r"\(\(([a-z_]+)\)\)")
#: Values written as several lines on purpose (a list the service makes); every other value is one line.
MULTILINE = frozenset({"next_steps"})
_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def clean_value(name: str, value) -> str:
    """A value as a message may carry it: a name typed with a line break in it cannot start a new line of the
    message (or a header), and no control character reaches the message at all."""
    text = _CONTROLS.sub("", str(value))
    if name in MULTILINE:
        return _BREAKS.sub("\n", text)
    return " ".join(_BREAKS.sub(" ", text).split())


class MissingPersonalisation(KeyError):
    pass


def placeholders(template_id: str) -> set[str]:
    template = TEMPLATES[template_id]
    return set(_PLACEHOLDER.findall(template["subject"])) | set(_PLACEHOLDER.findall(template["body"]))


def render(template_id: str, personalisation: dict[str, str]) -> tuple[str, str]:
    """The subject and body with every placeholder filled; a missing value is an error, never a gap."""
    template = TEMPLATES[template_id]
    missing = placeholders(template_id) - set(personalisation)
    if missing:
        raise MissingPersonalisation(f"{template_id} needs {', '.join(sorted(missing))}")

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: clean_value(m.group(1), personalisation[m.group(1)]), text)

    return fill(template["subject"]), fill(template["body"])
