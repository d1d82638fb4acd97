"""Outcomes (spec 3.2) and evaluation criteria (spec 5.1, 5.2)."""

import pytest

from areasend import framework as fw


def test_three_outcomes_with_exact_official_names_spec_3_2():
    assert [o.value for o in fw.Outcome] == [1, 2, 3]
    assert fw.Outcome.POSITIVE.official_name.startswith(
        "The local area partnership's SEND arrangements typically lead to positive experiences")
    assert fw.Outcome.POSITIVE.official_name.endswith("is taking action where improvements are needed.")
    assert fw.Outcome.INCONSISTENT.official_name.endswith("must work jointly to make improvements.")
    assert fw.Outcome.SYSTEMIC_FAILINGS.official_name.startswith("There are widespread and/or systemic failings")
    assert fw.Outcome.SYSTEMIC_FAILINGS.short_label == "widespread and/or systemic failings"


def test_only_outcome_3_requires_a_priority_action_plan_and_monitoring_spec_3_2():
    assert [o.requires_priority_action_plan for o in fw.Outcome] == [False, False, True]
    assert [o.leads_to_monitoring_inspection for o in fw.Outcome] == [False, False, True]


@pytest.mark.parametrize("bad", [0, 4, "x", None])
def test_outcome_from_number_refuses_anything_but_1_to_3(bad):
    with pytest.raises(fw.FrameworkError, match="outcome must be 1, 2 or 3"):
        fw.Outcome.from_number(bad)


def test_written_statement_decision_parsing_spec_2_1():
    assert fw.WrittenStatementDecision.from_text("YES") is fw.WrittenStatementDecision.REQUIRED
    assert fw.WrittenStatementDecision.from_text(False) is fw.WrittenStatementDecision.NOT_REQUIRED
    with pytest.raises(fw.FrameworkError):
        fw.WrittenStatementDecision.from_text("maybe")


@pytest.mark.parametrize(
    "identifier, name",
    [
        ("I1", "children and young people's needs are identified accurately and assessed in a timely and effective way"),
        ("I2", "children, young people and their families participate in decision-making about their individual plans and support"),
        ("I3", "children and young people receive the right help at the right time"),
        ("I4", "children and young people are well prepared for their next steps, and achieve strong outcomes"),
        ("I5", "children and young people are valued, visible and included in their communities"),
        ("L1", "leaders are ambitious for children and young people with SEND"),
        ("L2", "leaders actively engage and work with children, young people and families"),
        ("L3", "leaders have an accurate, shared understanding of the needs of children and young people in their local area"),
        ("L4", "leaders commission services and provision to meet the needs and aspirations of children and young people, including commissioning arrangements for children and young people in alternative provision"),
        ("L5", "leaders evaluate services and make improvements"),
        ("L6", "leaders create an environment in which effective practice and multi-agency working can flourish"),
    ],
)
def test_criteria_exact_names_spec_5(identifier, name):
    item = fw.criterion(identifier.lower())
    assert item.id == identifier and item.name == name
    assert item.kind is (fw.CriterionKind.IMPACT if identifier[0] == "I" else fw.CriterionKind.LEADERSHIP)
    assert item.source == ("spec 5.1" if identifier[0] == "I" else "spec 5.2")


def test_unknown_criterion_is_refused():
    with pytest.raises(fw.FrameworkError, match="no criterion"):
        fw.criterion("L7")


def test_2016_asked_three_questions_spec_2_1():
    assert [q.id for q in fw.get_version("2016").criteria] == ["Q1", "Q2", "Q3"]
