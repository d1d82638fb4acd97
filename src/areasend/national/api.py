"""The read-only JSON API, version 1: ``/api/v1/areas/`` and ``/api/v1/inspections/``.

Areas are identified by their ONS code, which never changes for a body; an inspection by
its area's code, its kind and the date its on-site week started. Lists are paged
(``?page=2``, ``?page_size=`` up to 200) and carry caching headers: ``ETag`` and
``Last-Modified`` change only when the data does, so a client can ask again with
``If-None-Match`` and get ``304 Not Modified``. Every answer says when the data was last updated.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.http import http_date, quote_etag

from areasend.access import gate
from areasend.access.capabilities import Capability
from areasend.national import queries

VERSION = "1"
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_AGE = 300


class BadRequest(ValueError):
    pass


def _int_param(request, name: str, default: int, low: int, high: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) < low or (high is not None and int(raw) > high):
        limit = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise BadRequest(f"{name} must be a whole number {limit}")
    return int(raw)


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _page(request, items: list, base_path: str) -> dict:
    page_size = _int_param(request, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = _int_param(request, "page", 1, 1)
    pages = max(1, -(-len(items) // page_size))
    if page > pages:
        raise BadRequest(f"page must be from 1 to {pages}")
    start = (page - 1) * page_size

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{base_path}?{query.urlencode()}")

    return {
        "count": len(items),
        "page": page,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": items[start:start + page_size],
    }


def _answer(request, currency, build) -> HttpResponse:
    """The JSON answer with its validators; 304 when the client already has this version."""
    etag = quote_etag(hashlib.sha256(f"{VERSION}|{currency.key}|{request.build_absolute_uri(request.path)}|{request.GET.urlencode()}".encode()).hexdigest()[:32])
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        # The answer is the same for everyone until the data changes: kept in the shared cache by its ETag.
        key = f"national:api:{etag}"
        text = cache.get(key)
        if text is None:
            try:
                body = build()
            except BadRequest as problem:
                return _error(str(problem))
            text = json.dumps(body, indent=2)
            cache.set(key, text, 60 * 60)
        response = HttpResponse(text, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Vary"] = "Accept"
    if currency.updated_at is not None:
        response["Last-Modified"] = http_date(currency.updated_at.timestamp())
    return response


def _meta(currency) -> dict:
    return {
        "api_version": VERSION,
        "data_updated": currency.updated_at.isoformat() if currency.updated_at else None,
        "latest_inspection_started": currency.latest_start.isoformat() if currency.latest_start else None,
        "latest_report_published": currency.latest_published.isoformat() if currency.latest_published else None,
    }


def _date(value):
    return value.isoformat() if value else None


def _outcome(number):
    if number is None:
        return None
    return {"number": number, "name": queries.outcome_name(number), "official_name": queries.official_outcome(number)}


def area_json(position) -> dict:
    a = position.area
    return {
        "id": a.code,
        "name": a.name,
        "region": a.region,
        "kind": a.kind,
        "latest_outcome": _outcome(position.latest_outcome),
        "latest_full_inspection_started": _date(position.latest_start),
        "latest_full_inspection_published": _date(position.latest_published),
        "last_inspection_started": _date(position.last_inspection),
        "last_inspection_date_precision": position.last_inspection_precision or None,
        "ehc_plans": a.ehc_plans,
        "ehc_plans_as_at": a.ehc_plans_as_at or None,
        "sen_support_pupils": a.sen_support_pupils,
        "sen_support_as_at": a.sen_support_as_at or None,
        "links": {"inspections": f"/api/v1/inspections/?area={a.code}", "page": f"/areas/{a.code}/"},
    }


def inspection_id(record) -> str:
    when = record.start_date.isoformat() if record.start_date else f"undated-{record.id}"
    return f"{record.area_code}/{record.kind}/{when}"


def inspection_json(record) -> dict:
    return {
        "id": inspection_id(record),
        "area": record.area_code,
        "area_name": record.area_name,
        "inherited_by": [code for code in record.heirs if code != record.area_code],
        "framework": record.framework,
        "kind": record.kind,
        "onsite_start": _date(record.start_date),
        "onsite_start_precision": record.start_date_precision,
        "onsite_end": _date(record.end_date),
        "published": _date(record.published),
        "outcome": _outcome(record.outcome),
        "recorded_in_service": record.recorded_in_service,
    }


@gate.page(GET=Capability.PUBLIC)
def areas(request):
    currency = queries.currency()

    def build():
        picture = queries.picture()
        items = [area_json(p) for p in sorted(picture.positions, key=lambda p: p.code)]
        region = request.GET.get("region")
        if region:
            items = [i for i in items if i["region"] == region]
        return {**_meta(picture.currency), **_page(request, items, request.path)}

    return _answer(request, currency, build)


@gate.page(GET=Capability.PUBLIC)
def inspections(request):
    currency = queries.currency()

    def build():
        chosen = queries.history()
        area = (request.GET.get("area") or "").strip().upper()
        if area:
            chosen = [r for r in chosen if area in r.heirs or r.area_code == area]
        kind = request.GET.get("kind")
        if kind:
            if kind not in {"full", "revisit", "monitoring"}:
                raise BadRequest("kind must be full, revisit or monitoring")
            chosen = [r for r in chosen if r.kind == kind]
        year = request.GET.get("year")
        if year:
            if not (year.isdigit() and len(year) == 4):
                raise BadRequest("year must be written with 4 numbers, like 2024")
            chosen = [r for r in chosen if r.start_date and r.start_date.year == int(year)]
        items = [inspection_json(r) for r in chosen]
        return {**_meta(currency), **_page(request, items, request.path)}

    return _answer(request, currency, build)
