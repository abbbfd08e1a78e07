from __future__ import annotations

from django.core.management.base import BaseCommand

from reports.jobs import purge_expired


class Command(BaseCommand):
    help = "Delete the export jobs past their expiry, with their files (run it daily, e.g. from cron)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{purge_expired()} expired export job(s) deleted.")
