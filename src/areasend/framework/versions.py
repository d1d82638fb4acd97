"""Framework versions as data, each with the dates it is in force (spec 2).

* ``2016``: local area SEND inspections. Report letter, written statement of
  action (WSoA) and revisits. In force from May 2016 to 31 December 2022.
* ``2023``: the area SEND framework, in force 1 January 2023 to 5 June 2025.
* ``2025``: the June 2025 update, in force from 6 June 2025 (current).

Every number the specification states lives once, in the version it belongs
to, as a :class:`~areasend.framework.rules.Rule`. Values the specification
marks UNCONFIRMED carry a default with ``confirmed=False`` and a note saying
why it was chosen; :func:`open_choices` lists them all. The defaults are:

* 2016 in force from 1 May 2016 (the source gives the month only).
* 2016 notice: 5 working days (call on Monday, start the following Monday;
  County Durham's page counts working days). A bank holiday in the notice
  week therefore moves the start past the following Monday.
* 2016 report clock (draft, comments, final, publication): no 2016 values
  were found, so the 2023 values are used.
* WSoA resubmission (20 WD): counted from the decision that the statement
  was not fit for purpose.
* Revisit notice (10 days): working days, as at the 2021 restart.
* Revisit length 2-4 days: working days on site; ~33 days to the revisit
  report: calendar days, plus or minus 7 days.
* 2023 notification: 8 WD before fieldwork and 10 WD before on-site (the
  clarified 2023 text); 2025 keeps the same values, unconfirmed.
* Comment period: 10 working days; publication: 3 working days after the
  final report (the specification leaves both units open).
* 2025 report clock: the 2023 values.
* Next full inspection (~5 years after outcome 1, ~3 years after outcomes 2
  and 3): counted from publication of the report, plus or minus 6 months.
* Monitoring inspection (~18 months): plus or minus 3 months.
* Monitoring inspection notice 10 WD and 3 working days on site.
* Priority action plan: submitted within 35 WD and published within 70 WD of
  the report's publication (what one real area was asked for). Both can be
  changed with :func:`with_priority_action_plan_deadlines`.
* Strategic plan update: published within 70 WD of the report's publication.
* Engagement meetings: every 12 months from publication (plus or minus
  1 month) until the next full inspection is due; 2025 keeps the 2023
  frequency, unconfirmed.
* Tracking: about 6 cases means 5 to 7; a range of needs means at least 3
  different needs; a range of ages means at least 3 age phases.
* Survey window: open on the notification day for 1 week (5 working days),
  from the 2022 proposal.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, fields, replace

from .criteria import CRITERIA, QUESTIONS_2016, Criterion
from .information import ANNEX_A_ITEM_LIST
from .kinds import MONITORING_OUTCOME_NAMES
from .outcomes import Outcome
from .rules import Bound, FrameworkError, Rule, Tolerance, Unit
from .calendar import written_date

__all__ = [
    "AREA_COUNTS",
    "AreaCount",
    "CURRENT_FRAMEWORK_IDS",
    "CycleRules",
    "FrameworkVersion",
    "InspectionRules",
    "MonitoringAnchor",
    "ReportRules",
    "SurveyRules",
    "TrackingRules",
    "VERSIONS",
    "WrittenStatementRules",
    "all_rules",
    "area_count_on",
    "get_version",
    "open_choices",
    "version_on",
    "with_priority_action_plan_deadlines",
]

MONDAY = 0


class MonitoringAnchor(enum.Enum):
    """What the ~18-month monitoring interval counts from (spec 3.2, VERSION DIFF)."""

    PUBLICATION = "publication of the report"
    FINAL_REPORT_RECEIVED = "receipt of the final report"


@dataclass(frozen=True)
class InspectionRules:
    """Notice and length of one kind of inspection."""

    kind: str
    notice: Rule  # notification -> first on-site day
    on_site_days: Rule  # number of working days on site (maximum for a range)
    notification_weekday: int | None = MONDAY
    fieldwork_lead: Rule | None = None  # notification -> start of fieldwork
    duration: Rule | None = None  # whole length, where stated
    steps: tuple[Rule, ...] = ()  # other dated steps, each counted from the notification call


@dataclass(frozen=True)
class ReportRules:
    """Draft, comment, final report and publication clock (spec 7.2)."""

    report_name: str
    draft: Rule
    comments: Rule
    final: Rule
    publication: Rule


@dataclass(frozen=True)
class CycleRules:
    """What follows a full inspection's outcome (spec 3.2, 3.3, 8)."""

    next_full_after_positive: Rule
    next_full_after_concerns: Rule
    monitoring: Rule
    monitoring_anchor: MonitoringAnchor
    priority_action_plan_submission: Rule
    priority_action_plan_publication: Rule
    strategic_plan_update: Rule
    engagement_interval: Rule
    coverage: Rule
    first_cycle_complete: Rule

    def next_full_inspection(self, outcome: Outcome) -> Rule:
        if outcome is Outcome.POSITIVE:
            return self.next_full_after_positive
        return self.next_full_after_concerns


