from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "areasend.followup"
    label = "followup"
    verbose_name = "After the inspection"

    def ready(self) -> None:
        from areasend.followup import access  # noqa: F401  (registers the "area" kind with the gate)
