from django.urls import path

from areasend.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/notification/", views.set_notification, name="notification"),
    path("<int:pk>/outcome/", views.record_outcome, name="outcome"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/nominated-officer/", views.lano, name="lano"),
    path("<int:pk>/where-it-stands/", views.stands, name="stands"),
    path("<int:pk>/activity/", views.activity, name="activity"),
    path("workload/", views.workload, name="workload"),
    path("nominate/<str:token>/", views.nominate, name="nominate"),
    path("<int:pk>/information/", views.information, name="information"),
    path("<int:pk>/information/<int:upload_id>/", views.information_file, name="information-file"),
]
