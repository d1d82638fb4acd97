from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "areasend.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from areasend.accounts import services

        signals.user_logged_in.connect(services.on_signed_in, dispatch_uid="areasend-signed-in")
        signals.user_login_failed.connect(services.on_sign_in_failed, dispatch_uid="areasend-sign-in-failed")
        signals.user_logged_out.connect(services.on_signed_out, dispatch_uid="areasend-signed-out")

        from axes.signals import user_locked_out

        user_locked_out.connect(services.on_locked_out, dispatch_uid="areasend-locked-out")
