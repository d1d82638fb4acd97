"""Who may do what: one table of capabilities by role, kept as data.

Every page and every service asks this table, through the gate in ``access.py``; nothing else
decides. The access test (``tests/test_access_table.py``) is generated from the same table and
from the capability each URL declares for each method it accepts.

Roles are of two kinds:

- roles a person holds across the service (national planner, inspector, quality assurance
  reader, local area nominated officer, data-protection officer), kept as groups;
- roles a person holds *on one inspection*: its lead inspector, a member of its team in one of
  the team roles, its own nominated officer, or the nominated officer of another inspection.

A capability is either about the service as a whole (``Scope.SERVICE``: the programme, the list of
inspections) or about one inspection (``Scope.INSPECTION``). For a service-wide capability, a role
held on one inspection counts if the person holds it on at least one (so "lead" there means "leads
an inspection").

Someone who may not even know that an inspection exists (``SEES_INSPECTION`` below) is told it is
not there (404); someone who may see it but not do this is told they may not (403). A person who
is signed out is sent to sign in, unless the capability is open to people who are signed out.
"""

from __future__ import annotations

import enum


class AccessRole(enum.StrEnum):
    SIGNED_OUT = "signed_out"
    NATIONAL_PLANNER = "planner"
    #: The inspection's lead inspector (an HMI).
    LEAD = "lead"
    #: Team roles on one inspection, as ``TeamMember.Role`` names them.
    OFSTED_INSPECTOR = "ofsted"
    SOCIAL_CARE_INSPECTOR = "social_care"
    CQC_INSPECTOR = "cqc"
    #: An inspector who is not on this inspection's team.
    INSPECTOR = "inspector"
    #: Reads draft reports for quality assurance, comments and signs them off.
    QA_READER = "qa_reader"
    #: The inspection's own local area nominated officer.
    OWN_LANO = "own_lano"
    #: A local area nominated officer named on another inspection only.
    OTHER_LANO = "other_lano"
    DATA_PROTECTION_OFFICER = "dpo"
    #: A local area contributor invited to this area's self-evaluation.
    AREA_CONTRIBUTOR = "area_contributor"
    #: A local area contributor of another area only.
    OTHER_CONTRIBUTOR = "other_contributor"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    AccessRole.SIGNED_OUT: "Signed out",
    AccessRole.NATIONAL_PLANNER: "National planner",
    AccessRole.LEAD: "Lead inspector",
    AccessRole.OFSTED_INSPECTOR: "Ofsted inspector on the team",
    AccessRole.SOCIAL_CARE_INSPECTOR: "Children's social care inspector on the team",
    AccessRole.CQC_INSPECTOR: "CQC inspector on the team",
    AccessRole.INSPECTOR: "Inspector not on the team",
    AccessRole.QA_READER: "Quality assurance reader",
    AccessRole.OWN_LANO: "The inspection's nominated officer",
    AccessRole.OTHER_LANO: "Another inspection's nominated officer",
    AccessRole.DATA_PROTECTION_OFFICER: "Data-protection officer",
    AccessRole.AREA_CONTRIBUTOR: "A contributor to this area's self-evaluation",
    AccessRole.OTHER_CONTRIBUTOR: "A contributor to another area's self-evaluation",
}


class Scope(enum.Enum):
    SERVICE = "service"
    INSPECTION = "inspection"
    #: One local area partnership's self-evaluation.
    SELF_EVALUATION = "self_evaluation"
    #: One local area partnership, after its inspection (plans, support, engagement meetings).
    AREA = "area"


