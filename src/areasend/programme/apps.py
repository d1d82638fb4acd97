from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "areasend.programme"
    label = "programme"
    verbose_name = "National programme"

    def ready(self) -> None:
        # Tells the access gate how to fetch a plan, and that plans are hidden from everyone else.
        from areasend.programme import access  # noqa: F401
