"""Every write the programme pages make: start a plan or a what-if, solve it, accept it.

A solve takes seconds, so it runs away from the request: as a task on the database queue
(:mod:`areasend.programme.tasks`), queued once the run's row is committed, and solved by the worker
(``areasend worker``). A run left unfinished by a worker that stopped is queued again when a worker
starts (:func:`requeue_lost_runs`); no run is ever marked failed because a process died. With the
setting ``AREASEND_RUN_PLANS_INLINE`` the solve runs in the request instead (tests about other things
use this).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areasend.accounts import services as audit
from areasend.accounts.models import Verb
from areasend.planning import FULL, Blackout, Capacity, PlanningRules, build_problem, default_blackouts, solve
from areasend.access import gate
from areasend.access.capabilities import Capability
from areasend.programme.models import PlanRun

logger = logging.getLogger(__name__)

#: Longest plan a planner may ask for, from today.
MAX_HORIZON_DAYS = 3 * 366
#: A task claimed by a worker on another machine, still running this long past its time limit, is taken to be lost.
STALE_AFTER = dt.timedelta(minutes=5)


class PlanInputError(Exception):
    """The register cannot give the planner what it needs; the message says what is wrong."""


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _time_limit() -> float:
    return float(getattr(settings, "AREASEND_PLAN_TIME_LIMIT", 10.0))


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _require_planner(actor) -> None:
    gate.check(actor, Capability.PLAN_PROGRAMME, message="Only the national planning team can plan the programme.")


def _areas_on(as_of: dt.date) -> dict[str, str]:
    from areasend.programme.inputs import areas_on

    return {area.ons_code: area.name for area in areas_on(as_of)}


def _under_way(today: dt.date) -> set[str]:
    from areasend.programme.inputs import under_way_on

    return set(under_way_on(today))


def _check_until(until: dt.date, today: dt.date) -> None:
    if until <= today:
        raise ValidationError({"until": "The end of the plan must be in the future"})
    if (until - today).days > MAX_HORIZON_DAYS:
        raise ValidationError({"until": f"The end of the plan must be within 3 years, on or before {_day(today + dt.timedelta(days=MAX_HORIZON_DAYS))}"})


def _check_capacity(full: int, monitoring: int, region_cap: int) -> None:
    if full < 1:
        raise ValidationError({"full_per_week": "Full inspections per week must be 1 or more"})
    if monitoring < 0:
        raise ValidationError({"monitoring_per_week": "Monitoring inspections per week must be 0 or more"})
    if region_cap < 1:
        raise ValidationError({"region_cap": "Areas of one region on site in a week must be 1 or more"})


def _create_and_launch(actor, *, title: str, parameters: dict, base: PlanRun | None = None,
                       changes: list[str] | None = None) -> PlanRun:
    """Save the queued run and its audit entry together; its solve is queued once they are committed."""
    inline = getattr(settings, "AREASEND_RUN_PLANS_INLINE", False)
    with transaction.atomic():
        run = PlanRun.objects.create(title=title, base=base, parameters=parameters, changes=changes or [],
                                     created_by=actor)
        audit.record(actor, Verb.PLAN_REQUESTED, target=run, summary=f"Asked for a plan: {title}", parameters=parameters)
        if not inline:
            transaction.on_commit(lambda: enqueue(run.pk))
    if inline:
        execute(run.pk)
    run.refresh_from_db()
    return run


def enqueue(run_pk: int) -> str:
    """Put the run's solve on the task queue and remember the task; returns the task's id."""
    from areasend.programme.tasks import solve_plan_run

    result = solve_plan_run.enqueue(run_pk)
    PlanRun.objects.filter(pk=run_pk).update(task_id=str(result.id)[:64])
    return str(result.id)


def status_of(run_pk: int) -> str:
    return PlanRun.objects.filter(pk=run_pk).values_list("status", flat=True).first() or "missing"


def _read_workforce(upload, today: dt.date) -> list[dict]:
    """The inspectors in an uploaded file, as the run stores them; every problem by row and column."""
    from areasend.areas.queries import regions
    from areasend.programme.workforce import WorkforceError, read_workforce, to_parameters

    try:
        people = read_workforce(upload, name=getattr(upload, "name", None) or "the file", regions=set(regions()),
                                area_codes=set(_areas_on(today)))
    except WorkforceError as error:
        shown = [str(p) for p in error.problems[:5]]
        more = f" ({len(error.problems) - 5} more problems not shown)" if len(error.problems) > 5 else ""
        raise ValidationError({"workforce": "Correct the file and upload it again: " + "; ".join(shown) + more})
    return to_parameters(people)


def start_plan(actor, *, until: dt.date, full_per_week: int, monitoring_per_week: int, region_cap: int,
               today: dt.date, as_of: dt.date | None = None, workforce=None) -> PlanRun:
    """Queue a plan from ``as_of`` (today unless given: the register's history may end well before
    today) to ``until`` and start solving it (with named teams when ``workforce``, an uploaded file
    of inspectors, is given)."""
    _require_planner(actor)
    if as_of is not None and as_of > today:
        raise ValidationError({"as_of": f"The day to plan from must be today or earlier, on or before {_day(today)}"})
    if as_of is not None and as_of < today and until <= as_of:
        raise ValidationError({"until": f"The end of the plan must be after the day it plans from, {_day(as_of)}"})
    today = as_of or today  # the plan is made as the register stood on that day
    _check_until(until, today)
    _check_capacity(full_per_week, monitoring_per_week, region_cap)
    if not _areas_on(today):
        raise ValidationError("The register has no local areas to plan: import the register first.")
    people = _read_workforce(workforce, today) if workforce else []
    parameters = {
        "as_of": today.isoformat(),
        "until": until.isoformat(),
        "full_per_week": full_per_week,
        "monitoring_per_week": monitoring_per_week,
        "region_cap": region_cap,
        "time_limit": _time_limit(),
        "blackouts": [],
        "pins": [],
        "excluded": [],
        "workforce": people,
        # Weeks to keep where nothing is lost by keeping them: the current programme's.
        "previous_run": PlanRun.objects.filter(is_current=True).values_list("pk", flat=True).first(),
    }
    title = (f"Plan to {_day(until)}: {full_per_week} full and {monitoring_per_week} monitoring a week, "
             f"region cap {region_cap}" + (f", {len(people)} inspectors" if people else ""))
    return _create_and_launch(actor, title=title, parameters=parameters)


def start_what_if(actor, base: PlanRun, *, today: dt.date, full_per_week: int | None = None,
                  monitoring_per_week: int | None = None, blackout_week: dt.date | None = None,
                  pin_area: str | None = None, pin_week: dt.date | None = None,
                  exclude_area: str | None = None) -> PlanRun:
    """A new run: ``base``'s parameters, planned again from ``today``, with the changes given."""
    _require_planner(actor)
    if base.status != PlanRun.Status.DONE:
        raise ValidationError("A what-if can only start from a finished plan.")
    params = dict(base.parameters)
    until = dt.date.fromisoformat(params["until"])
    first_monday = monday_of(today)
    if until < first_monday:
        raise ValidationError("This plan has ended: make a new plan instead.")
    areas = _areas_on(today)
    changes: list[str] = []
    errors: dict[str, str] = {}
    full = params["full_per_week"] if full_per_week is None else full_per_week
    monitoring = params["monitoring_per_week"] if monitoring_per_week is None else monitoring_per_week
    _check_capacity(full, monitoring, params["region_cap"])
    if full != params["full_per_week"]:
        changes.append(f"full inspections per week {params['full_per_week']} to {full}")
    if monitoring != params["monitoring_per_week"]:
        changes.append(f"monitoring inspections per week {params['monitoring_per_week']} to {monitoring}")
    blackouts = list(params.get("blackouts", []))
    if blackout_week is not None:
        monday = monday_of(blackout_week)
        if monday < first_monday:
            errors["blackout_week"] = "The week with no inspections must be this week or later"
        elif monday > until:
            errors["blackout_week"] = f"The week with no inspections must be on or before the end of the plan, {_day(until)}"
        elif any(b["start"] == monday.isoformat() for b in blackouts):
            errors["blackout_week"] = f"The week of {_day(monday)} already has no inspections in this plan"
        else:
            blackouts.append({"start": monday.isoformat(), "end": (monday + dt.timedelta(days=4)).isoformat(),
                              "label": f"no inspections in the week of {_day(monday)}"})
            changes.append(f"no inspections in the week of {_day(monday)}")
    pins = [p for p in params.get("pins", []) if p["area_code"] != pin_area]
    if pin_area or pin_week:
        if not pin_area:
            errors["pin_area"] = "Choose the area to pin to a week"
        elif pin_area not in areas:
            errors["pin_area"] = "Choose an area from the list"
        elif pin_area in _under_way(today):
            errors["pin_area"] = f"{areas[pin_area]} has an inspection under way, so it is not planned: choose another area"
        if pin_week is None:
            errors["pin_week"] = "Enter the week to pin the area to"
        else:
            monday = monday_of(pin_week)
            if monday < first_monday:
                errors["pin_week"] = "The week to pin the area to must be this week or later"
            elif monday > until:
                errors["pin_week"] = f"The week to pin the area to must be on or before the end of the plan, {_day(until)}"
            else:
                closed = [b.label for b in default_blackouts(today, until) if b.area_codes is None and b.covers_week(monday, "")]
                closed += [b["label"] for b in blackouts if b["start"] == monday.isoformat()]
                if closed:
                    errors["pin_week"] = f"Nothing is planned on site in the week of {_day(monday)} ({closed[0]}): choose another week"
        if "pin_area" not in errors and "pin_week" not in errors:
            monday = monday_of(pin_week)
            pins.append({"area_code": pin_area, "area_name": areas[pin_area], "week": monday.isoformat()})
            changes.append(f"{areas[pin_area]} pinned to the week of {_day(monday)}")
    excluded = list(params.get("excluded", []))
    if exclude_area:
        if exclude_area not in areas:
            errors["exclude_area"] = "Choose an area from the list"
        elif exclude_area == pin_area:
            errors["exclude_area"] = "An area cannot be both pinned to a week and left out: choose one"
        elif any(e["area_code"] == exclude_area for e in excluded):
            errors["exclude_area"] = f"{areas[exclude_area]} is already left out of this plan"
        else:
            excluded.append({"area_code": exclude_area, "area_name": areas[exclude_area]})
            pins = [p for p in pins if p["area_code"] != exclude_area]
            changes.append(f"{areas[exclude_area]} left out")
    if errors:
        raise ValidationError(errors)
    if not changes:
        raise ValidationError("Change at least one thing: capacity, a week with no inspections, a pinned area or an area left out.")
    params.update(as_of=today.isoformat(), full_per_week=full, monitoring_per_week=monitoring,
                  time_limit=_time_limit(), blackouts=blackouts, pins=pins, excluded=excluded, previous_run=base.pk)
    title = f"What-if on plan {base.pk}: " + "; ".join(changes)
    title = title if len(title) <= 200 else title[:199] + "…"
    return _create_and_launch(actor, title=title, parameters=params, base=base, changes=changes)


