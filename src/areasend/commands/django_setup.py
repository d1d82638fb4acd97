"""Start Django for commands that read or write the database.

No command changes the database's schema without saying so: ``areasend migrate`` brings it up to date;
``areasend demo`` does so and says it on screen; every other command refuses to run on a database that
is behind, naming the command that fixes it.
"""

from __future__ import annotations

import os

from .base import CommandError


def setup_django(*, require_migrated: bool = True) -> None:
    """Configure Django from the environment; unless told otherwise, refuse a database that is not up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.config.settings")
    import django

    django.setup()
    _make_sqlite_folder()
    if require_migrated:
        pending = pending_migrations()
        if pending:
            raise CommandError(
                f"the database is not up to date ({len(pending)} change(s) to its tables waiting); "
                "run 'areasend migrate' first")


def pending_migrations() -> list[str]:
    """Migrations not yet applied to the default database, as ``app.name``; an empty list when up to date."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def migrate(*, verbosity: int = 0) -> list[str]:
    """Bring the database up to date; returns the migrations applied."""
    from django.core.management import call_command

    pending = pending_migrations()
    if pending:
        call_command("migrate", interactive=False, verbosity=verbosity)
    return pending


def _make_sqlite_folder() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and str(db["NAME"]) != ":memory:":
        from pathlib import Path

        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
