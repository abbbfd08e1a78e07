from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from api.snapshot import SNAPSHOT_PATH, render_openapi


class Command(BaseCommand):
    help = "Write the OpenAPI document of /api/v1 to api/openapi.json, the snapshot the tests check."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Only compare; exit 1 if the snapshot is stale.")

    def handle(self, *args, check: bool = False, **options) -> None:
        current = render_openapi()
        stale = not SNAPSHOT_PATH.exists() or SNAPSHOT_PATH.read_text(encoding="utf-8") != current
        if check:
            if stale:
                raise CommandError(f"{SNAPSHOT_PATH} is stale: run `manage.py export_openapi`.")
            self.stdout.write("OpenAPI snapshot is up to date.")
            return
        SNAPSHOT_PATH.write_text(current, encoding="utf-8")
        self.stdout.write(f"Wrote {SNAPSHOT_PATH}" + ("" if stale else " (unchanged)"))
