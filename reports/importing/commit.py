"""What every import's commit starts with; the writing itself is each import's own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports.importing.report import ImportRejected, ReportTotals
from units.models import Unit


def check_committable(report: ReportTotals, unit: Unit) -> None:
    """Before the transaction: a report with errors writes nothing; one read for another unit is a bug."""
    if report.error_count:
        raise ImportRejected(_("The file has errors: nothing was imported. Correct them and check the file again."))
    if report.unit_id != unit.pk:
        raise ValueError("the report was built for another unit")


def lock_unit(unit: Unit) -> None:
    """First in the transaction: one import per unit at a time. A second import of the same file
    waits here, then finds the first one's rows (their source keys) and skips them."""
    list(Unit.objects.select_for_update().filter(pk=unit.pk).values_list("pk", flat=True))
