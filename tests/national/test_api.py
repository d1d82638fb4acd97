"""The read-only JSON API, version 1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_areas_are_paged_with_ons_codes_as_ids(client, register):
    first = client.get("/api/v1/areas/", {"page_size": 100}).json()
    assert first["api_version"] == "1" and first["count"] == 153 and first["pages"] == 2
    assert first["latest_report_published"] == "2025-02-12" and first["data_updated"]
    assert first["previous"] is None and first["next"].endswith("page=2")
    second = client.get("/api/v1/areas/", {"page_size": 100, "page": 2}).json()
    ids = [a["id"] for a in first["results"] + second["results"]]
    assert len(set(ids)) == 153 and all(len(i) == 9 and i.startswith("E") for i in ids)
    notts = next(a for a in first["results"] + second["results"] if a["id"] == "E10000024")
    assert notts["latest_outcome"]["number"] == 3
    assert notts["latest_outcome"]["name"] == "Widespread and/or systemic failings"
    assert notts["latest_outcome"]["official_name"].startswith("There are widespread and/or systemic failings")
    assert notts["links"]["inspections"] == "/api/v1/inspections/?area=E10000024"


def test_inspections_filter_and_inherit(client, register):
    cornwall = client.get("/api/v1/inspections/", {"area": "E06000052"}).json()["results"]
    assert {i["id"] for i in cornwall} >= {"E06000052/full/2023-02-06"}
    full = next(i for i in cornwall if i["id"] == "E06000052/full/2023-02-06")
    assert full == {
        "id": "E06000052/full/2023-02-06", "area": "E06000052", "area_name": "Cornwall", "inherited_by": [],
        "framework": "2023", "kind": "full", "onsite_start": "2023-02-06", "onsite_start_precision": "day",
        "onsite_end": "2023-02-10", "published": "2023-05-05",
        "outcome": {"number": 2, "name": "Inconsistent", "official_name": full["outcome"]["official_name"]}, "recorded_in_service": False,
    }
    # Cumberland's history includes what was recorded under Cumbria.
    cumberland = client.get("/api/v1/inspections/", {"area": "E06000063"}).json()["results"]
    assert any(i["area"] == "E10000006" and "E06000063" in i["inherited_by"] for i in cumberland)
    in_2024 = client.get("/api/v1/inspections/", {"kind": "full", "year": "2024", "page_size": 200}).json()
    assert in_2024["count"] == 28


def test_caching_headers_and_not_modified(client, register):
    response = client.get("/api/v1/areas/")
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Last-Modified"] and response["ETag"]
    again = client.get("/api/v1/areas/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    other_page = client.get("/api/v1/areas/?page=2", HTTP_IF_NONE_MATCH=response["ETag"])
    assert other_page.status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"page": "0"}, "page must be a whole number 1 or more"),
        ({"page": "9"}, "page must be from 1 to 4"),
        ({"page_size": "500"}, "page_size must be a whole number from 1 to 200"),
        ({"page_size": "ten"}, "page_size must be a whole number from 1 to 200"),
    ],
)
def test_bad_paging_gets_a_400_saying_what_to_change(client, register, query, message):
    response = client.get("/api/v1/areas/", query)
    assert response.status_code == 400 and response.json() == {"error": message}


def test_bad_inspection_filters(client, register):
    assert client.get("/api/v1/inspections/", {"kind": "thematic"}).json() == {
        "error": "kind must be full, revisit or monitoring"}
    assert client.get("/api/v1/inspections/", {"year": "24"}).status_code == 400


def test_the_api_is_read_only(client, register):
    assert client.post("/api/v1/areas/").status_code == 405