@dataclass(frozen=True)
class WrittenStatementRules:
    """2016 written statement of action, its escalation and revisits (spec 2.1)."""

    submission: Rule
    review: Rule
    resubmission: Rule
    revisit: Rule
    revisit_report: Rule
    accelerated_progress_plan_review: Rule
    escalation_responses: tuple[str, ...]
    insufficient_progress_steps: tuple[str, ...]


@dataclass(frozen=True)
class TrackingRules:
    """Case-tracking selection (spec 4.2, 1.2)."""

    case_count: Rule
    in_alternative_provision: Rule
    on_sen_support: Rule
    distinct_needs: Rule
    age_phases: Rule
    social_care_or_youth_justice: Rule


@dataclass(frozen=True)
class SurveyRules:
    """The three surveys (spec 4.1)."""

    surveys: tuple[str, ...]
    children_and_young_people_age: Rule
    open_window: Rule


@dataclass(frozen=True)
class FrameworkVersion:
    """One version of the framework and every rule it sets."""

    id: str
    name: str
    short_name: str  # the name where versions are listed side by side
    in_force_until: dt.date | None
    effective_date: Rule  # the first day in force (``on``), with its source and confirmation
    age_range: Rule
    report: ReportRules
    full: InspectionRules
    criteria: tuple[Criterion, ...]
    evaluation_term: str
    monitoring: InspectionRules | None = None
    revisit: InspectionRules | None = None
    cycle: CycleRules | None = None
    written_statement: WrittenStatementRules | None = None
    tracking: TrackingRules | None = None
    survey: SurveyRules | None = None
    planning_horizon: Rule | None = None
    programme: Rule | None = None
    has_outcomes: bool = True
    sampling_includes_early_help: bool = False  # spec 4.3: from 2025 (SoC25 para 29)
    monitoring_outcome: Rule | None = None  # what a monitoring inspection ends in (names unconfirmed)
    information_items: Rule | None = None  # the information request's item list (spec 6, unconfirmed)
    notification_window: Rule | None = None  # the service's limit on how far off a notification may be

    @property
    def in_force_from(self) -> dt.date:
        """First day this version is in force."""
        assert self.effective_date.on is not None
        return self.effective_date.on

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day <= self.in_force_until)

    def rules(self) -> tuple[Rule, ...]:
        """Every rule this version sets, in a stable order."""
        return tuple(_walk_rules(self))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "in_force_from": self.in_force_from.isoformat(),
            "in_force_until": self.in_force_until.isoformat() if self.in_force_until else None,
            "rules": [rule.to_dict() for rule in self.rules()],
        }


def _walk_rules(obj: object):
    if isinstance(obj, Rule):
        yield obj
        return
    if hasattr(obj, "__dataclass_fields__"):
        for item in fields(obj):
            yield from _walk_rules(getattr(obj, item.name))


# ---------------------------------------------------------------------------
# Rules shared by several versions: stated once, referenced by each version.
# ---------------------------------------------------------------------------

AGE_RANGE = Rule(
    "age_range", "age range of children and young people in scope", 0, Unit.YEARS, "",
    "spec 1.2", spec_row=1, maximum=25,
)

