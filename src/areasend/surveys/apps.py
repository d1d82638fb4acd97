from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "areasend.surveys"
    label = "surveys"
    verbose_name = "Surveys"
