"""Case-tracking and sampling rules (spec 1.2, 4.2, 4.3)."""

import pytest

from areasend import framework as fw
from areasend.framework.tracking import HealthTier, Sector, Stage

EHC, SENS = fw.SupportLevel.EHC_PLAN, fw.SupportLevel.SEN_SUPPORT


def good_cases():
    return [
        fw.TrackingCase("A", 4, frozenset({"speech, language and communication"}), EHC),
        fw.TrackingCase("B", 8, frozenset({"autism"}), SENS),
        fw.TrackingCase("C", 13, frozenset({"social, emotional and mental health"}), SENS,
                        in_alternative_provision=True, open_to_youth_justice=True),
        fw.TrackingCase("D", 15, frozenset({"moderate learning difficulty"}), EHC, open_to_social_care=True),
        fw.TrackingCase("E", 17, frozenset({"physical disability"}), EHC),
        fw.TrackingCase("F", 22, frozenset({"severe learning difficulty"}), EHC),
    ]


def test_a_balanced_selection_meets_every_rule_spec_4_2():
    result = fw.check_tracking(good_cases())
    assert result.ok and result.broken == () and result.warnings == ()
    assert all(check.message.endswith(".") for check in result.checks)


def replace(cases, index, **changes):
    from dataclasses import replace as dc_replace

    cases = list(cases)
    cases[index] = dc_replace(cases[index], **changes)
    return cases


@pytest.mark.parametrize(
    "cases, rule_id, soft, words",
    [
        pytest.param(good_cases()[:3], "tracking_case_count", True, "3 cases proposed; about 6",
                     id="spec4.2-about-6-cases"),
        pytest.param(replace(good_cases(), 2, in_alternative_provision=False), "tracking_in_ap", True,
                     "Only 0 cases in alternative provision", id="spec4.2-at-least-1-in-ap"),
        pytest.param(replace(good_cases(), 1, support=EHC), "tracking_on_sen_support", True,
                     "Only 1 case on SEN support; usually at least 2", id="spec4.2-at-least-2-on-sen-support"),
        pytest.param(replace(good_cases(), 0, age=26), "age_range", False, "Outside the 0 to 25 age range: A",
                     id="spec1.2-age-0-to-25"),
        pytest.param(replace(good_cases(), 4, support=fw.SupportLevel.NONE), "tracking_in_scope_support", False,
                     "not in scope: E", id="spec1.2-ehc-plan-or-sen-support"),
        pytest.param(replace(good_cases(), 5, lives_in_area=False), "tracking_lives_in_area", False,
                     "Lives outside the local area", id="spec1.2-residence"),
        pytest.param(replace(good_cases(), 5, reference="A"), "tracking_distinct_children", False,
                     "more than once: A", id="spec4.2-distinct-children"),
        pytest.param([fw.TrackingCase(str(i), 9 + i % 2, frozenset({"autism"}), SENS, in_alternative_provision=True,
                                      open_to_social_care=True) for i in range(6)],
                     "tracking_range_of_needs", True, "1 different need", id="spec4.2-range-of-needs"),
        pytest.param([fw.TrackingCase(str(i), 9 + i % 2, frozenset({f"need {i}"}), SENS,
                                      in_alternative_provision=True, open_to_social_care=True) for i in range(6)],
                     "tracking_range_of_ages", True, "1 age phase covered (primary)", id="spec4.2-range-of-ages"),
        pytest.param(replace(replace(good_cases(), 2, open_to_youth_justice=False), 3, open_to_social_care=False),
                     "tracking_social_care_or_youth_justice", True, "open to children's social care or youth justice",
                     id="spec4.2-social-care-or-youth-justice"),
    ],
)
def test_each_tracking_rule_reports_when_broken(cases, rule_id, soft, words):
    result = fw.check_tracking(cases)
    check = result[rule_id]
    assert not check.met and check.soft is soft
    assert words in check.message
    assert result.ok is soft  # a broken hard rule fails the selection; a soft one only warns
    broken_or_warned = result.warnings if soft else result.broken
    assert check in broken_or_warned


def test_tracking_is_not_part_of_2016():
    with pytest.raises(fw.FrameworkError, match="no case-tracking rules"):
        fw.check_tracking(good_cases(), fw.get_version("2016"))


def good_visits():
    return [
        fw.SamplingVisit("school", Sector.EDUCATION, includes_sen_support=True),
        fw.SamplingVisit("pru", Sector.EDUCATION, alternative_provision=True),
        fw.SamplingVisit("health visiting", Sector.HEALTH, health_tier=HealthTier.UNIVERSAL,
                         stages=frozenset({Stage.ASSESSMENT})),
        fw.SamplingVisit("camhs", Sector.HEALTH, health_tier=HealthTier.TARGETED,
                         stages=frozenset({Stage.INTERVENTION})),
        fw.SamplingVisit("therapy", Sector.HEALTH, health_tier=HealthTier.SPECIALIST,
                         stages=frozenset({Stage.TRANSITION})),
        fw.SamplingVisit("disabled children's team", Sector.SOCIAL_CARE, stages=frozenset(Stage)),
    ]