class Capability(enum.StrEnum):
    # Open to everyone, signed in or not.
    PUBLIC = "public"
    # The service as a whole.
    HOME = "home"
    #: The second step of signing in (a code from an authenticator app), open to anyone signed in.
    SECOND_SIGN_IN_STEP = "second_sign_in_step"
    LIST_INSPECTIONS = "list_inspections"
    START_INSPECTION = "start_inspection"
    SEE_WORKLOAD = "see_workload"
    PLAN_PROGRAMME = "plan_programme"
    #: National pauses to inspections (a review, a suspension): recorded, changed and ended by the planner.
    MANAGE_NATIONAL_PAUSES = "manage_national_pauses"
    READ_AUDIT_TRAIL = "read_audit_trail"
    # One inspection.
    SEE_INSPECTION = "see_inspection"
    SEE_TEAM_VIEW = "see_team_view"
    SEE_WHERE_IT_STANDS = "see_where_it_stands"
    SET_NOTIFICATION = "set_notification"
    RECORD_OUTCOME = "record_outcome"
    SEE_TEAM = "see_team"
    MANAGE_TEAM = "manage_team"
    NAME_LANO = "name_lano"
    MARK_PARTNERSHIP_STEP = "mark_partnership_step"
    MARK_TEAM_STEP = "mark_team_step"
    SEE_ACTIVITY = "see_activity"
    SEE_INFORMATION = "see_information"
    UPLOAD_INFORMATION = "upload_information"
    SEE_MEETINGS = "see_meetings"
    SEE_INTERNAL_NOTES = "see_internal_notes"
    SCHEDULE_MEETINGS = "schedule_meetings"
    EDIT_TIMETABLE = "edit_timetable"
    SHARE_SURVEYS = "share_surveys"
    CLOSE_SURVEY = "close_survey"
    ENTER_PAPER_ANSWERS = "enter_paper_answers"
    MANAGE_RECORDINGS = "manage_recordings"
    READ_SURVEY_RESULTS = "read_survey_results"
    TAG_SURVEY_ANSWERS = "tag_survey_answers"
    DECIDE_SUGGESTIONS = "decide_suggestions"
    EXCLUDE_SURVEY_RESPONSES = "exclude_survey_responses"
    SEE_EVIDENCE = "see_evidence"
    WRITE_EVIDENCE = "write_evidence"
    EXPORT_EVIDENCE = "export_evidence"
    AGREE_OUTCOME = "agree_outcome"
    SIGN_OFF_OUTCOME = "sign_off_outcome"
    SEE_PERSON_LEVEL_DATA = "see_person_level_data"
    CHOOSE_TRACKING_CASES = "choose_tracking_cases"
    SEE_TRACKING_CASES = "see_tracking_cases"
    ARRANGE_TRACKING_MEETINGS = "arrange_tracking_meetings"
    # The team reads the self-evaluation the local area shared with this inspection.
    READ_SHARED_SELF_EVALUATION = "read_shared_self_evaluation"
    # The service as a whole: the self-evaluations a person works on.
    SEE_SELF_EVALUATIONS = "see_self_evaluations"
    # One area's self-evaluation.
    SEE_SELF_EVALUATION = "see_self_evaluation"
    EDIT_SELF_EVALUATION = "edit_self_evaluation"
    INVITE_CONTRIBUTORS = "invite_contributors"
    MAKE_SELF_EVALUATION_VERSION = "make_self_evaluation_version"
    SIGN_OFF_SELF_EVALUATION = "sign_off_self_evaluation"
    SHARE_SELF_EVALUATION = "share_self_evaluation"
    # The report.
    SEE_REPORT = "see_report"
    WRITE_REPORT = "write_report"
    QA_REPORT = "qa_report"
    PUBLISH_REPORT = "publish_report"
    SEE_FACTUAL_ACCURACY = "see_factual_accuracy"
    COMMENT_ON_DRAFT = "comment_on_draft"
    RESPOND_TO_COMMENTS = "respond_to_comments"
    ENTER_LOCAL_POLLS = "enter_local_polls"
    SEE_LATE_REPORTS = "see_late_reports"
    # What is owed after an area's latest full inspection, and the national list of what is late.
    SEE_AFTER_INSPECTION = "see_after_inspection"
    SEE_OVERDUE_AFTER_INSPECTION = "see_overdue_after_inspection"
    SUBMIT_FOLLOW_UP_PLAN = "submit_follow_up_plan"
    REVIEW_FOLLOW_UP_PLAN = "review_follow_up_plan"
    RECORD_SUPPORT_ACTIVITY = "record_support_activity"
    RECORD_ENGAGEMENT_MEETING = "record_engagement_meeting"
    # A 2016 written statement of action: the revisit's finding on each weakness, the escalation to the Minister.
    RECORD_REVISIT_PROGRESS = "record_revisit_progress"
    RECORD_MINISTER_ESCALATION = "record_minister_escalation"

    @property
    def scope(self) -> Scope:
        if self in _INSPECTION_CAPABILITIES:
            return Scope.INSPECTION
        if self in _SELF_EVALUATION_CAPABILITIES:
            return Scope.SELF_EVALUATION
        if self in _AREA_CAPABILITIES:
            return Scope.AREA
        return Scope.SERVICE

    @property
    def roles(self) -> frozenset[AccessRole]:
        return TABLE[self]