def execute(run_pk: int) -> None:
    """Solve a queued run and store its result (or why it failed). Safe to call twice."""
    with transaction.atomic():
        run = PlanRun.objects.select_for_update().get(pk=run_pk)
        if run.status != PlanRun.Status.QUEUED:
            return
        run.status = PlanRun.Status.RUNNING
        run.started_at = timezone.now()
        run.save(update_fields=["status", "started_at"])
    previous = None
    if run.parameters.get("previous_run"):
        earlier = PlanRun.objects.filter(pk=run.parameters["previous_run"], status=PlanRun.Status.DONE).first()
        previous = earlier.result if earlier else None
    try:
        result = solve_parameters(run.parameters, previous=previous)
    except PlanInputError as exc:
        _finish(run_pk, error=str(exc))
    except Exception:
        logger.exception("plan run %s failed", run_pk)
        _finish(run_pk, error="The planner stopped with an unexpected error. Try again; if it happens again, tell the service team.")
    else:
        _finish(run_pk, result=result)


def _finish(run_pk: int, *, result: dict | None = None, error: str = "") -> None:
    with transaction.atomic():
        run = PlanRun.objects.select_for_update().get(pk=run_pk)
        if run.status != PlanRun.Status.RUNNING:
            return
        run.status = PlanRun.Status.FAILED if error else PlanRun.Status.DONE
        run.result = result
        run.error = error[:500]
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "result", "error", "finished_at"])


