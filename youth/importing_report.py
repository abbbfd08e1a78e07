"""What an import found: the problems by sheet, row and column, and the rows ready to write.

Plain data, no Django models: the page, the API and the tests read the same report.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.vntext import fold


class ImportRejected(Exception):
    """The file as a whole cannot be read (not an .xlsx, too big, damaged, hostile).

    `message` is already translated, ready to show.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Severity(StrEnum):
    ERROR = "error"  # blocks the whole import
    WARNING = "warning"  # shown, does not block (a likely duplicate, a kept first phone number…)
    INFO = "info"  # what the importer did on its own (a row already imported, a column not read)


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str
    sheet: str = ""  # "" for the file as a whole
    row: int | None = None  # as Excel shows it, 1-based
    column: str = ""  # letter, as Excel shows it
    header: str = ""  # the header text of that column, as written in the file

    @property
    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER[self.severity], self.row or 0, len(self.column), self.column)


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
class SheetSummary:
    title: str
    header_row: int | None = None
    columns: list[tuple[str, str, str]] = field(default_factory=list)  # (letter, header, field label)
    rows_read: int = 0
    ready: int = 0
    error_rows: int = 0
    warnings: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportReport:
    filename: str
    sha256: str
    unit_id: int
    default_group: str
    checked_at: datetime.datetime
    file_problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)
    rows: list[ParsedRow] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem: the file's first, then sheet by sheet in the order of the workbook."""
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
    def ready_rows(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.ready]

    @property
    def ready(self) -> int:
        return len(self.ready_rows)

    @property
    def skipped(self) -> int:
        return sum(1 for row in self.rows if row.skipped)

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.has_error)

    @property
    def can_commit(self) -> bool:
        return self.error_count == 0 and self.ready > 0
