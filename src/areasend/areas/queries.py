"""Reads of local areas and their history that pages and other apps share.

History here means imported history plus inspections recorded in the service whose report is
published on or before ``today``. A successor area inherits its predecessors' history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from areasend.areas.models import (
    Framework,
    InspectionKind,
    InspectionRecord,
    LocalAreaPartnership,
    Outcome,
)

CURRENT_FRAMEWORKS = (Framework.F2023, Framework.F2025)
NOT_YET_INSPECTED = "none"


def today_in_england() -> dt.date:
    return timezone.localdate()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _history_of(area_ref, today: dt.date) -> QuerySet[InspectionRecord]:
    """Records of the area (given as an ``OuterRef`` or an area) and of the bodies it succeeds."""
    return InspectionRecord.objects.filter(
        Q(area=area_ref) | Q(area__successor_links__successor=area_ref)
    ).visible_on(today)


def current_areas(today: dt.date | None = None) -> QuerySet[LocalAreaPartnership]:
    """Current areas, each annotated with its last inspection and latest outcome.

    ``last_inspection_date`` / ``last_inspection_precision`` / ``last_inspection_kind``: the most
    recent inspection, revisit or monitoring inspection, its own or inherited.
    ``latest_outcome``: the outcome of the latest full inspection under the 2023 framework or
    its updates, or None when there has not been one yet.
    """
    today = today or today_in_england()
    latest = _history_of(OuterRef("pk"), today).filter(start_date__isnull=False).order_by("-start_date", "-id")
    with_outcome = (
        _history_of(OuterRef("pk"), today)
        .filter(framework__in=CURRENT_FRAMEWORKS, kind=InspectionKind.FULL, outcome__isnull=False)
        .order_by(F("start_date").desc(nulls_last=True), "-id")
    )
    return LocalAreaPartnership.objects.current().annotate(
        last_inspection_date=Subquery(latest.values("start_date")[:1]),
        last_inspection_precision=Subquery(latest.values("start_date_precision")[:1]),
        last_inspection_kind=Subquery(latest.values("kind")[:1]),
        last_inspection_framework=Subquery(latest.values("framework")[:1]),
        latest_outcome=Subquery(with_outcome.values("outcome")[:1]),
    )


SINCE_LAST_CHOICES = (
    ("under-1", "Less than 1 year"),
    ("1-3", "1 to 3 years"),
    ("3-5", "3 to 5 years"),
    ("over-5", "More than 5 years"),
)

SORT_CHOICES = (
    ("name", "Name (A to Z)"),
    ("oldest", "Last inspection (oldest first)"),
    ("region", "Region"),
)

OUTCOME_FILTER_CHOICES = tuple((str(o.value), o.label) for o in Outcome) + (
    (NOT_YET_INSPECTED, "Not yet inspected under the 2023 framework"),
)


def filtered_areas(
    *,
    region: str = "",
    outcome: list[str] | tuple[str, ...] = (),
    since_last: str = "",
    q: str = "",
    sort: str = "name",
    today: dt.date | None = None,
) -> QuerySet[LocalAreaPartnership]:
    """Current areas matching every filter given. Unknown values of a filter are ignored.

    ``outcome`` holds outcome numbers as text and/or ``"none"`` (no 2023-framework inspection yet);
    ``since_last`` is one of ``SINCE_LAST_CHOICES``; ``sort`` one of ``SORT_CHOICES``.
    """
    today = today or today_in_england()
    qs = current_areas(today)
    if region:
        qs = qs.filter(region=region)
    wanted = set(outcome)
    if wanted:
        condition = Q()
        numbers = [int(v) for v in wanted if v in {"1", "2", "3"}]
        if numbers:
            condition |= Q(latest_outcome__in=numbers)
        if NOT_YET_INSPECTED in wanted:
            condition |= Q(latest_outcome__isnull=True)
        if condition:
            qs = qs.filter(condition)
    one, three, five = (_years_before(today, n) for n in (1, 3, 5))
    if since_last == "under-1":
        qs = qs.filter(last_inspection_date__gt=one)
    elif since_last == "1-3":
        qs = qs.filter(last_inspection_date__lte=one, last_inspection_date__gt=three)
    elif since_last == "3-5":
        qs = qs.filter(last_inspection_date__lte=three, last_inspection_date__gt=five)
    elif since_last == "over-5":
        qs = qs.filter(Q(last_inspection_date__lte=five) | Q(last_inspection_date__isnull=True))
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(ons_code__iexact=q))
    if sort == "oldest":
        qs = qs.order_by(F("last_inspection_date").asc(nulls_first=True), "name")
    elif sort == "region":
        qs = qs.order_by("region", "name")
    else:
        qs = qs.order_by("name")
    return qs


def regions() -> list[str]:
    """The regions of current areas, in alphabetical order."""
    return sorted(set(LocalAreaPartnership.objects.current().exclude(region="").values_list("region", flat=True)))


def get_area(ons_code: str) -> LocalAreaPartnership:
    """The area with this ONS code, current or abolished; a 404 when there is none."""
    area = LocalAreaPartnership.objects.filter(ons_code=ons_code.upper()).first()
    if area is None:
        raise Http404("No local area has that code")
    return area


@dataclass(frozen=True)
class HistoryEntry:
    """One record in an area's history, with the body it was recorded under when inherited."""

    record: InspectionRecord
    inherited_from: LocalAreaPartnership | None

    @property
    def is_inherited(self) -> bool:
        return self.inherited_from is not None

    @property
    def sort_date(self) -> dt.date:
        record = self.record
        for day in (record.start_date, record.published, record.follows.start_date if record.follows else None):
            if day is not None:
                return day
        return dt.date.min


