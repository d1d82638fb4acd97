"""Who may see and do what with an inspection. Views and services both ask here.

Three kinds of people see an inspection: national planners (all of them), inspectors on its
team (the lead and the members), and its local area nominated officer (LANO), who sees only
the local area's view of the inspections that name them, and nothing of any other.
"""

from __future__ import annotations

from areasend.accounts.roles import is_inspector, is_local_area_officer, is_national_planner


def can_create(user) -> bool:
    return is_national_planner(user)


def is_team_member(user, inspection) -> bool:
    if not is_inspector(user):
        return False
    if inspection.lead_inspector_id == user.pk:
        return True
    return inspection.team.filter(user=user).exists()


def can_view(user, inspection) -> bool:
    """The team's view of the inspection (the detail page, the team, the timeline)."""
    if is_national_planner(user):
        return True
    return is_team_member(user, inspection)


def is_lano(user, inspection) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and is_local_area_officer(user)
        and inspection.lano_id is not None
        and inspection.lano_id == user.pk
    )


def can_view_local_area(user, inspection) -> bool:
    """The page both sides share: where the inspection stands and who does what next."""
    return can_view(user, inspection) or is_lano(user, inspection)


def is_lead(user, inspection) -> bool:
    return getattr(user, "is_authenticated", False) and is_inspector(user) and inspection.lead_inspector_id == user.pk


def can_manage_team(user, inspection) -> bool:
    return is_national_planner(user) or is_lead(user, inspection)


def can_see_workload(user) -> bool:
    """National planners, and inspectors who lead an inspection."""
    if is_national_planner(user):
        return True
    return is_inspector(user) and user.inspections_led.exists()


def can_mark_task(user, task) -> bool:
    """The LANO marks the partnership's steps; the team marks the team's and the inspectorates'."""
    inspection = task.inspection
    if task.owner == "PARTNERSHIP":
        return is_lano(user, inspection) or is_lead(user, inspection)
    return is_team_member(user, inspection)


def can_see_information(user, inspection) -> bool:
    """The information the local area provides (including person-level data): the team and the LANO only."""
    return is_team_member(user, inspection) or is_lano(user, inspection)


def can_upload_information(user, inspection) -> bool:
    return is_lano(user, inspection) or is_lead(user, inspection)


def can_see_meetings(user, inspection) -> bool:
    """The meetings and the on-site timetable: planners, the team and the inspection's LANO."""
    return can_view_local_area(user, inspection)


def can_see_internal_notes(user, inspection) -> bool:
    """Notes on meetings and visits are the inspectors' own: never shown to the local area."""
    return can_view(user, inspection)


def can_schedule_meetings(user, inspection) -> bool:
    return is_lead(user, inspection)


def can_edit_timetable(user, inspection) -> bool:
    """Visits on the on-site timetable: the lead inspector and the team."""
    return is_team_member(user, inspection)
