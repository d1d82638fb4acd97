from django.urls import path

from areasend.national import api, views

app_name = "national"
urlpatterns = [
    path("statistics/", views.dashboard, name="dashboard"),
    path("statistics/open-data/", views.open_data, name="open-data"),
    path("statistics/<slug:table>.<str:file_format>", views.download, name="download"),
    path("api/v1/areas/", api.areas, name="api-areas"),
    path("api/v1/inspections/", api.inspections, name="api-inspections"),
]