_KIND_ORDER = {InspectionKind.FULL: 0, InspectionKind.REVISIT: 1, InspectionKind.MONITORING: 2}


def history_for(area: LocalAreaPartnership, today: dt.date | None = None) -> list[HistoryEntry]:
    """The area's own history and what it inherits, oldest first."""
    today = today or today_in_england()
    records = (
        _history_of(area, today)
        .select_related("area", "follows")
        .order_by("start_date", "id")
        .distinct()
    )
    return _sorted_history(area, records)


def last_inspection(area: LocalAreaPartnership, today: dt.date | None = None) -> HistoryEntry | None:
    """The most recent dated entry of the area's history, its own or inherited."""
    dated = [e for e in history_for(area, today) if e.record.start_date is not None]
    return dated[-1] if dated else None


def latest_full_inspection_under_current_framework(
    area: LocalAreaPartnership, today: dt.date | None = None
) -> HistoryEntry | None:
    """The latest full inspection under the 2023 framework or its updates, if there has been one."""
    full = [
        e
        for e in history_for(area, today)
        if e.record.kind == InspectionKind.FULL and e.record.framework in CURRENT_FRAMEWORKS
    ]
    return full[-1] if full else None


# --- what comes next, from the framework core ----------------------------------------------


@dataclass(frozen=True)
class NextStep:
    """One thing due, with its date from the framework core and how firm that date is."""

    key: str
    label: str
    date: dt.date
    approximate: bool
    tolerance: str
    earliest: dt.date
    latest: dt.date
    confirmed: bool
    owner: str
    passed: bool
    note: str = ""
    #: Why the date is not the one the rule alone gives (a national pause), or empty.
    moved_because: str = ""

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "date": self.date.isoformat(),
            "approximate": self.approximate,
            "tolerance": self.tolerance,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "confirmed": self.confirmed,
            "owner": self.owner,
            "passed": self.passed,
            "note": self.note,
            "moved_because": self.moved_because,
        }


@dataclass(frozen=True)
class NextSteps:
    """What comes next for one area as of ``today``, and what it is counted from."""

    area: LocalAreaPartnership
    today: dt.date
    basis: str
    steps: tuple[NextStep, ...] = ()
    based_on: HistoryEntry | None = None
    awaiting_first_inspection: bool = False
    priority: int | None = None
    waiting: int | None = None
    last_inspection: HistoryEntry | None = None
    reason_unknown: str = ""

    def to_dict(self) -> dict:
        return {
            "area": self.area.ons_code,
            "today": self.today.isoformat(),
            "basis": self.basis,
            "awaiting_first_inspection": self.awaiting_first_inspection,
            "priority": self.priority,
            "waiting": self.waiting,
            "steps": [step.to_dict() for step in self.steps],
            "reason_unknown": self.reason_unknown,
        }


def _step(due, today: dt.date, pauses=()) -> NextStep:
    """A due date from the core as a step, moved past any national pause of its kind (and saying why)."""
    from areasend import framework as fw

    original = due
    due, applied = fw.push_past_pauses(due, pauses)
    label = due.label[:1].upper() + due.label[1:]
    return NextStep(
        key=due.key,
        label=label,
        date=due.date,
        approximate=bool(due.soft),
        tolerance=str(due.tolerance) if due.tolerance else "",
        earliest=due.earliest,
        latest=due.latest,
        confirmed=bool(due.confirmed),
        owner=due.owner.value,
        passed=due.date < today,
        note=original.note,
        moved_because=fw.why_moved(original.date, due.date, applied),
    )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def first_inspection_queue(today: dt.date | None = None) -> list[LocalAreaPartnership]:
    """Current areas with no full inspection under the 2023 framework yet, longest since last inspected first."""
    today = today or today_in_england()
    return list(
        current_areas(today)
        .filter(latest_outcome__isnull=True)
        .order_by(F("last_inspection_date").asc(nulls_first=True), "name")
    )


