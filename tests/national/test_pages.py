"""The dashboard, its downloads and the open data page, as a browser without JavaScript gets them."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest
from python_calamine import CalamineWorkbook

from areasend.national import queries, tables

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_dashboard_shows_the_map_tables_and_when_the_data_was_updated(client, register):
    response = client.get("/statistics/")
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert "Data last updated:" in text and "when the register was imported" in text
    assert "the latest report was published on 12 February 2025" in text
    assert "picture as of 12 February 2025" in text
    # One link per area on the map, each saying the area and its outcome in words.
    svg = html[html.index('<div class="areasend-hexmap">'):html.index("</svg>", html.index('<div class="areasend-hexmap">'))]
    links = re.findall(r'<a href="/areas/(E\d{8})/" aria-label="([^"]+)"', svg)
    assert len(links) == 153 and len({code for code, _ in links}) == 153
    labels = dict(links)
    assert unescape(labels["E10000024"]).startswith("Nottinghamshire: Widespread and/or systemic failings")
    waiting = next(p for p in queries.picture().positions if p.latest_outcome is None)
    assert unescape(labels[waiting.code]) == f"{waiting.area.name}: Not yet inspected under the 2023 framework"
    # The numbers written in the hexagons, beside the colours.
    assert len(re.findall(r'class="areasend-hex-mark"[^>]*>3<', svg)) == sum(
        1 for label in labels.values() if "systemic failings" in unescape(label)
    )
    by_year = html[html.index('id="table-outcomes-by-year"'):]
    assert '<th scope="row" class="govuk-table__header">2023</th>' in by_year[:by_year.index("</table>")]
    assert "In 2023, 26 full inspections started: 7 typically positive, 11 inconsistent and 8 widespread and/or systemic failings." in text
    assert "As of 12 February 2025, 99 local areas" in text
    assert re.search(r"\d+ of 54 reports \(\d+%\) (was|were) published within the time the framework allows", text)
    for key in tables.TABLE_KEYS:
        if key != "overdue":
            assert f'id="table-{key}"' in html, key
    for fmt in ("csv", "ods", "json"):
        assert f'href="/statistics/outcomes-by-year.{fmt}"' in html
    assert response["Cache-Control"].startswith("public")


def test_filters_narrow_the_map_and_the_tables_and_carry_into_downloads(client, register):
    html = client.get("/statistics/", {"region": "London", "outcome": "3"}).content.decode()
    table = html[html.index('id="table-latest-outcomes"'):]
    table = table[:table.index("</table>")]
    names = re.findall(r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/areas/E\d{8}/">([^<]+)</a></th>', table)
    assert names and "Nottinghamshire" not in names
    assert 'href="/statistics/latest-outcomes.csv?region=London&amp;outcome=3"' in html
    rows = list(csv.reader(io.StringIO(client.get("/statistics/latest-outcomes.csv?region=London&outcome=3").content.decode())))
    assert rows[0] == ["ONS code", "Local area", "Region", "Latest outcome", "On-site week started", "Report published"]
    assert [r[1] for r in rows[1:]] == names
    assert all(r[2] == "London" and r[3] == "Widespread and/or systemic failings" for r in rows[1:])
    assert "Grey hexagons are areas the filters leave out." in html


def test_a_filter_value_not_in_the_list_gets_a_message_not_an_error(client, register):
    response = client.get("/statistics/", {"region": "Atlantis", "year": "1900"})
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "Select a region from the list" in text and "Select a year from the list" in text
    assert "Showing 153 of 153 local areas" in text


def test_every_table_downloads_as_csv_ods_and_json_with_the_same_rows(client, register, tmp_path):
    for key in tables.TABLE_KEYS:
        as_csv = list(csv.reader(io.StringIO(client.get(f"/statistics/{key}.csv").content.decode())))
        response = client.get(f"/statistics/{key}.ods")
        assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
        path = tmp_path / f"{key}.ods"
        path.write_bytes(response.content)
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        as_json = json.loads(client.get(f"/statistics/{key}.json").content)
        assert len(sheet) == len(as_csv) == len(as_json["rows"]) + 1, key
        assert [str(c) for c in sheet[0]] == as_csv[0] == [c["label"] for c in as_json["columns"]]
        assert as_json["as_of"] == "2025-02-12" and as_json["data_updated"]
    outcomes = json.loads(client.get("/statistics/outcomes-by-year.json").content)["rows"]
    assert outcomes[0] == {"year": 2023, "1": 7, "2": 11, "3": 8, "total": 26}
    assert client.get("/statistics/no-such-table.csv").status_code == 404
    assert client.get("/statistics/outcomes-by-year.pdf").status_code == 404


def test_open_data_page_documents_the_api(client, register):
    text = _text(client.get("/statistics/open-data/").content.decode())
    assert "/api/v1/areas/" in text and "/api/v1/inspections/" in text and "If-None-Match" in text
    assert "Data last updated:" in text


def test_area_pages_say_when_the_data_was_last_updated(client, register):
    listing = _text(client.get("/").content.decode())
    assert "Data last updated:" in listing and "as of 12 February 2025" in listing
    waiting = next(p for p in queries.picture().positions if p.latest_outcome is None)
    hartlepool = _text(client.get(f"/areas/{waiting.code}/").content.decode())
    assert "Data last updated:" in hartlepool
    assert "has not yet had a full inspection under the 2023 framework" in hartlepool
    assert "That is as of 12 February 2025, the latest date in the data here." in hartlepool


def test_without_any_import_the_pages_say_so(client, db):
    text = _text(client.get("/statistics/").content.decode())
    assert "not known: no import of the register is on record" in text
    assert "No inspections are on record yet." in text


def test_the_table_beside_the_map_is_folded_away_for_all_of_england_and_open_once_filtered(client, register):
    whole = client.get("/statistics/").content.decode()
    folded = re.search(r'<details id="latest-outcomes-details" class="govuk-details"( open)?>', whole)
    assert folded and folded.group(1) is None  # 153 rows would make the page several screens longer
    assert "Show the 153 local areas on the map as a table" in _text(whole)
    assert 'href="#latest-outcomes-details">Skip the map' in whole
    assert whole.index('id="latest-outcomes-details"') < whole.index('id="table-latest-outcomes"')
    filtered = client.get("/statistics/", {"region": "London"}).content.decode()
    assert re.search(r'<details id="latest-outcomes-details" class="govuk-details" open>', filtered)
