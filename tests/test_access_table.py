"""Every URL, with every method it accepts, as every role: the answer the capability table gives.

Generated from two things the code declares: the capability each view needs for each method
(``view.access_rules``, set by the gate's decorators) and the table of capabilities by role
(``areasend.access.capabilities.TABLE``). A URL whose view declares nothing fails
``test_every_url_declares_its_capabilities``; a method a URL does not accept must answer 405.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from areasend.access import gate
from areasend.access.capabilities import TABLE, AccessRole, Capability, Scope, refusal
from areasend.access.roles import Role
from areasend.inspections import services
from areasend.inspections.models import TeamMember
from tests.factories import make_user

R = AccessRole

#: Each test person and the roles they hold on the world's inspection, and across the service.
PEOPLE = {
    "signed_out": ({R.SIGNED_OUT}, {R.SIGNED_OUT}),
    "planner": ({R.NATIONAL_PLANNER}, {R.NATIONAL_PLANNER}),
    "lead": ({R.INSPECTOR, R.LEAD}, {R.INSPECTOR, R.LEAD}),
    "ofsted": ({R.INSPECTOR, R.OFSTED_INSPECTOR}, {R.INSPECTOR, R.OFSTED_INSPECTOR}),
    "social_care": ({R.INSPECTOR, R.SOCIAL_CARE_INSPECTOR}, {R.INSPECTOR, R.SOCIAL_CARE_INSPECTOR}),
    "cqc": ({R.INSPECTOR, R.CQC_INSPECTOR}, {R.INSPECTOR, R.CQC_INSPECTOR}),
    "inspector": ({R.INSPECTOR}, {R.INSPECTOR}),
    "qa_reader": ({R.QA_READER}, {R.QA_READER}),
    "own_lano": ({R.OWN_LANO}, {R.OWN_LANO}),
    # Named on another inspection: across the service they are a LANO of one inspection too.
    "other_lano": ({R.OTHER_LANO}, {R.OWN_LANO}),
    "dpo": ({R.DATA_PROTECTION_OFFICER}, {R.DATA_PROTECTION_OFFICER}),
    # Invited to the world's area's self-evaluation; holds nothing on an inspection.
    "contributor": ({R.OTHER_CONTRIBUTOR}, {R.AREA_CONTRIBUTOR}),
}

#: The roles each test person holds on the world's area's self-evaluation (its own kind of object):
#: the team holds nothing there; it reads the shared version through an inspection page.
ON_SELF_EVALUATION = {
    **{person: {R.INSPECTOR} for person in ("lead", "ofsted", "social_care", "cqc", "inspector")},
    "signed_out": {R.SIGNED_OUT}, "planner": {R.NATIONAL_PLANNER}, "qa_reader": {R.QA_READER},
    "own_lano": {R.OWN_LANO}, "other_lano": {R.OTHER_LANO}, "dpo": {R.DATA_PROTECTION_OFFICER},
    "contributor": {R.AREA_CONTRIBUTOR},
}

#: What a POST carries so that an allowed person reaches the page's own answer (a form with its
#: errors, or a redirect), rather than a "no such thing" for a missing field.
POST_DATA = {
    "inspections:information": {"item": "self_evaluation"},
    "inspections:meeting": {"action": "details"},
    "inspections:stands": {"task": "0"},
    "surveys:question": {"answer": ""},
    "evidence:send": {"key": "6f1c2a52-8a57-4c55-9d0b-3c1a3a0f1b11", "text": "Seen on a visit.", "source": "other"},
    "evidence:save-draft": {"key": "7e2d3b63-9b68-4d66-8e1c-4d2b4b102c22", "text": "Half wri"},
    "selfevaluation:criterion": {"action": "comment"},
    "selfevaluation:plan": {"action": "add"},
}


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _routes(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}", p.callback


ROUTES = dict(_routes(get_resolver().url_patterns))


def _cases():
    for name in sorted(ROUTES):
        for method in ("GET", "POST"):
            yield name, method


def test_every_url_declares_its_capabilities():
    missing = sorted(name for name, view in ROUTES.items() if not getattr(view, "access_rules", None))
    assert not missing, f"these URLs do not go through the access gate: {missing}"


def test_the_table_has_a_row_for_every_capability_and_only_known_roles():
    assert set(TABLE) == set(Capability)
    for capability, roles in TABLE.items():
        assert roles <= set(AccessRole), capability
    # Nobody but the inspection team reads what children and families said.
    assert TABLE[Capability.READ_SURVEY_RESULTS] == {R.LEAD, R.OFSTED_INSPECTOR, R.SOCIAL_CARE_INSPECTOR, R.CQC_INSPECTOR}
    # The data-protection officer reads the trail and nothing of an inspection's content.
    assert not any(R.DATA_PROTECTION_OFFICER in TABLE[c] for c in Capability if c.scope is Scope.INSPECTION)


@pytest.fixture
def world(db, area, settings, tmp_path):
    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    planner = make_user(Role.NATIONAL_PLANNER, username="tplanner")
    lead = make_user(Role.INSPECTOR, username="tlead")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    people = {"planner": planner, "lead": lead, "signed_out": None}
    for role in ("ofsted", "social_care", "cqc"):
        people[role] = make_user(Role.INSPECTOR, username=f"t{role}")
        TeamMember.objects.create(inspection=inspection, user=people[role], role=role)
    people["inspector"] = make_user(Role.INSPECTOR, username="tinspector")
    people["qa_reader"] = make_user(Role.QA_READER, username="tqa")
    people["dpo"] = make_user(Role.DATA_PROTECTION_OFFICER, username="tdpo")
    people["own_lano"], _ = services.name_lano(lead, inspection, name="Own Officer", email="own@example.gov.uk")
    people["other_lano"] = _lano_elsewhere(planner, lead)
    people["contributor"] = make_user(Role.LOCAL_AREA_CONTRIBUTOR, username="tcontributor")
    return {"people": people, "inspection": inspection, "area": area, "planner": planner, "lead": lead}


def _lano_elsewhere(planner, lead):
    from areasend.areas.models import LocalAreaPartnership

    other = LocalAreaPartnership.objects.create(ons_code="E06000023", name="Bristol", region="South West", kind="unitary authority")
    elsewhere = services.create_inspection(planner, area=other, kind="full", lead_inspector=lead)
    user, _ = services.name_lano(lead, elsewhere, name="Other Officer", email="other@example.gov.uk")
    return user


def _uploaded(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from areasend.intake.services import upload_information
    from tests.factories import pdf_bytes

    return upload_information(
        world["lead"], world["inspection"], item_key="self_evaluation",
        uploaded_file=SimpleUploadedFile("self-evaluation.pdf", pdf_bytes("test"), content_type="application/pdf"),
    )


MEETING_URLS = {"inspections:meetings", "inspections:meeting-schedule", "inspections:meeting", "inspections:timetable",
                "inspections:visit-add", "inspections:visit", "inspections:calendar"}


def _meeting_url(name, world):
    """Meeting pages need a timeline: the inspection is notified, with one meeting and one visit."""
    lead, inspection = world["lead"], world["inspection"]
    inspection = services.set_notification_date(lead, inspection, dt.date(2026, 1, 12), today=dt.date(2026, 1, 5))
    meeting = services.schedule_meeting(lead, inspection, kind="pcf", details=services.MeetingDetails())
    member = TeamMember.objects.get(inspection=inspection, user=lead)
    visit = services.add_visit(lead, inspection, details=services.VisitDetails(
        day=dt.date(2026, 1, 27), start_time=None, end_time=None, place="A primary school", kind="education", member_ids=(member.pk,)))
    args = {"inspections:meeting-schedule": [inspection.pk, "kit"], "inspections:meeting": [inspection.pk, meeting.pk],
            "inspections:visit": [inspection.pk, visit.pk]}.get(name, [inspection.pk])
    return reverse(name, args=args)


def _plan_run(world):
    """A finished plan of the world's areas, made once per test when a programme URL needs one."""
    from django.test import override_settings
    from django.utils import timezone

    from areasend.programme import services as programme

    if "plan_run" not in world:
        today = timezone.localdate()
        with override_settings(AREASEND_RUN_PLANS_INLINE=True, AREASEND_PLAN_TIME_LIMIT=1.0):
            world["plan_run"] = programme.start_plan(world["planner"], until=today + dt.timedelta(days=90),
                                                     full_per_week=2, monitoring_per_week=1, region_cap=2, today=today)
    return world["plan_run"]


