from django.shortcuts import render

from areasend.access import gate
from areasend.access.capabilities import Capability


@gate.page(GET=Capability.PUBLIC)
def accessibility(request):
    return render(request, "ui/accessibility.html")


def not_found(request, exception=None):
    return render(request, "ui/error.html", {"status": 404, "title": "Page not found"}, status=404)


def forbidden(request, exception=None):
    return render(request, "ui/error.html", {"status": 403, "title": "You cannot see this page"}, status=403)


def server_error(request):
    return render(request, "ui/error.html", {"status": 500, "title": "Sorry, there is a problem with the service"}, status=500)
