"""The demo inspection's evidence log has a demo line of enquiry and demo entries from its team."""

import datetime as dt

from areasend.demo import load_demo
from areasend.evidence import queries


def test_demo_log_has_labelled_entries_from_three_team_members(area):
    inspection = load_demo(dt.date(2026, 3, 4)).inspection
    log = queries.log(inspection)
    assert len(log) == 3
    assert all(item.current.text.startswith("Demo entry:") for item in log)
    assert {item.current.written_by.username for item in log} == {"ofsted", "cqc", "socialcare"}
    [line] = queries.line_evidence(inspection)
    assert line.line.title.startswith("Demo line of enquiry") and len(line.supporting) == 1 and len(line.against) == 1
    assert len(queries.log(load_demo(dt.date(2026, 3, 4)).inspection)) == 3, "running the demo again adds nothing"