R = AccessRole
SIGNED_IN = frozenset(AccessRole) - {R.SIGNED_OUT}
TEAM = frozenset({R.LEAD, R.OFSTED_INSPECTOR, R.SOCIAL_CARE_INSPECTOR, R.CQC_INSPECTOR})
PLANNER = frozenset({R.NATIONAL_PLANNER})
LEAD = frozenset({R.LEAD})
OWN_LANO = frozenset({R.OWN_LANO})
QA = frozenset({R.QA_READER})
AREA_PEOPLE = frozenset({R.OWN_LANO, R.AREA_CONTRIBUTOR})

#: The table. Each capability names the roles that hold it; every other role does not.
TABLE: dict[Capability, frozenset[AccessRole]] = {
    Capability.PUBLIC: frozenset(AccessRole),
    Capability.HOME: SIGNED_IN,
    Capability.SECOND_SIGN_IN_STEP: SIGNED_IN,
    Capability.LIST_INSPECTIONS: SIGNED_IN,
    Capability.START_INSPECTION: PLANNER,
    Capability.SEE_WORKLOAD: PLANNER | LEAD,
    Capability.PLAN_PROGRAMME: PLANNER,
    Capability.MANAGE_NATIONAL_PAUSES: PLANNER,
    Capability.READ_AUDIT_TRAIL: frozenset({R.DATA_PROTECTION_OFFICER}),
    # Who may know the inspection exists at all; everyone else is told it is not there.
    Capability.SEE_INSPECTION: PLANNER | TEAM | QA | OWN_LANO,
    # The team's view: the inspection page, the timeline, the team.
    Capability.SEE_TEAM_VIEW: PLANNER | TEAM | QA,
    # The page both sides share: where the inspection stands, who does what next.
    Capability.SEE_WHERE_IT_STANDS: PLANNER | TEAM | QA | OWN_LANO,
    Capability.SET_NOTIFICATION: LEAD,
    Capability.RECORD_OUTCOME: LEAD,
    Capability.SEE_TEAM: PLANNER | TEAM | QA,
    Capability.MANAGE_TEAM: PLANNER | LEAD,
    Capability.NAME_LANO: LEAD,
    Capability.MARK_PARTNERSHIP_STEP: OWN_LANO | LEAD,
    Capability.MARK_TEAM_STEP: TEAM,
    Capability.SEE_ACTIVITY: LEAD,
    # What the local area provides, person-level data included: the team and the LANO only.
    Capability.SEE_INFORMATION: TEAM | OWN_LANO,
    Capability.UPLOAD_INFORMATION: OWN_LANO | LEAD,
    Capability.SEE_MEETINGS: PLANNER | TEAM | QA | OWN_LANO,
    # Notes on meetings and visits are the inspectors' own: never shown to the local area.
    Capability.SEE_INTERNAL_NOTES: PLANNER | TEAM | QA,
    Capability.SCHEDULE_MEETINGS: LEAD,
    Capability.EDIT_TIMETABLE: TEAM,
    Capability.SHARE_SURVEYS: PLANNER | TEAM | OWN_LANO,
    Capability.CLOSE_SURVEY: LEAD,
    Capability.ENTER_PAPER_ANSWERS: OWN_LANO,
    Capability.MANAGE_RECORDINGS: LEAD,
    # What children, young people, parents and practitioners said: the inspection team only.
    Capability.READ_SURVEY_RESULTS: TEAM,
    Capability.TAG_SURVEY_ANSWERS: TEAM,
    Capability.DECIDE_SUGGESTIONS: LEAD,
    Capability.EXCLUDE_SURVEY_RESPONSES: LEAD,
    # The evidence log, lines of enquiry and triangulation: the team, and the quality assurance
    # reader who signs the outcome off. Never the local area.
    Capability.SEE_EVIDENCE: TEAM | QA,
    Capability.WRITE_EVIDENCE: TEAM,
    Capability.EXPORT_EVIDENCE: TEAM,
    # The lead proposes the outcome (RECORD_OUTCOME), the team agrees, a QA reader signs it off.
    Capability.AGREE_OUTCOME: TEAM,
    Capability.SIGN_OFF_OUTCOME: QA,
    # The rows of the person-level return and what is counted from them: the inspection team only.
    Capability.SEE_PERSON_LEVEL_DATA: TEAM,
    Capability.CHOOSE_TRACKING_CASES: LEAD,
    # The chosen cases and their meetings: the team, and the nominated officer who arranges them.
    Capability.SEE_TRACKING_CASES: TEAM | OWN_LANO,
    Capability.ARRANGE_TRACKING_MEETINGS: OWN_LANO,
    # The self-evaluation: the area's own people until the LANO shares a signed-off version with
    # an inspection; then that inspection's team reads the shared version (and nothing else of it).
    Capability.READ_SHARED_SELF_EVALUATION: TEAM | OWN_LANO,
    Capability.SEE_SELF_EVALUATIONS: AREA_PEOPLE,
    Capability.SEE_SELF_EVALUATION: AREA_PEOPLE,
    Capability.EDIT_SELF_EVALUATION: AREA_PEOPLE,
    Capability.INVITE_CONTRIBUTORS: OWN_LANO,
    Capability.MAKE_SELF_EVALUATION_VERSION: OWN_LANO,
    # Only the director of children's services and the ICB representative sign: the service checks
    # which of the area's contributors holds each position.
    Capability.SIGN_OFF_SELF_EVALUATION: frozenset({R.AREA_CONTRIBUTOR}),
    Capability.SHARE_SELF_EVALUATION: OWN_LANO,
    # The report: the team drafts, a QA reader comments and signs off, the lead sends it to the
    # local area, makes it final and publishes it. The LANO sees only the draft sent for comment.
    Capability.SEE_REPORT: PLANNER | TEAM | QA,
    Capability.WRITE_REPORT: TEAM,
    Capability.QA_REPORT: QA,
    Capability.PUBLISH_REPORT: LEAD,
    Capability.SEE_FACTUAL_ACCURACY: TEAM | QA | OWN_LANO,
    Capability.COMMENT_ON_DRAFT: OWN_LANO,
    Capability.RESPOND_TO_COMMENTS: TEAM,
    # Local polls (pre-election pauses) and late reports across the programme: the planner.
    Capability.ENTER_LOCAL_POLLS: PLANNER,
    Capability.SEE_LATE_REPORTS: PLANNER,
    # After the inspection: the national team, inspectors and the area's own people (its nominated
    # officer and the leaders invited to its self-evaluation) see one area's items; the planner the
    # national list. The area's people submit its plans; the national team reviews and publishes them
    # and records DfE and NHS England support; the national team or an inspector holds engagement meetings.
    Capability.SEE_AFTER_INSPECTION: PLANNER | frozenset({R.INSPECTOR}) | AREA_PEOPLE,
    Capability.SEE_OVERDUE_AFTER_INSPECTION: PLANNER,
    Capability.SUBMIT_FOLLOW_UP_PLAN: AREA_PEOPLE,
    Capability.REVIEW_FOLLOW_UP_PLAN: PLANNER,
    Capability.RECORD_SUPPORT_ACTIVITY: PLANNER,
    Capability.RECORD_ENGAGEMENT_MEETING: PLANNER | frozenset({R.INSPECTOR}),
    # A 2016 written statement of action goes through the plans' upload and review (the area's people
    # submit it, the national team judges it fit or not); the planner records the revisit's finding
    # on each significant weakness and the escalation to the Minister.
    Capability.RECORD_REVISIT_PROGRESS: PLANNER,
    Capability.RECORD_MINISTER_ESCALATION: PLANNER,
}

