"""Inspection timelines: every milestone with its date (spec 2.1, 4, 4.4, 7.2).

Give either the notification date (``notified``) or the first on-site day
(``onsite_start``). From the notification the dates are counted forward; from
the on-site start the notification is counted back in working days.

* A notification must be on a working day: a non-working ``notified`` date is
  refused. :func:`planned_notification` turns "the Monday of this week" into
  the notification day, moving a bank-holiday Monday to the next working day.
* Kinds notified on a set weekday (full and monitoring inspections) are on site
  in one Monday-to-Friday week: the week in which the notice ends. A bank holiday
  in the notice period shortens the notice; the on-site week does not slide to
  Tuesday (every real on-site week of 2023 and 2024 starts on a Monday). Counted
  back from an on-site week, the notification is that kind's usual call, the
  notice's number of whole weeks before (:func:`onsite_week_start`).
* An ``onsite_start`` that is not a working day moves to the next working day.
* On-site days are working days; in a Monday-to-Friday week they stop at the
  week's last working day. A revisit (no set weekday) counts working days only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import ENGLAND, WorkingDayCalendar, written_date
from .kinds import InspectionKind
from .publication import PublicationPause, publication_clock, publication_date
from .rules import FrameworkError, Milestone, Owner, Rule, apply_rule
from .versions import VERSIONS, FrameworkVersion, InspectionRules, get_version, version_on

__all__ = [
    "KINDS",
    "Timeline",
    "earliest_outcome_date",
    "full_inspection_timeline",
    "inspection_timeline",
    "monitoring_inspection_timeline",
    "onsite_week_start",
    "planned_notification",
    "revisit_timeline",
]

#: Keys of the kinds of inspection activity with a timeline (see :class:`~areasend.framework.kinds.InspectionKind`).
KINDS = tuple(kind.value for kind in InspectionKind)


@dataclass(frozen=True)
class Timeline:
    """Milestones of one inspection, in date order."""

    framework: str
    kind: str
    milestones: tuple[Milestone, ...]
    pauses_applied: tuple[PublicationPause, ...] = ()

    def __getitem__(self, key: str) -> Milestone:
        for item in self.milestones:
            if item.key == key:
                return item
        raise KeyError(key)

    def date(self, key: str) -> dt.date:
        return self[key].date

    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.milestones)

    def to_dict(self) -> dict:
        return {
            "framework": self.framework,
            "kind": self.kind,
            "milestones": {item.key: item.date.isoformat() for item in self.milestones},
            "details": [item.to_dict() for item in self.milestones],
            "pauses_applied": [pause.to_dict() for pause in self.pauses_applied],
        }


def planned_notification(
    week_commencing: dt.date, version: FrameworkVersion, calendar: WorkingDayCalendar = ENGLAND
) -> dt.date:
    """The notification day for the week starting ``week_commencing``.

    The call is usually on the version's notification weekday (Monday); when
    that day is a bank holiday it moves to the next working day.
    """
    weekday = version.full.notification_weekday or 0
    monday = week_commencing - dt.timedelta(days=week_commencing.weekday())
    return calendar.on_or_after(monday + dt.timedelta(days=weekday))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _in_monday_week(rules: InspectionRules) -> bool:
    """Kinds called on a set weekday are on site in a Monday-to-Friday week."""
    return rules.notification_weekday is not None


def onsite_week_start(
    notified: dt.date, rules: InspectionRules, calendar: WorkingDayCalendar = ENGLAND
) -> dt.date:
    """The Monday of the on-site week that a notification on ``notified`` gives.

    The week in which ``rules.notice`` working days after the call falls: a bank holiday in the
    notice period shortens the notice rather than moving the week.
    """
    return _monday(apply_rule(rules.notice, notified, calendar=calendar).date)


def _rules_for(version: FrameworkVersion, kind: str) -> InspectionRules:
    rules = {"full": version.full, "monitoring": version.monitoring, "revisit": version.revisit}.get(kind)
    if rules is None:
        if kind not in KINDS:
            raise FrameworkError(f"The kind of inspection must be one of {', '.join(KINDS)}, not {kind!r}")
        have = [v.id for v in VERSIONS if getattr(v, kind) is not None]
        raise FrameworkError(
            f"The {version.id} framework has no {kind} inspections: {kind} inspections belong to the {' and '.join(have)} framework"
        )
    return rules


def _resolve(
    kind: str,
    notified: dt.date | None,
    onsite_start: dt.date | None,
    version: FrameworkVersion | str | None,
    calendar: WorkingDayCalendar,
) -> tuple[FrameworkVersion, dt.date, dt.date, str]:
    """Version, notification day, first on-site day and a note about any move."""
    if (notified is None) == (onsite_start is None):
        raise FrameworkError("Give exactly one of the notification date and the on-site start date")
    if isinstance(version, str):
        version = None if version == "auto" else get_version(version)
    note = ""
    if notified is not None:
        if not calendar.is_working_day(notified):
            raise FrameworkError(
                f"The notification must be on a working day: {calendar.describe_non_working(notified)}. "
                f"Enter a working day, for example {written_date(calendar.next_working_day(notified))}"
            )
        chosen = version or version_on(notified)
        rules = _rules_for(chosen, kind)
        if _in_monday_week(rules):
            return chosen, notified, calendar.on_or_after(onsite_week_start(notified, rules, calendar)), note
        return chosen, notified, apply_rule(rules.notice, notified, calendar=calendar).date, note
    assert onsite_start is not None
    start = calendar.on_or_after(onsite_start)
    if start != onsite_start:
        note = (
            f"The requested on-site start {calendar.describe_non_working(onsite_start)}; "
            f"on-site work starts on the next working day."
        )
    if version is not None:
        _rules_for(version, kind)
    candidates = [version] if version else list(reversed(VERSIONS))
    for candidate in candidates:
        rules = getattr(candidate, kind)
        if rules is None:
            continue
        notice = rules.notice
        if _in_monday_week(rules) and notice.amount % 5 == 0:
            weeks_back = notice.amount // 5
            notification = planned_notification(_monday(start) - dt.timedelta(weeks=weeks_back), candidate, calendar)
        else:
            notification = calendar.add_working_days(start, -notice.amount)
        if version is not None or candidate.in_force_on(notification):
            return candidate, notification, start, note
    if version is None:
        version_on(start)  # raises if no version at all
    raise FrameworkError(f"No framework with {kind} inspections was in force before {written_date(start)}")


def _step(key: str, label: str, day: dt.date, owner: Owner, rule: Rule | None, source: str,
          note: str = "", confirmed: bool = True) -> Milestone:
    return Milestone(
        key=key,
        label=label,
        date=day,
        owner=owner,
        rule=rule.describe() if rule else "",
        source=rule.source if rule else source,
        confirmed=rule.confirmed if rule else confirmed,
        soft=rule.soft if rule else False,
        note=" ".join(p for p in ((rule.note if rule else ""), note) if p),
    )


def _on_site(start: dt.date, days: int, calendar: WorkingDayCalendar, rules: InspectionRules | None = None) -> dt.date:
    """Last on-site day when ``days`` working days are spent on site from ``start``.

    In a Monday-to-Friday on-site week the days stop at that week's last working day.
    """
    end = calendar.add_working_days(start, days - 1)
    if rules is not None and _in_monday_week(rules):
        end = min(end, calendar.on_or_before(_monday(start) + dt.timedelta(days=4)))
    return end


def _notification_milestone(version: FrameworkVersion, rules: InspectionRules, notified: dt.date,
                            label: str) -> Milestone:
    note = ""
    weekday = rules.notification_weekday
    if weekday is not None and notified.weekday() != weekday:
        usual = dt.date(2024, 1, 1 + weekday).strftime("%A")
        note = f"Notification is usually on a {usual}; a bank holiday moves it to the next working day."
    return _step("notification", label, notified, Owner.INSPECTORATES, None, "spec 4" if version.has_outcomes else "spec 2.1",
                 note=note)


def full_inspection_timeline(
    *,
    notified: dt.date | None = None,
    onsite_start: dt.date | None = None,
    version: FrameworkVersion | str | None = None,
    area_code: str | None = None,
    pauses: tuple[PublicationPause, ...] = (),
    calendar: WorkingDayCalendar = ENGLAND,
) -> Timeline:
    """Every milestone of a full inspection under ``version`` (chosen by date when ``None``)."""
    version, notified, start, move_note = _resolve("full", notified, onsite_start, version, calendar)
    rules = version.full
    items: list[Milestone] = []
    if version.has_outcomes:
        items.append(_notification_milestone(
            version, rules, notified, "Lead inspector calls the DCS and the ICB chief executive"))
        for step in rules.steps:
            owner = Owner.PARTNERSHIP if step.rule_id == "lano_nominated" else Owner.INSPECTION_TEAM
            note = ""
            if step.rule_id == "set_up_discussion" and version.id == "2025":
                note = "Includes Ofsted's code of conduct (SoC25 para 8)."
            items.append(_step(step.rule_id, step.label, apply_rule(step, notified, calendar=calendar).date,
                               owner, step, "", note))
        if version.survey is not None:
            window = version.survey.open_window
            items.append(_step("surveys_open", "The partnership sends out the three surveys", notified,
                               Owner.PARTNERSHIP, window, ""))
            items.append(_step("surveys_close", "Surveys close", apply_rule(window, notified, calendar=calendar).date,
                               Owner.PARTNERSHIP, window, ""))
        if rules.fieldwork_lead is not None:
            items.append(_step("fieldwork_start", "Fieldwork starts (week 2, off site)",
                               apply_rule(rules.fieldwork_lead, notified, calendar=calendar).date,
                               Owner.INSPECTION_TEAM, rules.fieldwork_lead, ""))
        items.append(_step("onsite_start", "On-site week starts", start, Owner.INSPECTION_TEAM, rules.notice, "",
                           move_note))
        items.append(_step("self_evaluation_meeting", "Self-evaluation and strategic planning meeting", start,
                           Owner.INSPECTION_TEAM, None, "spec 4 (week 3, day 1)"))
        end = _on_site(start, rules.on_site_days.amount, calendar, rules)
        items.append(_step("onsite_end", "Last on-site day", end, Owner.INSPECTION_TEAM, rules.on_site_days, ""))
        items.append(_step("final_feedback", "Final feedback meeting", end, Owner.INSPECTION_TEAM, None,
                           "spec 4 (end of week 3)"))
    else:
        items.append(_notification_milestone(
            version, rules, notified, "Lead inspector calls the local area to give notice"))
        items.append(_step("onsite_start", "Inspection starts", start, Owner.INSPECTION_TEAM, rules.notice, "",
                           move_note))
        end = _on_site(start, rules.on_site_days.amount, calendar, rules)
        items.append(_step("onsite_end", "Last day on site (at most 5 days)", end, Owner.INSPECTION_TEAM,
                           rules.on_site_days, ""))
        items.append(_step("final_feedback", "Final feedback, including whether a written statement of action "
                           "is required", end, Owner.INSPECTION_TEAM, None, "spec 2.1"))
    clock = publication_clock(version, end, area_code=area_code, pauses=pauses, calendar=calendar)
    items.extend(clock.milestones())
    return Timeline(version.id, "full", _ordered(items), clock.pauses_applied)


def monitoring_inspection_timeline(
    *,
    notified: dt.date | None = None,
    onsite_start: dt.date | None = None,
    version: FrameworkVersion | str | None = None,
    area_code: str | None = None,
    pauses: tuple[PublicationPause, ...] = (),
    calendar: WorkingDayCalendar = ENGLAND,
) -> Timeline:
    """Milestones of a monitoring inspection (2023 framework and later; notice and length unconfirmed)."""
    version, notified, start, move_note = _resolve("monitoring", notified, onsite_start, version, calendar)
    rules = _rules_for(version, "monitoring")
    end = _on_site(start, rules.on_site_days.amount, calendar, rules)
    items = [
        _notification_milestone(version, rules, notified,
                                "Lead inspector calls to give notice of the monitoring inspection"),
        _step("onsite_start", "Monitoring inspection on-site work starts", start, Owner.INSPECTION_TEAM,
              rules.notice, "", move_note),
        _step("onsite_end", "Last on-site day", end, Owner.INSPECTION_TEAM, rules.on_site_days, ""),
        _step("final_feedback", "Feedback to the partnership", end, Owner.INSPECTION_TEAM, None, "spec 4.4",
              confirmed=False, note="Held on the last on-site day (unconfirmed)."),
    ]
    clock = publication_clock(version, end, area_code=area_code, pauses=pauses, calendar=calendar)
    items.extend(clock.milestones())
    return Timeline(version.id, "monitoring", _ordered(items), clock.pauses_applied)


def revisit_timeline(
    *,
    notified: dt.date | None = None,
    onsite_start: dt.date | None = None,
    days_on_site: int | None = None,
    version: FrameworkVersion | str | None = None,
    area_code: str | None = None,
    pauses: tuple[PublicationPause, ...] = (),
    calendar: WorkingDayCalendar = ENGLAND,
) -> Timeline:
    """Milestones of a 2016-framework revisit: 10 WD notice, 2-4 days on site, report about 33 days later."""
    version, notified, start, move_note = _resolve("revisit", notified, onsite_start, version, calendar)
    rules = _rules_for(version, "revisit")
    length = rules.on_site_days
    days = length.maximum if days_on_site is None else days_on_site
    assert length.maximum is not None
    if not length.amount <= days <= length.maximum:
        raise FrameworkError(f"A revisit lasts {length.amount} to {length.maximum} days on site, not {days}: enter a number from {length.amount} to {length.maximum}")
    end = _on_site(start, days, calendar)
    statement = version.written_statement
    assert statement is not None
    report = apply_rule(statement.revisit_report, end, calendar=calendar)
    published, applied = publication_date(report.date, area_code, pauses, calendar)
    pause_note = ""
    if applied:
        pause_note = "Held for " + "; ".join(p.label for p in applied) + "."
    items = [
        _notification_milestone(version, rules, notified, "Lead inspector calls to give notice of the revisit"),
        _step("onsite_start", "Revisit starts", start, Owner.INSPECTION_TEAM, rules.notice, "", move_note),
        _step("onsite_end", "Last revisit day", end, Owner.INSPECTION_TEAM, length, "",
              f"{days} days on site." if days_on_site is not None else f"{days} days on site (the longest revisit)."),
        _step("revisit_report_due", "Revisit report: progress on each weakness", report.date,
              Owner.INSPECTION_TEAM, statement.revisit_report, ""),
        _step("publication_due", "Revisit report published", published, Owner.INSPECTORATES,
              statement.revisit_report, "", pause_note),
    ]
    return Timeline(version.id, "revisit", _ordered(items), applied)


def inspection_timeline(
    kind: str = "full",
    *,
    notified: dt.date | None = None,
    onsite_start: dt.date | None = None,
    version: FrameworkVersion | str | None = None,
    area_code: str | None = None,
    pauses: tuple[PublicationPause, ...] = (),
    calendar: WorkingDayCalendar = ENGLAND,
) -> Timeline:
    """Timeline of any kind: ``"full"``, ``"monitoring"`` or ``"revisit"``."""
    builders = {
        "full": full_inspection_timeline,
        "monitoring": monitoring_inspection_timeline,
        "revisit": revisit_timeline,
    }
    if kind not in builders:
        raise FrameworkError(f"The kind of inspection must be one of {', '.join(KINDS)}, not {kind!r}")
    return builders[kind](notified=notified, onsite_start=onsite_start, version=version, area_code=area_code,
                          pauses=pauses, calendar=calendar)


def earliest_outcome_date(timeline: Timeline) -> dt.date:
    """The first day the inspection's findings may be recorded: the last on-site day, when final feedback is given."""
    return timeline.date("onsite_end")


def _ordered(items: list[Milestone]) -> tuple[Milestone, ...]:
    # Stable sort keeps the handbook's order for steps on the same day.
    return tuple(sorted(items, key=lambda item: item.date))
