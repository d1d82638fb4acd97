"""The inspection report as data: its sections (spec 7.1), the partners a recommendation names,
plain-English checks, the differences between two drafts, the report's stages and its clock.

Nothing here reads the clock: pass ``today``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from dataclasses import dataclass

from .calendar import ENGLAND, WorkingDayCalendar
from .cycle import cycle_after
from .outcomes import Outcome
from .publication import PublicationClock, PublicationPause
from .rules import FrameworkError

__all__ = [
    "JARGON",
    "LONG_SENTENCE_WORDS",
    "REPORT_SECTIONS",
    "Change",
    "Partner",
    "PlainEnglishProblem",
    "ReportSection",
    "ReportStage",
    "SectionKind",
    "TimelinessRow",
    "diff_sections",
    "held_by",
    "late_by",
    "next_activity",
    "parse_partner",
    "plain_english_problems",
    "report_stage",
    "section",
    "split_paragraphs",
    "timeliness",
]


class SectionKind(enum.Enum):
    #: Filled from the signed-off outcome decision, in the framework's own words.
    OUTCOME = "outcome"
    #: Written by the team, every paragraph citing evidence.
    WRITTEN = "written"
    #: Written, and each paragraph names the partner mainly responsible.
    WITH_PARTNER = "with_partner"
    #: From the outcome decision's areas for priority action (outcome 3 only).
    PRIORITY = "priority"
    #: From the core's cycle after the outcome.
    NEXT = "next"


@dataclass(frozen=True)
class ReportSection:
    key: str
    heading: str
    kind: SectionKind
    guidance: str


#: The report's template (spec 7.1), in the order a reader meets it.
REPORT_SECTIONS: tuple[ReportSection, ...] = (
    ReportSection("outcome", "The outcome", SectionKind.OUTCOME,
                  "The outcome the team reached, in the framework's words. It comes from the signed-off decision."),
    ReportSection("life", "What life is like for children and young people with SEND in this area",
                  SectionKind.WRITTEN, "What children, young people and their families experience, from the evidence."),
    ReportSection("strengths", "What the partnership does well", SectionKind.WRITTEN,
                  "Strengths the evidence shows."),
    ReportSection("improve", "What needs to improve", SectionKind.WRITTEN,
                  "Weaknesses the evidence shows."),
    ReportSection("recommendations", "Recommendations", SectionKind.WITH_PARTNER,
                  "Start each recommendation with the partner mainly responsible and a colon: "
                  "'Local authority:', 'Integrated care board:' or 'Both:'."),
    ReportSection("priority", "Areas for priority action", SectionKind.PRIORITY,
                  "From the outcome decision, each with the partners responsible. Only after the third outcome."),
    ReportSection("next", "What happens next", SectionKind.NEXT,
                  "The next inspection activity and when it is likely, from the framework's cycle."),
)

_SECTIONS = {s.key: s for s in REPORT_SECTIONS}
WRITTEN_SECTION_KEYS = tuple(s.key for s in REPORT_SECTIONS if s.kind in (SectionKind.WRITTEN, SectionKind.WITH_PARTNER))


def section(key: str) -> ReportSection:
    try:
        return _SECTIONS[key]
    except KeyError:
        raise FrameworkError(f"there is no report section called {key!r}") from None


class Partner(enum.Enum):
    """Who a recommendation is mainly for (spec 7.1: the service mainly responsible)."""

    LOCAL_AUTHORITY = "local_authority"
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {"local_authority": "The local authority", "integrated_care_board": "The integrated care board",
                "both": "The local authority and the integrated care board"}[self.value]


_PARTNER_WORDS = {
    "local authority": Partner.LOCAL_AUTHORITY,
    "the local authority": Partner.LOCAL_AUTHORITY,
    "integrated care board": Partner.INTEGRATED_CARE_BOARD,
    "the integrated care board": Partner.INTEGRATED_CARE_BOARD,
    "both": Partner.BOTH,
    "local authority and integrated care board": Partner.BOTH,
    "the local authority and the integrated care board": Partner.BOTH,
}


def parse_partner(paragraph: str) -> tuple[Partner, str]:
    """Split ``"Local authority: text"`` into the partner and the text; FrameworkError when no partner leads it."""
    head, sep, rest = paragraph.partition(":")
    partner = _PARTNER_WORDS.get(head.strip().lower()) if sep else None
    if partner is None or not rest.strip():
        raise FrameworkError("start the recommendation with the partner mainly responsible and a colon: "
                             "'Local authority:', 'Integrated care board:' or 'Both:'")
    rest = rest.strip()
    # "Both: tell families..." reads as a sentence of its own once the partner is taken off.
    return partner, rest[:1].upper() + rest[1:]


_CITATION = re.compile(r"\s*\((?:evidence|entry|entries)\s+([0-9][0-9,\sand]*)\)\s*$", re.IGNORECASE)


def split_paragraphs(text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Paragraphs (separated by a blank line) and the evidence entry numbers each cites at its end,
    written as ``(evidence 3, 5)``."""
    out = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        block = " ".join(block.split())
        if not block:
            continue
        match = _CITATION.search(block)
        numbers: tuple[int, ...] = ()
        if match:
            numbers = tuple(int(n) for n in re.findall(r"[0-9]+", match.group(1)))
            block = block[: match.start()].rstrip()
        out.append((block, numbers))
    return tuple(out)