_INSPECTION_CAPABILITIES = frozenset(
    {
        Capability.SEE_INSPECTION,
        Capability.SEE_TEAM_VIEW,
        Capability.SEE_WHERE_IT_STANDS,
        Capability.SET_NOTIFICATION,
        Capability.RECORD_OUTCOME,
        Capability.SEE_TEAM,
        Capability.MANAGE_TEAM,
        Capability.NAME_LANO,
        Capability.MARK_PARTNERSHIP_STEP,
        Capability.MARK_TEAM_STEP,
        Capability.SEE_ACTIVITY,
        Capability.SEE_INFORMATION,
        Capability.UPLOAD_INFORMATION,
        Capability.SEE_MEETINGS,
        Capability.SEE_INTERNAL_NOTES,
        Capability.SCHEDULE_MEETINGS,
        Capability.EDIT_TIMETABLE,
        Capability.SHARE_SURVEYS,
        Capability.CLOSE_SURVEY,
        Capability.ENTER_PAPER_ANSWERS,
        Capability.MANAGE_RECORDINGS,
        Capability.READ_SURVEY_RESULTS,
        Capability.TAG_SURVEY_ANSWERS,
        Capability.DECIDE_SUGGESTIONS,
        Capability.EXCLUDE_SURVEY_RESPONSES,
        Capability.SEE_EVIDENCE,
        Capability.WRITE_EVIDENCE,
        Capability.EXPORT_EVIDENCE,
        Capability.AGREE_OUTCOME,
        Capability.SIGN_OFF_OUTCOME,
        Capability.SEE_PERSON_LEVEL_DATA,
        Capability.CHOOSE_TRACKING_CASES,
        Capability.SEE_TRACKING_CASES,
        Capability.ARRANGE_TRACKING_MEETINGS,
        Capability.READ_SHARED_SELF_EVALUATION,
        Capability.SEE_REPORT,
        Capability.WRITE_REPORT,
        Capability.QA_REPORT,
        Capability.PUBLISH_REPORT,
        Capability.SEE_FACTUAL_ACCURACY,
        Capability.COMMENT_ON_DRAFT,
        Capability.RESPOND_TO_COMMENTS,
    }
)

