"""The one access gate: fetch-and-check helpers that views and services call.

``capabilities.TABLE`` says which roles hold each capability. This module works out which roles a
person holds (across the service, or on one object such as an inspection), refuses what the table
does not allow with the right answer (sign in, not found, or not allowed), and marks each view with
the capability it needs for each method it accepts, so the access test can be generated.

An app that owns objects people reach by URL (inspections, plans) registers a *kind* here: how to
fetch one by its key and which roles a person holds on it. Views then declare::

    @access.object_page("inspection", GET=Capability.SEE_TEAM, POST=Capability.MANAGE_TEAM)
    def team(request, inspection): ...

and never load the object themselves. Services call ``access.require`` or ``access.fetch`` with
the same capabilities.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed

from areasend.access.capabilities import AccessRole, Capability, Scope, allows, refusal
from areasend.access.roles import Role, has_role

#: Service-wide roles that come straight from a group.
_GROUP_ROLES = {
    Role.NATIONAL_PLANNER: AccessRole.NATIONAL_PLANNER,
    Role.INSPECTOR: AccessRole.INSPECTOR,
    Role.QA_READER: AccessRole.QA_READER,
    Role.LOCAL_AREA_OFFICER: AccessRole.OTHER_LANO,
    Role.DATA_PROTECTION_OFFICER: AccessRole.DATA_PROTECTION_OFFICER,
    # Scoped to one area: the self-evaluation's roles turn this into AREA_CONTRIBUTOR on that area.
    Role.LOCAL_AREA_CONTRIBUTOR: AccessRole.OTHER_CONTRIBUTOR,
}


class SignInRequired(Exception):
    """Raised for a signed-out person; the middleware sends them to the sign-in page."""


@dataclass(frozen=True)
class ObjectKind:
    name: str
    #: fetch(key) -> the object, or None when there is none.
    fetch: Callable[[Any], Any]
    #: roles(user, obj) -> the roles ``user`` holds on ``obj`` (service roles included).
    roles: Callable[[Any, Any], frozenset[AccessRole]]
    #: True when a refusal of any kind must not reveal that the object exists (404, never 403).
    hidden: bool = False
    #: The URL keyword argument that names the object.
    url_kwarg: str = "pk"
    #: The keyword argument the view receives the object as.
    view_kwarg: str = ""


_KINDS: dict[str, ObjectKind] = {}
#: Functions (user) -> roles held on at least one object, for service-wide capabilities.
_SERVICE_ROLE_PROVIDERS: list[Callable[[Any], frozenset[AccessRole]]] = []


def register_kind(kind: ObjectKind) -> None:
    _KINDS[kind.name] = kind


def register_service_roles(provider: Callable[[Any], frozenset[AccessRole]]) -> None:
    if provider not in _SERVICE_ROLE_PROVIDERS:
        _SERVICE_ROLE_PROVIDERS.append(provider)


def group_roles(user) -> frozenset[AccessRole]:
    """The roles ``user`` holds across the service from their groups alone."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset({AccessRole.SIGNED_OUT})
    return frozenset(access_role for role, access_role in _GROUP_ROLES.items() if has_role(user, role))


def service_roles(user) -> frozenset[AccessRole]:
    """Group roles plus any role held on at least one object (remembered for the request)."""
    cached = getattr(user, "_areasend_service_roles", None)
    if cached is not None:
        return cached
    roles = group_roles(user)
    if AccessRole.SIGNED_OUT not in roles:
        for provider in _SERVICE_ROLE_PROVIDERS:
            roles |= provider(user)
        if getattr(user, "pk", None) is not None:
            user._areasend_service_roles = roles
    return roles


def forget(user) -> None:
    """Drop what was remembered about ``user``'s roles (after a grant, for example)."""
    for name in ("_areasend_service_roles", "_areasend_roles"):
        if hasattr(user, name):
            delattr(user, name)


def _refuse(answer, *, hidden: bool = False) -> None:
    if answer is None:
        return
    if answer == "sign_in":
        raise SignInRequired
    if answer == 404 or hidden:
        raise Http404("Not found")
    raise PermissionDenied


def can(user, capability: Capability, obj=None, *, kind: str = "inspection") -> bool:
    """Whether ``user`` holds ``capability`` (on ``obj`` when it is about one object)."""
    return allows(capability, roles_of(user, capability, obj, kind=kind))


