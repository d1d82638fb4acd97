"""The area SEND inspection framework as plain Python (no Django).

API summary (every value in and out is a frozen dataclass, an enum or a date;
nothing reads the clock or does I/O: pass dates in)::

    from areasend import framework as fw

    # Versions and rules
    fw.VERSIONS                      # (2016, 2023, 2025), oldest first
    fw.version_on(date) -> FrameworkVersion
    fw.get_version("2023") -> FrameworkVersion
    fw.all_rules() -> ((FrameworkVersion, Rule), ...)
    fw.open_choices() -> ((version_id, Rule), ...)   # values the spec left open
    fw.area_count_on(date) -> int

    # Working days (England)
    fw.calendar.ENGLAND.is_working_day(date) -> bool
    fw.calendar.ENGLAND.add_working_days(date, n) -> date          # n may be negative
    fw.calendar.ENGLAND.working_days_between(start, end) -> int    # after start, up to and including end
    fw.calendar.ENGLAND.next_working_day(date) / previous_working_day(date) / on_or_after(date)
    fw.calendar.add_working_days(date, n), fw.calendar.working_days_between(start, end),
    fw.calendar.is_working_day(date), fw.calendar.next_working_day(date),
    fw.calendar.previous_working_day(date)   # module shortcuts on ENGLAND, also on fw itself

    # Timelines
    fw.full_inspection_timeline(notified=None, onsite_start=None, version=None,
                                area_code=None, pauses=()) -> Timeline
    fw.monitoring_inspection_timeline(...same...) -> Timeline
    fw.revisit_timeline(notified=None, onsite_start=None, days_on_site=None, ...) -> Timeline
    fw.inspection_timeline(kind, ...) -> Timeline
    fw.planned_notification(week_commencing, version) -> date
    timeline.date("publication_due"); timeline["onsite_end"].label; timeline.to_dict()

    # Outcomes and the cycle
    fw.Outcome.POSITIVE / INCONSISTENT / SYSTEMIC_FAILINGS   (.official_name, .short_label)
    fw.cycle_after(version, outcome, published=date, final_report_received=None, until=None) -> Cycle
    fw.cycle_after("2016", written_statement="yes", published=date) -> Cycle
    fw.after_revisit("2016", report_published=date, progress_sufficient=False) -> RevisitFollowUp
    fw.Obligation(key, area_code, area_name, what, owner, due, done=None, link="", moved_because="")
    fw.overdue(obligations, today) -> (Obligation, ...)   # open and past due, oldest due first
    fw.NationalPause(label, reason, start, end, stops=fw.PauseStops.MONITORING / ALL)
    fw.push_past_pauses(due, pauses) -> (DueDate, pauses_applied)   # a due date inside a pause of its kind moves
    fw.date_past_pauses(day, kind, pauses) -> (date, pauses_applied)
    fw.obligation_past_pauses(obligation, kind, pauses) -> Obligation   # with moved_because
    fw.why_moved(original, moved, pauses_applied) -> "This date moved from ... because ..."

    # Publication
    fw.publication_clock(version, inspection_end, area_code=None, pauses=()) -> PublicationClock
    fw.publication_date(proposed, area_code, pauses) -> (date, pauses_applied)
    fw.general_election_pause(start, polling_day); fw.local_election_pause(polling_day, area_codes)
    fw.report_time(version, onsite_end, published) -> ReportTime   # working days, due date, on_time
    fw.median_working_days(times), fw.share_on_time(times)

    # Kinds of inspection, teams, meetings, the information request, scheduling
    fw.InspectionKind.FULL / MONITORING / REVISIT   (.label, .ends_in, .follows_outcome, .versions)
    fw.ending_of(kind, version) -> Ending           # 2016 full inspections end in a WSoA decision
    fw.RevisitProgress.YES / SOME / NO
    fw.TeamRole (.label, .taken_by, .refusal(kind, who)), fw.InspectorKind.HMI / OFSTED_INSPECTOR / CQC_INSPECTOR
    fw.INSPECTION_MEETINGS, fw.inspection_meeting(kind), fw.MeetingKind, fw.AttendeeRole, fw.missing_roles(kind, roles)
    fw.INFORMATION_ITEMS, fw.information_items(version_id), fw.information_item(key)
    fw.no_inspection_periods(start, end, bank_holiday_weeks=False) -> (NoInspectionPeriod, ...)  # closed weeks
    fw.is_no_inspection_week(monday) -> NoInspectionWeekRule | None, fw.NO_INSPECTION_WEEK_VERSIONS, fw.REAL_PACE
    fw.check_notification_date(notified, today=date)   # raises FrameworkError
    fw.earliest_outcome_date(timeline) -> date

    # Evidence, triangulation and the outcome decision
    fw.EvidenceSource.MEETING ... OTHER (.label), fw.LineStatus, fw.Stance.FOR / AGAINST
    fw.triangulate({(row_key, source): n}, rows=None) -> Triangulation   # rows default to I1-L6
    fw.evidence.strength_of(source_kinds) -> Strength; fw.TRIANGULATION_SOURCES (unconfirmed default)
    fw.decision_problems(outcome, reasons, priority_areas) -> {field: message}
    fw.decision_stage(proposed=, team=, agreed=, signed_off=) -> DecisionStage
    fw.monitoring_wording(version_id) -> MonitoringWording    # versioned, marked unconfirmed

    # Criteria, tracking and sampling
    fw.CRITERIA, fw.IMPACT_CRITERIA, fw.LEADERSHIP_CRITERIA, fw.criterion("L4")
    fw.check_tracking(cases, version) -> CheckResult
    fw.check_sampling(visits, version) -> CheckResult
    fw.propose_tracking(candidates, count=None, seed=0, version) -> Proposal   # about 6 cases, with reasons
    fw.person_level.CURRENT_SCHEMA, fw.person_level.RowChecker(schema, header, today)   # the return

Errors the caller can show to a person are raised as :class:`FrameworkError`
with a one-sentence message.
"""