_SELF_EVALUATION_CAPABILITIES = frozenset(
    {
        Capability.SEE_SELF_EVALUATION,
        Capability.EDIT_SELF_EVALUATION,
        Capability.INVITE_CONTRIBUTORS,
        Capability.MAKE_SELF_EVALUATION_VERSION,
        Capability.SIGN_OFF_SELF_EVALUATION,
        Capability.SHARE_SELF_EVALUATION,
    }
)

_AREA_CAPABILITIES = frozenset(
    {
        Capability.SEE_AFTER_INSPECTION,
        Capability.SUBMIT_FOLLOW_UP_PLAN,
        Capability.REVIEW_FOLLOW_UP_PLAN,
        Capability.RECORD_SUPPORT_ACTIVITY,
        Capability.RECORD_ENGAGEMENT_MEETING,
        Capability.RECORD_REVISIT_PROGRESS,
        Capability.RECORD_MINISTER_ESCALATION,
    }
)

assert set(TABLE) == set(Capability), "every capability has a row in the table"


def allows(capability: Capability, roles: frozenset[AccessRole]) -> bool:
    return bool(TABLE[capability] & roles)


def refusal(capability: Capability, roles: frozenset[AccessRole]) -> int | str | None:
    """What a person with ``roles`` gets when they ask for ``capability``.

    None when it is allowed; ``"sign_in"`` when they must sign in first; 404 when the thing is not
    theirs to know about; 403 when they may see it but not do this.
    """
    if allows(capability, roles):
        return None
    if roles == {AccessRole.SIGNED_OUT}:
        return "sign_in"
    if capability.scope is Scope.INSPECTION and not allows(Capability.SEE_INSPECTION, roles):
        return 404
    if capability.scope is Scope.SELF_EVALUATION and not allows(Capability.SEE_SELF_EVALUATION, roles):
        return 404
    return 403
