from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo accounts and attached units (demo mode only: VUONLEN_DEMO=1)."

    def handle(self, *args, **options) -> None:
        if not settings.DEMO:
            raise CommandError("Demo accounts are created only in demo mode: set VUONLEN_DEMO=1.")
        call_command("load_units", verbosity=0, stdout=self.stdout)
        rows = seed_demo()
        self.stdout.write(f"\nDemo accounts (password: {DEMO_PASSWORD}):")
        for username, role, unit in rows:
            self.stdout.write(f"  {username:<14} {role:<14} {unit}")
        self.stdout.write("")
