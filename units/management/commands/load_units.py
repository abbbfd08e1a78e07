from __future__ import annotations

from django.core.management.base import BaseCommand

from units.reference import load_hatinh_tree


class Command(BaseCommand):
    help = "Load the Hà Tĩnh union tree (2025 communes and the legacy three-tier structure). Safe to repeat."

    def handle(self, *args, **options) -> None:
        report = load_hatinh_tree()
        self.stdout.write(
            f"Union tree: {report.created} units created, {report.existing} already present, "
            f"{report.links} successor links added."
        )