def next_steps(area: LocalAreaPartnership, today: dt.date | None = None, pauses=None) -> NextSteps:
    """What comes next for ``area``: every date is the framework core's, never worked out here.

    After a full inspection under the 2023 framework or its updates: the cycle that its outcome
    triggers (next full inspection, monitoring inspection and priority action plan after
    outcome 3, strategic plan update, engagement meetings). Engagement meetings already past are
    left out, as are those held (even early) and a monitoring inspection that has happened. An area not yet inspected under
    the 2023 framework is waiting for its first full inspection, due by the end of the first
    cycle, with its place in the queue ordered by the date of its last inspection. An inspection
    due inside a national pause of its kind (``pauses``, read once when not given) moves to after it.
    """
    from areasend import framework as fw

    today = today or today_in_england()
    pauses = national_pauses() if pauses is None else pauses
    if not area.is_current:
        return NextSteps(area, today, basis=f"{area.name} was abolished on {_day(area.abolished_on)}.",
                         reason_unknown="abolished")
    history = history_for(area, today)
    full = [
        e for e in history if e.record.kind == InspectionKind.FULL and e.record.framework in CURRENT_FRAMEWORKS
    ]
    dated = [e for e in history if e.record.start_date is not None]
    last = dated[-1] if dated else None
    if not full:
        version = fw.version_on(today)
        queue = first_inspection_queue(today)
        position = next((i for i, a in enumerate(queue, start=1) if a.pk == area.pk), None)
        steps: tuple[NextStep, ...] = ()
        if version.cycle is not None:
            rule = version.cycle.first_cycle_complete
            due = fw.DueDate(
                key="first_full_inspection_due",
                label="First full inspection under the current framework",
                date=rule.on,
                rule_id=rule.rule_id,
                source=rule.source,
                counts_from=rule.counts_from,
                counts_from_date=rule.on,
                soft=rule.soft,
                tolerance=rule.tolerance,
                confirmed=rule.confirmed,
                owner=fw.Owner.INSPECTORATES,
                note=rule.note,
            )
            steps = (_step(due, today, pauses),)
        if last is not None:
            basis = (
                f"{area.name} has not yet had a full inspection under the 2023 framework. Areas are taken "
                f"broadly in order of how long ago they were last inspected; its last inspection started "
                f"{_start_words(last.record)}."
            )
        else:
            basis = f"{area.name} has not yet had a full inspection under the 2023 framework, and has no earlier inspection on record."
        return NextSteps(
            area,
            today,
            basis=basis,
            steps=steps,
            awaiting_first_inspection=True,
            priority=position,
            waiting=len(queue),
            last_inspection=last,
        )
    latest = full[-1]
    record = latest.record
    if record.published is None or record.outcome is None:
        return NextSteps(
            area,
            today,
            basis="The latest full inspection has no publication date or outcome on record, so what follows cannot be dated.",
            based_on=latest,
            last_inspection=last,
            reason_unknown="no publication date or outcome",
        )
    cycle = fw.cycle_after(pap_deadlines_version(record.framework), record.outcome, published=record.published)
    monitored = any(
        e.record.kind == InspectionKind.MONITORING
        and e.record.start_date is not None
        and e.record.start_date > record.start_date
        for e in history
    )
    from areasend.areas.models import HeldMeeting

    held = set(HeldMeeting.objects.filter(record=record).values_list("due_key", flat=True))
    steps_list = []
    upcoming_meeting_seen = False
    for due in cycle.due_dates():
        if due.key.startswith("engagement_meeting"):
            if due.date < today or upcoming_meeting_seen or due.key in held:
                continue
            upcoming_meeting_seen = True
        if due.key == "monitoring_inspection_due" and monitored:
            continue
        steps_list.append(_step(due, today, pauses))
    outcome = Outcome(record.outcome).label.lower()
    basis = (
        f"Counted from the publication on {_day(record.published)} of the full inspection that started "
        f"{_start_words(record)}, whose outcome was {outcome}."
    )
    return NextSteps(area, today, basis=basis, steps=tuple(steps_list), based_on=latest, last_inspection=last)


def _start_words(record: InspectionRecord) -> str:
    if record.start_date is None:
        return "on a date not known"
    if record.start_date_precision == "month":
        return f"in {record.start_date:%B %Y} (day not known)"
    return f"on {_day(record.start_date)}"


def area_by_pk(pk: str | int) -> LocalAreaPartnership | None:
    """The area with this primary key (as sent in a link), or None when there is none."""
    text = str(pk)
    return LocalAreaPartnership.objects.filter(pk=int(text)).first() if text.isdigit() else None


def areas_to_choose() -> QuerySet[LocalAreaPartnership]:
    """The current local areas by name, for a form that asks which one."""
    return LocalAreaPartnership.objects.current().order_by("name")


def areas_on(as_of: dt.date) -> QuerySet[LocalAreaPartnership]:
    """Areas that existed on ``as_of``: not yet abolished, and not a successor whose body began later."""
    return (
        LocalAreaPartnership.objects.filter(Q(abolished_on__isnull=True) | Q(abolished_on__gt=as_of))
        .exclude(predecessor_links__successor_from__gt=as_of)
        .distinct()
        .order_by("ons_code")
    )


