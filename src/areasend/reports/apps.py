from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "areasend.reports"
    label = "reports"
    verbose_name = "Reports"
