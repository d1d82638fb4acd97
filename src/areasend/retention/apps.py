from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "areasend.retention"
    label = "retention"
    verbose_name = "Retention"