from __future__ import annotations

from . import calendar
from .calendar import (
    ENGLAND,
    EXTRA_NON_WORKING_DAYS,
    NonWorkingDay,
    WorkingDayCalendar,
    add_months,
    add_working_days,
    is_working_day,
    next_working_day,
    previous_working_day,
    working_days_between,
    written_date,
)
from .criteria import CRITERIA, IMPACT_CRITERIA, LEADERSHIP_CRITERIA, QUESTIONS_2016, Criterion, CriterionKind, criterion
from .information import ANNEX_A_ITEM_LIST, INFORMATION_ITEMS, InformationItem, ItemForm, information_item, information_items
from . import evidence
from . import report
from .evidence import (
    MONITORING_CONCLUSIONS,
    TRIANGULATION_SOURCES,
    DecisionStage,
    EvidenceSource,
    LineStatus,
    Stance,
    Strength,
    decision_problems,
    decision_stage,
    monitoring_wording,
    triangulate,
)
from .kinds import MONITORING_OUTCOME_NAMES, Ending, InspectionKind, RevisitProgress, ending_of
from .meetings import INSPECTION_MEETINGS, AttendeeRole, InspectionMeeting, MeetingKind, inspection_meeting, missing_roles
from .scheduling import (
    ANNUAL_NO_INSPECTION_PERIODS,
    NO_INSPECTION_WEEK_VERSIONS,
    REAL_PACE,
    AnnualPeriod,
    NoInspectionPeriod,
    NoInspectionWeekRule,
    NoInspectionWeeks,
    Pace,
    check_notification_date,
    is_no_inspection_week,
    no_inspection_periods,
    no_inspection_weeks_on,
)
from .teams import TEAM_PLACES, InspectorKind, Remit, TeamRole, team_places
from .cycle import Cycle, RevisitFollowUp, after_revisit, cycle_after, estimated_final_report_received
from .outcomes import Outcome, WrittenStatementDecision
from .obligations import Obligation, overdue
from .pauses import (
    NationalPause,
    PauseStops,
    date_past_pauses,
    kind_of_due_date,
    obligation_past_pauses,
    push_past_pauses,
    why_moved,
)
from .publication import (
    GENERAL_ELECTION_PAUSES,
    LOCAL_ELECTION_PAUSE,
    PauseScope,
    PublicationClock,
    PublicationPause,
    general_election_pause,
    local_election_pause,
    publication_clock,
    publication_date,
)
from .rules import Bound, DueDate, FrameworkError, Milestone, Owner, Rule, Tolerance, Unit, apply_rule
from .timeline import (
    KINDS,
    Timeline,
    earliest_outcome_date,
    full_inspection_timeline,
    inspection_timeline,
    monitoring_inspection_timeline,
    planned_notification,
    revisit_timeline,
)
from .tracking import (
    AGE_PHASES,
    TRACKING_MEETINGS,
    Candidate,
    CheckResult,
    Proposal,
    ProposedCase,
    HealthTier,
    RuleCheck,
    SamplingVisit,
    Sector,
    Stage,
    SupportLevel,
    TrackingCase,
    check_sampling,
    check_tracking,
    in_scope,
    propose_tracking,
    tracking_meeting_window,
    tracking_meetings_arranged_by,
)
from .versions import (
    AREA_COUNTS,
    CURRENT_FRAMEWORK_IDS,
    NOTIFICATION_WINDOW,
    VERSIONS,
    FrameworkVersion,
    MonitoringAnchor,
    all_rules,
    area_count_on,
    get_version,
    open_choices,
    version_on,
    with_priority_action_plan_deadlines,
)


