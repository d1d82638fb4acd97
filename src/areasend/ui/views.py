import sys

from django.shortcuts import render

from areasend.access import gate
from areasend.access.capabilities import Capability
from areasend.ui import unavailable


@gate.page(GET=Capability.PUBLIC)
def accessibility(request):
    return render(request, "ui/accessibility.html")


def not_found(request, exception=None):
    return render(request, "ui/error.html", {"status": 404, "title": "Page not found"}, status=404)


def forbidden(request, exception=None):
    return render(request, "ui/error.html", {"status": 403, "title": "You cannot see this page"}, status=403)


def server_error(request):
    # Django calls this inside its ``except``: a database gone away outside a view (in a middleware) is
    # answered as one gone away in a view.
    unavailable_response = unavailable.response_for(request, sys.exc_info()[1])
    if unavailable_response is not None:
        return unavailable_response
    return render(request, "ui/error.html", {"status": 500, "title": "Sorry, there is a problem with the service"}, status=500)