def test_a_balanced_sampling_plan_meets_every_rule_spec_4_3():
    result = fw.check_sampling(good_visits())
    assert result.ok and not result.warnings


@pytest.mark.parametrize(
    "drop, rule_id, soft, words",
    [
        pytest.param({"school", "pru"}, "sampling_education", False, "No education visit",
                     id="spec4.3-education"),
        pytest.param({"health visiting", "camhs", "therapy"}, "sampling_health", False, "No health visit",
                     id="spec4.3-health"),
        pytest.param({"disabled children's team"}, "sampling_social_care", False, "No social care visit",
                     id="spec4.3-social-care"),
        pytest.param({"pru"}, "sampling_education_alternative_provision", True, "alternative provision",
                     id="spec4.3-education-includes-ap"),
        pytest.param({"school"}, "sampling_education_sen_support", True, "SEN support",
                     id="spec4.3-education-includes-sen-support"),
        pytest.param({"camhs"}, "sampling_health_tiers", True, "No health visit to targeted teams",
                     id="spec4.3-health-universal-targeted-specialist"),
        pytest.param({"therapy"}, "sampling_health_stages", True, "do not cover transition",
                     id="spec4.3-health-stages"),
    ],
)
def test_each_sampling_rule_reports_when_broken(drop, rule_id, soft, words):
    result = fw.check_sampling([v for v in good_visits() if v.reference not in drop])
    check = result[rule_id]
    assert not check.met and check.soft is soft and words in check.message


def test_early_help_visits_only_from_june_2025_spec_4_3():
    visits = good_visits() + [fw.SamplingVisit("early help hub", Sector.EARLY_HELP)]
    assert fw.check_sampling(visits, fw.get_version("2025"))["sampling_early_help"].met
    check = fw.check_sampling(visits, fw.get_version("2023"))["sampling_early_help"]
    assert not check.met and "only from June 2025" in check.message


def test_visit_data_is_checked():
    with pytest.raises(fw.FrameworkError, match="needs a tier"):
        fw.SamplingVisit("gp", Sector.HEALTH)
    with pytest.raises(fw.FrameworkError, match="apply to education visits"):
        fw.SamplingVisit("team", Sector.SOCIAL_CARE, alternative_provision=True)


# --- proposing cases (issue 13) -------------------------------------------------------------------


def _candidates(n=200, seed=3):
    import datetime as dt

    from areasend.framework import person_level as pl
    from areasend.intake import sample_return

    today = dt.date(2026, 1, 12)
    header = sample_return.HEADER
    rows = sample_return.rows(n, seed=seed, today=today)
    checker = pl.RowChecker(pl.CURRENT_SCHEMA, header, today)
    found = []
    for number, cells in enumerate(rows, start=2):
        values, problems = checker.check(number, cells)
        assert not problems
        found.append(pl.tracking_candidate(number, values, today))
    return found


def test_a_proposal_meets_the_rules_and_gives_reasons_for_each_case_and_the_set():
    proposal = fw.propose_tracking(_candidates(), seed=4)
    assert len(proposal.cases) == 6
    assert proposal.check.ok and not proposal.check.warnings
    assert all(case.reasons for case in proposal.cases) and proposal.reasons
    assert sum(c.candidate.case.in_alternative_provision for c in proposal.cases) >= 1
    assert sum(c.candidate.case.support is EHC.SEN_SUPPORT for c in proposal.cases) >= 2
    assert len({c.candidate.sex for c in proposal.cases}) == 2


def test_the_same_seed_gives_the_same_proposal_and_another_seed_another():
    candidates = _candidates()
    rows = lambda seed: [c.candidate.row for c in fw.propose_tracking(candidates, seed=seed).cases]  # noqa: E731
    assert rows(4) == rows(4)
    assert rows(4) != rows(5)


def test_out_of_scope_children_are_never_proposed_and_count_is_kept():
    from dataclasses import replace as dc_replace

    candidates = [dc_replace(c, case=dc_replace(c.case, lives_in_area=False)) if i % 2 else c
                  for i, c in enumerate(_candidates())]
    proposal = fw.propose_tracking(candidates, count=4, seed=1)
    assert len(proposal.cases) == 4 and all(c.candidate.case.lives_in_area for c in proposal.cases)
    with pytest.raises(fw.FrameworkError, match="at least 1"):
        fw.propose_tracking(candidates, count=0)


def test_too_few_candidates_give_a_smaller_set_whose_check_says_so():
    proposal = fw.propose_tracking(_candidates(3), seed=1)
    assert len(proposal.cases) == 3
    assert not proposal.check["tracking_case_count"].met
    assert any(reason.startswith("Not met:") for reason in proposal.reasons)


def test_the_meeting_window_and_arrange_by_day_come_from_the_timeline():
    import datetime as dt

    timeline = fw.full_inspection_timeline(notified=dt.date(2026, 1, 12))
    assert fw.tracking_meeting_window(timeline) == (dt.date(2026, 1, 22), dt.date(2026, 1, 30))
    assert fw.tracking_meetings_arranged_by(timeline) == dt.date(2026, 1, 21)
