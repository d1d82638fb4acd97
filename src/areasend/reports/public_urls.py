from django.urls import path

from areasend.reports import views

app_name = "published"

urlpatterns = [
    path("", views.public_list, name="list"),
    path("feed.atom", views.feed, name="feed"),
    path("late/", views.late, name="late"),
    path("local-polls/", views.local_polls, name="local-polls"),
    path("area/<str:ons_code>/", views.public_area, name="area"),
    path("<int:report_id>/", views.public_report, name="report"),
    path("<int:report_id>.json", views.public_json, name="json"),
    path("<int:report_id>.pdf", views.public_pdf, name="pdf"),
]
