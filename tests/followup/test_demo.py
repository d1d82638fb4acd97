import datetime as dt

import pytest

from areasend.areas.models import LocalAreaPartnership, PublishedPlan
from areasend.demo import load_demo
from areasend.followup import queries
from areasend.followup.models import PlanVersion

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 4)


def test_demo_has_an_outcome_3_area_partway_through_its_priority_action_plan(area, uploads):
    for n in range(3):
        LocalAreaPartnership.objects.create(ons_code=f"E0600020{n}", name=f"Demo area {n}", region="North East",
                                            kind="unitary authority")
    load_demo(TODAY)
    plan = PublishedPlan.objects.get(kind="priority_action_plan")
    found = queries.after_inspection(plan.area, TODAY)
    status = {item.due_key: item.status for item in found.items}
    assert status["priority_action_plan_submission_due"] == "accepted"
    assert status["priority_action_plan_publication_due"] == "published"
    assert status["strategic_plan_update_due"] == "submitted"
    assert status["engagement_meeting_1"] == "done"
    assert status["monitoring_inspection_due"] == "due"
    assert [p.decision for p in found.plans["priority_action_plan"]] == ["accepted", "further_work"]
    assert len(found.support) == 1
    load_demo(TODAY)
    assert PlanVersion.objects.count() == 3, "running the demo again adds nothing"
