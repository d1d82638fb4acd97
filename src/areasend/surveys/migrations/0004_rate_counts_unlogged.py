"""On PostgreSQL the per-minute answer counts are kept out of the write-ahead log: a count is worth a minute
and is rebuilt by the next answers, so after a crash an empty table is right, and each answer writes
less. Answers themselves stay in logged tables."""

from django.db import migrations


def _unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE surveys_ratecount SET UNLOGGED")


def _logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE surveys_ratecount SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_response_batches_exclusion_and_paper_keys")]
    operations = [migrations.RunPython(_unlogged, _logged, elidable=False)]