# Plain English --------------------------------------------------------------------------------------

#: Sentences longer than this many words are flagged. GOV.UK guidance aims at about 25 words; a choice.
LONG_SENTENCE_WORDS = 25

#: Words and phrases a parent reading the report may not know, with what to write instead.
JARGON: tuple[tuple[str, str], ...] = (
    ("cohort", "group"),
    ("stakeholders", "the people involved, by name of group"),
    ("leverage", "use"),
    ("robust", "strong, or say what makes it work"),
    ("holistic", "say what is joined up"),
    ("multi-agency", "services working together"),
    ("graduated approach", "say what schools do, step by step"),
    ("co-production", "working with families to design services"),
    ("co-produced", "made with families"),
    ("EHCP", "education, health and care plan"),
    ("EHC plan", "education, health and care plan (in full the first time)"),
    ("SENCo", "special educational needs co-ordinator"),
    ("ICB", "integrated care board"),
    ("LA", "local authority"),
    ("AP", "alternative provision"),
    ("CYP", "children and young people"),
    ("PfA", "preparing for adulthood"),
    ("going forward", "from now on, or a date"),
    ("facilitate", "help, or run"),
    ("utilise", "use"),
    ("in order to", "to"),
    ("key stakeholders", "the people involved"),
    ("pathway", "say what happens, step by step"),
    ("interventions", "help, or say what it is"),
    ("deliver", "give, or provide"),
)


@dataclass(frozen=True)
class PlainEnglishProblem:
    section: str
    paragraph: int
    message: str


def _jargon_pattern(word: str) -> re.Pattern:
    # Abbreviations (any capital letter) match as written; other words in any case.
    flags = 0 if any(c.isupper() for c in word) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", flags)


_JARGON_PATTERNS = tuple((word, instead, _jargon_pattern(word)) for word, instead in JARGON)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def plain_english_problems(sections: dict[str, list[str]]) -> tuple[PlainEnglishProblem, ...]:
    """Long sentences and jargon in each written paragraph, as messages for the writer.

    ``sections`` maps a section key to its paragraphs' text.
    """
    problems = []
    for key, paragraphs in sections.items():
        for number, text in enumerate(paragraphs, start=1):
            for sentence in _sentences(text):
                words = len(sentence.split())
                if words > LONG_SENTENCE_WORDS:
                    start = " ".join(sentence.split()[:6])
                    problems.append(PlainEnglishProblem(
                        key, number, f"The sentence starting '{start}' has {words} words: "
                        f"split it so each sentence has {LONG_SENTENCE_WORDS} words or fewer"))
            for word, instead, pattern in _JARGON_PATTERNS:
                if pattern.search(text):
                    problems.append(PlainEnglishProblem(key, number, f"'{word}' may not be clear to families: "
                                                                     f"try '{instead}'"))
    return tuple(problems)


# Differences between drafts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    #: "same", "added" or "removed"
    kind: str
    text: str


def diff_sections(before: dict[str, list[str]], after: dict[str, list[str]]) -> dict[str, tuple[Change, ...]]:
    """Paragraph by paragraph, what changed in each written section from ``before`` to ``after``.
    A changed paragraph shows as the old one removed and the new one added."""
    out = {}
    for key in WRITTEN_SECTION_KEYS:
        old, new = list(before.get(key, [])), list(after.get(key, []))
        changes: list[Change] = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
            if op == "equal":
                changes += [Change("same", t) for t in old[a1:a2]]
            else:
                changes += [Change("removed", t) for t in old[a1:a2]]
                changes += [Change("added", t) for t in new[b1:b2]]
        out[key] = tuple(changes)
    return out


