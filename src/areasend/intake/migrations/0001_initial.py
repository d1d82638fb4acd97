"""The information request's uploads move here from ``inspections``; the table and its rows stay.

Only Django's record of which app owns the model changes: the database is not touched.
``inspections`` 0005 removes the model from its own state after this runs.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _content_type_follows(apps, schema_editor, old="inspections", new="intake"):
    """Permissions and admin history keep pointing at the model: its content type changes app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="informationupload").exists():
        ContentType.objects.filter(app_label=old, model="informationupload").update(app_label=new)


def _content_type_goes_back(apps, schema_editor):
    _content_type_follows(apps, schema_editor, old="intake", new="inspections")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("inspections", "0004_meetings_and_timetable"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="InformationUpload",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("item_key", models.CharField(max_length=60)),
                        ("version", models.PositiveIntegerField()),
                        ("stored_name", models.CharField(help_text="Path under the upload directory; never the uploader's file name.", max_length=200, unique=True)),
                        ("original_name", models.CharField(max_length=255)),
                        ("kind", models.CharField(help_text="Read from the file's content.", max_length=10)),
                        ("size", models.PositiveBigIntegerField()),
                        ("sha256", models.CharField(max_length=64)),
                        ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                        ("inspection", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="information_uploads", to="inspections.inspection")),
                        ("uploaded_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "inspections_informationupload",
                        "ordering": ["item_key", "-version"],
                        "constraints": [models.UniqueConstraint(fields=("inspection", "item_key", "version"), name="information_upload_version_once")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(_content_type_follows, _content_type_goes_back),
    ]
