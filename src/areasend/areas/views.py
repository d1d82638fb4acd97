"""Public pages: the list of local areas and one area's page. No sign-in needed."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.shortcuts import render

from areasend.access import gate
from areasend.access.capabilities import Capability
from areasend.areas import display, queries
from areasend.areas.forms import AreaFilterForm


@gate.page(GET=Capability.PUBLIC)
def area_list(request):
    today = queries.today_in_england()
    form = AreaFilterForm(request.GET or None, regions=queries.regions())
    if form.is_bound:
        form.is_valid()
        filters = form.filters()
    else:
        filters = {"sort": "name"}
    currency = queries.data_currency(today)
    # The same for everyone until the data changes: kept in the shared (database) cache.
    wanted = f"{today.isoformat()}|{currency.key}|{sorted((k, str(v)) for k, v in filters.items())}"
    key = "areas:list:" + hashlib.sha256(wanted.encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        areas = list(queries.filtered_areas(**filters, today=today))
        rows = [
            {
                "area": area,
                "last_inspection": display.start_text(area.last_inspection_date, area.last_inspection_precision)
                if area.last_inspection_date
                else "Not inspected",
                "latest_outcome": display.outcome_label(area.latest_outcome),
            }
            for area in areas
        ]
        cached = (rows, queries.current_areas(today).count())
        cache.set(key, cached, 60 * 60)
    rows, total = cached
    return render(
        request,
        "areas/list.html",
        {
            "nav_section": "areas",
            "form": form,
            "rows": rows,
            "shown": len(rows),
            "total": total,
            "is_filtered": form.is_bound and form.is_filtered,
            "currency": currency,
        },
    )


@gate.page(GET=Capability.PUBLIC)
def area_detail(request, ons_code: str):
    today = queries.today_in_england()
    area = queries.get_area(ons_code)
    history = queries.history_for(area, today)
    return render(
        request,
        "areas/detail.html",
        {
            "nav_section": "areas",
            "area": area,
            "summary": display.area_summary(area),
            "history": [display.history_item(entry) for entry in history],
            "published_plans": queries.published_plans(area),
            "held_meetings": queries.held_meetings(area),
            "statement": queries.written_statement_case(area, today, history=history),
            # The follow-up pages register the "area" kind with the gate; only people allowed there see the link.
            "can_see_after_inspection": request.user.is_authenticated
            and gate.can(request.user, Capability.SEE_AFTER_INSPECTION, area, kind="area"),
            "next_steps": queries.next_steps(area, today) if area.is_current else None,
            "predecessor_links": area.predecessor_links.select_related("predecessor"),
            "successor_links": area.successor_links.select_related("successor"),
            "today": today,
            "when_text": display.when_text,
            "firmness_text": display.firmness_text,
            "currency": queries.data_currency(today),
        },
    )


@gate.page(GET=Capability.PUBLIC)
def written_statements(request):
    statements = queries.written_statements()
    return render(
        request,
        "areas/written_statements.html",
        {
            "nav_section": "areas",
            "statements": statements,
            "totals": queries.written_statement_totals(statements),
            "currency": queries.data_currency(queries.today_in_england()),
        },
    )
