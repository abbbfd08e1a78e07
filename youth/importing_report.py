"""What a registry import found: the rows ready to write, with the problems and sheet summaries
every import shares (`reports.importing.report`).

Plain data, no Django models: the page, the API and the tests read the same report.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from core.vntext import fold
from reports.importing.report import ImportRejected, Problem, ReportTotals, Severity, SheetSummary

__all__ = [
    "ImportRejected",
    "ImportReport",
    "ParsedRow",
    "Problem",
    "Severity",
    "SheetSummary",
]


@dataclass
class ParsedRow:
    """One row ready for `services.create_youth(unit, data, groups=…, needs=…, source=…)`."""

    sheet: str
    row: int
    data: dict[str, Any]
    groups: dict[str, dict[str, Any]]
    needs: dict[str, dict[str, Any]]
    source: str = ""  # services.source_key of the row
    birth_text: str = ""
    has_error: bool = False
    skipped: bool = False  # already imported, or a repeat of an earlier row of the file

    @property
    def ready(self) -> bool:
        return not (self.has_error or self.skipped)

    @functools.cached_property
    def name_key(self) -> str:
        """The folded full name duplicates are matched on, as `Youth.name_key` holds it."""
        return fold(self.data["full_name"])


@dataclass
class ImportReport(ReportTotals[ParsedRow]):
    filename: str
    sha256: str
    unit_id: int
    default_group: str
    checked_at: datetime.datetime
    file_problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
