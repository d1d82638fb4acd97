"""The signed-in person's home page: their roles, what they owe after inspections, and the inspections they may open."""

from django.shortcuts import render

from areasend.access import gate
from areasend.access.capabilities import Capability as C
from areasend.access.roles import roles_of
from areasend.areas import queries as areas_queries
from areasend.followup import queries as followup_queries
from areasend.inspections import queries as inspection_queries


@gate.page(GET=C.HOME)
def home(request):
    owed = followup_queries.owed_by(request.user)
    return render(
        request,
        "work/home.html",
        {
            "roles": roles_of(request.user),
            "inspections": inspection_queries.visible_to(request.user),
            "owed": owed,
            "currency": areas_queries.data_currency() if owed else None,
            "can_create": gate.can(request.user, C.START_INSPECTION),
            "can_read_audit_trail": gate.can(request.user, C.READ_AUDIT_TRAIL),
            "nav_section": "work",
        },
    )