def pks_by_code(codes) -> dict[str, int]:
    """The database key of each area named by ONS code (for links to its page)."""
    return dict(LocalAreaPartnership.objects.filter(ons_code__in=set(codes)).values_list("ons_code", "pk"))


def latest_history_date() -> dt.date | None:
    """The latest date the imported history knows of (an inspection's start, end or publication)."""
    from django.db.models import Max

    imported = InspectionRecord.objects.filter(recorded_inspection_id__isnull=True)
    found = imported.aggregate(start=Max("start_date"), end=Max("end_date"), published=Max("published"))
    days = [day for day in found.values() if day is not None]
    return max(days) if days else None


# --- how current the data is, and the whole history at once (national statistics) ------------


@dataclass(frozen=True)
class DataCurrency:
    """When the register and history were last changed, and the latest dates they hold.

    ``updated_at`` is the last import of the register or change to an area's history (a
    published inspection recorded in the service counts); ``latest_start`` and
    ``latest_published`` are the newest on-site start and report publication on record.
    ``as_of`` is the latest of those two dates: statements such as "not yet inspected" hold
    as of then, not as of today.
    """

    updated_at: dt.datetime | None
    update_kind: str
    latest_start: dt.date | None
    latest_published: dt.date | None

    @property
    def as_of(self) -> dt.date | None:
        days = [d for d in (self.latest_start, self.latest_published) if d is not None]
        return max(days) if days else None

    @property
    def key(self) -> str:
        """Changes whenever the data does: for caches and HTTP validators."""
        stamp = self.updated_at.isoformat() if self.updated_at else "never"
        return f"{stamp}|{self.latest_start}|{self.latest_published}"


def data_currency(today: dt.date | None = None) -> DataCurrency:
    from django.db.models import Max

    from areasend.accounts.models import Verb
    from areasend.accounts.queries import latest_event

    today = today or today_in_england()
    dates = InspectionRecord.objects.visible_on(today).aggregate(start=Max("start_date"), published=Max("published"))
    event = latest_event(Verb.REGISTER_IMPORTED, Verb.HISTORY_ADDED, Verb.HISTORY_CHANGED)
    return DataCurrency(
        updated_at=event.at if event else None,
        update_kind=event.verb if event else "",
        latest_start=dates["start"],
        latest_published=dates["published"],
    )


@dataclass(frozen=True)
class AreaRow:
    """A current area's register facts, as plain values."""

    code: str
    name: str
    region: str
    kind: str
    ehc_plans: int | None
    ehc_plans_as_at: str
    sen_support_pupils: int | None
    sen_support_as_at: str
    school_pupils_with_ehc_plan: int | None
    school_pupils: int | None


@dataclass(frozen=True)
class RecordRow:
    """One history record as plain values. ``heirs`` are the current areas whose history it is part of."""

    id: int
    area_code: str
    area_name: str
    region: str
    framework: str
    kind: str
    start_date: dt.date | None
    start_date_precision: str
    end_date: dt.date | None
    published: dt.date | None
    outcome: int | None
    heirs: tuple[str, ...]
    recorded_in_service: bool


def register_rows() -> list[AreaRow]:
    return [
        AreaRow(
            code=a.ons_code, name=a.name, region=a.region, kind=a.kind, ehc_plans=a.ehc_plans,
            ehc_plans_as_at=a.ehc_plans_as_at, sen_support_pupils=a.sen_support_pupils,
            sen_support_as_at=a.sen_support_as_at, school_pupils_with_ehc_plan=a.school_pupils_with_ehc_plan,
            school_pupils=a.school_pupils,
        )
        for a in LocalAreaPartnership.objects.current().order_by("name")
    ]


def history_rows(today: dt.date | None = None) -> list[RecordRow]:
    """Every record visible on ``today`` (imported, or recorded and published), in three queries."""
    from areasend.areas.models import Succession

    today = today or today_in_england()
    heirs: dict[int, list[str]] = {}
    for predecessor_id, code in Succession.objects.values_list("predecessor_id", "successor__ons_code"):
        heirs.setdefault(predecessor_id, []).append(code)
    rows = []
    for r in (
        InspectionRecord.objects.visible_on(today)
        .select_related("area")
        .order_by("start_date", "id")
    ):
        own = [r.area.ons_code] if r.area.abolished_on is None else []
        rows.append(
            RecordRow(
                id=r.pk, area_code=r.area.ons_code, area_name=r.area.name, region=r.area.region,
                framework=r.framework, kind=r.kind, start_date=r.start_date,
                start_date_precision=r.start_date_precision, end_date=r.end_date, published=r.published,
                outcome=r.outcome, heirs=tuple(own + sorted(heirs.get(r.area_id, []))),
                recorded_in_service=r.recorded_inspection_id is not None,
            )
        )
    return rows


def history_end_and_publication() -> list[tuple[dt.date, dt.date]]:
    """(end of on-site work, publication) for every inspection in the register's history that has both."""
    return list(InspectionRecord.objects.filter(end_date__isnull=False, published__isnull=False)
                .values_list("end_date", "published"))


