"""Publication clock and pre-election pauses (spec 7.2, 7.3)."""

import datetime as dt

import pytest

from areasend import framework as fw

D = dt.date
AREA = "E08000025"
OTHER = "E09000001"


def test_local_election_pause_covers_only_areas_with_polls_spec_7_3():
    pause = fw.local_election_pause(D(2024, 5, 2), {AREA})
    assert fw.publication_date(D(2024, 4, 15), AREA, (pause,)) == (D(2024, 5, 3), (pause,))
    assert fw.publication_date(D(2024, 4, 15), OTHER, (pause,)) == (D(2024, 4, 15), ())
    assert fw.publication_date(D(2024, 4, 15), None, (pause,)) == (D(2024, 4, 15), ())


def test_general_election_pause_covers_all_of_england_spec_7_3():
    """spec 7.3: a report held until after the 12 December 2019 general election."""
    pause = fw.GENERAL_ELECTION_PAUSES[1]
    assert pause.end == D(2019, 12, 12) and pause.scope is fw.PauseScope.ALL_ENGLAND
    day, applied = fw.publication_date(D(2019, 11, 20), OTHER, fw.GENERAL_ELECTION_PAUSES)
    assert day == D(2019, 12, 13) and applied == (pause,)


def test_publication_after_a_pause_lands_on_a_working_day():
    pause = fw.general_election_pause(D(2030, 4, 1), D(2030, 4, 18))  # Thursday before Good Friday 2030
    assert fw.publication_date(D(2030, 4, 10), None, (pause,))[0] == D(2030, 4, 23)


def test_back_to_back_pauses_chain():
    first = fw.local_election_pause(D(2026, 5, 7), {AREA})
    second = fw.general_election_pause(D(2026, 5, 8), D(2026, 6, 4))
    day, applied = fw.publication_date(D(2026, 4, 20), AREA, (second, first))
    assert day == D(2026, 6, 5)
    assert set(applied) == {first, second}


def test_pause_data_is_checked():
    with pytest.raises(fw.FrameworkError, match="ends before it starts"):
        fw.PublicationPause(D(2024, 5, 2), D(2024, 4, 2), fw.PauseScope.ALL_ENGLAND, "bad")
    with pytest.raises(fw.FrameworkError, match="lists none"):
        fw.PublicationPause(D(2024, 4, 2), D(2024, 5, 2), fw.PauseScope.AREAS, "empty")


def test_publication_clock_spec_7_2():
    """spec 7.2: draft 14 WD, comments 10, final 30 WD, publication 3 after the final report."""
    clock = fw.publication_clock(fw.get_version("2023"), D(2024, 1, 26))
    assert [m.date for m in clock.milestones()] == [D(2024, 2, 15), D(2024, 2, 29), D(2024, 3, 8), D(2024, 3, 13)]
    assert clock.draft_report_due.soft
    assert clock.comments_due.owner is fw.Owner.PARTNERSHIP


def test_publication_clock_pushed_by_a_local_pause_spec_7_3():
    pause = fw.local_election_pause(D(2024, 5, 2), {AREA})
    clock = fw.publication_clock(fw.get_version("2023"), D(2024, 2, 23), area_code=AREA, pauses=(pause,))
    unpaused = fw.publication_clock(fw.get_version("2023"), D(2024, 2, 23))
    assert pause.start <= unpaused.publication_due.date <= pause.end
    assert clock.publication_due.date == D(2024, 5, 3)
    assert clock.pauses_applied == (pause,)
