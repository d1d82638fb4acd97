"""Inspection timelines (spec 2.1, 4, 4.4, 7.2)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areasend import framework as fw

D = dt.date
CAL = fw.ENGLAND
CONTRACT_KEYS = {"notification", "onsite_start", "onsite_end", "draft_report_due", "comments_due",
                 "final_report_due", "publication_due"}


def test_2023_full_inspection_every_milestone_spec_4():
    """spec 4: week 1 from notification, week 2 off site, week 3 on site (notified Monday 8 Jan 2024)."""
    t = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert t.framework == "2023" and t.kind == "full"
    expected = {
        "notification": D(2024, 1, 8),
        "surveys_open": D(2024, 1, 8),
        "lano_nominated": D(2024, 1, 9),
        "set_up_discussion": D(2024, 1, 10),
        "annex_a_requested": D(2024, 1, 10),
        "tracking_cases_chosen": D(2024, 1, 12),
        "surveys_close": D(2024, 1, 15),
        "fieldwork_start": D(2024, 1, 18),
        "initial_meeting_with_leaders": D(2024, 1, 18),
        "pcf_meeting": D(2024, 1, 18),
        "onsite_start": D(2024, 1, 22),
        "self_evaluation_meeting": D(2024, 1, 22),
        "onsite_end": D(2024, 1, 26),
        "final_feedback": D(2024, 1, 26),
        "draft_report_due": D(2024, 2, 15),
        "comments_due": D(2024, 2, 29),
        "final_report_due": D(2024, 3, 8),
        "publication_due": D(2024, 3, 13),
    }
    assert {key: t.date(key) for key in t.keys()} == expected
    assert list(t.milestones) == sorted(t.milestones, key=lambda m: m.date)


def test_from_onsite_start_counts_the_notification_back_spec_4():
    """spec 4: 10 WD before on-site; counting back gives the same timeline as counting forward."""
    back = fw.full_inspection_timeline(onsite_start=D(2024, 1, 22))
    forward = fw.full_inspection_timeline(notified=D(2024, 1, 8))
    assert back.to_dict() == forward.to_dict()


def test_bank_holiday_inside_the_notice_period_shortens_the_notice_not_the_week():
    """Real on-site weeks start on a Monday: spring bank holiday 26 May 2025 shortens the notice to 9 WD."""
    t = fw.full_inspection_timeline(notified=D(2025, 5, 19))
    assert t.framework == "2023"
    assert t.date("onsite_start") == D(2025, 6, 2)
    assert t.date("onsite_end") == D(2025, 6, 6)
    assert CAL.working_days_between(D(2025, 5, 19), D(2025, 6, 2)) == 9


def test_notified_on_the_tuesday_after_a_bank_holiday_monday_is_on_site_monday_to_friday():
    """The call moves to Tuesday 28 May 2024 (spring bank holiday); the on-site week is still Monday 10 June."""
    t = fw.full_inspection_timeline(notified=D(2024, 5, 28))
    assert (t.date("onsite_start"), t.date("onsite_end")) == (D(2024, 6, 10), D(2024, 6, 14))
    assert t.date("onsite_start").weekday() == 0 and t.date("onsite_end").weekday() == 4
    monitoring = fw.monitoring_inspection_timeline(notified=D(2024, 5, 28))
    assert monitoring.date("onsite_start") == D(2024, 6, 10)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(2023, 1, 2), max_value=D(2029, 12, 31)))
def test_every_notification_gives_a_week_that_starts_on_its_monday(day):
    if not CAL.is_working_day(day):
        return
    t = fw.full_inspection_timeline(notified=day)
    start, end = t.date("onsite_start"), t.date("onsite_end")
    monday = start - dt.timedelta(days=start.weekday())
    assert start == CAL.on_or_after(monday)
    assert monday <= end <= monday + dt.timedelta(days=4)
    assert start > day
    # Counting back from the week gives the usual call of that week, and the same week forward.
    back = fw.full_inspection_timeline(onsite_start=monday, version=t.framework)
    assert back.date("onsite_start") == start


def test_bank_holiday_monday_in_the_on_site_week_keeps_the_week():
    """An on-site week holding bank-holiday Monday 25 Aug 2025 runs Tuesday to Friday."""
    t = fw.full_inspection_timeline(onsite_start=D(2025, 8, 25))
    assert t.date("onsite_start") == D(2025, 8, 26)
    assert t.date("onsite_end") == D(2025, 8, 29)
    assert t.date("notification") == D(2025, 8, 11)
    assert "bank holiday" in t["onsite_start"].note


def test_notification_on_a_bank_holiday_monday_is_refused_with_the_next_working_day_spec_4():
    """spec 4: notification usually a Monday, not a bank holiday."""
    with pytest.raises(fw.FrameworkError) as error:
        fw.full_inspection_timeline(notified=D(2025, 5, 5))
    assert "5 May 2025 is a bank holiday" in str(error.value)
    assert "6 May 2025" in str(error.value)
    assert str(error.value)[0].isupper() and "2025-05" not in str(error.value)


def test_planned_notification_on_a_bank_holiday_monday_moves_to_the_next_working_day_spec_4():
    """spec 4 and 10.1: the Monday call moves to Tuesday when Monday is a bank holiday."""
    assert fw.planned_notification(D(2025, 5, 7), fw.get_version("2025")) == D(2025, 5, 6)
    assert fw.planned_notification(D(2025, 5, 14), fw.get_version("2025")) == D(2025, 5, 12)
    t = fw.full_inspection_timeline(notified=fw.planned_notification(D(2025, 5, 5), fw.get_version("2023")))
    assert t.date("notification") == D(2025, 5, 6)
    assert "usually on a Monday" in t["notification"].note


def test_notification_on_a_weekend_is_refused_spec_4():
    with pytest.raises(fw.FrameworkError, match="is a Saturday"):
        fw.full_inspection_timeline(notified=D(2025, 5, 3))


def test_exactly_one_start_date_is_required():
    with pytest.raises(fw.FrameworkError, match="exactly one"):
        fw.full_inspection_timeline()
    with pytest.raises(fw.FrameworkError, match="exactly one"):
        fw.full_inspection_timeline(notified=D(2024, 1, 8), onsite_start=D(2024, 1, 22))


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        pytest.param({"notified": D(2022, 12, 12)}, "2016", id="spec2-notified-under-2016"),
        pytest.param({"notified": D(2023, 1, 3)}, "2023", id="spec2.2-from-1-jan-2023"),
        pytest.param({"notified": D(2025, 6, 5)}, "2023", id="spec2.3-day-before-2025"),
        pytest.param({"notified": D(2025, 6, 6)}, "2025", id="spec2.3-in-force-6-june-2025"),
        pytest.param({"onsite_start": D(2025, 6, 16)}, "2023", id="spec2.3-auto-uses-notification-date"),
        pytest.param({"onsite_start": D(2025, 6, 23)}, "2025", id="spec2.3-auto-notified-9-june"),
    ],
)
def test_auto_picks_the_version_in_force_on_the_notification_date(kwargs, expected):
    assert fw.full_inspection_timeline(**kwargs).framework == expected


def test_no_framework_before_may_2016_spec_2_1():
    with pytest.raises(fw.FrameworkError, match="No area SEND framework was in force"):
        fw.full_inspection_timeline(notified=D(2016, 4, 25))


def test_2016_inspection_monday_call_following_monday_start_spec_2_1():
    """spec 2.1: 5 days' notice, at most 5 days on site, report letter."""
    t = fw.full_inspection_timeline(notified=D(2017, 1, 9), version="2016")
    assert t.date("onsite_start") == D(2017, 1, 16)
    assert t.date("onsite_end") == D(2017, 1, 20)
    assert t.date("final_feedback") == D(2017, 1, 20)
    assert CONTRACT_KEYS <= set(t.keys())
    assert "report letter" in t["draft_report_due"].label
    assert not t["draft_report_due"].confirmed


