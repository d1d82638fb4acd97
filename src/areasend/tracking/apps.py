from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "areasend.tracking"
    label = "tracking"
    verbose_name = "Case tracking"
