"""Framework versions as data (spec 2, 10)."""

import dataclasses
import datetime as dt

import pytest

from areasend import framework as fw

D = dt.date


def test_three_versions_in_order_with_no_gaps_or_overlaps_spec_2():
    assert [v.id for v in fw.VERSIONS] == ["2016", "2023", "2025"]
    for earlier, later in zip(fw.VERSIONS, fw.VERSIONS[1:]):
        assert earlier.in_force_until + dt.timedelta(days=1) == later.in_force_from
    assert fw.VERSIONS[-1].in_force_until is None


def test_get_version_and_unknown_ids():
    assert fw.get_version(" 2023 ").id == "2023"
    with pytest.raises(fw.FrameworkError, match="use one of 2016, 2023, 2025"):
        fw.get_version("2019")


def test_versions_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        fw.get_version("2023").name = "changed"  # type: ignore[misc]


def test_each_rule_id_has_one_value_per_version_spec_2():
    for version in fw.VERSIONS:
        seen = {}
        for rule in version.rules():
            if rule.rule_id in seen:
                assert seen[rule.rule_id] == rule, rule.rule_id
            seen[rule.rule_id] = rule


def test_every_rule_names_its_spec_section():
    for _, rule in fw.all_rules():
        assert rule.source.startswith("spec "), rule.rule_id


def test_open_choices_are_listed_with_notes_spec_10():
    choices = fw.open_choices()
    ids = {(version, rule.rule_id) for version, rule in choices}
    for expected in [("2016", "wsoa_resubmission"), ("2023", "pap_submission"), ("2023", "strategic_plan_update"),
                     ("2025", "notice_onsite"), ("2023", "monitoring_notice"), ("2025", "engagement_meeting")]:
        assert expected in ids
    assert all(rule.note for _, rule in choices)


def test_version_diffs_are_stored_per_version_spec_2_3():
    v2023, v2025 = fw.get_version("2023"), fw.get_version("2025")
    assert (v2023.evaluation_term, v2025.evaluation_term) == ("judgement", "evaluation")
    assert v2023.cycle.monitoring.counts_from != v2025.cycle.monitoring.counts_from
    assert not v2023.sampling_includes_early_help and v2025.sampling_includes_early_help
    assert fw.get_version("2016").has_outcomes is False


def test_to_dict_lists_every_rule():
    data = fw.get_version("2016").to_dict()
    assert data["in_force_from"] == "2016-05-01" and data["in_force_until"] == "2022-12-31"
    assert {"wsoa_submission", "revisit", "revisit_report"} <= {rule["rule_id"] for rule in data["rules"]}
