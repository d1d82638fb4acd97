"""Every page on a small screen: no page-level sideways scroll at 320 px, and axe clean at 320 and 1280 px.

The demo data set (the real register, the demo people and inspection) plus a meeting, a visit, open
surveys with a written answer and a finished plan. Each demo role signs in and follows every link
it is shown, page by page; the public survey pages, the confirmation steps and the error page are
visited too. At the end, every page of the service (every URL that answers GET with a page) must
have been seen, so a new page cannot escape the check.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.test import override_settings
from django.urls import Resolver404, get_resolver, resolve, reverse
from django.utils import timezone

from areasend.areas.importer import import_register

pytestmark = pytest.mark.django_db(transaction=True)

REGISTER = Path(__file__).resolve().parents[2] / "data" / "register"
SMALL, LARGE = 320, 1280
ROLES = (None, "planner", "lead", "ofsted", "lano", "qa", "dpo")

#: URLs that answer GET with a file, not a page.
FILES = {"inspections:calendar", "inspections:information-file", "programme:export-csv", "programme:export-xlsx",
         "surveys:audio", "surveys:export-csv", "surveys:export-xlsx", "surveys:qr", "surveys:word",
         "evidence:export", "intake:person-level-template", "national:download", "national:api-areas",
         "national:api-inspections", "selfevaluation:evidence-file", "selfevaluation:export-file",
         "published:feed", "published:json", "published:pdf", "evidence:draft", "intake:person-level-problems",
         "followup:plan-file", "followup:published-plan"}
#: Pages the demo data cannot reach without steps of their own (a second sign-in step, which the demo
#: does not ask for; a nominated officer proposed through the link; tracking cases chosen and sent;
#: a plan uploaded for review; a national pause recorded; a written statement of action judged fit and
#: revisited).
#: Their own journeys check them with axe: test_sign_in_hardening, test_person_level_and_tracking,
#: test_after_inspection, test_national_pauses, test_written_statement.
NOT_IN_THE_DEMO = {"accounts:two-factor", "accounts:two-factor-setup", "inspections:lano-confirm",
                   "tracking:arrange", "tracking:swap", "followup:plan-upload", "followup:plan-review",
                   "followup:plan-publish", "programme:pause", "followup:revisit", "followup:escalation"}
#: URLs that answer GET only to send people elsewhere, so have no page of their own to check.
REDIRECTS_ONLY = set()


def _page_routes() -> set[str]:
    from tests.test_access_table import ROUTES

    return {name for name, view in ROUTES.items() if "GET" in view.access_rules} - FILES - REDIRECTS_ONLY - NOT_IN_THE_DEMO


@pytest.fixture
def demo_world(transactional_db):
    from areasend.demo import DEMO_PASSWORD, load_demo
    from areasend.inspections import services
    from areasend.inspections.models import TeamMember
    from areasend.programme import services as programme
    from areasend.surveys.models import Answer, SurveyResponse
    from tests.surveys.access import open_surveys

    today = timezone.localdate()
    import_register(REGISTER)
    demo = load_demo(today)
    inspection = demo.inspection
    lead = inspection.lead_inspector
    surveys = open_surveys(inspection, today)
    response = SurveyResponse.objects.create(survey=surveys[0], token="small-screens", question_set=surveys[0].question_set)
    Answer.objects.create(response=response, question_id="anything_else",
                          value="The bus to college is often late, so I miss the start of my lessons most weeks.")
    from areasend.inspections import queries

    timeline = queries.timeline_for(inspection)
    services.schedule_meeting(lead, inspection, kind="pcf", details=services.MeetingDetails(
        place="Council offices, committee room 3", video_link="https://meet.example.gov.uk/a-long-meeting-link-abc123"))
    member = TeamMember.objects.get(inspection=inspection, user=lead)
    services.add_visit(lead, inspection, details=services.VisitDetails(
        day=queries.onsite_day_list(timeline)[0], start_time=dt.time(9, 30), end_time=dt.time(11, 0),
        place="A primary school with a long name in a town", kind="education", member_ids=(member.pk,)))
    from areasend.accounts.models import User

    planner = User.objects.get(username="planner")
    with override_settings(AREASEND_RUN_PLANS_INLINE=True, AREASEND_PLAN_TIME_LIMIT=1.0):
        run = programme.start_plan(planner, until=today + dt.timedelta(days=120), full_per_week=2,
                                   monitoring_per_week=1, region_cap=2, today=today)
    cyp = surveys[0]
    non_lead = TeamMember.objects.filter(inspection=inspection).exclude(role="lead").first()
    from areasend.reports.models import Report

    report = Report.objects.exclude(inspection=inspection).get()  # the demo's finished, published report
    extra = {
        None: [reverse("surveys:start", args=[cyp.public_token]),
               reverse("surveys:question", args=[cyp.public_token, "help_at_school"]),
               reverse("surveys:done", args=[cyp.public_token]),
               reverse("inspections:nominate", args=["not-a-valid-token"]),
               reverse("accounts:invitation", args=["MQ", "not-a-valid-token"]),
               "/no-such-page/", reverse("ui:accessibility"), reverse("retention:privacy"), reverse("surveys:privacy"),
               reverse("published:list"), reverse("published:report", args=[report.pk])],
        "lead": [reverse("inspections:meetings", args=[inspection.pk]), reverse("surveys:manage", args=[inspection.pk]),
                 reverse("inspections:outcome", args=[inspection.pk]),
                 reverse("inspections:team", args=[inspection.pk]) + f"?remove={non_lead.pk}",
                 reverse("surveys:close", args=[inspection.pk]) + "?group=cyp",
                 reverse("reports:version", args=[report.inspection_id, 1])],
        "lano": [reverse("selfevaluation:share", args=[inspection.area.ons_code, 1])],
        "planner": [reverse("programme:run", args=[run.pk]) + "?accept=confirm"],
    }
    return {"password": DEMO_PASSWORD, "extra": extra}


def _route(path: str) -> str:
    try:
        match = resolve(urlparse(path).path)
    except Resolver404:
        return "not found"
    return match.view_name


def _sign_in(ap, username: str, password: str) -> None:
    page = ap.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    ap.check_accessibility()


def _links(page, base: str) -> list[str]:
    found = []
    host = urlparse(base).netloc
    for href in page.eval_on_selector_all("main a[href], header a[href], footer a[href]",
                                          "els => els.map(e => e.getAttribute('href'))"):
        if not href or href.startswith(("#", "mailto:")):
            continue
        url = urlparse(href)
        if url.netloc and url.netloc != host:
            continue
        if not url.path.startswith("/") or url.path.startswith("/admin/"):
            continue
        if _route(url.path) in FILES:
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found


def _widest(page) -> str:
    """What sticks out furthest to the right outside a scroll region: for the failure message."""
    return page.evaluate("""() => { const w = document.documentElement.clientWidth; let best = null, right = w;
      for (const e of document.querySelectorAll('body *')) { const r = e.getBoundingClientRect();
        if (r.right > right && !e.closest('.areasend-scroll')) { right = r.right; best = e; } }
      return best ? `${best.tagName.toLowerCase()}.${best.className} ${(best.textContent || '').trim().slice(0, 40)}` : ''; }""")


def _sideways_scroll(page) -> int:
    """How far the whole page scrolls sideways (0 when it fits), after the layout has settled."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_every_page_fits_a_320_pixel_screen_and_passes_axe_at_320_and_1280(chromium, live_server, demo_world):
    from tests.e2e.conftest import AccessiblePage

    too_wide: list[str] = []
    refused: list[str] = []
    seen_routes: set[str] = set()
    checked_large: set[str] = set()
    for role in ROLES:
        context = chromium.new_context(viewport={"width": SMALL, "height": 900})
        context.set_default_timeout(15_000)
        ap = AccessiblePage(context.new_page(), live_server.url)
        page = ap.page
        if role:
            _sign_in(ap, role, demo_world["password"])
        queue = deque(["/", "/your-work/"] if role else ["/"])
        queue.extend(demo_world["extra"].get(role, []))
        visited: set[str] = set()
        routes_for_role: set[str] = set()
        while queue:
            path = queue.popleft()
            route = _route(path)
            key = route + ("?" + urlparse(path).query.split("=")[0] if urlparse(path).query else "")
            if path in visited or key in routes_for_role:
                continue
            visited.add(path)
            routes_for_role.add(key)
            response = page.goto(live_server.url + path)
            assert response is not None and response.status < 500, f"{path} as {role}: {response and response.status}"
            if response.status == 403:
                refused.append(f"{path} as {role or 'signed out'}")
            ap.check_accessibility(f"{role}-{SMALL}-{key}")
            overflow = _sideways_scroll(page)
            if overflow > 0:
                too_wide.append(f"{path} as {role or 'signed out'}: {overflow} px too wide ({_widest(page)})")
            if key not in checked_large:
                page.set_viewport_size({"width": LARGE, "height": 900})
                ap.check_accessibility(f"{role}-{LARGE}-{key}")
                page.set_viewport_size({"width": SMALL, "height": 900})
                checked_large.add(key)
            seen_routes.add(route)
            queue.extend(_links(page, live_server.url))
        context.close()
        ap.assert_every_page_checked()
    assert not refused, "links shown to people the page then refuses:\n" + "\n".join(refused)
    assert not too_wide, "pages that scroll sideways at 320 px:\n" + "\n".join(too_wide)
    missing = _page_routes() - seen_routes
    assert not missing, f"pages no journey reached, so not checked on a small screen: {sorted(missing)}"
    assert "not found" in seen_routes, "the service's own error page is checked too"
