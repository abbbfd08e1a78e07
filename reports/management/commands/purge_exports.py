from __future__ import annotations

from django.core.management.base import BaseCommand

from reports.importing.uploads import purge_all_expired
from reports.jobs import purge_expired, settle_all_stalled


class Command(BaseCommand):
    help = (
        "Mark lost export jobs failed, delete the jobs past their expiry with their files, and "
        "uploaded import files left unimported for an hour (run it daily or hourly, e.g. from cron)."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{settle_all_stalled()} lost export job(s) marked failed.")
        self.stdout.write(f"{purge_expired()} expired export job(s) deleted.")
        self.stdout.write(f"{purge_all_expired()} abandoned import file(s) deleted.")