_REPORT_2023 = ReportRules(
    report_name="inspection report",
    draft=Rule(
        "draft_report", "draft report sent to the partnership", 14, Unit.WORKING_DAYS, "the end of the inspection",
        "spec 7.2", spec_row=23, bound=Bound.USUALLY_WITHIN, note="Within 14 WD in most circumstances.",
    ),
    comments=Rule(
        "comment_period", "partnership's comments on the draft due", 10, Unit.WORKING_DAYS, "the draft report",
        "spec 7.2", spec_row=24, bound=Bound.WITHIN, stated_unit="days (unit unclear)", confirmed=False,
        note="The source says 10 days; counted as working days.",
    ),
    final=Rule(
        "final_report", "final report sent to the partnership", 30, Unit.WORKING_DAYS, "the end of the inspection",
        "spec 7.2", spec_row=25, bound=Bound.WITHIN,
    ),
    publication=Rule(
        "publication", "report published on the Ofsted website", 3, Unit.WORKING_DAYS, "receipt of the final report",
        "spec 7.2", spec_row=26, bound=Bound.WITHIN, stated_unit="days (unit unclear)", confirmed=False,
        note="The source says 3 days; counted as working days. Pre-election pauses push it later (spec 7.3).",
    ),
)


def _unconfirmed_copy(rule: Rule, note: str) -> Rule:
    return Rule(**{**{f.name: getattr(rule, f.name) for f in fields(rule)}, "confirmed": False,
                   "note": " ".join(part for part in (rule.note, note) if part)})


def _report_copy(report: ReportRules, name: str, note: str) -> ReportRules:
    return ReportRules(
        report_name=name,
        draft=_unconfirmed_copy(report.draft, note),
        comments=_unconfirmed_copy(report.comments, note),
        final=_unconfirmed_copy(report.final, note),
        publication=_unconfirmed_copy(report.publication, note),
    )


#: The service's limit on how far from today a notification date may be set (see ``scheduling``).
NOTIFICATION_WINDOW = Rule(
    "notification_window", "how far from today a notification date may be set", 12, Unit.MONTHS,
    "today, before or after", "spec 5.3 (the 12-month planning horizon, row 22)", confirmed=False,
    note="Not a handbook rule: a limit the service sets so that a mistyped year is caught. 12 months, the "
    "length of the planning horizon the framework asks partnerships about, chosen.",
)

_CRITERIA_NOTE = "Criteria for 2023; exact 2025 wording unconfirmed (spec 5.2)."

# ---------------------------------------------------------------------------
# 2016
# ---------------------------------------------------------------------------

