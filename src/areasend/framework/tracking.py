"""Case-tracking and sampling rules as data, plus a checker (spec 1.2, 4.2, 4.3).

:func:`check_tracking` takes proposed tracking cases and :func:`check_sampling`
proposed sampling visits; each returns a :class:`CheckResult` listing every
rule, whether it is met, and a sentence a person can read. Rules the
handbook words as "usually" or "likely" are soft: breaking them is a warning,
not a failure.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from .rules import FrameworkError, Rule
from .versions import V2025, FrameworkVersion, TrackingRules

__all__ = [
    "AGE_PHASES",
    "AgePhase",
    "CheckResult",
    "HealthTier",
    "RuleCheck",
    "SamplingVisit",
    "Sector",
    "Stage",
    "SupportLevel",
    "TrackingCase",
    "age_phase",
    "check_sampling",
    "check_tracking",
]


class SupportLevel(enum.Enum):
    EHC_PLAN = "EHC plan"
    SEN_SUPPORT = "SEN support"
    NONE = "neither an EHC plan nor SEN support"


@dataclass(frozen=True)
class AgePhase:
    name: str
    youngest: int
    oldest: int


#: Age phases used to judge "a range of ages" (a choice; the handbook names no phases).
AGE_PHASES: tuple[AgePhase, ...] = (
    AgePhase("early years", 0, 4),
    AgePhase("primary", 5, 10),
    AgePhase("secondary", 11, 15),
    AgePhase("16 to 18", 16, 18),
    AgePhase("19 to 25", 19, 25),
)


def age_phase(age: int) -> AgePhase | None:
    for phase in AGE_PHASES:
        if phase.youngest <= age <= phase.oldest:
            return phase
    return None


@dataclass(frozen=True)
class TrackingCase:
    """A child or young person proposed for case tracking."""

    reference: str
    age: int
    needs: frozenset[str]
    support: SupportLevel
    in_alternative_provision: bool = False
    open_to_social_care: bool = False
    open_to_youth_justice: bool = False
    lives_in_area: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.needs, str):
            object.__setattr__(self, "needs", frozenset({self.needs}))
        elif not isinstance(self.needs, frozenset):
            object.__setattr__(self, "needs", frozenset(self.needs))


class Sector(enum.Enum):
    EDUCATION = "education"
    HEALTH = "health"
    SOCIAL_CARE = "social care"
    EARLY_HELP = "early help"


class HealthTier(enum.Enum):
    UNIVERSAL = "universal"
    TARGETED = "targeted"
    SPECIALIST = "specialist"


class Stage(enum.Enum):
    IDENTIFICATION = "identification"
    ASSESSMENT = "assessment"
    INTERVENTION = "intervention"
    TRANSITION = "transition"


@dataclass(frozen=True)
class SamplingVisit:
    """A proposed visit to a provider or service."""

    reference: str
    sector: Sector
    alternative_provision: bool = False
    includes_sen_support: bool = False
    health_tier: HealthTier | None = None
    stages: frozenset[Stage] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not isinstance(self.stages, frozenset):
            object.__setattr__(self, "stages", frozenset(self.stages))
        if self.sector is Sector.HEALTH and self.health_tier is None:
            raise FrameworkError(f"Health visit {self.reference!r} needs a tier: universal, targeted or specialist")
        if self.sector is not Sector.HEALTH and self.health_tier is not None:
            raise FrameworkError(f"Visit {self.reference!r} is not a health visit, so it has no health tier")
        if self.sector is not Sector.EDUCATION and (self.alternative_provision or self.includes_sen_support):
            raise FrameworkError(
                f"Visit {self.reference!r} is not an education visit: alternative provision and SEN support apply to education visits only"
            )


@dataclass(frozen=True)
class RuleCheck:
    rule_id: str
    met: bool
    soft: bool
    message: str
    source: str
    confirmed: bool = True

    def to_dict(self) -> dict:
        return {
            "rule_id": self.rule_id,
            "met": self.met,
            "soft": self.soft,
            "message": self.message,
            "source": self.source,
            "confirmed": self.confirmed,
        }


@dataclass(frozen=True)
class CheckResult:
    checks: tuple[RuleCheck, ...]

    @property
    def ok(self) -> bool:
        """True when no hard rule is broken (soft rules may be)."""
        return all(check.met for check in self.checks if not check.soft)

    @property
    def broken(self) -> tuple[RuleCheck, ...]:
        return tuple(check for check in self.checks if not check.met and not check.soft)

    @property
    def warnings(self) -> tuple[RuleCheck, ...]:
        return tuple(check for check in self.checks if not check.met and check.soft)

    def __getitem__(self, rule_id: str) -> RuleCheck:
        for check in self.checks:
            if check.rule_id == rule_id:
                return check
        raise KeyError(rule_id)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "checks": [check.to_dict() for check in self.checks]}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _refs(items: Iterable) -> str:
    return ", ".join(item.reference for item in items)


def _count_check(rule: Rule, count: int, what: str, soft: bool = True) -> RuleCheck:
    met = count >= rule.amount
    wording = "usually" if soft else ""
    need = f"{wording} at least {rule.amount}".strip()
    if met:
        message = f"{_plural(count, 'case')} {what}; {need} expected."
    else:
        message = f"Only {_plural(count, 'case')} {what}; {need} expected."
    return RuleCheck(rule.rule_id, met, soft, message, rule.source, rule.confirmed)


def check_tracking(cases: Iterable[TrackingCase], version: FrameworkVersion = V2025) -> CheckResult:
    """Which tracking rules the proposed ``cases`` meet or break."""
    cases = tuple(cases)
    rules = version.tracking
    if rules is None:
        raise FrameworkError(f"The {version.id} framework has no case-tracking rules")
    checks: list[RuleCheck] = []

    count_rule = rules.case_count
    tolerance = count_rule.tolerance.amount if count_rule.tolerance else 0
    low, high = count_rule.amount - tolerance, count_rule.amount + tolerance
    met = low <= len(cases) <= high
    checks.append(RuleCheck(
        count_rule.rule_id, met, True,
        f"{_plural(len(cases), 'case')} proposed; about {count_rule.amount} are tracked ({low} to {high}).",
        count_rule.source, count_rule.confirmed,
    ))

    references = [case.reference for case in cases]
    duplicates = sorted({ref for ref in references if references.count(ref) > 1})
    checks.append(RuleCheck(
        "tracking_distinct_children", not duplicates, False,
        "Each case is a different child or young person." if not duplicates
        else f"The same reference appears more than once: {', '.join(duplicates)}.",
        "spec 4.2",
    ))

    age = version.age_range
    assert age.maximum is not None
    out_of_range = [case for case in cases if not age.amount <= case.age <= age.maximum]
    checks.append(RuleCheck(
        age.rule_id, not out_of_range, False,
        f"Every case is aged {age.amount} to {age.maximum}." if not out_of_range
        else f"Outside the {age.amount} to {age.maximum} age range: {_refs(out_of_range)}.",
        age.source,
    ))

    no_support = [case for case in cases if case.support is SupportLevel.NONE]
    checks.append(RuleCheck(
        "tracking_in_scope_support", not no_support, False,
        "Every case has an EHC plan or is on SEN support." if not no_support
        else f"Neither an EHC plan nor SEN support, so not in scope: {_refs(no_support)}.",
        "spec 1.2",
    ))

    elsewhere = [case for case in cases if not case.lives_in_area]
    checks.append(RuleCheck(
        "tracking_lives_in_area", not elsewhere, False,
        "Every case lives in the local area." if not elsewhere
        else f"Lives outside the local area, so not in scope: {_refs(elsewhere)}.",
        "spec 1.2",
    ))

    checks.append(_count_check(rules.in_alternative_provision,
                               sum(case.in_alternative_provision for case in cases), "in alternative provision"))
    checks.append(_count_check(rules.on_sen_support,
                               sum(case.support is SupportLevel.SEN_SUPPORT for case in cases), "on SEN support"))

    needs = set().union(*(case.needs for case in cases)) if cases else set()
    need_rule = rules.distinct_needs
    checks.append(RuleCheck(
        need_rule.rule_id, len(needs) >= need_rule.amount, True,
        f"{_plural(len(needs), 'different need')} across the cases; a range of at least {need_rule.amount} is expected.",
        need_rule.source, need_rule.confirmed,
    ))

    phases = {age_phase(case.age).name for case in cases if age_phase(case.age) is not None}
    phase_rule = rules.age_phases
    checks.append(RuleCheck(
        phase_rule.rule_id, len(phases) >= phase_rule.amount, True,
        f"{_plural(len(phases), 'age phase')} covered ({', '.join(sorted(phases)) or 'none'}); "
        f"a range of at least {phase_rule.amount} is expected.",
        phase_rule.source, phase_rule.confirmed,
    ))

    checks.append(_count_check(
        rules.social_care_or_youth_justice,
        sum(case.open_to_social_care or case.open_to_youth_justice for case in cases),
        "open to children's social care or youth justice",
    ))
    return CheckResult(tuple(checks))


# ---------------------------------------------------------------------------
# Sampling
# ---------------------------------------------------------------------------

#: Sectors every sampling plan covers (spec 4.3).
SAMPLING_SECTORS: tuple[Sector, ...] = (Sector.EDUCATION, Sector.HEALTH, Sector.SOCIAL_CARE)
#: Health visits span these teams (spec 4.3).
HEALTH_TIERS: tuple[HealthTier, ...] = (HealthTier.UNIVERSAL, HealthTier.TARGETED, HealthTier.SPECIALIST)
#: Stages that health visits cover (spec 4.3).
HEALTH_STAGES: tuple[Stage, ...] = (Stage.ASSESSMENT, Stage.INTERVENTION, Stage.TRANSITION)
#: Stages that social care visits cover (spec 4.3).
SOCIAL_CARE_STAGES: tuple[Stage, ...] = (Stage.IDENTIFICATION, Stage.ASSESSMENT, Stage.INTERVENTION,
                                         Stage.TRANSITION)


def _names(items: Iterable[enum.Enum]) -> str:
    return ", ".join(item.value for item in items)


def check_sampling(visits: Iterable[SamplingVisit], version: FrameworkVersion = V2025) -> CheckResult:
    """Which sampling rules the proposed ``visits`` meet or break."""
    visits = tuple(visits)
    if not version.has_outcomes:
        raise FrameworkError(f"The {version.id} framework has no sampling rules")
    checks: list[RuleCheck] = []
    by_sector = {sector: [v for v in visits if v.sector is sector] for sector in Sector}

    for sector in SAMPLING_SECTORS:
        count = len(by_sector[sector])
        checks.append(RuleCheck(
            f"sampling_{sector.name.lower()}", count > 0, False,
            f"{_plural(count, sector.value + ' visit')} proposed." if count
            else f"No {sector.value} visit proposed; sampling covers education, health and social care.",
            "spec 4.3",
        ))

    education = by_sector[Sector.EDUCATION]
    in_ap = sum(v.alternative_provision for v in education)
    checks.append(RuleCheck(
        "sampling_education_alternative_provision", in_ap > 0, True,
        f"{_plural(in_ap, 'education visit')} to alternative provision." if in_ap
        else "No education visit is to alternative provision; education sampling includes it.",
        "spec 4.3",
    ))
    sen = sum(v.includes_sen_support for v in education)
    checks.append(RuleCheck(
        "sampling_education_sen_support", sen > 0, True,
        f"{_plural(sen, 'education visit')} include children on SEN support." if sen
        else "No education visit includes children on SEN support; education sampling includes them.",
        "spec 4.3",
    ))

    tiers = {v.health_tier for v in by_sector[Sector.HEALTH]}
    missing_tiers = [tier for tier in HEALTH_TIERS if tier not in tiers]
    checks.append(RuleCheck(
        "sampling_health_tiers", not missing_tiers, True,
        f"Health visits span {_names(HEALTH_TIERS)} teams." if not missing_tiers
        else f"No health visit to {_names(missing_tiers)} teams; health sampling spans universal, targeted "
        "and specialist teams.",
        "spec 4.3",
    ))

    for rule_id, sector, wanted in (
        ("sampling_health_stages", Sector.HEALTH, HEALTH_STAGES),
        ("sampling_social_care_stages", Sector.SOCIAL_CARE, SOCIAL_CARE_STAGES),
    ):
        covered = set().union(*(v.stages for v in by_sector[sector])) if by_sector[sector] else set()
        missing = [stage for stage in wanted if stage not in covered]
        checks.append(RuleCheck(
            rule_id, not missing, True,
            f"{sector.value.capitalize()} visits cover {_names(wanted)}." if not missing
            else f"{sector.value.capitalize()} visits do not cover {_names(missing)}; they cover {_names(wanted)}.",
            "spec 4.3",
        ))

    early_help = by_sector[Sector.EARLY_HELP]
    allowed = version.sampling_includes_early_help
    checks.append(RuleCheck(
        "sampling_early_help", allowed or not early_help, True,
        (f"{_plural(len(early_help), 'early help visit')} proposed; allowed from June 2025." if early_help
         else "No early help visit proposed.") if allowed or not early_help
        else f"Early help visits ({_refs(early_help)}) are part of sampling only from June 2025.",
        "spec 4.3 (SoC25 para 29)",
    ))
    return CheckResult(tuple(checks))


# ---------------------------------------------------------------------------
# Proposing tracking cases
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A child or young person from the person-level return who could be tracked.

    ``row`` is where they are in the return (its spreadsheet row); ``sex``, ``ethnic_group`` and
    ``setting`` spread the selection across protected characteristics and settings.
    """

    row: int
    case: TrackingCase
    sex: str = ""
    ethnic_group: str = ""
    setting: str = ""


