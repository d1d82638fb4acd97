"""Middleware the settings switch on: headers for every page, session lifetimes and multi-factor sign-in."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

log = logging.getLogger(__name__)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; ``Cache-Control: no-store`` on every page the service makes.

    Pages are built for the person asking and many show personal data about children, so none is
    kept by the browser or a shared cache unless the view itself says otherwise. Static files are
    served by WhiteNoise before this runs, with their own long cache lifetimes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.AREASEND_PERMISSIONS_POLICY)
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store, private"
        return response


class RequestSizeMiddleware:
    """A request larger than ``AREASEND_MAX_REQUEST_BYTES`` is refused from its Content-Length (status 413),
    before any of its body is read, with a page that says how large a file may be."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        limit = settings.AREASEND_MAX_REQUEST_BYTES
        if length > limit or length < 0:
            from django.shortcuts import render

            megabytes = limit // (1024 * 1024)
            return render(request, "ui/error.html", {
                "status": 413, "title": "The file is too large",
                "message": f"A file you upload must be smaller than {megabytes}MB. Go back and choose a smaller file, "
                           "or split it into parts and upload each one.",
            }, status=413)
        return self.get_response(request)


class ControlCharacterMiddleware:
    """A NUL anywhere in the address or a form's fields is answered with a page that says so (status 400).

    PostgreSQL cannot keep a NUL in text, and no page needs one, so none reaches a query. Forms check the
    other control characters field by field, with a message beside the field. Uploaded files themselves
    are left to the upload checks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            from django.shortcuts import render

            return render(request, "ui/error.html", {
                "status": 400, "title": "There is a problem with what was sent",
                "message": "The address or a form you sent includes a hidden character (a NUL) that cannot be used. "
                           "Go back, delete it or type the text again, and send it once more.",
            }, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        if any("\x00" in value for values in request.GET.lists() for value in [values[0], *values[1]]):
            return True
        if request.method == "POST" and request.content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            # (A multipart body is read here only after RequestSizeMiddleware has checked its size.)
            return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
        return False


_STARTED = "_areasend_session_started"
_SEEN = "_areasend_session_seen"
#: How often the time of the last request is written back (a write on every request is not needed).
_SEEN_EVERY_SECONDS = 60


class SessionLifetimeMiddleware:
    """Signs a person out after ``AREASEND_SESSION_IDLE_MINUTES`` idle or ``AREASEND_SESSION_ABSOLUTE_HOURS`` in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            started = request.session.get(_STARTED)
            seen = request.session.get(_SEEN)
            if started is None:
                request.session[_STARTED] = started = now
                request.session[_SEEN] = seen = now
            idle = settings.AREASEND_SESSION_IDLE_MINUTES * 60
            absolute = settings.AREASEND_SESSION_ABSOLUTE_HOURS * 3600
            if now - int(seen or now) > idle or now - int(started) > absolute:
                logout(request)
                messages.info(request, "You were signed out because the session ended. Sign in again to carry on.")
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
            if now - int(seen) >= _SEEN_EVERY_SECONDS:
                request.session[_SEEN] = now
        return self.get_response(request)


class MultiFactorMiddleware:
    """Staff who signed in with a local password give a one-time code before any other page.

    On when ``AREASEND_REQUIRE_MFA`` is set (by default in production). People who signed in through
    the identity provider (OpenID Connect) are not asked: the provider does that step.
    """

    #: Pages open before the code is given: the code pages themselves, signing out, and the public pages.
    OPEN = ("accounts:sign-in", "accounts:sign-out", "accounts:two-factor", "accounts:two-factor-setup")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.AREASEND_REQUIRE_MFA and self._must_verify(request):
            open_paths = {reverse(name) for name in self.OPEN}
            if request.path not in open_paths and not request.path.startswith(settings.STATIC_URL):
                from areasend.accounts import services

                target = "accounts:two-factor" if services.has_authenticator(request.user) else "accounts:two-factor-setup"
                return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if request.session.get("_auth_user_backend", "").endswith("oidc.AreasendOIDCBackend"):
            return False
        if getattr(user, "is_verified", lambda: False)():
            return False
        from areasend.accounts import services

        return services.needs_second_factor(user)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached part way through a request (a restart, a lost connection),
    the person is told so with a 503 and asked to try again, not shown an error page: the transaction
    the request was in has been rolled back, so nothing was half saved. The page needs nothing from the
    database. The page scripts that send in the background get JSON, and send again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from areasend.ui import unavailable

        return unavailable.response_for(request, exception)