V2016 = FrameworkVersion(
    id="2016",
    name="Local area SEND inspections (2016 framework)",
    short_name="2016 local area SEND inspection framework",
    in_force_until=dt.date(2022, 12, 31),
    effective_date=Rule(
        "in_force_2016", "2016 framework in force", 2016, Unit.DATE, "", "spec 2.1", spec_row=34,
        confirmed=False, note="Inspections from May 2016; the first day of May is used.", on=dt.date(2016, 5, 1),
    ),
    age_range=AGE_RANGE,
    report=_report_copy(_REPORT_2023, "report letter",
                        "No 2016 report timings were found; the 2023 value is used."),
    full=InspectionRules(
        kind="full",
        notice=Rule(
            "notice_2016", "inspection starts", 5, Unit.WORKING_DAYS, "the notification call (Monday)",
            "spec 2.1", spec_row=2, stated_unit="days (working days per councils)",
            note="Call on a Monday, inspection starts the following Monday.",
        ),
        on_site_days=Rule(
            "on_site_2016", "days on site", 5, Unit.WORKING_DAYS, "the first on-site day", "spec 2.1",
            spec_row=3, bound=Bound.AT_MOST, stated_unit="days",
        ),
    ),
    revisit=InspectionRules(
        kind="revisit",
        notice=Rule(
            "revisit_notice", "revisit starts", 10, Unit.WORKING_DAYS, "the revisit notification call",
            "spec 2.1", spec_row=9, stated_unit="days (working days at the 2021 restart)",
        ),
        on_site_days=Rule(
            "revisit_length", "days on site for a revisit", 2, Unit.WORKING_DAYS, "the first revisit day",
            "spec 2.1", spec_row=10, maximum=4, stated_unit="days",
            note="2 to 4 days depending on the number of areas in the written statement.",
        ),
        notification_weekday=None,
    ),
    written_statement=WrittenStatementRules(
        submission=Rule(
            "wsoa_submission", "written statement of action submitted to Ofsted and published", 70,
            Unit.WORKING_DAYS, "receipt of the final report letter", "spec 2.1", spec_row=5, bound=Bound.WITHIN,
        ),
        review=Rule(
            "wsoa_review", "Ofsted and CQC decide whether the statement is fit for purpose", 10,
            Unit.WORKING_DAYS, "receipt of the written statement", "spec 2.1", spec_row=6, bound=Bound.WITHIN,
        ),
        resubmission=Rule(
            "wsoa_resubmission", "revised written statement resubmitted", 20, Unit.WORKING_DAYS,
            "the decision that the statement is not fit for purpose", "spec 2.1", spec_row=7, bound=Bound.WITHIN,
            confirmed=False, note="The start of the 20 WD is unconfirmed; counted from the review decision.",
        ),
        revisit=Rule(
            "revisit", "revisit", 18, Unit.MONTHS, "acceptance of the written statement", "spec 2.1",
            spec_row=8, bound=Bound.USUALLY_WITHIN, tolerance=Tolerance(3, Unit.MONTHS),
            note="Usually within 18 months; tolerance of 3 months chosen (unconfirmed).",
        ),
        revisit_report=Rule(
            "revisit_report", "revisit report", 33, Unit.CALENDAR_DAYS, "the last revisit day", "spec 2.1",
            spec_row=11, bound=Bound.ABOUT, tolerance=Tolerance(7, Unit.CALENDAR_DAYS), stated_unit="days",
            confirmed=False, note="About 33 days; counted as calendar days with 7 days either side.",
        ),
        accelerated_progress_plan_review=Rule(
            "accelerated_progress_plan_review", "formal review of the Accelerated Progress Plan", 6, Unit.MONTHS,
            "publication of the revisit report", "spec 2.1", spec_row=12, bound=Bound.WITHIN,
        ),
        escalation_responses=(
            "targeted support",
            "continued monitoring",
            "statutory direction",
            "further inspection",
        ),
        insufficient_progress_steps=(
            "DfE requires an Accelerated Progress Plan",
            "formal review of that plan within 6 months of the revisit report",
            "no further revisit unless the Secretary of State directs one",
        ),
    ),
    criteria=QUESTIONS_2016,
    evaluation_term="judgement",
    programme=Rule(
        "programme_2016", "every area inspected once", 5, Unit.YEARS, "May 2016", "spec 2.1", spec_row=4,
        bound=Bound.ABOUT, tolerance=Tolerance(6, Unit.MONTHS),
        note="All areas over about 5 years, term time only; tolerance chosen (unconfirmed).",
    ),
    has_outcomes=False,
    notification_window=NOTIFICATION_WINDOW,
)

# ---------------------------------------------------------------------------
# 2023
# ---------------------------------------------------------------------------

