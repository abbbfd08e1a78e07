from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from cycle import reminders


class Command(BaseCommand):
    help = "Send today's deadline reminders (run daily from cron); a second run the same day sends nothing."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (yyyy-mm-dd).")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        sent = reminders.send(today)
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
