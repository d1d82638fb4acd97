from django.urls import path

from areasend.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("", views.home, name="home"),
    path("invitation/<str:uidb64>/<str:token>/", views.invitation, name="invitation"),
]
