"""Reads the programme pages share."""

from __future__ import annotations

import datetime as dt


from areasend.programme.diff import PlanDiff, compare
from areasend.programme.models import PlanRun


def current_programme() -> PlanRun | None:
    return PlanRun.objects.filter(is_current=True).first()


def recent_runs(limit: int = 50):
    return PlanRun.objects.select_related("created_by", "base")[:limit]


def comparison_for(run: PlanRun) -> tuple[PlanRun | None, PlanDiff | None]:
    """What a finished run is compared against: the current programme, else the run it changes."""
    if run.status != PlanRun.Status.DONE:
        return None, None
    current = current_programme()
    other = current if current is not None and current.pk != run.pk else run.base
    if other is None or other.status != PlanRun.Status.DONE or other.pk == run.pk:
        return None, None
    return other, compare(other.result, run.result)


def area_pks(codes) -> dict[str, int]:
    from areasend.areas.queries import pks_by_code

    return pks_by_code(codes)


def under_way_now(today: dt.date) -> dict[str, dict]:
    """Areas whose inspection has started in this service and is not yet published, by ONS code."""
    from areasend.programme.inputs import under_way_on

    return under_way_on(today)


def area_choices(today: dt.date) -> list[tuple[str, str]]:
    from areasend.programme.inputs import areas_on

    return sorted(((a.ons_code, a.name) for a in areas_on(today)), key=lambda c: c[1])


def chart(result: dict) -> dict:
    """Bars for the weeks-against-capacity chart: positions in an SVG of fixed height."""
    weeks = result["weeks"]
    top = max([w["full_capacity"] + w["monitoring_capacity"] for w in weeks]
              + [w["full_used"] + w["monitoring_used"] for w in weeks] + [1])
    height, bar, gap, left, base_line = 160, 10, 4, 34, 170
    bars = []
    last_label = -10
    for i, w in enumerate(weeks):
        monday = dt.date.fromisoformat(w["monday"])
        label = ""
        if (i == 0 or monday.day <= 7) and i - last_label >= 3:
            label, last_label = monday.strftime("%b"), i
        x = left + i * (bar + gap)
        capacity = w["full_capacity"] + w["monitoring_capacity"]
        full_h = w["full_used"] * height / top
        mon_h = w["monitoring_used"] * height / top
        bars.append({
            "x": x,
            "capacity_y": base_line - capacity * height / top,
            "capacity_h": capacity * height / top,
            "full_y": base_line - full_h,
            "full_h": full_h,
            "monitoring_y": base_line - full_h - mon_h,
            "monitoring_h": mon_h,
            "closed": bool(w["closed"]),
            "month_label": label,
        })
    ticks = [{"value": v, "y": base_line - v * height / top} for v in range(0, top + 1)]
    return {"bars": bars, "width": left + len(weeks) * (bar + gap) + 10, "height": base_line + 30,
            "base_line": base_line, "ticks": ticks, "bar": bar, "left": left, "top": top}


def latest_data_date() -> dt.date | None:
    """The last day the register's history covers (see ``inputs.latest_data_date``)."""
    from areasend.programme.inputs import latest_data_date as latest

    return latest()


def display_date(iso: str | None, missing: str = "None") -> str:
    """An ISO date from a stored result, the GOV.UK way: 5 January 2026."""
    if not iso:
        return missing
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def remit_label(remit: str) -> str:
    """A team member's place in words: "lead inspector", "CQC inspector"."""
    from areasend import framework as fw

    try:
        return fw.Remit.from_key(remit).label
    except fw.FrameworkError:
        return remit


def planned_item(area_code: str) -> dict | None:
    """The accepted programme's on-site inspection of the area, or None (no accepted plan, or not in it)."""
    current = current_programme()
    if current is None or not current.result:
        return None
    return next((item for item in current.result.get("items", []) if item["area_code"] == area_code), None)


def team_role_of(remit: str):
    """The place on a team (the core's ``TeamRole``) a planned member's remit takes, or None when unknown."""
    from areasend import framework as fw

    return next((role for role in fw.TeamRole if role.remit.value == remit), None)


def planned_team(item: dict) -> list[tuple[object, str, object | None]]:
    """Each planned member of ``item``'s team as (the core's team role, workforce name, account or None).

    The account is found the way the lead always was: one active inspector with that full name whose
    kind may take the place. None means the planner chooses the person on the form.
    """
    from areasend.inspections.queries import inspectors_by_name

    places = [(team_role_of(m["remit"]), m["name"]) for m in item.get("team") or []]
    places = [(role, name) for role, name in places if role is not None]
    users = inspectors_by_name((name, role) for role, name in places)
    return [(role, name, users.get(name)) for role, name in places]

def national_pauses() -> tuple:
    """Every national pause, as the framework core's plain values: read once per page or plan."""
    from areasend.programme.models import NationalPause

    return tuple(pause.core() for pause in NationalPause.objects.order_by("start", "id"))


def pauses_to_manage():
    from areasend.programme.models import NationalPause

    return NationalPause.objects.select_related("created_by", "ended_by").order_by("-start", "-id")
