"""The local area nominated officer uploads an item of the information request, sees a bad file
refused with a message, and replaces the file with a new version: by mouse without JavaScript,
and by keyboard alone with JavaScript. Axe on every page."""

import re

import pytest

from areasend.access.roles import Role
from areasend.intake.models import InformationUpload
from tests.e2e.test_inspection_workspace import sign_in, tab_to
from tests.factories import PASSWORD, make_user, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)
ITEM = "Self-evaluation"


@pytest.fixture
def inspection(transactional_db, settings, tmp_path):
    from areasend.areas.models import LocalAreaPartnership
    from areasend.inspections import services

    settings.AREASEND_UPLOAD_DIR = tmp_path / "uploads"
    area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="Bath and North East Somerset", region="South West", kind="unitary authority")
    planner = make_user(Role.NATIONAL_PLANNER, username="planner", first_name="Demo", last_name="Planner")
    lead = make_user(Role.INSPECTOR, username="lead", first_name="Demo", last_name="Lead", email="lead@example.gov.uk")
    inspection = services.create_inspection(planner, area=area, kind="full", lead_inspector=lead)
    officer, _ = services.name_lano(lead, inspection, name="Demo Officer", email="officer@example.gov.uk")
    officer.set_password(PASSWORD)
    officer.save()
    return inspection


def _upload(ap, name, content, *, keyboard):
    page = ap.page
    files = [{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
    if keyboard:
        # Tab reaches the file input; the operating system's file dialog is outside the page, so
        # the file is given to the focused input as that dialog would.
        tab_to(page, "el.type === 'file' && el.name === 'self_evaluation-file'")
        page.locator("input[type=file]:focus").set_input_files(files=files)
        tab_to(page, f"el.tagName === 'BUTTON' && el.textContent.trim().startsWith('Upload') && el.textContent.includes('{ITEM}')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        page.get_by_label(f"Upload a file: {ITEM}").set_input_files(files=files)
        page.get_by_role("button", name=re.compile(rf"^Upload\W+{ITEM}$")).click()
    ap.check_accessibility()
    return page.locator("main").inner_text()


def _run(ap, inspection, *, keyboard):
    page = ap.page
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/inspections/{inspection.pk}/where-it-stands/")
    page.get_by_role("link", name=re.compile("Information request")).click()
    ap.check_accessibility()

    # A file that is not what its name says is refused with a message; nothing is kept.
    main = _upload(ap, "self-evaluation.pdf", b"this is not a PDF at all", keyboard=keyboard)
    assert page.get_by_text("There is a problem").is_visible()
    assert "The selected file is not a real PDF file" in main
    assert not InformationUpload.objects.exists()

    main = _upload(ap, "self-evaluation.pdf", pdf_bytes("first version"), keyboard=keyboard)
    assert f"{ITEM}: version 1 uploaded." in main
    main = _upload(ap, "self-evaluation-revised.pdf", pdf_bytes("second version"), keyboard=keyboard)
    assert f"{ITEM}: version 2 uploaded." in main
    rows = page.get_by_role("table", name=f"Versions of {ITEM}").locator("tbody tr")
    assert rows.count() == 2
    assert "Latest" in rows.nth(0).inner_text() and "self-evaluation-revised.pdf" in rows.nth(0).inner_text()
    assert "self-evaluation.pdf" in rows.nth(1).inner_text()
    versions = list(InformationUpload.objects.filter(item_key="self_evaluation").order_by("version").values_list("version", "original_name"))
    assert versions == [(1, "self-evaluation.pdf"), (2, "self-evaluation-revised.pdf")]


def test_lano_uploads_by_keyboard_alone_with_javascript(browser_page, inspection):
    _run(browser_page, inspection, keyboard=True)


def test_lano_uploads_without_javascript(no_js_page, inspection):
    _run(no_js_page, inspection, keyboard=False)
