from django.urls import path

from areasend.followup import views

app_name = "followup"
urlpatterns = [
    path("after-inspection/overdue/", views.overdue, name="overdue"),
    path("after-inspection/<str:ons_code>/", views.area_page, name="area"),
    path("after-inspection/<str:ons_code>/plans/<slug:kind>/upload/", views.plan_upload, name="plan-upload"),
    path("after-inspection/<str:ons_code>/plans/<slug:kind>/review/", views.plan_review, name="plan-review"),
    path("after-inspection/<str:ons_code>/plans/<slug:kind>/publish/", views.plan_publish, name="plan-publish"),
    path("after-inspection/<str:ons_code>/plans/<int:plan_id>/file/", views.plan_file, name="plan-file"),
    path("after-inspection/<str:ons_code>/support/", views.support, name="support"),
    path("after-inspection/<str:ons_code>/meetings/", views.meetings, name="meetings"),
    path("after-inspection/<str:ons_code>/written-statement/revisit/", views.revisit, name="revisit"),
    path("after-inspection/<str:ons_code>/written-statement/escalation/", views.escalation, name="escalation"),
    path("areas/<str:ons_code>/plans/<int:plan_id>/", views.published_plan, name="published-plan"),
]
