from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "areasend.areas"
    label = "areas"
    verbose_name = "Local areas"