def requeue_lost_runs(*, now: dt.datetime | None = None) -> list[int]:
    """Queue again every unfinished run whose solve is no longer going anywhere; the runs queued again.

    A worker that dies (a restart, a kill) leaves its task marked running and its run marked running
    for ever: the queue does not take tasks back by itself. The worker command calls this as it starts:
    a run is queued again when its task is missing, finished without finishing the run, or was claimed by
    a worker that has gone. The dead task is marked failed so that it is never taken for a live one.
    Safe to call at any time and any number of times: a run whose task is waiting or alive is left alone.
    """
    from django_tasks_db.models import DBTaskResult

    from areasend.programme import workers

    now = now or timezone.now()
    queued_again = []
    for run in PlanRun.objects.filter(status__in=[PlanRun.Status.QUEUED, PlanRun.Status.RUNNING]).order_by("pk"):
        task = DBTaskResult.objects.filter(pk=run.task_id).first() if run.task_id else None
        if task is not None and task.status == "READY":
            continue
        if task is not None and task.status == "RUNNING":
            limit = dt.timedelta(seconds=float(run.parameters.get("time_limit", _time_limit()))) + STALE_AFTER
            if workers.is_alive(task.worker_ids[-1] if task.worker_ids else "", started=task.started_at, now=now,
                                limit=limit):
                continue
            DBTaskResult.objects.filter(pk=task.pk, status="RUNNING").update(
                status="FAILED", finished_at=now, exception_class_path="areasend.programme.workers.WorkerLost",
                traceback="The worker running this task stopped; the plan run was queued again.")
        with transaction.atomic():
            locked = PlanRun.objects.select_for_update().get(pk=run.pk)
            if locked.is_finished or locked.task_id != run.task_id:
                continue
            locked.status = PlanRun.Status.QUEUED
            locked.started_at = None
            locked.save(update_fields=["status", "started_at"])
            transaction.on_commit(lambda pk=run.pk: enqueue(pk))
        logger.warning("plan run %s was left unfinished by a worker that stopped; queued again", run.pk)
        queued_again.append(run.pk)
    return queued_again