@dataclass(frozen=True)
class ProposedCase:
    candidate: Candidate
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    cases: tuple[ProposedCase, ...]
    check: CheckResult
    #: Why the set as a whole is as it is.
    reasons: tuple[str, ...]


def in_scope(candidate: Candidate, version: FrameworkVersion = V2025) -> bool:
    """Whether a candidate can be tracked at all: lives in the area, aged 0 to 25, EHC plan or SEN support."""
    case = candidate.case
    age = version.age_range
    return (case.lives_in_area and case.support is not SupportLevel.NONE
            and age.amount <= case.age <= (age.maximum if age.maximum is not None else case.age))


@dataclass(frozen=True)
class _SoFar:
    """What the cases chosen so far already cover."""

    in_ap: int
    on_sen: int
    open_cases: int
    needs: frozenset
    phases: frozenset
    settings: frozenset
    sexes: frozenset
    groups: frozenset

    @classmethod
    def of(cls, chosen: list[Candidate]) -> "_SoFar":
        return cls(
            sum(c.case.in_alternative_provision for c in chosen),
            sum(c.case.support is SupportLevel.SEN_SUPPORT for c in chosen),
            sum(c.case.open_to_social_care or c.case.open_to_youth_justice for c in chosen),
            frozenset().union(*(c.case.needs for c in chosen)),
            frozenset(p.name for p in (age_phase(c.case.age) for c in chosen) if p is not None),
            frozenset(c.setting for c in chosen),
            frozenset(c.sex for c in chosen),
            frozenset(c.ethnic_group for c in chosen),
        )