def _national_pause(world):
    """A national pause, recorded once per test when its page is asked for."""
    from areasend.programme import services as programme

    if "national_pause" not in world:
        today = dt.date(2026, 1, 5)
        world["national_pause"] = programme.record_pause(world["planner"], stops="monitoring", start=today,
                                                         end=today + dt.timedelta(days=30), reason="a review")
    return world["national_pause"]


def _evidence_url(name, world):
    """Evidence pages about one entry, line or draft: the world's inspection gets one of each."""
    import uuid

    from areasend.evidence import services as evidence

    inspection, lead = world["inspection"], world["lead"]
    if name == "evidence:entry":
        entry, _ = evidence.add_entry(lead, inspection, key=uuid.uuid4(),
                                      fields=evidence.EntryFields(text="Seen on a visit.", source="other"))
        return reverse(name, args=[inspection.pk, entry.pk])
    if name == "evidence:line":
        line = evidence.add_line(lead, inspection, title="Are waits falling?")
        return reverse(name, args=[inspection.pk, line.pk])
    if name == "evidence:draft":
        return reverse(name, args=[inspection.pk, uuid.uuid4()])
    if name == "evidence:export":
        return reverse(name, args=[inspection.pk, "csv"])
    return reverse(name, args=[inspection.pk])


def _person_level_url(name, world):
    """Person-level and tracking pages need a loaded return, and cases sent to the nominated officer."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from areasend.intake import returns, sample_return
    from django.utils import timezone

    from areasend.tracking import services as tracking

    lead, inspection = world["lead"], world["inspection"]
    if "tracking" not in world:
        inspection = services.set_notification_date(lead, inspection, dt.date(2026, 1, 12), today=dt.date(2026, 1, 5))
        upload = returns.upload_return(lead, inspection, SimpleUploadedFile(
            "return.csv", sample_return.csv_bytes(60, seed=4, today=timezone.localdate()), content_type="text/csv"))
        returns.run_check(upload.pk)
        tracking.propose(lead, inspection, seed=1, today=timezone.localdate())
        world["tracking"] = tracking.send_request(lead, inspection)
    case = world["tracking"].cases.first()
    args = {"intake:person-level-template": [inspection.pk, "csv"], "intake:person-level-version": [inspection.pk, 1],
            "intake:person-level-problems": [inspection.pk, 1], "tracking:swap": [inspection.pk, case.pk],
            "tracking:arrange": [inspection.pk, case.pk]}.get(name, [inspection.pk])
    return reverse(name, args=args)


def _url(name, world):
    if name.startswith(("reports:", "published:")):
        from tests.reports.access import report_url

        return report_url(name, world)
    if name.startswith("evidence:"):
        return _evidence_url(name, world)
    if name.startswith(("intake:", "tracking:")):
        return _person_level_url(name, world)
    if name.startswith("selfevaluation:"):
        from tests.selfevaluation.world import selfevaluation_url

        return selfevaluation_url(name, world)
    if name == "programme:pause":
        return reverse(name, args=[_national_pause(world).pk])
    if name.startswith("programme:") and name not in {"programme:index", "programme:new", "programme:pauses"}:
        return reverse(name, args=[_plan_run(world).pk])
    if name.startswith("surveys:"):
        from tests.surveys.access import survey_url

        return survey_url(name, world)
    if name == "national:download":
        return reverse(name, args=["outcomes-by-year", "csv"])
    if name.startswith("followup:"):
        from tests.followup.world import followup_url

        return followup_url(name, world)
    if name == "areas:detail":
        return reverse(name, args=[world["area"].ons_code])
    if name == "accounts:invitation":
        return reverse(name, args=["MQ", "not-a-valid-token"])
    if name == "inspections:nominate":
        return reverse(name, args=["not-a-valid-token"])
    if name == "inspections:lano-confirm":
        return reverse(name, args=[world["inspection"].pk, "not-a-valid-token"])
    if name in MEETING_URLS:
        return _meeting_url(name, world)
    if name == "inspections:information-file":
        return reverse(name, args=[world["inspection"].pk, _uploaded(world).pk])
    if name.startswith("inspections:") and name not in {"inspections:list", "inspections:create", "inspections:workload"}:
        return reverse(name, args=[world["inspection"].pk])
    return reverse(name)


def _expected(view, method: str, person: str):
    """405, None (allowed), "sign_in", 404 or 403, from the view's rules and the table."""
    rules = view.access_rules
    if method not in rules:
        return 405
    capability = rules[method]
    on_inspection, across_service = PEOPLE[person]
    if capability.scope in (Scope.SELF_EVALUATION, Scope.AREA):
        # The area's own people are the same on its self-evaluation and after its inspection.
        roles = frozenset(ON_SELF_EVALUATION[person])
    else:
        roles = frozenset(on_inspection if capability.scope is Scope.INSPECTION else across_service)
    answer = refusal(capability, roles)
    kind = gate._KINDS.get(view.access_kind) if view.access_kind else None
    if answer in (403, 404) and kind is not None and kind.hidden:
        return 404
    return answer