@transaction.atomic
def accept(actor, run: PlanRun) -> PlanRun:
    """Make ``run`` the national programme, in place of the one accepted before."""
    _require_planner(actor)
    run = PlanRun.objects.select_for_update().get(pk=run.pk)
    if run.status != PlanRun.Status.DONE:
        raise ValidationError("Only a finished plan can be accepted.")
    if run.is_current:
        return run
    before = PlanRun.objects.filter(is_current=True).first()
    PlanRun.objects.filter(is_current=True).update(is_current=False)
    run.is_current = True
    run.accepted_at = timezone.now()
    run.accepted_by = actor
    run.save(update_fields=["is_current", "accepted_at", "accepted_by"])
    planned = len(run.result["items"])
    audit.record(actor, Verb.PLAN_ACCEPTED, target=run,
                 summary=f"Accepted plan {run.pk} as the national programme ({planned} on-site inspections)"
                 + (f" in place of plan {before.pk}" if before else ""),
                 changed=audit.changes(current_plan=(before.pk if before else None, run.pk)))
    return run


# The solve itself ----------------------------------------------------------------------------------


def solve_parameters(params: dict, *, previous: dict | None = None) -> dict:
    """Read the register as of the run's date and solve with the run's parameters; the result as a dict.

    With ``previous`` (an earlier run's result), inspections keep their earlier weeks wherever that
    costs nothing, so the comparison shows only the moves the change needs.
    """
    from areasend.programme.inputs import plan_inputs

    as_of = dt.date.fromisoformat(params["as_of"])
    until = dt.date.fromisoformat(params["until"])
    excluded = {e["area_code"] for e in params.get("excluded", [])}
    inputs = plan_inputs(as_of, excluded=excluded)
    areas = inputs.areas
    if not areas and not inputs.under_way:
        raise PlanInputError("There are no local areas to plan: the register is empty or every area is left out.")
    extra = tuple(Blackout(dt.date.fromisoformat(b["start"]), dt.date.fromisoformat(b["end"]), b["label"])
                  for b in params.get("blackouts", []))
    from areasend.programme.queries import national_pauses
    from areasend.programme.workforce import from_parameters

    pauses = national_pauses()  # read once for the whole plan
    problem = build_problem(
        areas, as_of, until,
        capacity=Capacity(params["full_per_week"], params["monitoring_per_week"]),
        rules=PlanningRules(region_cap=params["region_cap"]),
        blackouts=default_blackouts(as_of, until) + extra,
        workforce=from_parameters(params.get("workforce")),
        pauses=pauses,
    )
    notes: list[str] = []
    pinned: set[tuple[str, str]] = set()
    activities = list(problem.activities)
    for pin in params.get("pins", []):
        monday = dt.date.fromisoformat(pin["week"])
        if any(u["area_code"] == pin["area_code"] for u in inputs.under_way):
            notes.append(f"{pin['area_name']} has an inspection under way, so it is not planned and its pin has no effect.")
            continue
        own = sorted((a for a in activities if a.area.code == pin["area_code"]),
                     key=lambda a: (a.due_by or dt.date.max, a.kind != FULL))
        if not own:
            notes.append(f"{pin['area_name']} has nothing due within the plan, so its pin has no effect.")
            continue
        if monday not in problem.mondays:
            notes.append(f"The week of {_day(monday)} is outside the plan, so the pin of {pin['area_name']} has no effect.")
            continue
        target = own[0]
        stopping = next((p for p in pauses if p.covers_week(monday, target.kind)), None)
        if stopping is not None:
            notes.append(f"The week of {_day(monday)} is in a national pause ({stopping.sentence}), so the pin of "
                         f"{pin['area_name']} has no effect.")
            continue
        activities[target.index] = dataclasses.replace(target, allowed=(problem.mondays.index(monday),))
        pinned.add((target.area.code, target.kind))
    problem = dataclasses.replace(problem, activities=tuple(activities))
    kept = None
    if previous:
        kept = {(i["area_code"], i["kind"]): dt.date.fromisoformat(i["onsite_start"]) for i in previous["items"]}
    plan = solve(problem, time_limit=float(params.get("time_limit", _time_limit())), num_workers=2, seed=0,
                 previous=kept)

    def item(entry) -> dict:
        reason = entry.reason
        if (entry.area_code, entry.kind) in pinned:
            reason = ("Pinned to this week by the planning team. " if entry.onsite_start
                      else "Pinned to a week that had no room left. ") + reason
        return {
            "area_code": entry.area_code,
            "area_name": entry.area_name,
            "region": entry.region,
            "kind": entry.kind,
            "onsite_start": entry.onsite_start.isoformat() if entry.onsite_start else None,
            "due_by": entry.due_by.isoformat() if entry.due_by else None,
            "days_late": entry.days_late,
            "rank": entry.rank,
            "reason": reason,
            "pinned": (entry.area_code, entry.kind) in pinned,
            "team": [member.to_dict() for member in entry.team],
        }

    used: dict[tuple[str, str], int] = {}
    for entry in plan.items:
        key = (entry.onsite_start.isoformat(), entry.kind)
        used[key] = used.get(key, 0) + 1
    weeks = []
    for index, monday in enumerate(problem.mondays):
        closed = [b.label for b in problem.blackouts if b.area_codes is None and b.covers_week(monday, "")]
        weeks.append({
            "monday": monday.isoformat(),
            "full_used": used.get((monday.isoformat(), FULL), 0),
            "full_capacity": 0 if closed else problem.capacity_of(index, FULL),
            "monitoring_used": used.get((monday.isoformat(), "monitoring"), 0),
            "monitoring_capacity": 0 if closed else problem.capacity_of(index, "monitoring"),
            "closed": closed[0] if closed else "",
        })
    return {
        "as_of": plan.as_of.isoformat(),
        "until": plan.until.isoformat(),
        "status": plan.status,
        "solver_status": plan.solver_status,
        "objective": plan.objective,
        "bound": plan.bound,
        "gap": plan.gap,
        "solve_seconds": round(plan.solve_seconds, 3),
        "terms": plan.terms.to_dict(),
        "greedy_terms": plan.greedy_terms.to_dict(),
        "items": [item(entry) for entry in plan.items],
        "unscheduled": [item(entry) for entry in plan.unscheduled],
        "weeks": weeks,
        "engagement_meetings": len(plan.meetings),
        "breaks": [b.to_dict() for b in plan.breaks],
        "notes": list(plan.notes) + notes,
        # Areas left out because their inspection has started in this service; not given a week.
        "under_way": inputs.under_way,
    }