def _gains(candidate: Candidate, so_far: _SoFar, rules: TrackingRules, words: bool = False) -> tuple[int, list[str]]:
    """How much ``candidate`` adds to the cases chosen so far, and (with ``words``) the reasons."""
    case = candidate.case
    score = 0
    reasons: list[str] = []
    if case.in_alternative_provision and so_far.in_ap < rules.in_alternative_provision.amount:
        score += 1000
        if words:
            reasons.append("In alternative provision: usually at least "
                           f"{rules.in_alternative_provision.amount} tracked case is.")
    if case.support is SupportLevel.SEN_SUPPORT and so_far.on_sen < rules.on_sen_support.amount:
        score += 1000
        if words:
            reasons.append(f"On SEN support: usually at least {rules.on_sen_support.amount} tracked cases are.")
    if (case.open_to_social_care or case.open_to_youth_justice) and so_far.open_cases < rules.social_care_or_youth_justice.amount:
        score += 500
        if words:
            services = " and ".join(name for name, on in (("children's social care", case.open_to_social_care),
                                                           ("youth justice", case.open_to_youth_justice)) if on)
            reasons.append(f"Open to {services}: tracked cases usually include such a case.")
    new_needs = case.needs - so_far.needs
    if new_needs:
        score += 100
        if words:
            reasons.append(f"A need not yet in the set: {', '.join(sorted(new_needs))}.")
    phase = age_phase(case.age)
    if phase is not None and phase.name not in so_far.phases:
        score += 100
        if words:
            reasons.append(f"Aged {case.age}: an age phase not yet in the set ({phase.name}).")
    if candidate.setting and candidate.setting not in so_far.settings:
        score += 20
        if words:
            reasons.append(f"A kind of setting not yet in the set: {candidate.setting}.")
    if candidate.sex and candidate.sex not in so_far.sexes:
        score += 10
        if words:
            reasons.append(f"Spreads the set across sex ({candidate.sex}).")
    if candidate.ethnic_group and candidate.ethnic_group not in so_far.groups:
        score += 10
        if words:
            reasons.append(f"Spreads the set across ethnic groups ({candidate.ethnic_group}).")
    return score, reasons