# Stages and the clock -------------------------------------------------------------------------------


class ReportStage(enum.Enum):
    DRAFTING = "drafting", "Being drafted"
    DRAFT_SIGNED_OFF = "draft_signed_off", "Draft signed off by quality assurance"
    WITH_LOCAL_AREA = "with_local_area", "With the local area for factual accuracy"
    RESPONDING = "responding", "Team responding to the local area's comments"
    FINAL_WRITTEN = "final_written", "Final report waiting for quality assurance"
    READY = "ready", "Ready to publish"
    HELD = "held", "Held for a pre-election period"
    PUBLISHED = "published", "Published"

    def __new__(cls, value, label):
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member


def report_stage(*, draft_signed_off: bool, sent: bool, comments_closed: bool, final_written: bool,
                 final_signed_off: bool, published: bool, held: bool) -> ReportStage:
    if published:
        return ReportStage.PUBLISHED
    if final_signed_off:
        return ReportStage.HELD if held else ReportStage.READY
    if final_written:
        return ReportStage.FINAL_WRITTEN
    if sent:
        return ReportStage.RESPONDING if comments_closed else ReportStage.WITH_LOCAL_AREA
    if draft_signed_off:
        return ReportStage.DRAFT_SIGNED_OFF
    return ReportStage.DRAFTING


def held_by(today: dt.date, area_code: str | None, pauses: tuple[PublicationPause, ...]) -> PublicationPause | None:
    """The pre-election pause that stops a report for ``area_code`` being published on ``today``, if any."""
    for pause in pauses:
        if pause.covers(today, area_code):
            return pause
    return None


def late_by(due: dt.date, done: dt.date | None, today: dt.date, calendar: WorkingDayCalendar = ENGLAND) -> int:
    """Working days late: after ``due`` up to the day it was done (or ``today`` while not done). 0 when on time."""
    end = done or today
    if end <= due:
        return 0
    return calendar.working_days_between(due, end)


@dataclass(frozen=True)
class TimelinessRow:
    key: str
    label: str
    due: dt.date
    done: dt.date | None
    working_days_late: int

    @property
    def state(self) -> str:
        if self.done is not None:
            return "late" if self.working_days_late else "on_time"
        return "overdue" if self.working_days_late else "due"


def timeliness(clock: PublicationClock, *, sent: dt.date | None, comments_closed: dt.date | None,
               final: dt.date | None, published: dt.date | None, today: dt.date,
               calendar: WorkingDayCalendar = ENGLAND) -> tuple[TimelinessRow, ...]:
    """Each report step against the framework's clock: when it was due, when it happened, how late."""
    steps = (
        ("draft_report_due", "Draft sent to the local area", clock.draft_report_due.date, sent),
        ("comments_due", "Local area's comments closed", clock.comments_due.date, comments_closed),
        ("final_report_due", "Final report signed off", clock.final_report_due.date, final),
        ("publication_due", "Report published", clock.publication_due.date, published),
    )
    return tuple(TimelinessRow(key, label, due, done, late_by(due, done, today, calendar))
                 for key, label, due, done in steps)


def next_activity(framework_id: str, outcome: Outcome | None, published: dt.date) -> str:
    """The likely next activity and its timing after a full inspection's outcome, in words."""
    if outcome is None:
        return "The next full inspection will follow the framework's cycle."
    cycle = cycle_after(framework_id, outcome, published=published)
    parts = []
    if cycle.monitoring_inspection_due is not None:
        due = cycle.monitoring_inspection_due
        parts.append(f"A monitoring inspection is likely around {_month(due.date)}, about 18 months after the final "
                     f"report.")
    if cycle.next_full_inspection_due is not None:
        due = cycle.next_full_inspection_due
        parts.append(f"The next full inspection is likely around {_month(due.date)}.")
    if outcome.requires_priority_action_plan:
        parts.append("The partnership must write a priority action plan setting out how it will tackle the areas "
                     "for priority action.")
    parts.append("The partnership should update its SEND strategic plan to show how it will act on this report.")
    return " ".join(parts)


def _month(day: dt.date) -> str:
    return f"{day:%B %Y}"
