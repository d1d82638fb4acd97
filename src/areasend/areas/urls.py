from django.urls import path

from areasend.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("areas/<str:ons_code>/", views.area_detail, name="detail"),
    path("written-statements/", views.written_statements, name="written-statements"),
]
