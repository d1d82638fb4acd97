from django.urls import path

from areasend.programme import views

app_name = "programme"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/new/", views.new_plan, name="new"),
    path("pauses/", views.pauses, name="pauses"),
    path("pauses/<int:pk>/", views.pause, name="pause"),
    path("plans/<int:pk>/", views.run_detail, name="run"),
    path("plans/<int:pk>/what-if/", views.what_if, name="what-if"),
    path("plans/<int:pk>/accept/", views.accept, name="accept"),
    path("plans/<int:pk>/plan.csv", views.export_csv, name="export-csv"),
    path("plans/<int:pk>/plan.xlsx", views.export_xlsx, name="export-xlsx"),
]
