"""Daily: remind each owner of inspection steps due within 2 working days, and of overdue steps.

Idempotent: every reminder has a key per task, day and kind, so a second run on the same day
sends nothing again.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from areasend.inspections import services


class Command(BaseCommand):
    help = "Send reminders of inspection steps that are due soon or overdue (safe to run more than once a day)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to run for, as YYYY-MM-DD (default: today in London).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today must be a date like 2026-01-12, not {options['today']!r}") from None
        sent = services.send_task_reminders(today)
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent for {today.isoformat()}")
