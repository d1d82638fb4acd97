from django.apps import AppConfig


class SelfEvaluationConfig(AppConfig):
    name = "areasend.selfevaluation"
    label = "selfevaluation"
    verbose_name = "Self-evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from areasend.selfevaluation import access  # noqa: F401  registers the self-evaluation with the gate
