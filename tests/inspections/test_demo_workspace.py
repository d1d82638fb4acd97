"""The demo data set has a team, a LANO scoped to the demo inspection, and steps done up to today."""

import datetime as dt

from areasend.demo import DEMO_PEOPLE, load_demo
from areasend.access.capabilities import AccessRole
from areasend.inspections import access, queries
from areasend.inspections.models import Task


def test_demo_has_team_lano_and_tasks_and_runs_again_safely(area):
    today = dt.date(2026, 3, 4)
    result = load_demo(today)
    inspection = result.inspection
    roles = sorted(inspection.team.values_list("role", flat=True))
    assert roles == ["cqc", "lead", "ofsted", "social_care"]
    lano = inspection.lano
    assert lano.username == "lano" and lano.is_demo
    assert AccessRole.OWN_LANO in access.roles_on(lano, inspection)
    assert list(queries.visible_to(lano)) == [inspection]
    assert not inspection.tasks.filter(due__lt=today, status=Task.Status.TO_DO).exists()
    assert inspection.tasks.filter(due__gt=today, status=Task.Status.TO_DO).exists()
    assert {p.username for p in DEMO_PEOPLE} >= {"lano", "cqc", "ofsted", "socialcare"}
    again = load_demo(today)
    assert again.inspection == inspection and not again.created
    assert inspection.team.count() == 4
