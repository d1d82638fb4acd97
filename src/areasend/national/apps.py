from django.apps import AppConfig


class NationalConfig(AppConfig):
    name = "areasend.national"
    label = "national"
    verbose_name = "National statistics"
