"""The framework's words as data: kinds of inspection and their endings, team places, meetings,
the information request and the no-inspection periods (spec 1.3, 2.1, 3.1, 4, 4.4, 6, 8.4)."""

import datetime as dt

import pytest

from areasend import framework as fw
from areasend.framework import AttendeeRole as A
from areasend.framework import InspectorKind as K
from areasend.framework import TeamRole as T


@pytest.mark.parametrize(
    "kind, label, ends_in, graded, follows, versions",
    [
        (fw.InspectionKind.FULL, "Full inspection", fw.Ending.OUTCOME, True, None, ("2016", "2023", "2025")),
        (fw.InspectionKind.MONITORING, "Monitoring inspection", fw.Ending.PROGRESS_AND_RECOMMENDATIONS, False,
         fw.Outcome.SYSTEMIC_FAILINGS, ("2023", "2025")),
        (fw.InspectionKind.REVISIT, "Revisit", fw.Ending.SUFFICIENT_PROGRESS, False, None, ("2016",)),
    ],
)
def test_each_kind_of_inspection_and_what_it_ends_in_spec_3_1(kind, label, ends_in, graded, follows, versions):
    assert kind.label == label
    assert kind.ends_in is ends_in
    assert kind.ends_in.graded is graded
    assert kind.follows_outcome is follows
    assert kind.versions == versions


def test_timeline_kinds_are_the_core_kinds():
    assert fw.KINDS == ("full", "monitoring", "revisit")
    for key in fw.KINDS:
        assert fw.InspectionKind.from_key(key).value == key
    with pytest.raises(fw.FrameworkError):
        fw.InspectionKind.from_key("thematic")


@pytest.mark.parametrize(
    "kind, version, ending",
    [
        ("full", "2016", fw.Ending.WRITTEN_STATEMENT_DECISION),
        ("full", "2023", fw.Ending.OUTCOME),
        ("full", "2025", fw.Ending.OUTCOME),
        ("monitoring", "2025", fw.Ending.PROGRESS_AND_RECOMMENDATIONS),
        ("revisit", "2016", fw.Ending.SUFFICIENT_PROGRESS),
    ],
)
def test_what_an_inspection_ends_in_depends_on_the_version(kind, version, ending):
    assert fw.ending_of(kind, fw.get_version(version)) is ending


def test_monitoring_outcome_names_are_an_open_choice_spec_4_4_and_8_4():
    assert fw.Ending.PROGRESS_AND_RECOMMENDATIONS.confirmed is False
    assert fw.Ending.OUTCOME.confirmed is True
    open_ids = {(version, rule.rule_id) for version, rule in fw.open_choices()}
    assert {("2023", "monitoring_outcome_names"), ("2025", "monitoring_outcome_names")} <= open_ids
    assert ("2016", "monitoring_outcome_names") not in open_ids
    assert fw.MONITORING_OUTCOME_NAMES.amount == 0  # no graded outcome


@pytest.mark.parametrize("progress, sufficient", [("Yes", True), ("Some", False), ("No", False)])
def test_revisit_findings_spec_2_1(progress, sufficient):
    assert fw.RevisitProgress(progress).sufficient is sufficient
    assert fw.RevisitProgress(progress).label.startswith("Sufficient progress in ")


@pytest.mark.parametrize(
    "role, hmi, ofsted_inspector, cqc_inspector",
    [
        (T.LEAD, True, False, False),
        (T.OFSTED, True, True, False),
        (T.SOCIAL_CARE, True, True, False),
        (T.CQC, False, False, True),
    ],
)
def test_who_may_take_each_place_on_the_team_spec_1_3(role, hmi, ofsted_inspector, cqc_inspector):
    assert role.may_be_taken_by(K.HMI) is hmi
    assert role.may_be_taken_by(K.OFSTED_INSPECTOR) is ofsted_inspector
    assert role.may_be_taken_by(K.CQC_INSPECTOR) is cqc_inspector
    assert role.may_be_taken_by(None) is False