@dataclass(frozen=True)
class WrittenStatement:
    """A 2016-framework inspection that required a written statement of action, and what followed.

    The deadlines are the framework core's, counted from the report's publication (the date the
    area received it is estimated from publication). The shipped history records the revisit and
    its findings, not the dates the statement was sent or judged fit for purpose.
    """

    inspection: InspectionRecord
    cycle: object | None
    revisit: InspectionRecord | None
    after_revisit: object | None

    @property
    def area(self) -> LocalAreaPartnership:
        return self.inspection.area

    @property
    def weaknesses(self) -> int | None:
        return self.inspection.significant_weaknesses

    @property
    def stage(self) -> str:
        revisit = self.revisit
        if revisit is None:
            return "No revisit on record"
        if not revisit.sufficient_progress:
            return "Revisited, findings not on record"
        return "Revisited: sufficient progress" if revisit.sufficient_progress == "Yes" else "Revisited: insufficient progress"


@dataclass(frozen=True)
class WrittenStatementTotals:
    statements: int
    weaknesses: int
    revisits: int
    sufficient: int
    insufficient: int


def written_statements() -> list[WrittenStatement]:
    """Every 2016-framework inspection whose report required a written statement of action."""
    from areasend import framework as fw

    records = list(
        InspectionRecord.objects.filter(
            framework=Framework.F2016, kind=InspectionKind.FULL, wsoa_required=True
        ).select_related("area").order_by("area__name", "start_date")
    )
    revisits = {
        r.follows_id: r
        for r in InspectionRecord.objects.filter(
            framework=Framework.F2016, kind=InspectionKind.REVISIT, follows__in=records
        ).order_by("start_date")
    }
    out = []
    for record in records:
        cycle = (
            fw.cycle_after(Framework.F2016, published=record.published, written_statement=True)
            if record.published
            else None
        )
        revisit = revisits.get(record.pk)
        follow_up = None
        if revisit is not None and revisit.published and revisit.sufficient_progress:
            follow_up = fw.after_revisit(
                Framework.F2016, report_published=revisit.published,
                progress_sufficient=revisit.sufficient_progress == "Yes",
            )
        out.append(WrittenStatement(record, cycle, revisit, follow_up))
    return out


def written_statement_totals(statements: list[WrittenStatement]) -> WrittenStatementTotals:
    revisited = [s.revisit for s in statements if s.revisit is not None]
    return WrittenStatementTotals(
        statements=len(statements),
        weaknesses=sum(s.weaknesses or 0 for s in statements),
        revisits=len(revisited),
        sufficient=sum(1 for r in revisited if r.sufficient_progress == "Yes"),
        insufficient=sum(1 for r in revisited if r.sufficient_progress in ("Some", "No")),
    )


# --- after the inspection: what is owed, and what is late -----------------------------------

_OWNER_WORDS = {
    "local area partnership": "Local area",
    "Ofsted and CQC": "Ofsted and CQC",
    "inspection team": "Ofsted and CQC",
    "DfE and NHS England": "National team",
}


#: An item is "due" (rather than "not due yet") from this many working days before its date.
DUE_SOON_WORKING_DAYS = 20

STATUS_WORDS = {
    "not_due": "Not due yet",
    "due": "Due",
    "overdue": "Overdue",
    "submitted": "Submitted",
    "accepted": "Accepted",
    "further_work": "Further work needed",
    "published": "Published",
    "done": "Done",
    "fit": "Fit for purpose",
    "not_fit": "Not fit for purpose",
    "revisited": "Revisited",
}

#: Recorded statuses that mean nothing more is owed, and those that mean the national team owes a review.
_FINISHED = frozenset({"published", "done"})
_WITH_NATIONAL_TEAM = frozenset({"submitted"})


@dataclass(frozen=True)
class Progress:
    """What the service has recorded against one due item: a status from ``STATUS_WORDS``, its date and a note."""

    status: str
    on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class OwedItem:
    """One item owed after an area's latest full inspection, with its status on ``today``.

    ``status`` is one of ``STATUS_WORDS``. ``is_late`` says the item is past its date and still the
    local area's (or the inspectorates') to do: a plan submitted and waiting for review is not late.
    """

    obligation: object  # framework Obligation
    owner_words: str
    working_days_late: int
    status: str
    note: str = ""
    due_key: str = ""
    is_late: bool = False

    @property
    def status_words(self) -> str:
        if self.status == "overdue":
            days = self.working_days_late
            return f"Overdue by {days} working day{'s' if days != 1 else ''}"
        return STATUS_WORDS.get(self.status, self.status)


def pap_deadlines_version(framework_id: str):
    """The framework version with the priority action plan deadlines this service is set to use."""
    from django.conf import settings

    from areasend import framework as fw

    return fw.with_priority_action_plan_deadlines(
        fw.get_version(framework_id),
        submit_working_days=getattr(settings, "AREASEND_PAP_SUBMIT_WORKING_DAYS", None),
        publish_working_days=getattr(settings, "AREASEND_PAP_PUBLISH_WORKING_DAYS", None),
    )