#: The most a candidate can add; a pick that adds this much needs no further search.
_BEST_SCORE = 1000 + 1000 + 500 + 100 + 100 + 20 + 10 + 10


def propose_tracking(
    candidates: Iterable[Candidate],
    *,
    count: int | None = None,
    seed: int = 0,
    version: FrameworkVersion = V2025,
) -> Proposal:
    """About 6 cases that meet the tracking rules, spread across needs, ages, settings and characteristics.

    Each pick is the candidate that adds most to the set so far (first the cases the rules ask for:
    alternative provision, SEN support, social care or youth justice; then new needs, age phases,
    settings, sex and ethnic groups). Ties are broken by an order shuffled with ``seed``, so the same
    seed over the same return gives the same proposal.
    """
    import random

    rules = version.tracking
    if rules is None:
        raise FrameworkError(f"the {version.id} framework has no case-tracking rules")
    wanted = rules.case_count.amount if count is None else count
    if wanted < 1:
        raise FrameworkError("Propose at least 1 case.")
    pool = [c for c in candidates if in_scope(c, version)]
    total = len(pool)
    random.Random(seed).shuffle(pool)
    chosen: list[Candidate] = []
    proposed: list[ProposedCase] = []
    while pool and len(chosen) < wanted:
        so_far = _SoFar.of(chosen)
        best_index, best_score = 0, -1
        for index, candidate in enumerate(pool):
            score = _gains(candidate, so_far, rules)[0]
            if score > best_score:
                best_index, best_score = index, score
                if score >= _BEST_SCORE:
                    break
        pick = pool.pop(best_index)
        reasons = _gains(pick, so_far, rules, words=True)[1]
        chosen.append(pick)
        proposed.append(ProposedCase(pick, tuple(reasons) or ("Adds another child or young person to the set.",)))
    check = check_tracking([c.case for c in chosen], version)
    reasons = [f"Chosen from {_plural(total, 'child or young person', 'children and young people')} in the "
               f"return who are in scope, in an order set by seed {seed}."]
    if check.ok and not check.warnings:
        reasons.append("The set meets every case-tracking rule.")
    else:
        reasons.extend(f"Not met: {c.message}" for c in check.checks if not c.met)
    return Proposal(tuple(proposed), check, tuple(reasons))


#: The two meetings each tracking case has (spec 4.2), the key then what it is called.
TRACKING_MEETINGS: tuple[tuple[str, str], ...] = (
    ("family", "Meeting with the child or young person and their parents or carers"),
    ("practitioners", "Multi-agency meeting with the practitioners involved"),
)


def tracking_meeting_window(timeline) -> tuple:
    """First and last days tracking meetings fall on: week 2 off site, continuing on site in week 3 (spec 4.2)."""
    return timeline.date("fieldwork_start"), timeline.date("onsite_end")


def tracking_meetings_arranged_by(timeline):
    """The day the local area is asked to have the meetings arranged by: the working day before fieldwork."""
    from .calendar import ENGLAND

    return ENGLAND.previous_working_day(timeline.date("fieldwork_start"))
