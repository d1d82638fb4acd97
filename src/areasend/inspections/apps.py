from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "areasend.inspections"
    label = "inspections"
    verbose_name = "Inspections"

    def ready(self) -> None:
        # Tells the access gate who holds which role on an inspection.
        from areasend.inspections import access  # noqa: F401