def check(user, capability: Capability, obj=None, *, kind: str = "inspection", message: str = "") -> None:
    """For services: refuse with ``PermissionDenied`` (and ``message``) unless ``user`` holds ``capability``."""
    if not can(user, capability, obj, kind=kind):
        raise PermissionDenied(message or "You cannot do this.")


#: Roles a person holds through an object; a service-wide capability open to none of them is
#: answered from the groups alone, without asking which inspections the person is on.
_RELATION_ROLES = frozenset({AccessRole.LEAD, AccessRole.OFSTED_INSPECTOR, AccessRole.SOCIAL_CARE_INSPECTOR,
                             AccessRole.CQC_INSPECTOR, AccessRole.OWN_LANO, AccessRole.AREA_CONTRIBUTOR})


def roles_of(user, capability: Capability, obj=None, *, kind: str = "inspection") -> frozenset[AccessRole]:
    if capability.scope is not Scope.SERVICE or obj is not None:
        if obj is None:
            raise ValueError(f"{capability} is about one {kind}: pass it")
        return _KINDS[kind].roles(user, obj)
    if not (capability.roles & _RELATION_ROLES):
        return group_roles(user)
    return service_roles(user)


def require(user, capability: Capability, obj=None, *, kind: str = "inspection") -> None:
    """Refuse unless ``user`` holds ``capability``: sign in, 404 or 403 as the table says."""
    roles = roles_of(user, capability, obj, kind=kind)
    hidden = obj is not None and _KINDS[kind].hidden
    _refuse(refusal(capability, roles), hidden=hidden)


def fetch(user, kind: str, key, capability: Capability):
    """The object of ``kind`` named by ``key``, if ``user`` holds ``capability`` on it.

    Refuses a signed-out person before looking, answers 404 when there is no such object or the
    person may not know of it, and 403 when they may see it but not do this.
    """
    spec = _KINDS[kind]
    if AccessRole.SIGNED_OUT in group_roles(user) and not allows(capability, frozenset({AccessRole.SIGNED_OUT})):
        raise SignInRequired
    obj = spec.fetch(key)
    if obj is None:
        raise Http404("Not found")
    require(user, capability, obj, kind=kind)
    return obj


# Views ----------------------------------------------------------------------------------------------


def _declare(view, rules: dict[str, Capability], kind: str | None):
    view.access_rules = dict(rules)
    view.access_kind = kind
    return view


def _methods(GET, POST) -> dict[str, Capability]:
    rules = {}
    if GET is not None:
        rules["GET"] = GET
        rules["HEAD"] = GET
    if POST is not None:
        rules["POST"] = POST
    if not rules:
        raise ValueError("a page accepts at least one method")
    return rules


def _gated(rules: dict[str, Capability], kind: str | None):
    """The decorator both kinds of page share: refuse a method not accepted, then check (and fetch)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            capability = rules.get(request.method)
            if capability is None:
                return HttpResponseNotAllowed(sorted(set(rules) - {"HEAD"}))
            if kind is None:
                require(request.user, capability)
            else:
                spec = _KINDS[kind]
                kwargs[spec.view_kwarg or kind] = fetch(request.user, kind, kwargs.pop(spec.url_kwarg), capability)
            return view(request, *args, **kwargs)

        return _declare(wrapper, rules, kind)

    return decorate


def page(*, GET: Capability | None = None, POST: Capability | None = None):
    """A page about the service as a whole: the methods it accepts and the capability each needs."""
    return _gated(_methods(GET, POST), None)


def object_page(kind: str, *, GET: Capability | None = None, POST: Capability | None = None):
    """A page about one object: fetched and checked in one step, then passed to the view."""
    return _gated(_methods(GET, POST), kind)


def flags(user, obj, *capabilities: Capability, kind: str = "inspection") -> dict[str, bool]:
    """``{"can_<capability>": bool}`` for a page's template: what to show this person."""
    roles = _KINDS[kind].roles(user, obj)
    return {f"can_{capability.value}": allows(capability, roles) for capability in capabilities}


class SignInMiddleware:
    """Turns ``SignInRequired`` from the gate into a redirect to the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SignInRequired):
            return redirect_to_login(request.get_full_path())
        return None