@pytest.mark.parametrize(
    "role, kind, words",
    [
        (T.LEAD, K.CQC_INSPECTOR, "The lead inspector must be an HMI: Sam is recorded as a CQC inspector"),
        (T.LEAD, K.OFSTED_INSPECTOR, "The lead inspector must be an HMI: Sam is recorded as an Ofsted Inspector"),
        (T.OFSTED, K.CQC_INSPECTOR, "Sam is a CQC inspector, so can only take the CQC inspector role"),
        (T.CQC, K.HMI, "The CQC inspector role is for a CQC inspector: Sam works for Ofsted"),
        (T.OFSTED, None, "Record whether Sam is an HMI, an Ofsted Inspector or a CQC inspector"),
        (T.LEAD, K.HMI, None),
    ],
)
def test_refusals_say_what_to_do(role, kind, words):
    refusal = role.refusal(kind, "Sam")
    if words is None:
        assert refusal is None
    else:
        assert refusal.startswith(words)


@pytest.mark.parametrize(
    "kind, label, milestone, required",
    [
        ("pcf", "Parent carer forum meeting", "pcf_meeting", (A.LEAD, A.PCF)),
        ("initial", "Initial meeting with leaders", "initial_meeting_with_leaders", (A.LEAD, A.CQC, A.LANO)),
        ("self_evaluation", "Self-evaluation and strategic planning meeting", "self_evaluation_meeting",
         (A.LEAD, A.LANO)),
        ("kit", "Keep-in-touch meeting", None, (A.LEAD, A.DCS, A.ICB, A.LANO)),
        ("final_feedback", "Final feedback meeting", "final_feedback",
         (A.LEAD, A.LANO, A.DCS, A.ELECTED_MEMBER, A.ICB, A.PCF)),
    ],
)
def test_each_meeting_its_milestone_and_required_attendees_spec_1_3_and_4(kind, label, milestone, required):
    meeting = fw.inspection_meeting(kind)
    assert (meeting.label, meeting.milestone, meeting.required) == (label, milestone, required)
    assert fw.MeetingKind(kind).label == label
    assert meeting.source.startswith("spec ")


def test_every_meeting_milestone_is_on_the_full_inspection_timeline():
    keys = set(fw.full_inspection_timeline(notified=dt.date(2026, 1, 12)).keys())
    for meeting in fw.INSPECTION_MEETINGS:
        assert meeting.milestone is None or meeting.milestone in keys, meeting.key


def test_missing_roles_lists_required_roles_nobody_has():
    assert fw.missing_roles("initial", ["lead", A.LANO]) == [A.CQC]
    assert fw.missing_roles("pcf", [A.LEAD, A.PCF]) == []


@pytest.mark.parametrize(
    "team_role, attendee_role", [(T.LEAD, A.LEAD), (T.CQC, A.CQC), (T.OFSTED, A.INSPECTOR), ("social_care", A.INSPECTOR)]
)
def test_team_members_attend_in_their_team_role(team_role, attendee_role):
    assert A.for_team_role(team_role) is attendee_role
    assert not attendee_role.from_local_area


def test_local_area_roles():
    local = {role for role in A if role.from_local_area}
    assert local == {A.LANO, A.DCS, A.ELECTED_MEMBER, A.ICB, A.PCF, A.LEADER, A.OTHER}


@pytest.mark.parametrize(
    "version, keys",
    [
        ("2023", ("annex_a", "person_level_data", "self_evaluation", "strategic_plan")),
        ("2025", ("annex_a", "person_level_data", "health_commissioning", "residential_special_schools",
                  "self_evaluation", "strategic_plan")),
        (None, ("annex_a", "person_level_data", "health_commissioning", "residential_special_schools",
                "self_evaluation", "strategic_plan")),
    ],
)
def test_information_request_items_by_version_spec_6(version, keys):
    assert tuple(item.key for item in fw.information_items(version)) == keys