@pytest.mark.parametrize(("name", "method"), list(_cases()))
def test_status_by_role(client, world, name, method):
    view = ROUTES[name]
    url = _url(name, world)
    wrong = []
    for person, user in world["people"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        want = _expected(view, method, person)
        with transaction.atomic():
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, POST_DATA.get(name, {}))
            transaction.set_rollback(True)
        got = response.status_code
        to_sign_in = got == 302 and response["Location"].startswith("/account/sign-in/")
        if want is None:
            ok = got in (200, 302) and not to_sign_in
        elif want == "sign_in":
            ok = to_sign_in
        else:
            ok = got == want
        if not ok:
            wrong.append(f"{person}: wanted {want or 'allowed'}, got {got}")
    assert not wrong, f"{method} {url}: " + "; ".join(wrong)


def test_the_list_of_inspections_agrees_with_the_table(world):
    """The SQL form of the table (the list of inspections) and the per-inspection check agree."""
    from areasend.inspections import access
    from areasend.inspections.models import Inspection

    everything = list(Inspection.objects.all())
    for person, user in world["people"].items():
        if user is None:
            continue
        listed = set(access.visible_to(user))
        allowed = {i for i in everything if access.can(user, i, Capability.SEE_INSPECTION)}
        assert listed == allowed, person
        assert (world["inspection"] in listed) == (R.SIGNED_OUT not in PEOPLE[person][0] and refusal(
            Capability.SEE_INSPECTION, frozenset(PEOPLE[person][0])) is None), person