_FULL_2023 = InspectionRules(
    kind="full",
    notice=Rule(
        "notice_onsite", "on-site week starts", 10, Unit.WORKING_DAYS, "the notification call", "spec 4",
        spec_row=15, note="10 WD before on-site (clarified 2023 text); early 2023 said 10 WD before fieldwork (row 14).",
    ),
    fieldwork_lead=Rule(
        "notice_fieldwork", "fieldwork starts", 8, Unit.WORKING_DAYS, "the notification call", "spec 4",
        spec_row=15, note="8 WD before fieldwork (clarified 2023 text).",
    ),
    on_site_days=Rule(
        "on_site_2023", "working days on site (week 3)", 5, Unit.WORKING_DAYS, "the first on-site day", "spec 4",
        spec_row=13, note="Week 3 of the 3-week inspection; a bank holiday moves the last day on.",
    ),
    duration=Rule(
        "full_inspection_length", "length of a full inspection", 3, Unit.WEEKS, "the notification call",
        "spec 3.1, 4", spec_row=13,
    ),
    steps=(
        Rule("lano_nominated", "Local area partnership nominates its LANO", 1, Unit.WORKING_DAYS,
             "the notification call", "spec 4 (week 1)", bound=Bound.WITHIN, confirmed=False,
             note="Week 1; the day after the call chosen."),
        Rule("set_up_discussion", "Virtual set-up discussion with the lead inspector", 2, Unit.WORKING_DAYS,
             "the notification call", "spec 4 (week 1)", confirmed=False,
             note="Week 1; 2 working days after the call chosen."),
        Rule("annex_a_requested", "Annex A information requested", 2, Unit.WORKING_DAYS,
             "the notification call", "spec 4, 6 (week 1)", confirmed=False,
             note="Week 1; requested at the set-up discussion."),
        Rule("tracking_cases_chosen", "Inspectors choose the tracking cases", 4, Unit.WORKING_DAYS,
             "the notification call", "spec 4.2 (week 1)", bound=Bound.WITHIN, confirmed=False,
             note="Soon after notification, in week 1; the last day of week 1 chosen."),
        Rule("initial_meeting_with_leaders", "Initial meeting with leaders (off site)", 8, Unit.WORKING_DAYS,
             "the notification call", "spec 4 (week 2)", confirmed=False,
             note="Week 2; held on the day fieldwork starts."),
        Rule("pcf_meeting", "Virtual meeting with the parent carer forum and parent groups", 8,
             Unit.WORKING_DAYS, "the notification call", "spec 4 (start of inspection)", confirmed=False,
             note="At the start of the inspection; held on the day fieldwork starts."),
    ),
)

_EARLY_2023_NOTICE = Rule(
    "notice_fieldwork_early_2023", "fieldwork starts (early 2023 wording)", 10, Unit.WORKING_DAYS,
    "the notification call", "spec 4", spec_row=14,
    note="The first 2023 text said 10 WD before fieldwork; it was later clarified to 8 WD before fieldwork "
    "and 10 WD before on-site. Both put the on-site week 10 WD after the call.",
)

_MONITORING_2023 = InspectionRules(
    kind="monitoring",
    notice=Rule(
        "monitoring_notice", "monitoring inspection on-site work starts", 10, Unit.WORKING_DAYS,
        "the notification call", "spec 4.4", confirmed=False,
        note="Notice unconfirmed; the full inspection's 10 WD is used.",
    ),
    on_site_days=Rule(
        "monitoring_on_site", "working days on site (monitoring inspection)", 3, Unit.WORKING_DAYS,
        "the first on-site day", "spec 4.4", confirmed=False, note="Duration unconfirmed; 3 working days chosen.",
    ),
)

_ENGAGEMENT_2023 = Rule(
    "engagement_meeting", "annual engagement meeting", 12, Unit.MONTHS, "publication of the report (then each meeting)",
    "spec 3.1", spec_row=30, bound=Bound.ABOUT, tolerance=Tolerance(1, Unit.MONTHS),
    note="Normally annual; counted from publication, 1 month either side (unconfirmed).",
)

