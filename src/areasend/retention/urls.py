from django.urls import path

from areasend.retention import views

app_name = "retention"
urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
]
