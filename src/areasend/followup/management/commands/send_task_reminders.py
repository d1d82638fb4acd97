"""Daily: remind each person of the work they owe that is due soon or overdue.

Inspection steps due within 2 working days, and overdue ones, go to their owners (the inspections
app); items owed after an inspection (plans, engagement meetings, the monitoring inspection) due
soon, late or waiting for the national team's decision go to whoever owes them (the follow-up app).

Idempotent: every reminder has a key per item, person, day and kind, so a second run on the same
day sends nothing again. The command lives in the follow-up app because that app sits above the
inspections app in the layers, so it may ask both for their reminders.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from areasend.followup import reminders as after_inspection
from areasend.inspections import services as inspections


class Command(BaseCommand):
    help = ("Send reminders of inspection steps, and of what is owed after inspections, that are due soon or "
            "overdue (safe to run more than once a day).")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to run for, as YYYY-MM-DD (default: today in London).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today must be a date like 2026-01-12, not {options['today']!r}") from None
        steps = inspections.send_task_reminders(today)
        owed = after_inspection.send_reminders(today)
        total = steps + owed
        self.stdout.write(f"{total} reminder{'s' if total != 1 else ''} sent for {today.isoformat()} ({steps} of "
                          f"inspection steps, {owed} of what is owed after inspections)")
