from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "areasend.accounts"
    label = "accounts"
    verbose_name = "Accounts"
