from django.urls import path

from areasend.inspections import meeting_views, views
from areasend.intake import views as intake_views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/notification/", views.set_notification, name="notification"),
    path("<int:pk>/outcome/", views.record_outcome, name="outcome"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/nominated-officer/", views.lano, name="lano"),
    path("<int:pk>/nominated-officer/confirm/<str:token>/", views.lano_confirm, name="lano-confirm"),
    path("<int:pk>/where-it-stands/", views.stands, name="stands"),
    path("<int:pk>/activity/", views.activity, name="activity"),
    path("workload/", views.workload, name="workload"),
    path("nominate/<str:token>/", views.nominate, name="nominate"),
    path("<int:pk>/information/", intake_views.information, name="information"),
    path("<int:pk>/information/<int:upload_id>/", intake_views.information_file, name="information-file"),
    path("<int:pk>/meetings/", meeting_views.meetings, name="meetings"),
    path("<int:pk>/meetings/schedule/<str:kind>/", meeting_views.meeting_schedule, name="meeting-schedule"),
    path("<int:pk>/meetings/<int:meeting_id>/", meeting_views.meeting, name="meeting"),
    path("<int:pk>/timetable/", meeting_views.timetable, name="timetable"),
    path("<int:pk>/timetable/visits/new/", meeting_views.visit_add, name="visit-add"),
    path("<int:pk>/timetable/visits/<int:visit_id>/", meeting_views.visit, name="visit"),
    path("<int:pk>/calendar.ics", meeting_views.calendar, name="calendar"),
]