def latest_full_entry(area: LocalAreaPartnership, today: dt.date | None = None) -> tuple[HistoryEntry | None, list[HistoryEntry]]:
    """The latest full inspection under the current framework (or None) and the area's whole history."""
    history = history_for(area, today)
    full = [e for e in history if e.record.kind == InspectionKind.FULL and e.record.framework in CURRENT_FRAMEWORKS]
    return (full[-1] if full else None), history


def after_inspection(
    area: LocalAreaPartnership,
    today: dt.date | None = None,
    recorded: dict[tuple[int, str], Progress] | None = None,
    pauses=None,
) -> tuple[HistoryEntry | None, list[OwedItem]]:
    """Each item owed after the area's latest full inspection, from the framework core's cycle.

    ``recorded`` maps (inspection record id, due key) to what the service has recorded against
    that item (plans submitted, reviewed and published, engagement meetings held): the follow-up
    app gives it. Engagement meetings are listed up to the first one still to come; a monitoring
    inspection that has happened is done. A due date inside a national pause of its kind (``pauses``,
    read once when not given) moves past it and says why; lateness counts from the new date.
    """
    today = today or today_in_england()
    pauses = national_pauses() if pauses is None else pauses
    return _after_inspection_from(area, history_for(area, today), today, recorded or {}, pauses)


def _sorted_history(area: LocalAreaPartnership, records) -> list[HistoryEntry]:
    entries = [HistoryEntry(r, None if r.area_id == area.pk else r.area) for r in records]
    entries.sort(key=lambda e: (e.sort_date, _KIND_ORDER.get(e.record.kind, 9), e.record.pk))
    return entries


def _after_inspection_from(area, history: list[HistoryEntry], today: dt.date,
                           recorded: dict, pauses=()) -> tuple[HistoryEntry | None, list[OwedItem]]:
    from areasend import framework as fw

    full = [e for e in history if e.record.kind == InspectionKind.FULL and e.record.framework in CURRENT_FRAMEWORKS]
    if not full:
        return None, []
    latest = full[-1]
    record = latest.record
    if record.published is None or record.outcome is None:
        return latest, []
    cycle = fw.cycle_after(pap_deadlines_version(record.framework), record.outcome, published=record.published)
    monitoring_done = min(
        (e.record.start_date for e in history
         if e.record.kind == InspectionKind.MONITORING and e.record.start_date and record.start_date
         and e.record.start_date > record.start_date),
        default=None,
    )
    items: list[OwedItem] = []
    future_meeting_seen = False
    for due in cycle.due_dates():
        progress = recorded.get((record.pk, due.key))
        if due.key == "monitoring_inspection_due" and monitoring_done:
            progress = Progress("done", monitoring_done)
        if due.key.startswith("engagement_meeting"):
            if future_meeting_seen:
                continue
            if due.date >= today and not (progress and progress.status in _FINISHED):
                future_meeting_seen = True
        items.append(_owed(area, record, due, progress, today, pauses))
    return latest, items


def _owed(area, record, due, progress: Progress | None, today: dt.date, pauses=()) -> OwedItem:
    from areasend import framework as fw

    label = due.label[:1].upper() + due.label[1:]
    finished = progress is not None and progress.status in _FINISHED
    obligation = fw.Obligation(
        key=f"{area.ons_code}:{record.pk}:{due.key}", area_code=area.ons_code, area_name=area.name,
        what=label, owner=due.owner, due=due.date, done=progress.on if finished else None,
        link=f"/after-inspection/{area.ons_code}/",
    )
    if pauses:
        obligation = fw.obligation_past_pauses(obligation, fw.kind_of_due_date(due.key), pauses)
    owner = _OWNER_WORDS.get(due.owner.value, due.owner.value)
    note = progress.note if progress else ""
    if progress is not None and progress.status in _WITH_NATIONAL_TEAM:
        return OwedItem(obligation, "National team", 0, progress.status, note, due.key)
    if progress is not None and progress.status == "accepted":
        return OwedItem(obligation, owner, 0, "accepted", note, due.key)
    late = obligation.working_days_late(today)
    if finished:
        return OwedItem(obligation, owner, late, progress.status, note, due.key)
    if progress is not None and progress.status == "further_work":
        return OwedItem(obligation, owner, late, "further_work", note, due.key, is_late=late > 0)
    if late > 0:
        return OwedItem(obligation, owner, late, "overdue", note, due.key, is_late=True)
    soon = obligation.due <= today or fw.calendar.ENGLAND.working_days_between(today, obligation.due) <= DUE_SOON_WORKING_DAYS
    return OwedItem(obligation, owner, 0, "due" if soon else "not_due", note, due.key)


def overdue_after_inspection(
    today: dt.date | None = None,
    recorded: dict[tuple[int, str], Progress] | None = None,
) -> list[OwedItem]:
    """Every current area's late items after its latest full inspection, the latest first.

    ``recorded`` holds what is recorded for every area at once (keys name the inspection record).
    """
    late = [item for _, items in owed_after_inspection_everywhere(today, recorded) for item in items if item.is_late]
    late.sort(key=lambda item: (-item.working_days_late, item.obligation.area_name, item.obligation.what))
    return late