_CYCLE_2023 = CycleRules(
    next_full_after_positive=Rule(
        "next_full_outcome_1", "next full inspection after outcome 1", 5, Unit.YEARS, "publication of the report",
        "spec 3.2", spec_row=27, bound=Bound.USUALLY_WITHIN, tolerance=Tolerance(6, Unit.MONTHS), confirmed=False,
        note="Usually within about 5 years; anchor unconfirmed, publication used; 6 months either side.",
    ),
    next_full_after_concerns=Rule(
        "next_full_outcome_2_3", "next full inspection after outcome 2 or 3", 3, Unit.YEARS,
        "publication of the report", "spec 3.2", spec_row=28, bound=Bound.USUALLY_WITHIN,
        tolerance=Tolerance(6, Unit.MONTHS), confirmed=False,
        note="Usually within about 3 years; anchor unconfirmed, publication used; 6 months either side.",
    ),
    monitoring=Rule(
        "monitoring_inspection", "monitoring inspection after outcome 3", 18, Unit.MONTHS,
        "publication of the report", "spec 3.2", spec_row=29, bound=Bound.ABOUT,
        tolerance=Tolerance(3, Unit.MONTHS), note="About 18 months from publication (2023); tolerance chosen.",
    ),
    monitoring_anchor=MonitoringAnchor.PUBLICATION,
    priority_action_plan_submission=Rule(
        "pap_submission", "priority action plan submitted to Ofsted and CQC", 35, Unit.WORKING_DAYS,
        "publication of the report", "spec 8.2", spec_row=36, bound=Bound.WITHIN, confirmed=False,
        note="Deadline unconfirmed; 35 working days from publication, as one area was asked.",
    ),
    priority_action_plan_publication=Rule(
        "pap_publication", "priority action plan published", 70, Unit.WORKING_DAYS, "publication of the report",
        "spec 8.2", spec_row=36, bound=Bound.WITHIN, confirmed=False,
        note="Deadline unconfirmed; 70 working days from publication, as one area was asked.",
    ),
    strategic_plan_update=Rule(
        "strategic_plan_update", "updated SEND strategic plan published", 70, Unit.WORKING_DAYS,
        "publication of the report", "spec 8.1", spec_row=37, bound=Bound.WITHIN, confirmed=False,
        note="Deadline unconfirmed; 70 WD from publication chosen.",
    ),
    engagement_interval=_ENGAGEMENT_2023,
    coverage=Rule(
        "coverage", "at least one full inspection", 5, Unit.YEARS, "the previous full inspection", "spec 3.3",
        spec_row=31, bound=Bound.WITHIN,
    ),
    first_cycle_complete=Rule(
        "first_cycle_complete", "first cycle of full inspections complete", 2027, Unit.DATE, "", "spec 3.3",
        spec_row=32, bound=Bound.WITHIN, note="December 2027 (the 2027/28 year).", on=dt.date(2027, 12, 31),
    ),
)

_TRACKING_2023 = TrackingRules(
    case_count=Rule(
        "tracking_case_count", "tracking cases", 6, Unit.CHILDREN, "chosen in week 1", "spec 4.2", spec_row=16,
        bound=Bound.ABOUT, tolerance=Tolerance(1, Unit.CHILDREN), note="About 6; 5 to 7 accepted (unconfirmed).",
    ),
    in_alternative_provision=Rule(
        "tracking_in_ap", "tracking cases in alternative provision", 1, Unit.CHILDREN, "", "spec 4.2",
        spec_row=17, bound=Bound.AT_LEAST, note="Usually at least 1.",
    ),
    on_sen_support=Rule(
        "tracking_on_sen_support", "tracking cases on SEN support", 2, Unit.CHILDREN, "", "spec 4.2",
        spec_row=18, bound=Bound.AT_LEAST, note="Usually at least 2.",
    ),
    distinct_needs=Rule(
        "tracking_range_of_needs", "different needs among tracking cases", 3, Unit.COUNT, "", "spec 4.2",
        bound=Bound.AT_LEAST, confirmed=False, note="'A range of needs'; at least 3 different needs chosen.",
    ),
    age_phases=Rule(
        "tracking_range_of_ages", "age phases among tracking cases", 3, Unit.COUNT, "", "spec 4.2",
        bound=Bound.AT_LEAST, confirmed=False, note="'A range of ages'; at least 3 of 5 age phases chosen.",
    ),
    social_care_or_youth_justice=Rule(
        "tracking_social_care_or_youth_justice", "tracking cases open to social care or youth justice", 1,
        Unit.CHILDREN, "", "spec 4.2", bound=Bound.AT_LEAST,
        note="'Likely to include' cases open to children's social care or the youth offending service.",
    ),
)

_SURVEY_2023 = SurveyRules(
    surveys=("children and young people with SEND", "parents and carers", "SEND practitioners"),
    children_and_young_people_age=Rule(
        "survey_age", "age range for the children and young people's survey", 11, Unit.YEARS, "", "spec 4.1",
        spec_row=19, maximum=25,
    ),
    open_window=Rule(
        "survey_open", "surveys close", 5, Unit.WORKING_DAYS, "the notification call", "spec 4.1", spec_row=20,
        stated_unit="1 week", confirmed=False,
        note="2022 proposal: open for 1 week from notification, counted as 5 working days.",
    ),
)

