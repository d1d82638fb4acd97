from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("areasend.areas.urls")),
    path("", include("areasend.ui.urls")),
    path("account/", include("areasend.accounts.urls")),
    path("your-work/", include("areasend.work.urls")),
    path("inspections/", include("areasend.inspections.urls")),
    path("inspections/", include("areasend.evidence.urls")),
    path("inspections/", include("areasend.reports.urls")),
    path("reports/", include("areasend.reports.public_urls")),
    path("programme/", include("areasend.programme.urls")),
    path("surveys/", include("areasend.surveys.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "areasend.ui.views.not_found"
handler403 = "areasend.ui.views.forbidden"
handler500 = "areasend.ui.views.server_error"