def owed_after_inspection_everywhere(
    today: dt.date | None = None,
    recorded: dict[tuple[int, str], Progress] | None = None,
) -> list[tuple[LocalAreaPartnership, list[OwedItem]]]:
    """Every current area with a full inspection under the current framework, and each item owed after
    it with its status on ``today`` (the overdue list and the reminders read this), areas by name."""
    from areasend.areas.models import Succession

    today = today or today_in_england()
    recorded = recorded or {}
    pauses = national_pauses()
    # Every visible record and every succession, read once: the history of each area is put
    # together here rather than with a query per area.
    predecessors: dict[int, set[int]] = {}
    for predecessor_id, successor_id in Succession.objects.values_list("predecessor_id", "successor_id"):
        predecessors.setdefault(successor_id, set()).add(predecessor_id)
    by_area: dict[int, list[InspectionRecord]] = {}
    for r in InspectionRecord.objects.visible_on(today).select_related("area", "follows").order_by("start_date", "id"):
        by_area.setdefault(r.area_id, []).append(r)
    out: list[tuple[LocalAreaPartnership, list[OwedItem]]] = []
    for area in current_areas(today).filter(latest_outcome__isnull=False).order_by("name"):
        records = list(by_area.get(area.pk, []))
        for predecessor_id in predecessors.get(area.pk, ()):
            records.extend(by_area.get(predecessor_id, []))
        _, items = _after_inspection_from(area, _sorted_history(area, records), today, recorded, pauses)
        out.append((area, items))
    return out


# --- a 2016 written statement of action: the shipped history and what the service records -----


@dataclass(frozen=True)
class RecordedStatement:
    """What the service has recorded for one 2016 written statement of action (the follow-up app gives it).

    ``versions`` are the core's ``StatementVersion`` values, in the order submitted; ``findings`` the
    core's ``WeaknessProgress`` values of a revisit recorded in the service on ``revisit_on``;
    ``escalations`` (date, note) pairs.
    """

    versions: tuple = ()
    revisit_on: dt.date | None = None
    findings: tuple = ()
    escalations: tuple = ()


@dataclass(frozen=True)
class StatementCase:
    """An area's 2016 inspection that required a written statement of action, and what followed.

    ``tracked`` is True when the service holds dates for the statement (a version submitted here, or
    an inspection recorded here): ``items`` then gives each step with its due date from the framework
    core, its status and who owes it. Otherwise the case is the shipped history alone and ``items`` is
    empty: the history does not hold the dates the statement was sent or judged fit for purpose, and
    none is made up. ``current`` is False once a later full inspection has superseded it.
    """

    area: LocalAreaPartnership
    inspection: InspectionRecord
    inherited_from: LocalAreaPartnership | None
    history_revisit: InspectionRecord | None
    recorded: RecordedStatement
    tracked: bool
    current: bool
    items: tuple = ()

    @property
    def weaknesses(self) -> int | None:
        return self.inspection.significant_weaknesses

    @property
    def fit_on(self) -> dt.date | None:
        return next((v.decided for v in self.recorded.versions if v.fit), None)

    @property
    def waiting_for_decision(self):
        versions = self.recorded.versions
        return versions[-1] if versions and versions[-1].fit is None else None

    @property
    def revisited(self) -> bool:
        return self.history_revisit is not None or self.recorded.revisit_on is not None

    @property
    def revisit_words(self) -> str:
        """What the revisit found, in words (from the service's record, else the shipped history)."""
        if self.recorded.revisit_on is not None:
            findings = self.recorded.findings
            sufficient = sum(1 for f in findings if f.sufficient)
            return (f"Revisit reported on {_day(self.recorded.revisit_on)}: sufficient progress on {sufficient} of "
                    f"{len(findings)} significant weakness{'' if len(findings) == 1 else 'es'}.")
        revisit = self.history_revisit
        if revisit is None:
            return "No revisit on record."
        if revisit.start_date is None and revisit.published:  # such as a revisit recorded in the service
            when = f"report published on {_day(revisit.published)}"
        else:
            when = f"started {_start_words(revisit)}"
            if revisit.published:
                when += f", report published on {_day(revisit.published)}"
        if not revisit.sufficient_progress:
            return f"Revisit {when}: its findings are not on record."
        from areasend.areas.models import SufficientProgress

        words = f"Revisit {when}: {SufficientProgress(revisit.sufficient_progress).label.lower()}"
        counts = []
        if revisit.weaknesses_with_sufficient_progress is not None:
            counts.append(f"{revisit.weaknesses_with_sufficient_progress} with sufficient progress")
        if revisit.weaknesses_with_insufficient_progress is not None:
            counts.append(f"{revisit.weaknesses_with_insufficient_progress} without")
        return words + (f" ({', '.join(counts)})" if counts else "") + "."

    @property
    def progress_insufficient(self) -> bool:
        from areasend import framework as fw

        if self.recorded.revisit_on is not None:
            return fw.revisit_insufficient(self.recorded.findings)
        revisit = self.history_revisit
        return revisit is not None and revisit.sufficient_progress in ("Some", "No")

    @property
    def may_escalate(self) -> bool:
        """Insufficient progress at the revisit, or a revised statement found not fit again."""
        from areasend import framework as fw

        return self.progress_insufficient or fw.advice_to_minister(self.recorded.versions)

    @property
    def late_items(self) -> list:
        return [item for item in self.items if item.is_late]


