from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from cycle import reminders, tasks


class Command(BaseCommand):
    help = (
        "Send today's deadline reminders (run daily from cron); a second run the same day sends nothing. "
        "With --schedule, queue the background task that sends them every morning instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this day (yyyy-mm-dd).")
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily task for the next 07:00 (needs db_worker)."
        )

    def handle(self, *args, date=None, schedule=False, **options):
        if schedule:
            backend = tasks.send_reminders.get_backend()
            if not backend.supports_defer:
                raise CommandError("This task backend cannot run tasks later; use cron with send_reminders.")
            result = tasks.send_reminders.using(run_after=tasks.next_run()).enqueue(reschedule=True)
            self.stdout.write(f"Queued for {tasks.next_run():%d/%m/%Y %H:%M} ({result.id}).")
            return
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date: {exc}") from exc
        sent = reminders.send(today)
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
