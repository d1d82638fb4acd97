import datetime as dt

from areasend import framework as fw


def _owed(key, due, done=None, area="Barnet"):
    return fw.Obligation(key=key, area_code="E09000003", area_name=area, what=key, owner=fw.Owner.PARTNERSHIP,
                         due=due, done=done)


def test_lateness_is_counted_in_working_days_up_to_today_or_the_day_it_was_done():
    # Due Friday 18 December 2026; Christmas Day and Boxing Day (moved to Monday 28th) are not working days.
    item = _owed("plan", dt.date(2026, 12, 18))
    assert item.working_days_late(dt.date(2026, 12, 18)) == 0
    assert item.working_days_late(dt.date(2026, 12, 21)) == 1
    assert item.working_days_late(dt.date(2026, 12, 29)) == 5
    done = _owed("plan", dt.date(2026, 12, 18), done=dt.date(2026, 12, 22))
    assert done.working_days_late(dt.date(2027, 3, 1)) == 2
    assert not done.is_overdue(dt.date(2027, 3, 1))


def test_overdue_keeps_only_open_late_items_oldest_first():
    today = dt.date(2027, 1, 11)
    items = [
        _owed("late second", dt.date(2027, 1, 4)),
        _owed("not yet due", dt.date(2027, 1, 11)),
        _owed("done late", dt.date(2026, 12, 1), done=dt.date(2026, 12, 3)),
        _owed("late first", dt.date(2026, 12, 14), area="Cornwall"),
    ]
    assert [item.key for item in fw.overdue(items, today)] == ["late first", "late second"]
