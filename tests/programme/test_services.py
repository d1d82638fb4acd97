"""The programme's use cases: plans, what-ifs, the background solve, accepting, and refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from areasend.accounts.models import AuditEvent, Verb
from areasend.programme import services
from areasend.programme.diff import compare
from areasend.programme.models import PlanRun

TODAY = dt.date(2026, 11, 23)
UNTIL = dt.date(2027, 11, 22)


def _plan(actor, **overrides):
    kwargs = {"until": UNTIL, "full_per_week": 2, "monitoring_per_week": 1, "region_cap": 2, "today": TODAY}
    kwargs.update(overrides)
    return services.start_plan(actor, **kwargs)


def _keys(result):
    return {(i["area_code"], i["kind"]) for i in result["items"]}


def test_a_plan_is_solved_and_recorded(register, planner):
    run = _plan(planner)
    assert run.status == PlanRun.Status.DONE
    assert run.result["status"] in ("OPTIMAL", "FEASIBLE")
    assert len(run.result["items"]) == 9
    assert {"E09000002", "E10000024"} <= {i["area_code"] for i in run.result["items"]}
    assert run.parameters["full_per_week"] == 2 and run.parameters["as_of"] == TODAY.isoformat()
    assert len(run.result["weeks"]) == 53
    first = run.result["weeks"][0]
    assert first["monday"] == "2026-11-23" and first["full_capacity"] == 2
    assert AuditEvent.objects.filter(object_type="programme.PlanRun", object_id=str(run.pk),
                                     verb=Verb.PLAN_REQUESTED).exists()


def test_only_the_planning_team_can_plan(register, inspector):
    with pytest.raises(PermissionDenied):
        _plan(inspector)
    assert not PlanRun.objects.exists()


@pytest.mark.parametrize(("overrides", "field", "text"), [
    ({"until": TODAY}, "until", "The end of the plan must be in the future"),
    ({"until": TODAY - dt.timedelta(days=10)}, "until", "in the future"),
    ({"until": TODAY + dt.timedelta(days=5 * 365)}, "until", "within 3 years"),
    ({"full_per_week": 0}, "full_per_week", "1 or more"),
    ({"monitoring_per_week": -1}, "monitoring_per_week", "0 or more"),
    ({"region_cap": 0}, "region_cap", "1 or more"),
])
def test_bad_parameters_are_refused_and_nothing_is_saved(register, planner, overrides, field, text):
    with pytest.raises(ValidationError) as caught:
        _plan(planner, **overrides)
    assert any(text in message for message in caught.value.message_dict[field])
    assert not PlanRun.objects.exists()


def test_an_empty_register_is_refused(db, planner):
    with pytest.raises(ValidationError, match="import the register"):
        _plan(planner)
    assert not PlanRun.objects.exists()


def test_leaving_an_area_out_drops_it_and_keeps_the_base(register, planner):
    base = _plan(planner)
    before = dict(base.result)
    run = services.start_what_if(planner, base, today=TODAY, exclude_area="E09000002")
    assert run.pk != base.pk and run.base_id == base.pk
    assert "E09000002" not in {i["area_code"] for i in run.result["items"] + run.result["unscheduled"]}
    diff = compare(base.result, run.result)
    assert [(i["area_code"], i["kind"]) for i in diff.dropped] == [("E09000002", "full")]
    assert not diff.added
    base.refresh_from_db()
    assert base.result == before
    assert run.changes == ["Barking and Dagenham left out"]


def test_pinning_an_area_places_it_in_that_week(register, planner):
    base = _plan(planner)
    week = dt.date(2027, 2, 10)  # a Wednesday: the pin takes its Monday
    run = services.start_what_if(planner, base, today=TODAY, pin_area="E09000002", pin_week=week)
    item = next(i for i in run.result["items"] if i["area_code"] == "E09000002")
    assert item["onsite_start"] == "2027-02-08"
    assert item["pinned"] and item["reason"].startswith("Pinned to this week")
    moved = {m.area_code: m.after for m in compare(base.result, run.result).moved}
    assert moved.get("E09000002") == "2027-02-08"


def test_a_blackout_week_takes_the_week_out(register, planner):
    base = _plan(planner)
    busy = base.result["items"][0]["onsite_start"]
    run = services.start_what_if(planner, base, today=TODAY, blackout_week=dt.date.fromisoformat(busy))
    assert busy not in {i["onsite_start"] for i in run.result["items"]}
    week = next(w for w in run.result["weeks"] if w["monday"] == busy)
    assert week["full_capacity"] == 0 and week["closed"].startswith("no inspections in the week of")
    assert _keys(run.result) == _keys(base.result)


def test_changing_capacity_changes_the_weeks(register, planner):
    base = _plan(planner)
    run = services.start_what_if(planner, base, today=TODAY, full_per_week=1, monitoring_per_week=0)
    assert run.parameters["full_per_week"] == 1
    open_weeks = [w for w in run.result["weeks"] if not w["closed"]]
    assert all(w["full_capacity"] == 1 and w["monitoring_used"] == 0 for w in open_weeks)
    assert {i["kind"] for i in run.result["items"]} == {"full"}
    assert compare(base.result, run.result).dropped


@pytest.mark.parametrize(("changes", "field", "text"), [
    ({"blackout_week": TODAY - dt.timedelta(days=14)}, "blackout_week", "this week or later"),
    ({"blackout_week": UNTIL + dt.timedelta(days=30)}, "blackout_week", "on or before the end of the plan"),
    ({"pin_area": "E09000002", "pin_week": TODAY - dt.timedelta(days=7)}, "pin_week", "this week or later"),
    ({"pin_area": "E09000002", "pin_week": dt.date(2027, 8, 4)}, "pin_week", "school summer holidays"),
    ({"pin_area": "E09000002"}, "pin_week", "Enter the week"),
    ({"pin_area": "E99999999", "pin_week": dt.date(2027, 2, 8)}, "pin_area", "Choose an area from the list"),
    ({"exclude_area": "E99999999"}, "exclude_area", "Choose an area from the list"),
    ({"exclude_area": "E09000002", "pin_area": "E09000002", "pin_week": dt.date(2027, 2, 8)}, "exclude_area",
     "both pinned"),
    ({"full_per_week": 0}, "full_per_week", "1 or more"),
])
def test_bad_what_ifs_are_refused_and_nothing_is_saved(register, planner, changes, field, text):
    base = _plan(planner)
    with pytest.raises(ValidationError) as caught:
        services.start_what_if(planner, base, today=TODAY, **changes)
    assert any(text in message for message in caught.value.message_dict[field])
    assert PlanRun.objects.count() == 1


def test_a_what_if_must_change_something(register, planner):
    base = _plan(planner)
    with pytest.raises(ValidationError, match="Change at least one thing"):
        services.start_what_if(planner, base, today=TODAY, full_per_week=2, monitoring_per_week=1)
    assert PlanRun.objects.count() == 1


def test_accepting_makes_one_current_programme_and_is_audited(register, planner):
    first = _plan(planner)
    second = services.start_what_if(planner, first, today=TODAY, exclude_area="E06000055")
    services.accept(planner, first)
    services.accept(planner, second)
    assert list(PlanRun.objects.filter(is_current=True)) == [second]
    second.refresh_from_db()
    assert second.accepted_by == planner and second.accepted_at is not None
    event = AuditEvent.objects.filter(object_id=str(second.pk), verb=Verb.PLAN_ACCEPTED).get()
    assert event.actor == planner
    assert f"in place of plan {first.pk}" in event.summary


def test_an_unfinished_plan_cannot_be_accepted(register, planner, inspector):
    run = PlanRun.objects.create(title="queued", parameters={"time_limit": 1})
    with pytest.raises(ValidationError, match="finished"):
        services.accept(planner, run)
    done = _plan(planner)
    with pytest.raises(PermissionDenied):
        services.accept(inspector, done)
    assert not PlanRun.objects.filter(is_current=True).exists()


def test_a_solve_with_nothing_to_plan_fails_with_a_reason(register, planner):
    params = {"as_of": TODAY.isoformat(), "until": UNTIL.isoformat(), "full_per_week": 2, "monitoring_per_week": 1,
              "region_cap": 2, "time_limit": 1, "blackouts": [], "pins": [],
              "excluded": [{"area_code": code, "area_name": code} for code in
                           ("E06000022", "E06000023", "E06000055", "E06000061", "E06000062", "E09000002",
                            "E10000024", "E10000021")]}
    run = PlanRun.objects.create(title="everything left out", parameters=params)
    services.execute(run.pk)
    run.refresh_from_db()
    assert run.status == PlanRun.Status.FAILED
    assert "no local areas to plan" in run.error
    services.execute(run.pk)  # a second call changes nothing
    run.refresh_from_db()
    assert run.status == PlanRun.Status.FAILED


def _task(run, status, worker_id=""):
    from django_tasks_db.models import DBTaskResult

    from areasend.programme.tasks import solve_plan_run

    result = solve_plan_run.enqueue(run.pk)
    DBTaskResult.objects.filter(pk=result.id).update(status=status, worker_ids=[worker_id] if worker_id else [],
                                                     started_at=timezone.now() if status == "RUNNING" else None)
    PlanRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    run.refresh_from_db()
    return DBTaskResult.objects.get(pk=result.id)


def _dead_pid() -> int:
    import subprocess
    import sys

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_a_run_whose_worker_died_is_queued_again_never_failed(db, django_capture_on_commit_callbacks):
    import socket

    from django_tasks_db.models import DBTaskResult

    run = PlanRun.objects.create(title="lost", parameters={"time_limit": 1}, status=PlanRun.Status.RUNNING,
                                 started_at=timezone.now())
    dead = _task(run, "RUNNING", f"areasend:{socket.gethostname()[:30]}:{_dead_pid()}:abcdefgh")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_lost_runs() == [run.pk]
    run.refresh_from_db()
    assert run.status == PlanRun.Status.QUEUED and run.error == ""
    assert run.task_id and run.task_id != str(dead.pk)
    assert DBTaskResult.objects.get(pk=run.task_id).status == "READY"
    assert DBTaskResult.objects.get(pk=dead.pk).status == "FAILED"
    # Once queued again, asking again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_lost_runs() == []


def test_runs_with_a_waiting_or_live_task_and_finished_runs_are_left_alone(db, django_capture_on_commit_callbacks):
    import os
    import socket

    waiting = PlanRun.objects.create(title="waiting", parameters={"time_limit": 1})
    _task(waiting, "READY")
    alive = PlanRun.objects.create(title="alive", parameters={"time_limit": 1}, status=PlanRun.Status.RUNNING)
    _task(alive, "RUNNING", f"areasend:{socket.gethostname()[:30]}:{os.getpid()}:abcdefgh")
    elsewhere = PlanRun.objects.create(title="elsewhere", parameters={"time_limit": 1}, status=PlanRun.Status.RUNNING)
    _task(elsewhere, "RUNNING", "areasend:another-machine:123:abcdefgh")
    done = PlanRun.objects.create(title="done", parameters={"time_limit": 1}, status=PlanRun.Status.DONE)
    before = {r.pk: r.task_id for r in PlanRun.objects.all()}
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_lost_runs() == []
    assert {r.pk: r.task_id for r in PlanRun.objects.all()} == before
    assert PlanRun.objects.get(pk=done.pk).status == PlanRun.Status.DONE
    # A worker on another machine is given up on only well past the run's time limit.
    later = timezone.now() + services.STALE_AFTER + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_lost_runs(now=later) == [elsewhere.pk]


def test_a_run_queued_before_the_task_queue_existed_is_queued(db, django_capture_on_commit_callbacks):
    run = PlanRun.objects.create(title="from before", parameters={"time_limit": 1})
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_lost_runs() == [run.pk]
    run.refresh_from_db()
    assert run.task_id and run.status == PlanRun.Status.QUEUED


@pytest.mark.django_db(transaction=True)
def test_without_the_inline_setting_the_solve_is_queued_once_committed(settings, planner):
    from django_tasks_db.models import DBTaskResult

    from areasend.areas.importer import import_register
    from tests.programme.conftest import SMALL

    import_register(SMALL)
    settings.AREASEND_RUN_PLANS_INLINE = False
    run = _plan(planner)
    assert run.status == PlanRun.Status.QUEUED
    task = DBTaskResult.objects.get(pk=run.task_id)
    assert (task.status, task.task_path) == ("READY", "areasend.programme.tasks.solve_plan_run")
    # The task runs the solve; run again, it changes nothing.
    from areasend.programme.tasks import solve_plan_run

    assert solve_plan_run.call(run.pk) == "done"
    finished_at = PlanRun.objects.get(pk=run.pk).finished_at
    assert solve_plan_run.call(run.pk) == "done"
    run.refresh_from_db()
    assert run.finished_at == finished_at
    assert len(run.result["items"]) == 9


def test_a_what_if_moves_only_what_it_has_to(register, planner):
    base = _plan(planner)
    run = services.start_what_if(planner, base, today=TODAY, exclude_area="E09000002")
    diff = compare(base.result, run.result)
    # Leaving an area out frees room; nothing else has a reason to move, so nothing does.
    assert not diff.moved
    assert diff.unchanged == len(base.result["items"]) - 1
    assert run.parameters["previous_run"] == base.pk
    assert any("kept it" in note for note in run.result["notes"])


def test_a_new_plan_keeps_the_current_programme_where_it_can(register, planner):
    first = _plan(planner)
    services.accept(planner, first)
    again = _plan(planner)
    assert again.parameters["previous_run"] == first.pk
    assert compare(first.result, again.result).is_empty
