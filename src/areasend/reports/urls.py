from django.urls import path

from areasend.reports import views

app_name = "reports"

urlpatterns = [
    path("<int:pk>/report/", views.builder, name="builder"),
    path("<int:pk>/report/quote/", views.quote, name="quote"),
    path("<int:pk>/report/versions/<int:number>/", views.version, name="version"),
    path("<int:pk>/report/quality-assurance/", views.quality_assurance, name="qa"),
    path("<int:pk>/report/step/<slug:step>/", views.lead_step, name="step"),
    path("<int:pk>/report/factual-accuracy/", views.accuracy, name="accuracy"),
    path("<int:pk>/report/factual-accuracy/<int:comment_id>/", views.answer, name="answer"),
]
