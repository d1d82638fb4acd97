from django.urls import path

from areasend.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("invitation/<str:uidb64>/<str:token>/", views.invitation, name="invitation"),
    path("audit-trail/", views.audit_trail, name="audit"),
]
