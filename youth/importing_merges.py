"""Cells merged down several rows of a list ("one household on two rows": the address, the
circumstances, the notes merged D10:D11). openpyxl's read-only mode reads cell values only: a
merged cell's value is on its first row and the rows it covers read empty. The sheet part's
<mergeCells> list is read here, once per sheet, and the first row's value copied down into the
covered rows of the free-text and group columns. A name, a birth, an ID or a phone is never
copied: they make a person's identity, so a covered row is warned about instead.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries

from reports.importing.report import Severity
from reports.importing.sheets import Column, SheetTable, is_blank
from youth.importing_sheets import GROUP_MARK, TableRow

# Fields whose merged value belongs to every row it covers: the household's, not the person's.
SHARED_FIELDS = frozenset({"village", "address_detail", "circumstances", "notes", "groups", "needs", "ethnicity"})
IDENTITY_FIELDS = frozenset(
    {"full_name", "family_name", "given_name", "birth", "birth_male", "birth_female", "citizen_id", "phone"}
)

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]+[0-9]+:[A-Za-z]+[0-9]+)"')
_CHUNK = 1 << 20
_MAX_MERGE_BYTES = 4 << 20  # the list of merges read, at most
# Cells copied down in all, at most: each data row covered once per column is far below it;
# overlapping ranges (Excel never writes them) could otherwise cost ranges × rows.
MAX_COVERED = 200_000


def merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each range merged over more than one row. The sheet
    part is streamed in chunks: <mergeCells> comes after the rows, so the whole part is read."""
    archive = getattr(getattr(sheet, "parent", None), "_archive", None)
    path = getattr(sheet, "_worksheet_path", None)
    if archive is None or path is None:
        return []
    merges = b""
    with archive.open(path) as part:
        while chunk := part.read(_CHUNK):
            merges += chunk
            if (at := merges.find(b"mergeCells")) < 0:
                merges = merges[-32:]  # a tag name cut by the chunk's end
            elif len(merges) - at > _MAX_MERGE_BYTES:
                break
    found = []
    for match in _MERGE.finditer(merges):
        min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode().upper())
        if max_row > min_row:
            found.append((min_col, min_row, max_col, max_row))
    return found


def fill_merged_cells(table: SheetTable, merges: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's first value down into the rows of `table` it covers."""
    if not merges or not table.rows:
        return
    by_number = {row.number: row for row in table.rows}
    numbers = sorted(by_number)
    budget = MAX_COVERED
    for min_col, min_row, _max_col, max_row in merges:
        # The data rows the range covers, found by bisection: a range may claim a million rows.
        covered = [by_number[n] for n in numbers[bisect_right(numbers, min_row) : bisect_right(numbers, max_row)]]
        if not covered:
            continue
        budget -= len(covered)
        if budget < 0:
            return  # a file of many ranges over the same rows: no list has that many
        first = by_number.get(min_row)
        for row in covered:
            column = _column_at(table, row, min_col)
            if column is None or column.field == "number":
                continue
            name = column.field
            if name in IDENTITY_FIELDS:
                table.note(
                    Severity.WARNING,
                    _(
                        "This cell is merged with the cell above (%(range)s): its value is read for row %(first)d "
                        "only, not for this row. Unmerge it and type each person's own value."
                    )
                    % {"range": _range_text(min_col, min_row, max_row), "first": min_row},
                    row=row.number,
                    column=column,
                )
                continue
            if first is None or not (name in SHARED_FIELDS or name.startswith(GROUP_MARK)):
                continue
            value = first.cells.get(name)
            if value is None or is_blank(value[0]) or not is_blank(row.cells.get(name, (None, False))[0]):
                continue
            row.cells[name] = value
            table.note(
                Severity.INFO,
                _(
                    "This cell is merged with the cell above (%(range)s): the value of row %(first)d is read for "
                    "this row too."
                )
                % {"range": _range_text(min_col, min_row, max_row), "first": min_row},
                row=row.number,
                column=column,
            )


def _column_at(table: SheetTable, row: Any, index: int) -> Column | None:
    columns = row.columns.values() if isinstance(row, TableRow) and row.columns else table.columns
    return next((c for c in columns if c.index == index), None)


def _range_text(col: int, min_row: int, max_row: int) -> str:
    letter = Column(col, "", "").letter
    return f"{letter}{min_row}:{letter}{max_row}"