def test_2016_notice_over_easter_keeps_the_week_spec_2_1():
    """spec 2.1: Monday call, the following week on site; Easter Monday 17 April 2017 makes it Tuesday to Friday."""
    t = fw.full_inspection_timeline(notified=D(2017, 4, 10), version="2016")
    assert t.date("onsite_start") == D(2017, 4, 18)
    assert t.date("onsite_end") == D(2017, 4, 21)


def test_monitoring_inspection_defaults_are_marked_unconfirmed_spec_4_4():
    """spec 4.4: notice and duration UNCONFIRMED; 10 WD and 3 days chosen."""
    t = fw.monitoring_inspection_timeline(notified=D(2024, 1, 8))
    assert t.kind == "monitoring"
    assert t.date("onsite_start") == D(2024, 1, 22)
    assert t.date("onsite_end") == D(2024, 1, 24)
    assert not t["onsite_start"].confirmed and not t["onsite_end"].confirmed
    assert CONTRACT_KEYS <= set(t.keys())


def test_monitoring_is_not_part_of_2016_and_revisits_are_not_part_of_2023():
    with pytest.raises(fw.FrameworkError, match="has no monitoring inspections"):
        fw.monitoring_inspection_timeline(notified=D(2019, 3, 4), version="2016")
    with pytest.raises(fw.FrameworkError, match="has no revisit inspections"):
        fw.revisit_timeline(notified=D(2024, 1, 8), version="2023")


