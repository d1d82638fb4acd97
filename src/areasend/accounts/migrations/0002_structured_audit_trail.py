"""The audit trail gets a verb, a structured payload and the inspection each event belongs to."""

import django.db.models.deletion
from django.db import migrations, models

# The six old actions, as the nearest verb.
OLD_TO_VERB = {"view": "viewed", "create": "history_added", "change": "history_changed", "delete": "history_changed",
               "import": "register_imported", "sign_in": "signed_in"}


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    for old, verb in OLD_TO_VERB.items():
        AuditEvent.objects.filter(action=old).update(verb=verb, payload={"recorded_before": "the structured audit trail"})
    Inspection = apps.get_model("inspections", "Inspection")
    ids = set(Inspection.objects.values_list("pk", flat=True))
    for event in AuditEvent.objects.filter(object_type="inspections.Inspection"):
        if event.object_id.isdigit() and int(event.object_id) in ids:
            event.inspection_id = int(event.object_id)
            event.save(update_fields=["inspection"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("inspections", "0004_meetings_and_timetable"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent", name="verb",
            field=models.CharField(default="viewed", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(model_name="auditevent", name="payload", field=models.JSONField(blank=True, default=dict)),
        migrations.AddField(
            model_name="auditevent", name="inspection",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="audit_events", to="inspections.inspection"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="auditevent", name="action"),
    ]
