from django.urls import path

from areasend.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/notification/", views.set_notification, name="notification"),
    path("<int:pk>/outcome/", views.record_outcome, name="outcome"),
]