def test_inspection_timeline_dispatches_by_kind():
    assert fw.inspection_timeline("monitoring", notified=D(2024, 1, 8)).kind == "monitoring"
    assert fw.inspection_timeline(kind="revisit", notified=D(2019, 3, 4)).kind == "revisit"
    with pytest.raises(fw.FrameworkError, match="kind of inspection must be one of"):
        fw.inspection_timeline("thematic", notified=D(2024, 1, 8))


def test_revisit_timeline_spec_2_1():
    """spec 2.1: 10 WD notice, 2-4 days on site (longest by default), report about 33 days later."""
    t = fw.revisit_timeline(notified=D(2019, 3, 4))
    assert t.date("onsite_start") == D(2019, 3, 18)
    assert t.date("onsite_end") == D(2019, 3, 21)
    assert t.date("revisit_report_due") == D(2019, 4, 23)
    assert t["revisit_report_due"].soft


def test_publication_is_never_before_the_comments_are_due_spec_7_2():
    for week in range(0, 52 * 3, 5):
        notified = CAL.on_or_after(D(2023, 1, 2) + dt.timedelta(weeks=week))
        t = fw.full_inspection_timeline(notified=notified)
        assert t.date("draft_report_due") < t.date("comments_due") <= t.date("final_report_due")
        assert t.date("final_report_due") < t.date("publication_due")
        assert t.date("onsite_start") < t.date("onsite_end") < t.date("draft_report_due")


def test_publication_pushed_by_a_pause_spec_7_3():
    """spec 7.3: the 2024 general election pause holds a report due in June until after polling day."""
    t = fw.full_inspection_timeline(notified=D(2024, 3, 25), pauses=fw.GENERAL_ELECTION_PAUSES)
    unpaused = fw.full_inspection_timeline(notified=D(2024, 3, 25))
    assert D(2024, 5, 30) <= unpaused.date("publication_due") <= D(2024, 7, 4)
    assert t.date("publication_due") == D(2024, 7, 5)
    assert t.pauses_applied[0].label == "general election 2024"
    assert "Held for general election 2024" in t["publication_due"].note


def test_every_milestone_has_a_label_owner_and_source():
    for kind, date in (("full", D(2024, 1, 8)), ("monitoring", D(2024, 1, 8)), ("revisit", D(2019, 3, 4))):
        t = fw.inspection_timeline(kind, notified=date)
        for m in t.milestones:
            assert m.label and m.source.startswith("spec") and isinstance(m.owner, fw.Owner)


def test_to_dict_uses_iso_dates():
    data = fw.full_inspection_timeline(notified=D(2024, 1, 8)).to_dict()
    assert data["milestones"]["publication_due"] == "2024-03-13"
    assert data["details"][0]["date"] == "2024-01-08"
