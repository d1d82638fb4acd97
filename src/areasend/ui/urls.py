from django.urls import path

from areasend.ui import views

app_name = "ui"
urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
]
