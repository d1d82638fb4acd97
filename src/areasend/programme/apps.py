from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "areasend.programme"
    label = "programme"
    verbose_name = "National programme"
