from django.urls import path

from areasend.tracking import views

app_name = "tracking"

urlpatterns = [
    path("<int:pk>/tracking/", views.tracking, name="cases"),
    path("<int:pk>/tracking/<int:case_id>/swap/", views.swap, name="swap"),
    path("<int:pk>/tracking/<int:case_id>/arrange/", views.arrange, name="arrange"),
]

urlpatterns += [
    path("<int:pk>/sampling/", views.sampling, name="sampling"),
    path("<int:pk>/sampling/visit/", views.sampling_visit, name="sampling-visit"),
]
