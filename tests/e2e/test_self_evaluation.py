"""The self-evaluation journey: the LANO drafts and invites the director, a contributor adds evidence,
the LANO makes a version, the director and the ICB representative sign it off by name, the LANO shares
it, and the lead inspector reads it beside the evidence matrix. Without JavaScript by mouse; the
director's sign-off again by keyboard alone with JavaScript. Axe on every page."""

import importlib.util
import re

import pytest

from areasend import framework as fw
from areasend.access.roles import Role
from areasend.intake.models import InformationUpload
from areasend.selfevaluation import access, services
from areasend.selfevaluation.models import SignOff
from tests.e2e.test_inspection_workspace import sign_in, sign_out, tab_to
from tests.factories import PASSWORD, make_user
from tests.selfevaluation.world import answer_everything

pytestmark = pytest.mark.django_db(transaction=True)


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def place(transactional_db, settings, tmp_path):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services as inspections

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    settings.AREASEND_RUN_EXPORTS_INLINE = True
    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West",
                                               kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Demo", last_name="Lead")
    inspection = inspections.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    lano = _with_password(inspections.name_lano(lead, inspection, name="Demo Officer", email="officer@example.gov.uk")[0])
    se = access._fetch(area.ons_code)
    icb = _with_password(services.invite_contributor(lano, se, name="Demo Board", email="icb@example.gov.uk", position="icb").user)
    leader = _with_password(services.invite_contributor(lano, access._fetch(area.ons_code), name="Demo Leader",
                                                        email="leader@example.gov.uk", position="leader").user)
    return {"area": area, "inspection": inspection, "lano": lano, "icb": icb, "leader": leader}


def _click(ap, role, name):
    ap.page.get_by_role(role, name=name).click()
    ap.check_accessibility()
    return ap.page.locator("main").inner_text()


def test_lano_drafts_contributor_adds_evidence_signatories_sign_lano_shares_lead_reads(no_js_page, place):
    ap, page, code = no_js_page, no_js_page.page, place["area"].ons_code
    # The LANO drafts I1 here; the other ten criteria are drafted through the same service beforehand.
    answer_everything(place["lano"], access._fetch(code))
    sign_in(ap, "officer@example.gov.uk")
    ap.goto("/self-evaluation/")
    _click(ap, "link", "Bath and North East Somerset")
    _click(ap, "link", re.compile(r"^I1"))
    page.get_by_label("What do you know about your impact?").fill("Nine in ten plans are issued within 20 weeks.")
    page.get_by_label("A strength").check()
    page.get_by_label("Reasons for this view").fill("Timeliness has risen for three years.")
    main = _click(ap, "button", "Save I1")
    assert "I1 saved." in main

    # An empty invitation is refused with messages; then the director is invited.
    _click(ap, "link", "Back to the self-evaluation")
    _click(ap, "link", "People working on it")
    main = _click(ap, "button", "Send invitation")
    assert "There is a problem" in main and "Enter the person's full name" in main
    page.get_by_label("Full name").fill("Demo Director")
    page.get_by_label("Work email address").fill("dcs@example.gov.uk")
    page.get_by_label("Director of children's services").check()
    main = _click(ap, "button", "Send invitation")
    assert "Demo Director invited" in main
    sign_out(ap)

    # A contributor adds a figure and a document to I1.
    sign_in(ap, "leader@example.gov.uk")
    ap.goto(f"/self-evaluation/{code}/criteria/I1/")
    page.get_by_label("What the figure measures").fill("EHC plans issued within 20 weeks")
    page.get_by_label("Figure", exact=True).fill("91%")
    page.get_by_label("Where the figure comes from").fill("Person-level data, March 2026")
    main = _click(ap, "button", "Add figure")
    assert "Figure added as evidence." in main and "91%" in main
    page.get_by_label("What the document is").fill("SEND annual report")
    page.get_by_label("Upload a document").set_input_files(files=[{"name": "report.pdf", "mimeType": "application/pdf",
                                                                    "buffer": b"%PDF-1.7\n%report\n"}])
    main = _click(ap, "button", "Add document")
    assert "Document SEND annual report added as evidence." in main
    page.get_by_label("Add a comment").fill("Add the health visiting figures too.")
    main = _click(ap, "button", "Add comment")
    assert "Add the health visiting figures too." in main
    sign_out(ap)

    # The LANO makes version 1.
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/self-evaluation/{code}/")
    page.get_by_label("What this version is for (optional)").fill("For sign-off")
    main = _click(ap, "button", "Make a version")
    assert "Version 1 made." in main and "Not signed yet" in main
    assert "Nine in ten plans are issued within 20 weeks." in main and "91%" in main
    sign_out(ap)

    # The director (invited above) and the ICB representative sign off by name.
    from areasend.accounts.models import User

    _with_password(User.objects.get(username="dcs@example.gov.uk"))
    for username, name, label in (("dcs@example.gov.uk", "Demo Director", "director of children's services"),
                                  ("icb@example.gov.uk", "Demo Board", "integrated care board representative")):
        sign_in(ap, username)
        ap.goto(f"/self-evaluation/{code}/versions/1/")
        assert f"as {label}" in page.locator("main").inner_text()
        main = _click(ap, "button", "Sign off version 1")
        assert "Enter your full name to sign" in main
        page.get_by_label("Your full name").fill(name)
        main = _click(ap, "button", "Sign off version 1")
        assert "You signed off version 1." in main and f"Signed by {name}" in main
        sign_out(ap)
    assert SignOff.objects.count() == 2

    # The LANO shares it: it becomes the self-evaluation item of the information request.
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/self-evaluation/{code}/versions/1/")
    _click(ap, "link", "Share version 1 with the inspection team")
    main = _click(ap, "button", "Share with the inspection team")
    assert "Version 1 shared with the inspection team." in main
    assert InformationUpload.objects.get(inspection=place["inspection"], item_key="self_evaluation").kind == "pdf"
    sign_out(ap)

    # The lead reads it beside the matrix.
    sign_in(ap, "lead")
    ap.goto(f"/self-evaluation/shared/{place['inspection'].pk}/")
    main = page.locator("main").inner_text()
    assert "Version 1" in main and "Demo Director" in main and "Demo Board" in main
    table = page.get_by_role("table", name="Beside the evidence matrix")
    assert table.locator("tbody tr").count() == len(fw.CRITERIA)
    first = table.locator("tbody tr").first.inner_text()
    assert "A strength" in first and "Timeliness has risen for three years." in first
    if importlib.util.find_spec("areasend.evidence") is None:
        assert "Not built" in first
    else:
        assert "Not built" not in first and ("Agrees" in first or "Differs" in first)
    # The working draft stays the area's own.
    response = page.goto(ap.base_url + f"/self-evaluation/{code}/")
    assert response.status == 404
    ap.check_accessibility()


def test_director_signs_off_by_keyboard_alone(browser_page, place):
    ap, page, code = browser_page, browser_page.page, place["area"].ons_code
    se = access._fetch(code)
    director = _with_password(services.invite_contributor(place["lano"], se, name="Demo Director", email="dcs@example.gov.uk",
                                                          position="director").user)
    answer_everything(place["lano"], access._fetch(code))
    services.make_version(place["lano"], access._fetch(code))
    sign_in(ap, "dcs@example.gov.uk")
    ap.goto(f"/self-evaluation/{code}/versions/1/")
    tab_to(page, "el.id === 'id_name'")
    page.keyboard.type("Demo Director")
    tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Sign off version 1'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    ap.check_accessibility()
    assert "You signed off version 1." in page.locator("main").inner_text()
    assert SignOff.objects.get().user == director
