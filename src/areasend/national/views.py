"""Public pages: the national dashboard, its downloads, and the open data page. No sign-in needed."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import http_date
from markupsafe import Markup

from areasend.areas import queries as area_queries

from areasend.access import gate
from areasend.access.capabilities import Capability
from areasend.national import charts, hexmap, queries, tables
from areasend.national.forms import DashboardFilterForm

#: Public statistics change only when the data does: a short shared cache is safe.
PUBLIC_MAX_AGE = 300


def _filters(request) -> tuple[DashboardFilterForm, queries.Filters]:
    regions, years = queries.choices()
    form = DashboardFilterForm(request.GET or None, regions=regions, years=years)
    return form, form.filters() if form.is_bound else queries.Filters()


def _describe(position) -> str:
    words = f"{position.area.name}: {queries.outcome_name(position.latest_outcome)}"
    if position.latest_start is not None:
        words += f", inspection started {tables.day(position.latest_start)}"
    return words


def _cache_headers(response, currency) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    if currency.updated_at is not None:
        response["Last-Modified"] = http_date(currency.updated_at.timestamp())
    return response


#: Bump when the dashboard's body changes shape, so cached copies made by older code are not served.
BODY_VERSION = "3"


def _key(what: str, *parts: str) -> str:
    """A cache key safe for any cache backend (no spaces, short), from what it depends on."""
    return f"national:{what}:" + hashlib.sha256("|".join((BODY_VERSION, *parts)).encode()).hexdigest()


def _body(filters: queries.Filters, today, currency) -> Markup:
    """The dashboard below its filters, the same for everyone: kept in the shared cache until the data changes."""
    key = _key("dashboard", today.isoformat(), currency.key, urlencode(filters.as_query()))
    body = cache.get(key)
    if body is None:
        picture = queries.picture(filters, today=today)
        width, height = hexmap.dimensions()
        body = render_to_string(
            "national/dashboard_body.html",
            {
                "p": picture,
                "tables": tables.all_tables(picture),
                "query": filters.as_query(),
                "hexagons": hexmap.hexagons(picture.positions, {p.code for p in picture.shown}, _describe),
                "map_width": width,
                "map_height": height,
                "styles": hexmap.STYLES,
                "outcome_name": queries.outcome_name,
                "year_chart": charts.stacked_bars(picture.outcomes_by_year),
                "distribution_chart": charts.histogram(picture.distribution),
                "cell_text": tables.cell_text,
                "day": tables.day,
                "formats": tables.FORMATS,
                "area_href": reverse("areas:list") + "areas/",
                "download_href": reverse("national:dashboard"),
            },
        )
        cache.set(key, str(body), 60 * 60)
    return Markup(body)


@gate.page(GET=Capability.PUBLIC)
def dashboard(request):
    today = area_queries.today_in_england()
    currency = queries.currency(today)
    form, filters = _filters(request)
    response = render(
        request,
        "national/dashboard.html",
        {"nav_section": "national", "form": form, "filters": filters, "currency": currency,
         "body": _body(filters, today, currency)},
    )
    return _cache_headers(response, currency)


@gate.page(GET=Capability.PUBLIC)
def download(request, table: str, file_format: str):
    if table not in tables.TABLE_KEYS or file_format not in tables.FORMATS:
        raise Http404("No table of that name")
    today = area_queries.today_in_england()
    currency = queries.currency(today)
    _, filters = _filters(request)
    key = _key("download", today.isoformat(), currency.key, f"{table}.{file_format}", urlencode(filters.as_query()))
    body = cache.get(key)
    if body is None:
        picture = queries.picture(filters, today=today)
        chosen = tables.all_tables(picture)[table]
        if file_format == "csv":
            body = tables.as_csv(chosen).encode("utf-8")
        elif file_format == "ods":
            body = tables.as_ods(chosen)
        else:
            updated = currency.updated_at.isoformat() if currency.updated_at else None
            body = tables.as_json(chosen, updated=updated, as_of=picture.as_of.isoformat()).encode("utf-8")
        cache.set(key, body, 60 * 60)
    response = HttpResponse(body, content_type=tables.FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="area-send-{table}.{file_format}"'
    return _cache_headers(response, currency)


@gate.page(GET=Capability.PUBLIC)
def open_data(request):
    picture = queries.picture()
    return render(
        request,
        "national/open_data.html",
        {"nav_section": "national", "p": picture, "table_keys": tables.TABLE_KEYS,
         "tables": tables.all_tables(picture), "formats": tables.FORMATS, "day": tables.day},
    )