def test_only_the_person_level_data_is_about_individual_children():
    assert [item.key for item in fw.INFORMATION_ITEMS if item.person_level] == ["person_level_data"]
    assert fw.information_item("person_level_data").form is fw.ItemForm.SPREADSHEET
    assert fw.information_item("nothing") is None


def test_the_annex_a_item_list_is_an_open_choice_spec_6():
    open_ids = {(version, rule.rule_id) for version, rule in fw.open_choices()}
    assert {("2023", "annex_a_items"), ("2025", "annex_a_items")} <= open_ids
    assert fw.ANNEX_A_ITEM_LIST.amount == len(fw.INFORMATION_ITEMS)


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (dt.date(2026, 1, 19), dt.date(2026, 3, 20), []),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30),
         [(dt.date(2026, 7, 20), dt.date(2026, 9, 18), "school summer holidays and the start of the autumn term 2026")]),
        (dt.date(2026, 12, 1), dt.date(2027, 1, 31),
         [(dt.date(2026, 12, 14) + dt.timedelta(days=7), dt.date(2027, 1, 15),
           "Christmas holidays and the start of the spring term 2026")]),
        # General-election periods hold publication, not fieldwork (June 2024 had real on-site weeks).
        (dt.date(2024, 6, 3), dt.date(2024, 6, 30), []),
    ],
)
def test_no_inspection_periods(start, end, expected):
    assert [(p.start, p.end, p.label) for p in fw.no_inspection_periods(start, end)] == expected


def test_bank_holiday_weeks_only_when_asked():
    """A week starting on a bank holiday is always closed; a week holding one later in it only when asked."""
    start, end = dt.date(2026, 5, 1), dt.date(2026, 5, 31)
    assert [p.start for p in fw.no_inspection_periods(start, end)] == [dt.date(2026, 5, 4), dt.date(2026, 5, 25)]
    christmas_2026 = [p.key for p in fw.no_inspection_periods(dt.date(2026, 4, 1), dt.date(2026, 4, 30),
                                                              bank_holiday_weeks=True)]
    assert christmas_2026 == ["easter"]  # Good Friday 3 April and Easter Monday 6 April 2026


def test_annual_periods_are_the_services_choice():
    assert all(not period.confirmed and period.note for period in fw.ANNUAL_NO_INSPECTION_PERIODS)


TODAY = dt.date(2026, 3, 3)


@pytest.mark.parametrize(
    "notified, words",
    [
        (dt.date(2026, 3, 3), None),
        (dt.date(2027, 3, 3), None),
        (dt.date(2025, 3, 3), None),
        (dt.date(2027, 3, 4), "enter a date on or before 3 March 2027"),
        (dt.date(2029, 3, 5), "enter a date on or before 3 March 2027"),
        (dt.date(2025, 3, 2), "enter a date on or after 3 March 2025"),
    ],
)
def test_notification_date_within_the_window(notified, words):
    if words is None:
        fw.check_notification_date(notified, today=TODAY)
    else:
        with pytest.raises(fw.FrameworkError, match=words):
            fw.check_notification_date(notified, today=TODAY)


def test_the_notification_window_is_marked_as_the_services_limit():
    assert fw.NOTIFICATION_WINDOW.amount == 12 and not fw.NOTIFICATION_WINDOW.confirmed
    assert ("2025", "notification_window") in {(v, r.rule_id) for v, r in fw.open_choices()}


def test_findings_are_recorded_from_the_last_day_on_site():
    timeline = fw.full_inspection_timeline(notified=dt.date(2026, 1, 12))
    assert fw.earliest_outcome_date(timeline) == timeline.date("onsite_end") == timeline.date("final_feedback")


def test_current_frameworks_are_those_with_outcomes():
    assert fw.CURRENT_FRAMEWORK_IDS == frozenset({"2023", "2025"})
    assert [v.short_name for v in fw.VERSIONS] == [
        "2016 local area SEND inspection framework", "2023 area SEND framework",
        "area SEND framework as updated in June 2025",
    ]
