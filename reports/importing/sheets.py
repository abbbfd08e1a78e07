"""Read a workbook sheet by sheet: the safety checks, openpyxl's many failures made one answer,
hidden sheets noted, one budget of rows for the whole file; and what every sheet reader uses
(header keys, the table of a sheet, its columns and rows).

Each import finds its own header row and reads its own rows (`youth.importing_sheets`,
`initiatives.importing_sheets`): what a header is called and which rows are not data differ.
Formulas are never evaluated: the workbook is read with `data_only=False`.
"""

from __future__ import annotations

import io
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core.vntext import fold
from reports.importing.report import ImportRejected, Problem, Severity, SheetSummary
from reports.importing.safety import check_upload, damaged_message

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """ "Họ và tên\n(thanh niên)" -> "ho va ten"; "SĐT/Zalo" -> "sdt zalo": no case, no
    diacritics, no punctuation, bracketed words dropped."""
    return _NOT_WORD.sub(" ", _BRACKETS.sub(" ", fold(text))).strip()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass
class Column:
    index: int  # 1-based
    header: str
    field: str
    exact: bool = True  # the header as spelt, not only its first words

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)


def problem_at(
    sheet: str, severity: Severity, message: str, row: int | None = None, column: Column | None = None
) -> Problem:
    return Problem(
        severity,
        message,
        sheet=sheet,
        row=row,
        column=column.letter if column else "",
        header=column.header if column else "",
    )


@dataclass
class SheetRow:
    number: int
    cells: dict[str, Any]  # field -> what the import keeps of the cell


@dataclass
class SheetTable:
    title: str
    header_row: int | None = None
    columns: list[Column] = field(default_factory=list)
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.field == name), None)

    def note(self, severity: Severity, message: str, row: int | None = None, column: Column | None = None) -> None:
        self.problems.append(problem_at(self.title, severity, message, row, column))

    def note_not_imported(self, index: int, header: str) -> None:
        self.note(Severity.INFO, _("This column is not imported."), column=Column(index, header, ""))

    def note_not_read(self, column: Column, kept: Column, label: str) -> None:
        """`column` is a second column of the field `kept` reads."""
        self.note(
            Severity.WARNING,
            _("This column is not read: column %(other)s is already read as “%(field)s”.")
            % {"other": kept.letter, "field": label},
            column=column,
        )


def summarise(table: SheetTable, label: Callable[[str], str]) -> SheetSummary:
    """The summary a report starts from: the sheet's header, its columns and what reading it found."""
    summary = SheetSummary(table.title, table.header_row, problems=list(table.problems))
    summary.columns = [(c.letter, c.header, label(c.field)) for c in table.columns]
    return summary


# A list of 10,000 people reads in a few seconds. A file within the size limits can still hold
# millions of cells (rows thousands of cells wide past the table): openpyxl parses each whole
# row, so the reading stops after this long rather than hold the request.
READ_SECONDS = 20


@dataclass
class Budget:
    """What the whole file may still spend, shared across its sheets."""

    physical_rows: int  # rows scanned, empty ones included
    data_rows: int  # rows read as data
    limit: int = 0  # the data-row limit, for the message
    deadline: float = field(default_factory=lambda: time.monotonic() + READ_SECONDS)

    def scan_row(self) -> None:
        """Count one more row read from the sheet, empty or not; stop a file too big or too slow."""
        self.physical_rows -= 1
        if self.physical_rows < 0:
            raise too_many_physical_rows()
        if time.monotonic() > self.deadline:
            raise too_slow()


def too_many_rows(limit: int) -> ImportRejected:
    return ImportRejected(
        _("The file has more than %(limit)d rows of data. Split it into files of at most %(limit)d rows.")
        % {"limit": limit}
    )


def too_many_physical_rows() -> ImportRejected:
    return ImportRejected(
        _("The workbook holds too many rows to be read. Delete the empty rows under each list and try again.")
    )


def too_slow() -> ImportRejected:
    return ImportRejected(
        _(
            "The workbook holds far more cells than a list of this kind and could not be read in %(seconds)d "
            "seconds. Copy only the list into a new workbook, or delete the rows and columns around it, and try again."
        )
        % {"seconds": READ_SECONDS}
    )


def read_workbook(
    data: bytes,
    read_sheet: Callable[[Any, Budget], SheetTable],
    *,
    max_sheets: int,
    max_rows: int,
    max_physical_rows: int,
) -> list[SheetTable]:
    """The tables of every sheet, each read by `read_sheet`, or ImportRejected: every failure of
    the parser ends here."""
    check_upload(data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles, validations and extensions it drops: none matter here.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False, keep_vba=False
            )
            try:
                return _read_tables(workbook, read_sheet, max_sheets, max_rows, max_physical_rows)
            finally:
                workbook.close()
    except ImportRejected:
        raise
    except Exception as exc:
        # openpyxl raises a dozen kinds on damaged files (KeyError, ValueError, TypeError,
        # IndexError, ParseError, zipfile errors, defusedxml's refusals…): one answer for all.
        raise ImportRejected(damaged_message()) from exc


def _read_tables(
    workbook: Any,
    read_sheet: Callable[[Any, Budget], SheetTable],
    max_sheets: int,
    max_rows: int,
    max_physical_rows: int,
) -> list[SheetTable]:
    sheets = workbook.worksheets
    if len(sheets) > max_sheets:
        raise ImportRejected(
            _("The workbook has %(count)d sheets; at most %(limit)d can be imported at once.")
            % {"count": len(sheets), "limit": max_sheets}
        )
    budget = Budget(physical_rows=max_physical_rows, data_rows=max_rows, limit=max_rows)
    tables = []
    for sheet in sheets:
        if sheet.sheet_state != "visible":
            table = SheetTable(sheet.title)
            table.note(Severity.INFO, _("A hidden sheet: not read."))
            tables.append(table)
            continue
        sheet.reset_dimensions()  # a wrong <dimension> would hide rows; read what is there
        tables.append(read_sheet(sheet, budget))
    return tables