def test_the_admin_is_for_staff_only(client, world):
    for person, user in world["people"].items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], person
    staff = make_user(username="tstaff", is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


#: Written out by hand for the pages with the most sensitive data, so that a change to the table or
#: to a view's declared capability that opens them up fails here as well as in review.
PINNED = {
    "inspections:information-file": {"planner": 403, "lead": 200, "ofsted": 200, "cqc": 200, "inspector": 404,
                                     "qa_reader": 403, "own_lano": 200, "other_lano": 404, "dpo": 404},
    "surveys:results": {"planner": 403, "lead": 200, "social_care": 200, "inspector": 404, "qa_reader": 403,
                        "own_lano": 403, "other_lano": 404, "dpo": 404},
    "surveys:export-csv": {"planner": 403, "lead": 200, "own_lano": 403, "other_lano": 404, "dpo": 404},
    "inspections:activity": {"planner": 403, "lead": 200, "ofsted": 403, "own_lano": 403, "other_lano": 404, "dpo": 404},
    "accounts:audit": {"planner": 403, "lead": 403, "own_lano": 403, "dpo": 200},
    "programme:run": {"planner": 200, "lead": 404, "qa_reader": 404, "dpo": 404},
    # The evidence log: the team and the QA reader; never the local area.
    "evidence:log": {"planner": 403, "lead": 200, "ofsted": 200, "cqc": 200, "inspector": 404, "qa_reader": 200,
                     "own_lano": 403, "other_lano": 404, "dpo": 404},
    "evidence:export": {"planner": 403, "lead": 200, "social_care": 200, "qa_reader": 403, "own_lano": 403,
                        "other_lano": 404, "dpo": 404},
    "intake:person-level-analysis": {"planner": 403, "lead": 200, "ofsted": 200, "cqc": 200, "inspector": 404,
                                     "qa_reader": 403, "own_lano": 403, "other_lano": 404, "dpo": 404},
    "intake:person-level-problems": {"planner": 403, "lead": 200, "inspector": 404, "qa_reader": 403, "own_lano": 200,
                                     "other_lano": 404, "dpo": 404},
    # The area's evidence documents: its own people only, until and after sharing.
    "selfevaluation:evidence-file": {"planner": 404, "lead": 404, "ofsted": 404, "qa_reader": 404, "own_lano": 200,
                                     "other_lano": 404, "dpo": 404, "contributor": 200},
    "selfevaluation:shared": {"planner": 403, "lead": 200, "cqc": 200, "inspector": 404, "qa_reader": 403,
                              "own_lano": 200, "other_lano": 404, "dpo": 404, "contributor": 404},
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_sensitive_pages_answer_as_written(client, world, name):
    url = _url(name, world)
    got = {}
    for person in PINNED[name]:
        client.logout()
        client.force_login(world["people"][person])
        got[person] = client.get(url).status_code
    assert got == PINNED[name]
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")
