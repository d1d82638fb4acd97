"""The information request's uploads now belong to the ``intake`` app; the table and rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("inspections", "0005_monitoring_findings_and_inspector_kinds"),
        ("intake", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="InformationUpload")],
            database_operations=[],
        ),
    ]
