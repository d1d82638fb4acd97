from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "areasend.intake"
    label = "intake"
    verbose_name = "Uploads"
