"""What an import found: the problems by sheet, row and column, each sheet's summary, the totals.

Plain data, no Django models: the page, the API and the tests read the same report. Each
import has its own row (what a row becomes) and its own report (its options); the report
takes its totals from `ReportTotals`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


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


class ReadRow(Protocol):
    """What the totals need of an import's row."""

    sheet: str
    row: int
    has_error: bool
    skipped: bool

    @property
    def ready(self) -> bool: ...


class ReportTotals[R: ReadRow]:
    """The totals of a report (a dataclass with these three lists and its own options)."""

    filename: str
    unit_id: int
    file_problems: list[Problem]
    sheets: list[SheetSummary]
    rows: list[R]

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
    def ready_rows(self) -> list[R]:
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


def note_row(summaries: dict[str, SheetSummary], row: ReadRow, severity: Severity, message: str) -> None:
    """A problem of a whole row (found among the rows together: a repeat, a link, a re-import)."""
    summaries[row.sheet].problems.append(Problem(severity, message, sheet=row.sheet, row=row.row))


def count_sheets(report: ReportTotals) -> None:
    """Each sheet's counts, once every row is read and checked; its problems in row order."""
    for summary in report.sheets:
        rows = [row for row in report.rows if row.sheet == summary.title]
        summary.rows_read = len(rows)
        summary.ready = sum(1 for row in rows if row.ready)
        summary.error_rows = sum(1 for row in rows if row.has_error)
        summary.skipped = sum(1 for row in rows if row.skipped)
        summary.warnings = sum(1 for p in summary.problems if p.severity == Severity.WARNING)
        summary.problems.sort(key=lambda p: (p.row or 0, len(p.column), p.column))