def export_plan(actor, run: PlanRun, file_format: str) -> bytes:
    """The plan as CSV or XLSX for the planning team; the export is recorded."""
    from areasend.programme import exports

    _require_planner(actor)
    data = exports.as_csv(run.result) if file_format == "csv" else exports.as_xlsx(run.result, run.title)
    audit.record_export(actor, f"plan {run.pk}", file_format=file_format, rows=len(run.result["items"]), target=run)
    return data.encode("utf-8") if isinstance(data, str) else data


# --- national pauses -------------------------------------------------------------------------------


def _require_pause_manager(actor) -> None:
    gate.check(actor, Capability.MANAGE_NATIONAL_PAUSES,
               message="Only the national planning team can record national pauses.")


def _checked_pause(stops: str, start: dt.date | None, end: dt.date | None, reason: str) -> tuple[str, dt.date, dt.date, str]:
    """The pause's fields, trimmed, or a ValidationError naming each problem by field."""
    from areasend.programme.models import NationalPause

    reason = " ".join((reason or "").split())
    errors: dict[str, str] = {}
    if stops not in NationalPause.Stops.values:
        errors["stops"] = "Select what the pause stops"
    if start is None:
        errors["start"] = "Enter the first day of the pause"
    if end is None:
        errors["end"] = "Enter the last day of the pause"
    elif start is not None and end < start:
        errors["end"] = "The last day of the pause must be the same as or after the first day"
    if not reason:
        errors["reason"] = "Enter the reason for the pause, as the public will read it"
    elif len(reason) > 300:
        errors["reason"] = "The reason must be 300 characters or fewer"
    if errors:
        raise ValidationError(errors)
    return stops, start, end, reason


