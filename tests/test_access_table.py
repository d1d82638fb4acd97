"""Every URL, visited as every role and signed out, answers with the status that role allows.

The table must name every URL the project routes: a new page without a row here fails
``test_table_covers_every_url``.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from areasend.inspections import services
from tests.factories import make_user
from areasend.accounts.roles import Role

ROLES = ("anonymous", "planner", "lead", "inspector", "lano")

# name -> (method, {role: status}); "login" means a redirect to the sign-in page.
TABLE = {
    "areas:list": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "areas:detail": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "ui:accessibility": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "ui:privacy": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "accounts:sign-in": ("get", {"anonymous": 200, "planner": 302, "lead": 302, "inspector": 302, "lano": 302}),
    "accounts:sign-out": ("post", {"anonymous": 302, "planner": 302, "lead": 302, "inspector": 302, "lano": 302}),
    "accounts:home": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "inspections:list": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "inspections:create": ("get", {"anonymous": "login", "planner": 200, "lead": 403, "inspector": 403, "lano": 403}),
    "inspections:detail": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:notification": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:outcome": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    # The national programme: the planning team only; plans are objects, hidden from everyone else.
    "programme:index": ("get", {"anonymous": "login", "planner": 200, "lead": 403, "inspector": 403, "lano": 403}),
    "programme:new": ("get", {"anonymous": "login", "planner": 200, "lead": 403, "inspector": 403, "lano": 403}),
    "programme:run": ("get", {"anonymous": "login", "planner": 200, "lead": 404, "inspector": 404, "lano": 404}),
    "programme:what-if": ("get", {"anonymous": "login", "planner": 200, "lead": 404, "inspector": 404, "lano": 404}),
    "programme:accept": ("post", {"anonymous": "login", "planner": 302, "lead": 404, "inspector": 404, "lano": 404}),
    "programme:export-csv": ("get", {"anonymous": "login", "planner": 200, "lead": 404, "inspector": 404, "lano": 404}),
    "programme:export-xlsx": ("get", {"anonymous": "login", "planner": 200, "lead": 404, "inspector": 404, "lano": 404}),
    "inspections:team": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:lano": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:stands": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:activity": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:workload": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 403, "lano": 403}),
    # What the local area provides, person-level data included: the team and the LANO only.
    "inspections:information": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:information-file": ("get", {"anonymous": "login", "planner": 404, "lead": 200, "inspector": 404, "lano": 404}),
    # Meetings and the on-site timetable: planners, the team and the inspection's own LANO see them;
    # the lead schedules meetings, the team changes visits; each person's calendar file is their own.
    "inspections:meetings": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:meeting-schedule": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:meeting": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:timetable": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:visit-add": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:visit": ("get", {"anonymous": "login", "planner": 403, "lead": 200, "inspector": 404, "lano": 404}),
    "inspections:calendar": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    # An invitation link with a token that is not valid: the page says the link has expired.
    "accounts:invitation": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    # A nomination link with a token that is not valid: the page says the link no longer works.
    "inspections:nominate": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    # Surveys: the public pages answer everyone while the survey is open (the timeline opens it).
    "surveys:privacy": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "surveys:start": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "surveys:question": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "surveys:audio": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    "surveys:done": ("get", {"anonymous": 200, "planner": 200, "lead": 200, "inspector": 200, "lano": 200}),
    # Sharing the surveys: the team, planners and the inspection's own LANO; paper answers: its LANO only.
    "surveys:manage": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "surveys:qr": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "surveys:word": ("get", {"anonymous": "login", "planner": 200, "lead": 200, "inspector": 404, "lano": 404}),
    "surveys:close": ("post", {"anonymous": "login", "planner": 403, "lead": 302, "inspector": 404, "lano": 404}),
    "surveys:paper": ("get", {"anonymous": "login", "planner": 403, "lead": 403, "inspector": 404, "lano": 404}),
    # Results and recordings: the inspection team only; hidden from everyone else.
    "surveys:recordings": ("get", {"anonymous": "login", "planner": 404, "lead": 200, "inspector": 404, "lano": 404}),
    "surveys:results": ("get", {"anonymous": "login", "planner": 404, "lead": 200, "inspector": 404, "lano": 404}),
    "surveys:tag": ("post", {"anonymous": "login", "planner": 404, "lead": 302, "inspector": 404, "lano": 404}),
    "surveys:decide": ("post", {"anonymous": "login", "planner": 404, "lead": 302, "inspector": 404, "lano": 404}),
    "surveys:export-csv": ("get", {"anonymous": "login", "planner": 404, "lead": 200, "inspector": 404, "lano": 404}),
    "surveys:export-xlsx": ("get", {"anonymous": "login", "planner": 404, "lead": 200, "inspector": 404, "lano": 404}),
}
# The Django admin is for staff only; it is checked as one entry.
ADMIN = ("get", {"anonymous": 302, "planner": 302, "lead": 302, "inspector": 302, "lano": 302})


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                yield "admin"
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def test_table_covers_every_url():
    routed = set(_names(get_resolver().url_patterns)) - {"admin"}
    assert routed == set(TABLE), f"missing rows: {routed - set(TABLE)}; stale rows: {set(TABLE) - routed}"


@pytest.fixture
def world(db, area, settings, tmp_path):
    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    planner = make_user(Role.NATIONAL_PLANNER, username="tplanner")
    lead = make_user(Role.INSPECTOR, username="tlead")
    inspector = make_user(Role.INSPECTOR, username="tinspector")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    # The LANO of another area's inspection: every page of this one is hidden from them.
    lano = _lano_elsewhere(planner, lead)
    return {"planner": planner, "lead": lead, "inspector": inspector, "inspection": inspection, "area": area, "lano": lano}


def _uploaded(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return services.upload_information(
        world["lead"], world["inspection"], item_key="self_evaluation",
        uploaded_file=SimpleUploadedFile("self-evaluation.pdf", b"%PDF-1.7\n%test\n", content_type="application/pdf"),
    )


def _lano_elsewhere(planner, lead):
    from areasend.areas.models import LocalAreaPartnership

    other = LocalAreaPartnership.objects.create(ons_code="E06000023", name="Bristol", region="South West", kind="unitary authority")
    elsewhere = services.create_inspection(planner, area=other, kind="full", lead_inspector=lead)
    user, _ = services.name_lano(lead, elsewhere, name="Demo Officer", email="officer@example.gov.uk")
    return user


MEETING_URLS = {"inspections:meetings", "inspections:meeting-schedule", "inspections:meeting", "inspections:timetable",
                "inspections:visit-add", "inspections:visit", "inspections:calendar"}


def _meeting_url(name, world):
    """Meeting pages need a timeline: the inspection is notified, with one meeting and one visit."""
    import datetime as dt

    from django.urls import reverse

    from areasend.inspections.models import TeamMember

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
    import datetime as dt

    from django.test import override_settings
    from django.utils import timezone

    from areasend.programme import services as programme

    if "plan_run" not in world:
        today = timezone.localdate()
        with override_settings(AREASEND_RUN_PLANS_INLINE=True, AREASEND_PLAN_TIME_LIMIT=1.0):
            world["plan_run"] = programme.start_plan(world["planner"], until=today + dt.timedelta(days=90),
                                                     full_per_week=2, monitoring_per_week=1, region_cap=2, today=today)
    return world["plan_run"]


def _url(name, world):
    from django.urls import reverse

    if name.startswith("programme:") and name not in {"programme:index", "programme:new"}:
        return reverse(name, args=[_plan_run(world).pk])
    if name.startswith("surveys:"):
        from tests.surveys.access import survey_url

        return survey_url(name, world)
    if name == "areas:detail":
        return reverse(name, args=[world["area"].ons_code])
    if name == "accounts:invitation":
        return reverse(name, args=["MQ", "not-a-valid-token"])
    if name == "inspections:nominate":
        return reverse(name, args=["not-a-valid-token"])
    if name in MEETING_URLS:
        return _meeting_url(name, world)
    if name == "inspections:information-file":
        return reverse(name, args=[world["inspection"].pk, _uploaded(world).pk])
    if name.startswith("inspections:") and name not in {"inspections:list", "inspections:create", "inspections:workload"}:
        return reverse(name, args=[world["inspection"].pk])
    return reverse(name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(TABLE))
def test_status_by_role(client, world, name, role):
    method, expected = TABLE[name]
    if role != "anonymous":
        client.force_login(world[role])
    url = _url(name, world)
    response = getattr(client, method)(url)
    want = expected[role]
    if want == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/account/sign-in/")
    else:
        assert response.status_code == want, f"{role} {method.upper()} {url}"


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_staff_only(client, world, role):
    if role != "anonymous":
        client.force_login(world[role])
    response = client.get("/admin/")
    assert response.status_code == ADMIN[1][role]
    assert "/admin/login/" in response["Location"]