_PLANNING_HORIZON = Rule(
    "planning_horizon", "plans the partnership is asked about", 12, Unit.MONTHS, "the inspection", "spec 5.3",
    spec_row=22,
)

V2023 = FrameworkVersion(
    id="2023",
    name="Area SEND inspections framework (2023)",
    short_name="2023 area SEND framework",
    in_force_until=dt.date(2025, 6, 5),
    effective_date=Rule(
        "in_force_2023", "2023 framework in force", 2023, Unit.DATE, "", "spec 2.2", spec_row=34,
        on=dt.date(2023, 1, 1),
    ),
    age_range=AGE_RANGE,
    report=_REPORT_2023,
    full=_FULL_2023,
    monitoring=_MONITORING_2023,
    cycle=_CYCLE_2023,
    tracking=_TRACKING_2023,
    survey=_SURVEY_2023,
    planning_horizon=_PLANNING_HORIZON,
    criteria=CRITERIA,
    evaluation_term="judgement",
    monitoring_outcome=MONITORING_OUTCOME_NAMES,
    information_items=ANNEX_A_ITEM_LIST,
    notification_window=NOTIFICATION_WINDOW,
)

# ---------------------------------------------------------------------------
# 2025 (current)
# ---------------------------------------------------------------------------

_NOTE_2025 = "The June 2025 value was not available; the 2023 value is used."

V2025 = FrameworkVersion(
    id="2025",
    name="Area SEND inspections framework and handbook (June 2025)",
    short_name="area SEND framework as updated in June 2025",
    in_force_until=None,
    effective_date=Rule(
        "in_force_2025", "2025 update in force", 2025, Unit.DATE, "", "spec 2.3", spec_row=34,
        on=dt.date(2025, 6, 6),
    ),
    age_range=AGE_RANGE,
    report=_report_copy(_REPORT_2023, "inspection report", _NOTE_2025),
    full=InspectionRules(
        kind="full",
        notice=_unconfirmed_copy(_FULL_2023.notice, _NOTE_2025),
        fieldwork_lead=_unconfirmed_copy(_FULL_2023.fieldwork_lead, _NOTE_2025),
        on_site_days=_FULL_2023.on_site_days,
        duration=_FULL_2023.duration,
        steps=_FULL_2023.steps,
    ),
    monitoring=_MONITORING_2023,
    cycle=CycleRules(
        next_full_after_positive=_CYCLE_2023.next_full_after_positive,
        next_full_after_concerns=_CYCLE_2023.next_full_after_concerns,
        monitoring=Rule(
            "monitoring_inspection", "monitoring inspection after outcome 3", 18, Unit.MONTHS,
            "receipt of the final report", "spec 3.2 (SoC25 para 21)", spec_row=29, bound=Bound.ABOUT,
            tolerance=Tolerance(3, Unit.MONTHS),
            note="About 18 months from receipt of the final full report (2025); tolerance chosen.",
        ),
        monitoring_anchor=MonitoringAnchor.FINAL_REPORT_RECEIVED,
        priority_action_plan_submission=_unconfirmed_copy(
            _CYCLE_2023.priority_action_plan_submission, "The PAP process changed in 2025."),
        priority_action_plan_publication=_unconfirmed_copy(
            _CYCLE_2023.priority_action_plan_publication, "The PAP process changed in 2025."),
        strategic_plan_update=_CYCLE_2023.strategic_plan_update,
        engagement_interval=_unconfirmed_copy(
            _ENGAGEMENT_2023, "Frequency adjusted in 2025 (value unconfirmed); annual kept."),
        coverage=_CYCLE_2023.coverage,
        first_cycle_complete=_CYCLE_2023.first_cycle_complete,
    ),
    tracking=_TRACKING_2023,
    survey=SurveyRules(
        surveys=_SURVEY_2023.surveys,
        children_and_young_people_age=_SURVEY_2023.children_and_young_people_age,
        open_window=_unconfirmed_copy(_SURVEY_2023.open_window, "Revised in 2025 (SoC25 paras 88-89)."),
    ),
    planning_horizon=_PLANNING_HORIZON,
    criteria=CRITERIA,
    evaluation_term="evaluation",
    sampling_includes_early_help=True,
    monitoring_outcome=MONITORING_OUTCOME_NAMES,
    information_items=ANNEX_A_ITEM_LIST,
    notification_window=NOTIFICATION_WINDOW,
)

