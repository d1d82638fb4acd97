from django.urls import path

from areasend.evidence import views

app_name = "evidence"

urlpatterns = [
    path("<int:pk>/evidence/", views.log, name="log"),
    path("<int:pk>/evidence/send/", views.send_entry, name="send"),
    path("<int:pk>/evidence/draft/", views.save_draft, name="save-draft"),
    path("<int:pk>/evidence/draft/<uuid:key>/", views.draft, name="draft"),
    path("<int:pk>/evidence/meeting-notes/", views.add_meeting_notes, name="meeting-notes"),
    path("<int:pk>/evidence/export.<str:file_format>", views.export, name="export"),
    path("<int:pk>/evidence/<int:entry_id>/", views.entry, name="entry"),
    path("<int:pk>/lines-of-enquiry/", views.lines, name="lines"),
    path("<int:pk>/lines-of-enquiry/<int:line_id>/", views.line, name="line"),
    path("<int:pk>/triangulation/", views.triangulation, name="triangulation"),
    path("<int:pk>/outcome-decision/", views.decision, name="decision"),
    path("<int:pk>/outcome-decision/agree/", views.agree, name="agree"),
    path("<int:pk>/outcome-decision/sign-off/", views.sign_off, name="sign-off"),
    path("<int:pk>/outcome-decision/feedback/", views.feedback, name="feedback"),
]
