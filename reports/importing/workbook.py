"""The pieces of an import's .xlsx template: a list sheet laid out as the guideline's form
(header block, title, header row and numbering row), drop-down lists, and an instructions sheet
with the tables of accepted names the drop-downs read.

Headers and the form's labels are the file format, the same in every UI language; the
instructions speak the user's language. Each import says its own columns, title and lists.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from units.models import Unit

_THIN = Side(style="thin")
BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

# (key, title, entries of four texts: number, code, name, more): a table of the instructions sheet.
HelpTable = tuple[str, str, Sequence[tuple[str, str, str, str]]]


def new_template(list_sheet: str, help_sheet: str) -> tuple[Workbook, Worksheet, Worksheet]:
    """An empty workbook: the list sheet first (the one that opens), then the instructions."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = list_sheet
    return workbook, sheet, workbook.create_sheet(help_sheet)


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def put(sheet: Worksheet, coordinate: str, value: str, *, bold: bool = False) -> None:
    # openpyxl writes any text starting with "=" as a live formula: keep it text.
    cell = sheet[coordinate]
    cell.value = value
    if value.startswith("="):
        cell.data_type = "s"
    if bold:
        cell.font = BOLD


def write_heading(
    sheet: Worksheet, unit: Unit | None, title: Sequence[str], *, left_end: str, right_start: str, last: str
) -> None:
    """The form's header block on rows 1–3 (the unit's two lines, or dots to fill in, under
    columns A to `left_end`; the union's name and the place and date from `right_start` to
    `last`), then the title's lines from row 5, across A to `last`."""
    line_1 = (unit.header_line_1 if unit else "") or "TỈNH ĐOÀN HÀ TĨNH"
    line_2 = (unit.header_line_2 if unit else "") or "BCH ĐOÀN ……………"
    place = (unit.place_name if unit else "") or "……."
    for row, (left, right) in enumerate(
        [(line_1, "ĐOÀN TNCS HỒ CHÍ MINH"), (line_2, f"{place}, ngày … tháng … năm 20…"), ("***", "")], start=1
    ):
        sheet.merge_cells(f"A{row}:{left_end}{row}")
        sheet.merge_cells(f"{right_start}{row}:{last}{row}")
        put(sheet, f"A{row}", left, bold=row != 3)
        put(sheet, f"{right_start}{row}", right, bold=row == 1)
        sheet[f"A{row}"].alignment = sheet[f"{right_start}{row}"].alignment = CENTER
    for row, text in enumerate(title, start=5):
        sheet.merge_cells(f"A{row}:{last}{row}")
        put(sheet, f"A{row}", text, bold=True)
        sheet[f"A{row}"].alignment = CENTER


def write_header_rows(
    sheet: Worksheet, columns: Sequence[tuple[str, int]], row: int, *, height: int, text_columns: Sequence[str] = ()
) -> None:
    """The header row (header, width) and the numbering row "(1) (2) …" under it. Text columns
    keep the leading 0 of phones and IDs, and dates as typed, whatever the regional settings."""
    for index, (header, width) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        for number, value in ((row, header), (row + 1, f"({index})")):
            cell = sheet.cell(row=number, column=index, value=value)
            cell.font, cell.alignment, cell.border = BOLD, CENTER, BOX
    for letter in text_columns:
        sheet.column_dimensions[letter].number_format = "@"
    sheet.row_dimensions[row].height = height


def add_drop_downs(sheet: Worksheet, lists: Sequence[tuple[str, str, bool]], first_row: int, rows: int) -> None:
    """(column, source, strict) for each list; a list that is not strict suggests, it does not force."""
    for column, source, strict in lists:
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict)
        validation.add(f"{column}{first_row}:{column}{first_row + rows - 1}")
        sheet.add_data_validation(validation)


def write_help(
    sheet: Worksheet,
    lines: Sequence[str],
    tables: Sequence[HelpTable],
    *,
    labels: tuple[str, str, str, str],
    widths: tuple[int, int, int, int],
) -> dict[str, str]:
    """Instructions (the first line bold), then each table of accepted names under its title and
    `labels`; returns the range of each table's names (column C) for the drop-downs."""
    for letter, width in zip("ABCD", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    for row, text in enumerate(lines, start=1):
        put(sheet, f"A{row}", text, bold=row == 1)
    row = len(lines) + 2
    ranges: dict[str, str] = {}
    for key, title, entries in tables:
        put(sheet, f"A{row}", title, bold=True)
        for column, label in zip("ABCD", labels, strict=True):
            put(sheet, f"{column}{row + 1}", label, bold=True)
        first = row + 2
        for offset, entry in enumerate(entries):
            for column, value in zip("ABCD", entry, strict=True):
                put(sheet, f"{column}{first + offset}", value)
        ranges[key] = f"'{sheet.title}'!$C${first}:$C${first + len(entries) - 1}"
        row = first + len(entries) + 1
    return ranges