def _pause_words(pause) -> str:
    return f"{pause.get_stops_display().lower()} from {_day(pause.start)} to {_day(pause.end)}"


@transaction.atomic
def record_pause(actor, *, stops: str, start: dt.date, end: dt.date, reason: str):
    """Record a national pause. Due dates of the kind it stops that fall inside it move to after it."""
    from areasend.programme.models import NationalPause

    _require_pause_manager(actor)
    stops, start, end, reason = _checked_pause(stops, start, end, reason)
    pause = NationalPause.objects.create(stops=stops, start=start, end=end, reason=reason, created_by=actor)
    audit.record(actor, Verb.NATIONAL_PAUSE_RECORDED, target=pause,
                 summary=f"National pause recorded: {_pause_words(pause)}",
                 stops=stops, start=start, end=end, reason=reason)
    return pause


@transaction.atomic
def change_pause(actor, pause, *, stops: str, start: dt.date, end: dt.date, reason: str):
    """Change a pause's dates, what it stops or its reason; what changed is in the audit event."""
    from areasend.programme.models import NationalPause

    _require_pause_manager(actor)
    stops, start, end, reason = _checked_pause(stops, start, end, reason)
    pause = NationalPause.objects.select_for_update().get(pk=pause.pk)
    changed = audit.changes(stops=(pause.stops, stops), start=(pause.start, start), end=(pause.end, end),
                            reason=(pause.reason, reason))
    if not changed:
        return pause
    pause.stops, pause.start, pause.end, pause.reason = stops, start, end, reason
    pause.save(update_fields=["stops", "start", "end", "reason"])
    audit.record(actor, Verb.NATIONAL_PAUSE_CHANGED, target=pause,
                 summary=f"National pause changed: now {_pause_words(pause)}", changed=changed)
    return pause


@transaction.atomic
def end_pause(actor, pause, *, today: dt.date):
    """End a pause that has started: its last day becomes ``today``. One not yet started cannot be ended."""
    from areasend.programme.models import NationalPause

    _require_pause_manager(actor)
    pause = NationalPause.objects.select_for_update().get(pk=pause.pk)
    if pause.start > today:
        raise ValidationError(f"This pause does not start until {_day(pause.start)}. Change its dates instead.")
    if pause.end <= today:
        raise ValidationError(f"This pause already ended on {_day(pause.end)}.")
    changed = audit.changes(end=(pause.end, today))
    pause.end = today
    pause.ended_at = timezone.now()
    pause.ended_by = actor
    pause.save(update_fields=["end", "ended_at", "ended_by"])
    audit.record(actor, Verb.NATIONAL_PAUSE_ENDED, target=pause,
                 summary=f"National pause ended on {_day(today)}", changed=changed)
    return pause
