"""Plans are the national planning team's: the access gate fetches one only for them.

Anyone else is told a plan does not exist (404), whatever they ask of it.
"""

from __future__ import annotations

from areasend.access import gate
from areasend.access.gate import ObjectKind, service_roles


def _fetch(pk):
    from areasend.programme.models import PlanRun

    return PlanRun.objects.select_related("created_by", "accepted_by", "base").filter(pk=pk).first()


gate.register_kind(ObjectKind(name="plan", fetch=_fetch, roles=lambda user, run: service_roles(user), hidden=True, view_kwarg="run"))


def plan_page(*, GET=None, POST=None):
    """A page about one plan (URL keyword ``pk``); the view receives ``run``."""
    return gate.object_page("plan", GET=GET, POST=POST)


def _fetch_pause(pk):
    from areasend.programme.models import NationalPause

    return NationalPause.objects.filter(pk=pk).first()


gate.register_kind(ObjectKind(name="national_pause", fetch=_fetch_pause, roles=lambda user, pause: service_roles(user),
                              hidden=True, view_kwarg="pause"))


def pause_page(*, GET=None, POST=None):
    """A page about one national pause (URL keyword ``pk``); the view receives ``pause``."""
    return gate.object_page("national_pause", GET=GET, POST=POST)
