"""The core's evidence rules: triangulation strength, the outcome decision, monitoring wording."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from areasend import framework as fw
from areasend.framework.evidence import check_criteria, strength_of

S = fw.EvidenceSource


@pytest.mark.parametrize(
    "kinds, expected",
    [(0, fw.Strength.NONE), (1, fw.Strength.ONE_SOURCE), (2, fw.Strength.CORROBORATED),
     (3, fw.Strength.TRIANGULATED), (7, fw.Strength.TRIANGULATED)],
)
def test_strength_grows_with_the_number_of_kinds_of_source(kinds, expected):
    assert strength_of(kinds) is expected
    assert expected.is_gap == (kinds < 2)


def test_the_triangulation_threshold_is_an_unconfirmed_default():
    assert not fw.TRIANGULATION_SOURCES.confirmed
    assert fw.TRIANGULATION_SOURCES.amount == 3


def test_matrix_has_every_criterion_and_marks_gaps():
    matrix = fw.triangulate({("I1", S.MEETING): 2, ("I1", S.SURVEY): 1, ("I1", S.SAMPLING_VISIT): 4,
                             ("L4", S.DOCUMENT): 3})
    assert [row.key for row in matrix.rows] == ["I1", "I2", "I3", "I4", "I5", "L1", "L2", "L3", "L4", "L5", "L6"]
    i1 = matrix.rows[0]
    assert i1.total == 7 and i1.source_kinds == 3 and i1.strength is fw.Strength.TRIANGULATED and i1.gap == ""
    l4 = next(row for row in matrix.rows if row.key == "L4")
    assert l4.strength is fw.Strength.ONE_SOURCE and "one kind of source" in l4.gap
    assert {row.key for row in matrix.gaps} == {"I2", "I3", "I4", "I5", "L1", "L2", "L3", "L4", "L5", "L6"}
    assert matrix.to_dict()["rows"][0]["counts"]["meeting"] == 2


def test_matrix_for_lines_of_enquiry_refuses_an_unknown_row():
    rows = [("line-1", "Waiting times for assessments")]
    matrix = fw.triangulate({("line-1", S.TRACKING_CASE): 1, ("line-1", S.MEETING): 1}, rows=rows)
    assert matrix.rows[0].strength is fw.Strength.CORROBORATED
    with pytest.raises(fw.FrameworkError):
        fw.triangulate({("line-2", S.MEETING): 1}, rows=rows)


@given(st.dictionaries(st.tuples(st.sampled_from([c.id for c in fw.CRITERIA]), st.sampled_from(list(S))),
                       st.integers(min_value=0, max_value=50)))
def test_totals_and_strength_follow_the_counts(counts):
    matrix = fw.triangulate(counts)
    assert sum(row.total for row in matrix.rows) == sum(counts.values())
    for row in matrix.rows:
        kinds = len({source for (key, source), n in counts.items() if key == row.key and n})
        assert row.strength is strength_of(kinds)


def test_every_reason_rests_on_evidence():
    assert fw.decision_problems(fw.Outcome.POSITIVE, [("Needs are met early.", 2)], []) == {}
    assert "reasons" in fw.decision_problems(fw.Outcome.POSITIVE, [], [])
    assert fw.decision_problems(fw.Outcome.POSITIVE, [("Needs are met early.", 0)], [])["reasons"] == (
        "Tie each reason to at least one evidence entry")
    assert "outcome" in fw.decision_problems(None, [("A reason.", 1)], [])


def test_areas_for_priority_action_come_with_outcome_3_and_name_their_partners():
    three = fw.Outcome.SYSTEMIC_FAILINGS
    assert "priority_areas" in fw.decision_problems(three, [("Long waits.", 1)], [])
    assert "partner" in fw.decision_problems(three, [("Long waits.", 1)], [("Assessment waits", 0)])["priority_areas"]
    assert fw.decision_problems(three, [("Long waits.", 1)], [("Assessment waits", 2)]) == {}
    assert "outcome 3 only" in fw.decision_problems(fw.Outcome.INCONSISTENT, [("Mixed.", 1)], [("Waits", 1)])["priority_areas"]


def test_the_outcome_stands_only_after_the_team_agrees_and_qa_signs_off():
    team = {1, 2, 3}
    assert fw.decision_stage(proposed=False, team=team, agreed=(), signed_off=False) is fw.DecisionStage.NOT_PROPOSED
    assert fw.decision_stage(proposed=True, team=team, agreed={1, 2}, signed_off=False) is fw.DecisionStage.WAITING_FOR_TEAM
    assert fw.decision_stage(proposed=True, team=team, agreed={1, 2, 3}, signed_off=False) is fw.DecisionStage.WAITING_FOR_QA
    assert fw.decision_stage(proposed=True, team=team, agreed=team, signed_off=True) is fw.DecisionStage.SIGNED_OFF


def test_monitoring_wording_is_versioned_and_unconfirmed():
    wording = fw.monitoring_wording("2025")
    assert not wording.confirmed
    assert "effective action" in wording.question
    assert [a.key for a in wording.answers] == ["effective", "not_effective"]
    assert fw.monitoring_wording("2023").version == "2023"
    with pytest.raises(fw.FrameworkError):
        fw.monitoring_wording("2016")
    with pytest.raises(fw.FrameworkError):
        wording.answer("maybe")


def test_sources_and_criteria_are_checked():
    assert fw.EvidenceSource.from_key("survey") is S.SURVEY
    with pytest.raises(fw.FrameworkError):
        fw.EvidenceSource.from_key("rumour")
    assert check_criteria(["l2", "I1", " "]) == ("I1", "L2")
    with pytest.raises(fw.FrameworkError):
        check_criteria(["I9"])