__all__ = [
    "ANNEX_A_ITEM_LIST",
    "INFORMATION_ITEMS",
    "InformationItem",
    "ItemForm",
    "information_item",
    "information_items",
    "MONITORING_CONCLUSIONS",
    "MONITORING_OUTCOME_NAMES",
    "TRIANGULATION_SOURCES",
    "DecisionStage",
    "EvidenceSource",
    "LineStatus",
    "Stance",
    "Strength",
    "decision_problems",
    "decision_stage",
    "evidence",
    "monitoring_wording",
    "triangulate",
    "Ending",
    "InspectionKind",
    "RevisitProgress",
    "ending_of",
    "INSPECTION_MEETINGS",
    "AttendeeRole",
    "InspectionMeeting",
    "MeetingKind",
    "inspection_meeting",
    "missing_roles",
    "ANNUAL_NO_INSPECTION_PERIODS",
    "TEAM_PLACES",
    "Remit",
    "team_places",
    "NO_INSPECTION_WEEK_VERSIONS",
    "REAL_PACE",
    "NoInspectionWeekRule",
    "NoInspectionWeeks",
    "Pace",
    "is_no_inspection_week",
    "no_inspection_weeks_on",
    "AnnualPeriod",
    "NoInspectionPeriod",
    "check_notification_date",
    "no_inspection_periods",
    "InspectorKind",
    "TeamRole",
    "earliest_outcome_date",
    "CURRENT_FRAMEWORK_IDS",
    "NOTIFICATION_WINDOW",
    "AGE_PHASES",
    "AREA_COUNTS",
    "Bound",
    "CRITERIA",
    "CheckResult",
    "Criterion",
    "CriterionKind",
    "Cycle",
    "DueDate",
    "ENGLAND",
    "EXTRA_NON_WORKING_DAYS",
    "FrameworkError",
    "FrameworkVersion",
    "GENERAL_ELECTION_PAUSES",
    "HealthTier",
    "IMPACT_CRITERIA",
    "KINDS",
    "LEADERSHIP_CRITERIA",
    "LOCAL_ELECTION_PAUSE",
    "Milestone",
    "MonitoringAnchor",
    "NonWorkingDay",
    "Outcome",
    "Owner",
    "NationalPause",
    "PauseScope",
    "PauseStops",
    "PublicationClock",
    "PublicationPause",
    "QUESTIONS_2016",
    "RevisitFollowUp",
    "Rule",
    "RuleCheck",
    "SamplingVisit",
    "Sector",
    "Stage",
    "SupportLevel",
    "Timeline",
    "Tolerance",
    "TrackingCase",
    "TRACKING_MEETINGS",
    "Candidate",
    "Proposal",
    "ProposedCase",
    "in_scope",
    "propose_tracking",
    "tracking_meeting_window",
    "tracking_meetings_arranged_by",
    "Unit",
    "VERSIONS",
    "WorkingDayCalendar",
    "WrittenStatementDecision",
    "add_months",
    "add_working_days",
    "after_revisit",
    "all_rules",
    "apply_rule",
    "area_count_on",
    "calendar",
    "check_sampling",
    "check_tracking",
    "criterion",
    "cycle_after",
    "estimated_final_report_received",
    "full_inspection_timeline",
    "general_election_pause",
    "date_past_pauses",
    "kind_of_due_date",
    "obligation_past_pauses",
    "push_past_pauses",
    "why_moved",
    "get_version",
    "inspection_timeline",
    "is_working_day",
    "local_election_pause",
    "monitoring_inspection_timeline",
    "next_working_day",
    "open_choices",
    "planned_notification",
    "previous_working_day",
    "publication_clock",
    "publication_date",
    "revisit_timeline",
    "version_on",
    "with_priority_action_plan_deadlines",
    "working_days_between",
    "written_date",
]

# How long published reports took against the report clock (national statistics).
from .timeliness import ReportTime, median_working_days, report_time, share_on_time  # noqa: E402

__all__ += ["Obligation", "overdue"]
__all__ += ["ReportTime", "median_working_days", "report_time", "share_on_time"]

# A 2016 written statement of action, step by step (submission, review, resubmission, revisit).
from .written_statement import (  # noqa: E402
    StatementVersion,
    WeaknessProgress,
    WrittenStatementStep,
    advice_to_minister,
    revisit_insufficient,
    revisit_progress,
    written_statement_steps,
)

__all__ += ["StatementVersion", "WeaknessProgress", "WrittenStatementStep", "advice_to_minister",
            "revisit_insufficient", "revisit_progress", "written_statement_steps"]
