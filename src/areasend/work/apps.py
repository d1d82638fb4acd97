from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "areasend.work"
    label = "work"
    verbose_name = "Your work"
