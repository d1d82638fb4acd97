from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # Answers to the public surveys are the busiest requests: their addresses are tried first.
    path("surveys/", include("areasend.surveys.urls")),
    path("", include("areasend.areas.urls")),
    path("", include("areasend.followup.urls")),
    path("", include("areasend.ui.urls")),
    path("", include("areasend.national.urls")),
    path("", include("areasend.retention.urls")),
    path("account/", include("areasend.accounts.urls")),
    path("your-work/", include("areasend.work.urls")),
    path("inspections/", include("areasend.inspections.urls")),
    path("inspections/", include("areasend.evidence.urls")),
    path("inspections/", include("areasend.intake.urls")),
    path("inspections/", include("areasend.tracking.urls")),
    path("inspections/", include("areasend.reports.urls")),
    path("reports/", include("areasend.reports.public_urls")),
    path("programme/", include("areasend.programme.urls")),
    path("self-evaluation/", include("areasend.selfevaluation.urls")),
]
# The admin is off in production unless AREASEND_ADMIN turns it on.
if settings.AREASEND_ADMIN:
    urlpatterns.append(path("admin/", admin.site.urls))

handler404 = "areasend.ui.views.not_found"
handler403 = "areasend.ui.views.forbidden"
handler500 = "areasend.ui.views.server_error"
