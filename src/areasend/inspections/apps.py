from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "areasend.inspections"
    label = "inspections"
    verbose_name = "Inspections"
