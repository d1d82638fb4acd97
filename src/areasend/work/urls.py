from django.urls import path

from areasend.work import views

app_name = "work"
urlpatterns = [
    path("", views.home, name="home"),
]
