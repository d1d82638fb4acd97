"""Start Django for commands that read or write the database."""

from __future__ import annotations

import os


def setup_django(*, migrate: bool = False) -> None:
    """Configure Django from the environment; with ``migrate``, bring the database up to date first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.config.settings")
    import django

    django.setup()
    if migrate:
        from django.conf import settings
        from django.core.management import call_command

        db = settings.DATABASES["default"]
        if db["ENGINE"].endswith("sqlite3"):
            from pathlib import Path

            Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
