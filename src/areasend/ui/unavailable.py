"""The answer when the database cannot be reached part way through a request: a 503 that says to try
again, never the error page. Used by the middleware for a view's failure and by the error view for a
failure anywhere else (another middleware reading the signed-in person, say)."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import get_template

log = logging.getLogger(__name__)

MESSAGE = "This was not saved because the service could not reach its database. Try again in a minute."


def response_for(request, exception: BaseException | None) -> HttpResponse | None:
    """The 503 for ``exception`` when it is the database going away; None for any other failure."""
    if not isinstance(exception, (OperationalError, InterfaceError)):
        return None
    log.error("The database could not be reached for %s %s (%s)", request.method, request.path,
              exception.__class__.__name__)
    if "application/json" in request.headers.get("Accept", "") or request.headers.get("X-Requested-With"):
        return JsonResponse({"stored": False, "saved": False, "errors": {"__all__": [MESSAGE]}}, status=503,
                            headers={"Retry-After": "30"})
    html = get_template("ui/unavailable.html").render(
        {"cspNonce": str(request.csp_nonce) if hasattr(request, "csp_nonce") else "",
         "sent": request.method == "POST"})
    return HttpResponse(html, status=503, headers={"Retry-After": "30"})
