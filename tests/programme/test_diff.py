"""The comparison of two plan results: matched by area and kind."""

from areasend.programme.diff import compare


def _item(code, kind, week, name=None):
    return {"area_code": code, "area_name": name or code, "kind": kind, "onsite_start": week}


def _result(items, **terms):
    base = {"unscheduled": 0, "days_overdue": 0, "inversions": 0, "region_excess": 0, "gap_shortfall_weeks": 0,
            "objective": 0}
    base.update(terms)
    return {"items": items, "terms": base}


def test_moved_added_dropped_and_unchanged():
    before = _result([
        _item("A", "full", "2027-01-04", "Alpha"),
        _item("B", "full", "2027-01-11", "Beta"),
        _item("C", "monitoring", "2027-01-18", "Gamma"),
    ], objective=30, days_overdue=30)
    after = _result([
        _item("A", "full", "2027-01-04", "Alpha"),
        _item("B", "full", "2027-02-01", "Beta"),
        _item("D", "full", "2027-01-18", "Delta"),
        _item("C", "full", "2027-03-01", "Gamma"),
    ], objective=12, days_overdue=12)
    diff = compare(before, after)
    assert [(m.area_code, m.before, m.after) for m in diff.moved] == [("B", "2027-01-11", "2027-02-01")]
    assert [(i["area_code"], i["kind"]) for i in diff.added] == [("D", "full"), ("C", "full")]
    assert [(i["area_code"], i["kind"]) for i in diff.dropped] == [("C", "monitoring")]
    assert diff.unchanged == 1
    terms = {row.key: row for row in diff.terms}
    assert (terms["objective"].before, terms["objective"].after, terms["objective"].change) == (30, 12, -18)
    assert terms["inversions"].change == 0
    assert not diff.is_empty


def test_identical_plans_have_an_empty_diff():
    result = _result([_item("A", "full", "2027-01-04")])
    diff = compare(result, result)
    assert diff.is_empty
    assert diff.unchanged == 1
