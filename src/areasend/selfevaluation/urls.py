from django.urls import path

from areasend.selfevaluation import views

app_name = "selfevaluation"

urlpatterns = [
    path("", views.index, name="index"),
    path("shared/<int:pk>/", views.shared, name="shared"),
    path("<str:code>/", views.overview, name="overview"),
    path("<str:code>/people/", views.people, name="people"),
    path("<str:code>/strategic-plan/", views.plan, name="plan"),
    path("<str:code>/criteria/<str:criterion>/", views.criterion, name="criterion"),
    path("<str:code>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence-file"),
    path("<str:code>/versions/<int:number>/", views.version, name="version"),
    path("<str:code>/versions/<int:number>/share/", views.share, name="share"),
    path("<str:code>/versions/<int:number>/export/", views.export, name="export"),
    path("<str:code>/exports/<int:export_id>/", views.export_file, name="export-file"),
]
