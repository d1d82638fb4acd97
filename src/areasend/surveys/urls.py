from django.urls import path

from areasend.surveys import views

app_name = "surveys"
urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    # Public pages, reached by the link or QR code the local area shares.
    path("s/<str:token>/", views.start, name="start"),
    path("s/<str:token>/q/<slug:question_id>/", views.question, name="question"),
    path("s/<str:token>/audio/<slug:question_id>.wav", views.audio, name="audio"),
    path("s/<str:token>/done/", views.done, name="done"),
    # The local area's and the inspection team's pages.
    path("inspection/<int:pk>/", views.manage, name="manage"),
    path("inspection/<int:pk>/<slug:group>/qr.svg", views.qr_code, name="qr"),
    path("inspection/<int:pk>/<slug:group>/easy-read.docx", views.word, name="word"),
    path("inspection/<int:pk>/close/", views.close, name="close"),
    path("inspection/<int:pk>/<slug:group>/paper/", views.paper, name="paper"),
    path("inspection/<int:pk>/recordings/", views.recordings, name="recordings"),
    path("inspection/<int:pk>/results/", views.results, name="results"),
    path("inspection/<int:pk>/results/answers/<int:answer_id>/tags/", views.tag, name="tag"),
    path("inspection/<int:pk>/results/decide/", views.decide, name="decide"),
    path("inspection/<int:pk>/results/exclude/", views.exclude, name="exclude"),
    path("inspection/<int:pk>/results.csv", views.export_csv, name="export-csv"),
    path("inspection/<int:pk>/results.xlsx", views.export_xlsx, name="export-xlsx"),
]
