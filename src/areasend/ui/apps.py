from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "areasend.ui"
    label = "ui"
    verbose_name = "Pages"
