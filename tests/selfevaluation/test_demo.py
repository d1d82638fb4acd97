"""The demo data set's self-evaluation: its director and ICB representative, version 1 waiting for sign-off."""

import datetime as dt

from areasend.access.capabilities import Capability as C
from areasend.demo import load_demo
from areasend.selfevaluation import access, services
from areasend.selfevaluation.models import Contributor, Version


def test_demo_self_evaluation_is_ready_for_sign_off_and_loads_again_safely(area):
    result = load_demo(dt.date(2026, 3, 4))
    se = access._fetch(result.inspection.area.ons_code)
    positions = {c.user.username: c.position for c in Contributor.objects.filter(self_evaluation=se)}
    assert positions == {"director": "director", "icb": "icb"}
    version = Version.objects.get(self_evaluation=se)
    assert version.number == 1 and not services.is_signed_off(version)
    assert access.can(result.inspection.lano, se, C.SHARE_SELF_EVALUATION)
    load_demo(dt.date(2026, 3, 4))
    assert Version.objects.count() == 1 and Contributor.objects.count() == 2
