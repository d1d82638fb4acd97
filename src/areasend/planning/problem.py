"""From areas, history, rules, capacity and calendar to the activities to place and the weeks they may use.

Every due date comes from the framework core (``cycle_after`` and the first-cycle rule); nothing here
re-derives one. Weeks are integer indices of Mondays from the first Monday on or after the planning date.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from areasend import framework as fw

from .order import rank_areas
from .model import (
    FULL,
    MONITORING,
    AreaState,
    Blackout,
    Capacity,
    EngagementMeetingItem,
    Inspector,
    PlanningRules,
    Terms,
)

__all__ = [
    "Activity",
    "Problem",
    "build_problem",
    "default_blackouts",
    "election_blackouts",
    "first_cycle_due",
    "score",
    "team_terms",
]


@dataclass(frozen=True)
class Activity:
    """One on-site activity to place: a full inspection (first or re-) or a monitoring inspection."""

    index: int
    area: AreaState
    kind: str
    due_by: dt.date | None
    earliest: dt.date
    rank: int | None  # place in the first-inspection order (1 = longest since last inspected)
    first_inspection: bool
    allowed: tuple[int, ...]  # week indices the activity may use
    basis: str
    #: Why ``due_by`` is not the rule's own date (a national pause), or empty.
    moved_because: str = ""


@dataclass(frozen=True)
class Problem:
    as_of: dt.date
    until: dt.date
    mondays: tuple[dt.date, ...]
    activities: tuple[Activity, ...]
    capacity: Capacity
    rules: PlanningRules
    blackouts: tuple[Blackout, ...]
    meetings: tuple[EngagementMeetingItem, ...]
    waiting_for_first: int
    workforce: tuple[Inspector, ...] = ()
    pauses: tuple[fw.NationalPause, ...] = ()

    # -- named inspectors ------------------------------------------------------------------------
    def places(self, activity: Activity) -> tuple[str, ...]:
        """The remit of each place on the activity's team, lead first (empty without a workforce)."""
        if not self.workforce:
            return ()
        return tuple(role.remit.value for role in fw.team_places(activity.kind))

    def travels(self, person: int, activity: Activity) -> bool:
        region = self.workforce[person].region
        return bool(region) and region != activity.area.region

    def eligible(self, activity: Activity, remit: str) -> list[int]:
        """People who may take a place of ``remit`` on the activity: remit and no conflict, nearest first."""
        people = [i for i in self.people_by_remit.get(remit, ())
                  if activity.area.code not in self.workforce[i].conflicts]
        # Home region first; among the rest a different rotation for each activity, so that the nearest
        # few spread over the workforce instead of always naming its first people.
        size = max(1, len(self.workforce))
        people.sort(key=lambda i: (self.travels(i, activity), (i + 7 * activity.index) % size))
        return people

    def candidates(self, activity: Activity, remit: str) -> list[int]:
        """The people the solver considers for the place (all eligible, or the nearest few)."""
        people = self.eligible(activity, remit)
        limit = self.rules.team_candidates
        return people if limit is None else people[:limit]

    def available(self, person: int, week: int) -> bool:
        return self.mondays[week] not in self.workforce[person].unavailable

    def workload_target(self, remit: str) -> int:
        """Each person's even share of the places of their remit across every activity, rounded up."""
        return self._workload_targets.get(remit, 0)

    @functools.cached_property
    def _workload_targets(self) -> dict[str, int]:
        out = {}
        for remit in {person.remit for person in self.workforce}:
            people = sum(1 for person in self.workforce if person.remit == remit)
            places = sum(self.places(a).count(remit) for a in self.activities)
            out[remit] = -(-places // people)
        return out

    @functools.cached_property
    def people_by_remit(self) -> dict[str, tuple[int, ...]]:
        """Workforce indices of each remit, in the workforce's own order."""
        out: dict[str, list[int]] = {}
        for index, person in enumerate(self.workforce):
            out.setdefault(person.remit, []).append(index)
        return {remit: tuple(people) for remit, people in out.items()}

    def previous_lead(self, activity: Activity) -> int | None:
        """The workforce index of the lead of the area's latest inspection, when known and in the workforce."""
        name = activity.area.previous_lead
        if not name:
            return None
        return next((i for i, p in enumerate(self.workforce) if p.name == name and p.remit == "hmi"), None)

    @property
    def n_weeks(self) -> int:
        return len(self.mondays)

    @property
    def horizon_end(self) -> dt.date:
        """The day after the last planned week, when an unscheduled activity is counted as late to."""
        return self.mondays[-1] + dt.timedelta(days=7) if self.mondays else self.until

    def capacity_of(self, week: int, kind: str) -> int:
        return max(0, self.capacity.for_week(self.mondays[week], kind))

    def days_late(self, activity: Activity, week: int | None) -> int:
        if activity.due_by is None:
            return 0
        day = self.horizon_end if week is None else self.mondays[week]
        if week is None and activity.due_by >= self.horizon_end:
            return 0
        return max(0, (day - activity.due_by).days)

    def full_budget(self, week: int) -> int | None:
        """Full inspections the pace allows in weeks 0 to ``week`` together (None: no pace)."""
        return self.capacity.full_budget(week + 1)

    def history_gap_shortfall(self, activity: Activity, week: int) -> int:
        last = activity.area.last_inspection_date
        if last is None:
            return 0
        weeks_since = (self.mondays[week] - last).days // 7
        return max(0, self.rules.min_gap_weeks - weeks_since)

    def blackout_labels(self, activity: Activity, week: int) -> list[str]:
        monday = self.mondays[week]
        return [b.label for b in self.blackouts if b.covers_week(monday, activity.area.code)] + [
            f"national pause: {p.sentence}" for p in self.pauses if p.covers_week(monday, activity.kind)]

    def pairs(self) -> list[tuple[Activity, Activity]]:
        """(monitoring, full reinspection) of the same area: the monitoring comes first, a gap between."""
        by_area: dict[str, dict[str, Activity]] = {}
        for activity in self.activities:
            by_area.setdefault(activity.area.code, {})[activity.kind] = activity
        return [(kinds[MONITORING], kinds[FULL]) for kinds in by_area.values() if len(kinds) == 2]

    def inversion_pairs(self) -> list[tuple[Activity, Activity]]:
        """(older, newer) pairs of first inspections the model counts, within the configured window."""
        ranked = sorted((a for a in self.activities if a.first_inspection), key=lambda a: a.rank)
        window = self.rules.inversion_window
        out = []
        for i, older in enumerate(ranked):
            stop = len(ranked) if window is None else min(len(ranked), i + 1 + window)
            for newer in ranked[i + 1 : stop]:
                out.append((older, newer))
        return out


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def first_cycle_due(as_of: dt.date) -> dt.date | None:
    """When the first cycle of full inspections under the current framework must be complete."""
    for version in fw.VERSIONS:
        if version.cycle is None or (version.in_force_until is not None and version.in_force_until < as_of):
            continue
        return version.cycle.first_cycle_complete.on
    return None


def default_blackouts(
    start: dt.date, end: dt.date, *, bank_holiday_weeks: bool = False
) -> tuple[Blackout, ...]:
    """The framework core's no-inspection periods from ``start`` to ``end``, as England-wide blackouts
    (school holidays, general-election periods and, when asked, every week holding a bank holiday)."""
    return tuple(
        Blackout(period.start, period.end, period.label)
        for period in fw.no_inspection_periods(start, end, bank_holiday_weeks=bank_holiday_weeks)
    )


def election_blackouts(pauses: Iterable[fw.PublicationPause]) -> tuple[Blackout, ...]:
    """Pre-election periods as blackouts: England-wide for a general election, else only the areas with polls."""
    out = []
    for pause in pauses:
        codes = None if pause.scope is fw.PauseScope.ALL_ENGLAND else frozenset(pause.area_codes)
        out.append(Blackout(pause.start, pause.end, f"pre-election period: {pause.label}", codes))
    return tuple(out)


def build_problem(
    areas: Sequence[AreaState],
    as_of: dt.date,
    until: dt.date,
    *,
    capacity: Capacity | None = None,
    rules: PlanningRules | None = None,
    blackouts: Sequence[Blackout] | None = None,
    workforce: Sequence[Inspector] = (),
    pauses: Sequence[fw.NationalPause] = (),
) -> Problem:
    """Work out each area's next on-site activities and the weeks each may use.

    Not yet inspected under the current framework: a full inspection, due by the end of the first cycle,
    ranked by its last inspection (oldest first; never inspected first of all). After a published outcome:
    the cycle from ``framework.cycle_after`` (next full inspection, and a monitoring inspection after
    outcome 3 unless one has happened). A full inspection not yet published gives nothing to plan.
    National ``pauses`` (the core's :class:`~areasend.framework.NationalPause`): a due date inside a pause
    of the activity's kind moves to after it (``framework.date_past_pauses``), and no activity of a kind
    paused may use a week that has a working day in the pause.
    """
    capacity = capacity or Capacity.real_pace()
    rules = rules or PlanningRules()
    blackouts = tuple(default_blackouts(as_of, until) if blackouts is None else blackouts)
    first = _monday_on_or_after(as_of)
    mondays = []
    day = first
    while day <= until:
        mondays.append(day)
        day += dt.timedelta(days=7)
    first_due = first_cycle_due(as_of)
    waiting = rank_areas([a for a in areas if a.awaiting_first_full_inspection], rules.order_rule)
    rank = {area.code: number for number, area in enumerate(waiting, start=1)}
    raw: list[tuple[AreaState, str, dt.date | None, dt.date, str]] = []
    meetings: list[EngagementMeetingItem] = []
    for area in sorted(areas, key=lambda a: a.code):
        if area.awaiting_first_full_inspection:
            last = fw.written_date(area.last_inspection_date) if area.last_inspection_date else "never"
            raw.append((area, FULL, first_due, as_of,
                        f"first full inspection under the current framework (last inspected {last})"))
            continue
        if area.last_outcome is None or area.last_published is None or area.last_full_framework is None:
            continue
        cycle = fw.cycle_after(area.last_full_framework, area.last_outcome, published=area.last_published,
                               until=until)
        outcome = f"outcome {area.last_outcome} published {fw.written_date(area.last_published)}"
        monitoring = cycle.monitoring_inspection_due
        if monitoring is not None and not area.monitoring_since_last_full:
            raw.append((area, MONITORING, monitoring.date, max(as_of, monitoring.earliest),
                        f"monitoring inspection after {outcome}"))
        full = cycle.next_full_inspection_due
        if full is not None:
            raw.append((area, FULL, full.date, max(as_of, full.earliest), f"full reinspection after {outcome}"))
        for meeting in cycle.engagement_meetings:
            if as_of <= meeting.date <= until:
                meetings.append(EngagementMeetingItem(area.code, meeting.date))
    activities = []
    # Whether each week is closed: England-wide blackouts once a week, the others once an area.
    everywhere = [b for b in blackouts if b.area_codes is None]
    local = [b for b in blackouts if b.area_codes is not None]
    closed = [any(b.covers_week(monday, "") for b in everywhere) for monday in mondays]
    open_for = {kind: [capacity.for_week(monday, kind) > 0 for monday in mondays] for kind in (FULL, MONITORING)}
    paused = {kind: [any(p.covers_week(monday, kind) for p in pauses) for monday in mondays] for kind in (FULL, MONITORING)}
    for area, kind, due, earliest, basis in raw:
        moved_because = ""
        if due is not None and pauses:
            moved, applied = fw.date_past_pauses(due, kind, pauses)
            if applied:
                moved_because = fw.why_moved(due, moved, applied, subject="the due date")
                due = moved
        mine = [b for b in local if area.code in b.area_codes]
        allowed = tuple(
            week
            for week, monday in enumerate(mondays)
            if monday >= earliest
            and open_for[kind][week]
            and not closed[week]
            and not paused[kind][week]
            and not any(b.covers_week(monday, area.code) for b in mine)
        )
        if mondays and earliest > mondays[-1]:
            continue  # not yet open within the horizon: after the horizon, costs nothing
        first_inspection = area.awaiting_first_full_inspection
        activities.append(Activity(len(activities), area, kind, due, earliest,
                                   rank.get(area.code) if first_inspection else None, first_inspection,
                                   allowed, basis, moved_because))
    meetings.sort(key=lambda m: (m.date, m.area_code))
    return Problem(as_of, until, tuple(mondays), tuple(activities), capacity, rules, blackouts, tuple(meetings),
                   len(waiting), tuple(workforce), tuple(pauses))


def team_terms(problem: Problem, weeks: Sequence[int | None], teams: Sequence[tuple[int, ...] | None]) -> dict:
    """Travel, workload above the even share, and the lead rules, for the teams chosen."""
    travel = lead_changes = lead_repeats = 0
    load: dict[int, int] = {}
    lead_of: dict[int, int] = {}
    for activity in problem.activities:
        team = teams[activity.index] if teams else None
        if weeks[activity.index] is None or not team:
            continue
        for person in team:
            load[person] = load.get(person, 0) + 1
            travel += problem.travels(person, activity)
        lead_of[activity.index] = team[0]
    paired_full = {}
    for monitoring, full in problem.pairs():
        paired_full[full.index] = monitoring.index
    for activity in problem.activities:
        lead = lead_of.get(activity.index)
        if lead is None:
            continue
        previous = problem.previous_lead(activity)
        if activity.kind == MONITORING and previous is not None and lead != previous:
            lead_changes += 1
        if activity.kind == FULL:
            before = lead_of.get(paired_full.get(activity.index, -1))
            if before is None:
                before = previous
            if before is not None and lead == before:
                lead_repeats += 1
    excess = sum(max(0, count - problem.workload_target(problem.workforce[person].remit))
                 for person, count in load.items())
    return {"travel": travel, "workload_excess": excess, "lead_changes": lead_changes, "lead_repeats": lead_repeats}


def score(problem: Problem, weeks: Sequence[int | None], teams: Sequence[tuple[int, ...] | None] | None = None
          ) -> Terms:
    """The objective's terms for an assignment of a week (or None: after the horizon) to each activity,
    and of a team (workforce indices, one a place) to each planned activity when there is a workforce."""
    rules = problem.rules
    unscheduled = sum(1 for week in weeks if week is None)
    late = sum(problem.days_late(a, weeks[a.index]) for a in problem.activities)
    sentinel = problem.n_weeks
    ranked = sorted((a for a in problem.activities if a.first_inspection), key=lambda a: a.rank)
    positions = [sentinel if weeks[a.index] is None else weeks[a.index] for a in ranked]
    inversions = _count_inversions(positions)
    load: dict[tuple[str, int], int] = {}
    for activity in problem.activities:
        week = weeks[activity.index]
        if week is not None:
            key = (activity.area.region, week)
            load[key] = load.get(key, 0) + 1
    excess = sum(max(0, count - rules.region_cap) for count in load.values())
    gap = sum(problem.history_gap_shortfall(a, weeks[a.index]) for a in problem.activities
              if weeks[a.index] is not None)
    for monitoring, full in problem.pairs():
        wm, wf = weeks[monitoring.index], weeks[full.index]
        if wm is not None and wf is not None:
            gap += max(0, rules.min_gap_weeks - abs(wf - wm))
    team = team_terms(problem, weeks, teams) if problem.workforce else {
        "travel": 0, "workload_excess": 0, "lead_changes": 0, "lead_repeats": 0}
    objective = (unscheduled * rules.weight_unscheduled + late * rules.weight_day_late
                 + inversions * rules.weight_inversion + excess * rules.weight_region_excess
                 + gap * rules.weight_gap_week + team["travel"] * rules.weight_travel
                 + team["workload_excess"] * rules.weight_workload + team["lead_changes"] * rules.weight_lead_change
                 + team["lead_repeats"] * rules.weight_lead_repeat)
    return Terms(unscheduled, late, inversions, excess, gap, objective, **team)


def _count_inversions(values: list[int]) -> int:
    """Pairs i < j with values[i] > values[j] (merge sort, n log n)."""
    if len(values) < 2:
        return 0
    middle = len(values) // 2
    left, right = values[:middle], values[middle:]
    count = _count_inversions(left) + _count_inversions(right)
    left.sort()
    right.sort()
    i = 0
    for value in right:
        while i < len(left) and left[i] <= value:
            i += 1
        count += len(left) - i
    return count