#: Every version, oldest first.
VERSIONS: tuple[FrameworkVersion, ...] = (V2016, V2023, V2025)

#: Versions whose full inspections end in one of the three outcomes (the 2023 framework and its updates).
CURRENT_FRAMEWORK_IDS: frozenset[str] = frozenset(v.id for v in VERSIONS if v.has_outcomes)

#: Early 2023 notification wording, kept for reference (spec 9 row 14).
EARLY_2023_NOTICE = _EARLY_2023_NOTICE


def get_version(identifier: str) -> FrameworkVersion:
    """The version with this identifier: ``"2016"``, ``"2023"`` or ``"2025"``."""
    for version in VERSIONS:
        if version.id == str(identifier).strip():
            return version
    known = ", ".join(v.id for v in VERSIONS)
    raise FrameworkError(f"There is no framework {identifier!r}: use one of {known}")


def version_on(day: dt.date) -> FrameworkVersion:
    """The version in force on ``day``."""
    for version in VERSIONS:
        if version.in_force_on(day):
            return version
    raise FrameworkError(
        f"No area SEND framework was in force on {written_date(day)}: the first began on "
        f"{written_date(VERSIONS[0].in_force_from)}"
    )


def with_priority_action_plan_deadlines(
    version: FrameworkVersion, *, submit_working_days: int | None = None, publish_working_days: int | None = None
) -> FrameworkVersion:
    """``version`` with its priority action plan deadlines set (working days from the report's publication).

    The deadlines are unconfirmed, so a service may set its own; a version without outcomes, or with
    neither number given, comes back unchanged. The copies stay marked unconfirmed.
    """
    cycle = version.cycle
    if cycle is None or (submit_working_days is None and publish_working_days is None):
        return version
    for amount in (submit_working_days, publish_working_days):
        if amount is not None and amount < 1:
            raise FrameworkError(f"A priority action plan deadline must be at least 1 working day, not {amount}")
    note = "Set by this service."
    submission, publication = cycle.priority_action_plan_submission, cycle.priority_action_plan_publication
    if submit_working_days is not None:
        submission = replace(submission, amount=submit_working_days, confirmed=False, note=note)
    if publish_working_days is not None:
        publication = replace(publication, amount=publish_working_days, confirmed=False, note=note)
    return replace(version, cycle=replace(cycle, priority_action_plan_submission=submission,
                                          priority_action_plan_publication=publication))


def all_rules() -> tuple[tuple[FrameworkVersion, Rule], ...]:
    """Every (version, rule) pair, plus the early-2023 notification wording under 2023."""
    pairs = [(version, rule) for version in VERSIONS for rule in version.rules()]
    pairs.append((V2023, EARLY_2023_NOTICE))
    return tuple(pairs)


def open_choices() -> tuple[tuple[str, Rule], ...]:
    """(version id, rule) for every value the specification left open and a default was chosen."""
    seen = set()
    out = []
    for version, rule in all_rules():
        if not rule.confirmed and (version.id, rule.rule_id) not in seen:
            seen.add((version.id, rule.rule_id))
            out.append((version.id, rule))
    return tuple(out)


# ---------------------------------------------------------------------------
# Number of local areas (spec 1.1, row 33): data, not a constant.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaCount:
    as_at: dt.date
    count: int
    source: str


AREA_COUNTS: tuple[AreaCount, ...] = (
    AreaCount(dt.date(2016, 5, 1), 152, "spec 1.1 (2016 framework)"),
    AreaCount(dt.date(2021, 3, 31), 151, "spec 1.1 (March 2021 statistics)"),
    AreaCount(dt.date(2025, 6, 6), 153, "spec 1.1 (2025)"),
)


def area_count_on(day: dt.date) -> int:
    """Number of local areas as last stated on or before ``day``."""
    latest = None
    for item in AREA_COUNTS:
        if item.as_at <= day:
            latest = item
    if latest is None:
        raise FrameworkError(f"No count of local areas is recorded before {written_date(AREA_COUNTS[0].as_at)}")
    return latest.count
