"""The service's privacy notice, with the retention schedule the service applies."""

from django.conf import settings
from django.shortcuts import render

from areasend.access import gate
from areasend.access.capabilities import Capability
from areasend.retention import services


@gate.page(GET=Capability.PUBLIC)
def privacy(request):
    return render(request, "retention/privacy.html", {
        "rows": [[{"text": rule.what}, {"text": f"{rule.period} after the report is published"}, {"text": rule.then}]
                 for rule in services.schedule()],
        "controller": settings.AREASEND_PRIVACY_CONTROLLER,
        "contact": settings.AREASEND_PRIVACY_CONTACT,
    })
