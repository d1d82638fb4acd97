from django.urls import path

from areasend.intake import person_level_views as views

app_name = "intake"

urlpatterns = [
    path("<int:pk>/person-level-data/", views.person_level, name="person-level"),
    path("<int:pk>/person-level-data/template.<str:file_format>", views.person_level_template, name="person-level-template"),
    path("<int:pk>/person-level-data/counts/", views.person_level_analysis, name="person-level-analysis"),
    path("<int:pk>/person-level-data/<int:version>/", views.person_level_version, name="person-level-version"),
    path("<int:pk>/person-level-data/<int:version>/problems.csv", views.person_level_problems, name="person-level-problems"),
]
