from django.conf import settings
from django.urls import path

from areasend.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in-code/", views.two_factor, name="two-factor"),
    path("set-up-sign-in-code/", views.two_factor_setup, name="two-factor-setup"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("invitation/<str:uidb64>/<str:token>/", views.invitation, name="invitation"),
    path("audit-trail/", views.audit_trail, name="audit"),
]
if settings.AREASEND_OIDC_ENABLED:
    urlpatterns += [
        path("sign-in-provider/", views.oidc_start, name="oidc-start"),
        path("sign-in-provider/callback/", views.oidc_callback, name="oidc-callback"),
    ]