def written_statement_case(
    area: LocalAreaPartnership,
    today: dt.date | None = None,
    recorded: RecordedStatement | None = None,
    history: list[HistoryEntry] | None = None,
    pauses=(),
) -> StatementCase | None:
    """The area's latest 2016 inspection that required a written statement of action (its own or
    inherited), or None. ``recorded`` is what the service holds for it (see :class:`RecordedStatement`)."""
    today = today or today_in_england()
    history = history_for(area, today) if history is None else history
    entries = [e for e in history if e.record.framework == Framework.F2016 and e.record.kind == InspectionKind.FULL
               and e.record.wsoa_required]
    if not entries:
        return None
    entry = entries[-1]
    record = entry.record
    recorded = recorded or RecordedStatement()
    later_full = any(e.record.kind == InspectionKind.FULL and e.sort_date > entry.sort_date for e in history)
    revisit = next((e.record for e in history if e.record.kind == InspectionKind.REVISIT
                    and e.record.follows_id == record.pk), None)
    tracked = bool(recorded.versions) or record.is_recorded_in_service
    current = area.is_current and not later_full
    items: tuple = ()
    if tracked and record.published:
        items = tuple(_statement_items(area, record, recorded, today, pauses, current))
    return StatementCase(area, record, entry.inherited_from, revisit, recorded, tracked, current, items)


def areas_with_statements_recorded_in_service() -> set[int]:
    """Areas with a 2016 inspection recorded in this service that required a written statement of action."""
    return set(InspectionRecord.objects.filter(framework=Framework.F2016, kind=InspectionKind.FULL, wsoa_required=True,
                                               recorded_inspection_id__isnull=False).values_list("area_id", flat=True))


def current_heirs(area_ids) -> list[LocalAreaPartnership]:
    """The current areas among ``area_ids`` and the current successors of the rest, by name."""
    ids = set(area_ids)
    return list(LocalAreaPartnership.objects.current()
                .filter(Q(pk__in=ids) | Q(predecessor_links__predecessor_id__in=ids)).distinct().order_by("name"))


def _statement_items(area, record, recorded: RecordedStatement, today: dt.date, pauses, current: bool):
    from areasend import framework as fw

    steps = fw.written_statement_steps(record.framework, published=record.published, versions=recorded.versions,
                                       revisit=recorded.revisit_on)
    for step in steps:
        due = step.due
        obligation = fw.Obligation(
            key=f"{area.ons_code}:{record.pk}:{due.key}", area_code=area.ons_code, area_name=area.name,
            what=due.label, owner=due.owner, due=due.date, done=step.done,
            link=f"/after-inspection/{area.ons_code}/#written-statement",
        )
        if pauses:
            obligation = fw.obligation_past_pauses(obligation, fw.kind_of_due_date(due.key), pauses)
        owner = _OWNER_WORDS.get(due.owner.value, due.owner.value)
        late = obligation.working_days_late(today)
        if step.done is not None:
            note = f"{STATUS_WORDS.get(step.result, 'Done')} on {_day(step.done)}"
            if late:
                note += f", {late} working day{'s' if late != 1 else ''} after it was due"
            yield OwedItem(obligation, owner, late, step.result or "done", note, due.key)
        elif late > 0:
            yield OwedItem(obligation, owner, late, "overdue", due.note, due.key, is_late=current)
        else:
            soon = (obligation.due <= today
                    or fw.calendar.ENGLAND.working_days_between(today, obligation.due) <= DUE_SOON_WORKING_DAYS)
            yield OwedItem(obligation, owner, 0, "due" if soon else "not_due", due.note, due.key)


def published_plans(area: LocalAreaPartnership):
    """The plans the area has published after inspections, the latest first (for the public page)."""
    from areasend.areas.models import PublishedPlan

    return list(PublishedPlan.objects.filter(area=area))


def held_meetings(area: LocalAreaPartnership):
    """The engagement meetings held with the area after inspections, the latest first (for the public page)."""
    from areasend.areas.models import HeldMeeting

    return list(HeldMeeting.objects.filter(area=area))


# --- national pauses: due dates inside one move past it ----------------------------------------


def national_pauses() -> tuple:
    """Every national pause as the framework core's plain values (read once per page, not per area)."""
    from areasend.programme.queries import national_pauses as recorded

    return recorded()
