"""The public pages: list of local areas with its filters, and one area's page."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from areasend import framework as fw
from areasend.areas import queries
from areasend.areas.models import LocalAreaPartnership

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """Headings, table rows' first links, form controls and labels of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.headings: list[int] = []
        self.area_links: list[str] = []
        self.control_ids: list[str] = []
        self.label_fors: set[str] = set()
        self.captions = 0
        self.tables = 0
        self._in_tbody = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "tbody":
            self._in_tbody = True
        if tag == "a" and self._in_tbody and (attrs.get("href") or "").startswith("/areas/"):
            self.area_links.append(attrs["href"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.control_ids.append(attrs.get("id"))
        if tag == "label" and attrs.get("for"):
            self.label_fors.add(attrs["for"])
        if tag == "caption":
            self.captions += 1
        if tag == "table":
            self.tables += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False


def get(client, path, **params):
    response = client.get(path, params)
    return response, response.content.decode()


def test_the_list_shows_every_current_area_without_signing_in(client, shipped_register):
    response, html = get(client, reverse("areas:list"))
    assert response.status_code == 200
    assert "Showing 153 of 153 local areas" in html
    page = Page(html)
    assert len(page.area_links) == 153
    assert "/areas/E06000061/" in page.area_links
    assert "/areas/E10000021/" not in page.area_links  # abolished bodies are not listed
    assert "Apply filters" in html


def test_filtering_by_region(client, shipped_register):
    _, html = get(client, "/", region="North West")
    count = LocalAreaPartnership.objects.current().filter(region="North West").count()
    assert f"Showing {count} of 153 local areas" in html
    page = Page(html)
    codes = {link.split("/")[2] for link in page.area_links}
    assert codes == set(
        LocalAreaPartnership.objects.current().filter(region="North West").values_list("ons_code", flat=True)
    )
    assert '<option value="North West" selected' in html


def test_filtering_by_outcome_keeps_the_boxes_ticked(client, shipped_register):
    _, html = get(client, "/", outcome=["3", "none"])
    assert "Showing 113 of 153 local areas" in html
    assert re.search(r'value="3"\s+checked', html)
    assert re.search(r'value="none"\s+checked', html)
    assert not re.search(r'value="1"\s+checked', html)


def test_filtering_by_time_since_last_inspection(client, shipped_register):
    today = timezone.localdate()
    expected = list(queries.filtered_areas(since_last="over-5", today=today))
    _, html = get(client, "/", since_last="over-5")
    assert f"Showing {len(expected)} of 153 local areas" in html
    assert len(Page(html).area_links) == len(expected)
    assert re.search(r'value="over-5"\s+checked', html)


def test_search_by_name_and_the_query_string_survives(client, shipped_register):
    _, html = get(client, "/", q="northamptonshire", sort="oldest")
    assert "Showing 2 of 153 local areas" in html
    assert Page(html).area_links == ["/areas/E06000061/", "/areas/E06000062/"]
    assert 'value="northamptonshire"' in html
    assert '<option value="oldest" selected' in html
    assert "Clear filters" in html


def test_sorting_by_last_inspection_oldest_first(client, shipped_register):
    _, html = get(client, "/", sort="oldest")
    links = Page(html).area_links
    expected = [f"/areas/{a.ons_code}/" for a in queries.filtered_areas(sort="oldest", today=timezone.localdate())]
    assert links == expected
    assert links != [f"/areas/{a.ons_code}/" for a in queries.filtered_areas(sort="name")]


def test_sorting_by_region(client, shipped_register):
    _, html = get(client, "/", sort="region")
    links = Page(html).area_links
    regions = [LocalAreaPartnership.objects.get(ons_code=link.split("/")[2]).region for link in links]
    assert regions == sorted(regions)


def test_no_match_says_so(client, shipped_register):
    _, html = get(client, "/", q="zzzz")
    assert "Showing 0 of 153 local areas" in html
    assert "No local areas match these filters" in html


def test_a_tampered_filter_gets_a_message_not_an_error(client, shipped_register):
    response, html = get(client, "/", region="Atlantis", sort="sideways")
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Select a region from the list" in html
    assert "Select a sort order from the list" in html
    assert "Showing 153 of 153 local areas" in html


def test_the_list_page_is_structured_for_assistive_technology(client, shipped_register):
    _, html = get(client, "/")
    page = Page(html)
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:]))
    assert page.captions == page.tables == 1
    assert all(control_id in page.label_fors for control_id in page.control_ids if control_id), page.control_ids


def test_an_area_page_shows_the_summary_with_dates_of_figures(client, shipped_register):
    response, html = get(client, reverse("areas:detail", args=["E09000002"]))
    assert response.status_code == 200
    assert "<h1" in html and "Barking and Dagenham" in html
    assert "3,063, as at January 2025" in html
    assert "5,539, as at January 2024" in html
    assert "London borough (incl. City of London)" in html
    assert fw.Outcome.INCONSISTENT.official_name in unescape(html)
    assert "27 March 2017" in html
    assert "8 to 12 July 2024" in html


def test_an_unknown_code_is_a_404(client, shipped_register):
    assert client.get("/areas/E06999999/").status_code == 404
    assert client.get("/areas/not-a-code/").status_code == 404


def test_inherited_history_is_labelled_on_north_northamptonshire(client, shipped_register):
    _, html = get(client, "/areas/E06000061/")
    assert "Inspected as Northamptonshire (pre-2021 county area)" in html
    # The month is stated and the missing day said plainly, never made up.
    assert "May 2017 (day not known)" in html
    assert "1 May 2017" not in html
    assert "The sources give the month this started but not the day." in html


def test_inherited_history_is_labelled_on_cumberland(client, shipped_register):
    _, html = get(client, "/areas/E06000063/")
    assert "Inspected as Cumbria" in html
    assert "18 March 2019" in html
    assert "Required, to address 9 significant weaknesses" in html
    assert "has not yet had a full inspection under the 2023 framework" in html


def test_the_predecessor_page_points_to_its_successors(client, shipped_register):
    response, html = get(client, "/areas/E10000021/")
    assert response.status_code == 200
    assert "abolished on 1 April 2021" in html
    assert 'href="/areas/E06000061/"' in html and 'href="/areas/E06000062/"' in html
    assert "What comes next" not in html


def test_what_comes_next_shows_the_core_dates_and_whether_approximate(client, shipped_register):
    today = timezone.localdate()
    _, html = get(client, "/areas/E06000061/")
    steps = queries.next_steps(LocalAreaPartnership.objects.get(ons_code="E06000061"), today)
    cycle = fw.cycle_after("2023", 3, published=steps.based_on.record.published)
    assert "What comes next" in html
    due = cycle.next_full_inspection_due
    assert f"About {due.date.day} {due.date:%B %Y} ({due.tolerance} either side" in html
    assert "Approximate" in html


def test_a_revisit_shows_its_progress(client, shipped_register):
    _, html = get(client, "/areas/E06000055/")  # Bedford
    assert "Revisit under the 2016 framework" in html
    assert "Sufficient progress in all significant weaknesses" in html
    assert "5 with sufficient progress, 0 without" in html


def test_the_area_page_headings_are_in_order(client, shipped_register):
    _, html = get(client, "/areas/E06000061/")
    headings = Page(html).headings
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:]))
