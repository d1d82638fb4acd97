"""The team: members, clashes of on-site days from the core timeline, and the workload view."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from html import unescape

from areasend.access.roles import Role
from areasend.access.capabilities import Capability
from areasend.inspections import access, queries, services
from areasend.inspections.models import TeamMember
from tests.factories import make_user
from tests.inspections.conftest import BEFORE, NOTIFIED


@pytest.fixture
def cqc(db):
    return make_user(Role.INSPECTOR, username="cqc", inspector_kind="cqc_inspector", first_name="Demo", last_name="CQC Inspector")


def test_the_lead_is_on_the_team_from_the_start(notified_inspection, lead):
    member = TeamMember.objects.get(inspection=notified_inspection)
    assert member.user == lead and member.role == TeamMember.Role.LEAD


def test_lead_adds_a_member_who_then_sees_the_inspection(notified_inspection, lead, cqc):
    assert not access.can(cqc, notified_inspection, Capability.SEE_TEAM_VIEW)
    member, clashes = services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    assert member.get_role_display() == "CQC inspector"
    assert clashes == []
    assert access.can(cqc, notified_inspection, Capability.SEE_TEAM_VIEW)
    assert list(queries.visible_to(cqc)) == [notified_inspection]


def _elsewhere(planner, inspector, cqc, area, notified):
    """The CQC inspector is also on the team of another inspection, led by another HMI."""
    other = services.create_inspection(planner, area=area, kind="full", lead_inspector=inspector)
    other = services.set_notification_date(inspector, other, notified, today=BEFORE)
    services.add_team_member(inspector, other, user=cqc, role="cqc")
    return other


def test_a_clash_is_flagged_when_on_site_days_overlap(notified_inspection, lead, cqc, planner, second_area, inspector):
    other = _elsewhere(planner, inspector, cqc, second_area, NOTIFIED)
    _, clashes = services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    assert [c.inspection for c in clashes] == [other]
    assert clashes[0].onsite_start == queries.timeline_for(other).date("onsite_start")
    rows = {row.inspector.username: row for row in queries.workload()}
    assert len(rows["cqc"].clashes) == 1
    assert rows["lead"].clashes == ()


def test_no_clash_when_the_weeks_differ(notified_inspection, lead, cqc, planner, second_area, inspector):
    import datetime as dt

    _elsewhere(planner, inspector, cqc, second_area, dt.date(2026, 2, 23))
    _, clashes = services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    assert clashes == []


def test_only_lead_or_planner_changes_the_team(notified_inspection, cqc, inspector):
    with pytest.raises(PermissionDenied):
        services.add_team_member(inspector, notified_inspection, user=cqc, role="cqc")
    assert notified_inspection.team.count() == 1


@pytest.mark.parametrize("role", ["lead", "nonsense"])
def test_bad_roles_are_refused(notified_inspection, lead, cqc, role):
    with pytest.raises(ValidationError):
        services.add_team_member(lead, notified_inspection, user=cqc, role=role)


def test_members_must_be_inspectors_and_join_once(notified_inspection, lead, planner, cqc):
    with pytest.raises(ValidationError):
        services.add_team_member(lead, notified_inspection, user=planner, role="ofsted")
    services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    with pytest.raises(ValidationError) as exc:
        services.add_team_member(lead, notified_inspection, user=cqc, role="ofsted")
    assert "already on the team" in str(exc.value)


def test_team_page_adds_shows_clash_and_removes(client, notified_inspection, lead, cqc, planner, second_area, inspector):
    _elsewhere(planner, inspector, cqc, second_area, NOTIFIED)
    client.force_login(lead)
    url = reverse("inspections:team", args=[notified_inspection.pk])
    response = client.post(url, {"user": cqc.pk, "role": "cqc"}, follow=True)
    html = unescape(response.content.decode())
    assert "Demo CQC Inspector added as CQC inspector" in html
    assert "on site elsewhere in the same days (Bristol)" in html
    assert "Clash" in html
    member = TeamMember.objects.get(inspection=notified_inspection, user=cqc)
    client.post(url, {"remove": member.pk, "confirm": "yes"})
    assert not TeamMember.objects.filter(pk=member.pk).exists()


def test_removing_a_team_member_asks_first_without_javascript(client, notified_inspection, lead, cqc):
    client.force_login(lead)
    url = reverse("inspections:team", args=[notified_inspection.pk])
    client.post(url, {"user": cqc.pk, "role": "cqc"})
    member = TeamMember.objects.get(inspection=notified_inspection, user=cqc)
    team_page = unescape(client.get(url).content.decode())
    assert f'href="?remove={member.pk}"' in team_page, "the table links to the confirmation, it does not post"
    asked = unescape(client.get(url, {"remove": member.pk}).content.decode())
    assert f"Are you sure you want to remove {cqc} from the team?" in asked
    assert 'name="confirm" value="yes"' in asked and "Cancel" in asked
    assert TeamMember.objects.filter(pk=member.pk).exists(), "asking removes no one"
    # A post without the confirmation (an old page, a double click) asks again rather than removing.
    again = unescape(client.post(url, {"remove": member.pk}).content.decode())
    assert "Are you sure you want to remove" in again
    assert TeamMember.objects.filter(pk=member.pk).exists()
    client.post(url, {"remove": member.pk, "confirm": "yes"})
    assert not TeamMember.objects.filter(pk=member.pk).exists()


def test_team_page_empty_form_gets_an_error_summary(client, notified_inspection, lead):
    client.force_login(lead)
    html = client.post(reverse("inspections:team", args=[notified_inspection.pk]), {}).content.decode()
    assert "There is a problem" in html and "Choose the inspector to add" in html
    assert notified_inspection.team.count() == 1


def test_lead_cannot_be_removed(client, notified_inspection, lead):
    client.force_login(lead)
    member = notified_inspection.team.get()
    client.post(reverse("inspections:team", args=[notified_inspection.pk]), {"remove": member.pk, "confirm": "yes"})
    assert notified_inspection.team.filter(pk=member.pk).exists()


def test_a_member_who_cannot_manage_may_not_post(client, notified_inspection, lead, cqc):
    services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    client.force_login(cqc)
    url = reverse("inspections:team", args=[notified_inspection.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"user": cqc.pk, "role": "ofsted"}).status_code == 403


def test_workload_page_lists_every_inspector(client, notified_inspection, planner, cqc):
    client.force_login(planner)
    html = unescape(client.get(reverse("inspections:workload")).content.decode())
    assert "Demo CQC Inspector" in html and "No inspections" in html
    assert "Bath and North East Somerset (Lead inspector (HMI))" in html


def _accepted_plan(items):
    from areasend.programme.models import PlanRun

    return PlanRun.objects.create(title="Accepted", parameters={}, status=PlanRun.Status.DONE, is_current=True,
                                  result={"items": items, "weeks": [], "unscheduled": []})


def _planned(area, monday, team, kind="full"):
    return {"area_code": area.ons_code, "area_name": area.name, "region": area.region, "kind": kind,
            "onsite_start": monday, "due_by": None, "reason": "", "team": team}


def test_workload_shows_planned_and_live_work_labelled_with_long_dates(
        client, notified_inspection, planner, lead, cqc, second_area, area):
    services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    _accepted_plan([
        _planned(second_area, "2026-12-07", [{"name": "Demo Lead", "remit": "hmi"},
                                             {"name": "Not In Service", "remit": "ofsted"},
                                             {"name": "Demo CQC Inspector", "remit": "cqc"}]),
        # Already started, so it has left the plan: not planned work any more.
        _planned(area, "2026-12-14", [{"name": "Demo CQC Inspector", "remit": "cqc"}]),
    ])
    rows = {row.name: row for row in queries.workload()}
    cqc_row = rows["Demo CQC Inspector"]
    assert [(w.planned, w.area_name, w.role_label) for w in cqc_row.live] == [(False, area.name, "CQC inspector")]
    assert [(w.planned, w.area_name, w.start.isoformat()) for w in cqc_row.planned] == [(True, "Bristol", "2026-12-07")]
    assert cqc_row.clashes == ()
    assert rows["Not In Service"].inspector is None and len(rows["Not In Service"].planned) == 1

    client.force_login(planner)
    html = unescape(client.get(reverse("inspections:workload")).content.decode())
    start, end = queries.onsite_days(notified_inspection)
    assert (f"Live</strong> {area.name} (CQC inspector): {start.day} {start:%B %Y} to {end.day} {end:%B %Y}") in html
    assert "Planned</strong> Bristol (CQC inspector): week of 7 December 2026" in html
    assert "Planned</strong> Bristol (Lead inspector (HMI)): week of 7 December 2026" in html
    assert "Planned: not started yet" in html and "In the plan, with no account in this service" in html
    assert "14 December 2026" not in html


def test_planned_work_in_the_same_days_as_live_work_is_a_clash(notified_inspection, lead, cqc, second_area):
    services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    start, _ = queries.onsite_days(notified_inspection)
    monday = start - __import__("datetime").timedelta(days=start.weekday())
    _accepted_plan([_planned(second_area, monday.isoformat(), [{"name": "Demo CQC Inspector", "remit": "cqc"}])])
    row = next(r for r in queries.workload() if r.name == "Demo CQC Inspector")
    assert [(a.planned, b.planned) for a, b in row.clashes] == [(False, True)]


def test_a_lead_sees_live_work_but_not_the_plan(client, notified_inspection, lead, cqc, second_area):
    _accepted_plan([_planned(second_area, "2026-12-07", [{"name": "Demo CQC Inspector", "remit": "cqc"}])])
    client.force_login(lead)
    html = unescape(client.get(reverse("inspections:workload")).content.decode())
    assert "Live</strong>" in html and "Bristol" not in html and "Planned" not in html


def test_the_workload_reads_the_same_number_of_times_whatever_the_number_of_inspectors(
        notified_inspection, lead, cqc, second_area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _accepted_plan([_planned(second_area, "2026-12-07", [{"name": "Demo CQC Inspector", "remit": "cqc"}])])
    services.add_team_member(lead, notified_inspection, user=cqc, role="cqc")
    with CaptureQueriesContext(connection) as few:
        queries.workload()
    for n in range(6):
        extra = make_user(Role.INSPECTOR, username=f"extra{n}", inspector_kind="ofsted_inspector")
        services.add_team_member(lead, notified_inspection, user=extra, role="ofsted")
    with CaptureQueriesContext(connection) as many:
        rows = queries.workload()
    assert len(rows) >= 8
    assert len(many.captured_queries) == len(few.captured_queries)
