"""What a Form 01 import found: the problems by sheet, row and column, and the rows ready to write.

Plain data, no Django models: the page and the tests read the same report. The problems and
sheet summaries are the registry import's (`youth.importing_report`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from youth.importing_report import Problem, Severity, SheetSummary


@dataclass
class InitiativeRow:
    """One row ready for `services.create_initiative(unit, data, groups=…, years=[year], …)`."""

    sheet: str
    row: int
    data: dict[str, Any] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    coordinating_unit_ids: list[int] = field(default_factory=list)
    youth_ids: list[int] = field(default_factory=list)
    people_text: str = ""
    source: str = ""
    has_error: bool = False
    skipped: bool = False

    @property
    def ready(self) -> bool:
        return not (self.has_error or self.skipped)


@dataclass
class Form01Report:
    filename: str
    sha256: str
    unit_id: int
    year: int
    default_domain: str
    checked_at: datetime.datetime
    file_problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)
    rows: list[InitiativeRow] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [*self.file_problems, *(p for sheet in self.sheets for p in sheet.problems)]

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    @property
    def error_count(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warning_count(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def rows_read(self) -> int:
        return len(self.rows)

    @property
    def ready_rows(self) -> list[InitiativeRow]:
        return [row for row in self.rows if row.ready]

    @property
    def ready(self) -> int:
        return len(self.ready_rows)

    @property
    def skipped(self) -> int:
        return sum(1 for row in self.rows if row.skipped)

    @property
    def can_commit(self) -> bool:
        return self.error_count == 0 and self.ready > 0
