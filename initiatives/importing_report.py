"""What a Form 01 import found: the rows ready to write, with the problems and sheet summaries
every import shares (`reports.importing.report`).

Plain data, no Django models: the page and the tests read the same report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from reports.importing.report import Problem, ReportTotals, SheetSummary


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
class Form01Report(ReportTotals[InitiativeRow]):
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
