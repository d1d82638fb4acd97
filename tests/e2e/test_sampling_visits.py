"""The local area uploads its providers file (a bad one first, then a fixed one); the lead puts a provider
on the on-site timetable and sees what the core's coverage check says is missing. Without JavaScript,
axe on every page (issue 13)."""

import re

import pytest

from areasend.inspections.models import Visit
from tests.e2e.test_inspection_workspace import sign_in, sign_out
from tests.e2e.test_person_level_and_tracking import inspection  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = b"provider_name,sector,alternative_provision,sen_support,health_tier,stages\n"


def _upload(ap, content):
    page = ap.page
    page.get_by_label("Upload the providers file").set_input_files(
        files=[{"name": "providers.csv", "mimeType": "text/csv", "buffer": content}])
    page.get_by_role("button", name="Upload and check").click()
    ap.check_accessibility()
    return page.locator("main").inner_text()


def test_sampling_visits_without_javascript(no_js_page, inspection):  # noqa: F811
    ap, page = no_js_page, no_js_page.page
    sign_in(ap, "officer@example.gov.uk")
    ap.goto(f"/inspections/{inspection.pk}/where-it-stands/")
    page.get_by_role("link", name="Sampling visits").click()
    ap.check_accessibility()
    main = _upload(ap, HEADER + b"Riverside Primary,school,no,yes,,\n")
    assert "was not loaded: it has 1 problems" in main or "was not loaded" in main
    assert "'school' is not a sector" in main
    main = _upload(ap, HEADER + b"Riverside Primary,education,no,yes,,\nHealth visiting,health,,,universal,assessment\n")
    assert "loaded: 2 providers" in main
    sign_out(ap)

    sign_in(ap, "lead")
    ap.goto(f"/inspections/{inspection.pk}/sampling/")
    coverage = page.get_by_role("table", name="What the chosen visits cover").inner_text()
    assert "No education visit proposed" in coverage
    page.get_by_label("Day of the visit to Riverside Primary").select_option(label="Tuesday 27 January 2026")
    page.get_by_role("button", name=re.compile("Add the visit to Riverside Primary")).click()
    ap.check_accessibility()
    main = page.locator("main").inner_text()
    assert "Riverside Primary: visit added to the on-site timetable." in main
    assert "No education visit proposed" not in page.get_by_role("table", name="What the chosen visits cover").inner_text()
    assert Visit.objects.filter(inspection=inspection, place="Riverside Primary", kind="education").exists()
