"""The run's background task, and the table of the shared cache (``CACHES`` in settings).

Django makes a database cache's table with ``createcachetable``, which is not a migration; running it
here means ``migrate`` makes every table the service needs. It creates only tables that are missing.
"""

from django.core.management import call_command
from django.db import migrations, models


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="planrun",
            name="task_id",
            field=models.CharField(blank=True, help_text="The background task that solves this run, once queued.", max_length=64),
        ),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
    ]
