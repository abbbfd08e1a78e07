"""Read a sheet of a commune's list: its header (`youth.importing_sheets`), then its rows, telling
the people from what else lies under a header: blank and numbering rows, section headings,
totals, the header repeated on a new page or a second table's header, and the signature block,
below which nothing is read.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _

from core.vntext import fold, nfc
from reports.importing.report import Severity
from reports.importing.sheets import (
    Budget,
    Column,
    SheetRow,
    SheetTable,
    header_key,
    is_blank,
    too_many_physical_rows,
    too_many_rows,
)
from youth.importing_merges import fill_merged_cells, merged_ranges
from youth.importing_sheets import (
    ADDRESS,
    BIRTH,
    BIRTH_FEMALE,
    BIRTH_MALE,
    CITIZEN_ID,
    FAMILY_NAME,
    FULL_NAME,
    GIVEN_NAME,
    GROUP_MARK,
    GROUPS,
    HEADER_SCAN_ROWS,
    MAX_COLUMNS,
    NAME_FIELDS,
    NOTES,
    NUMBER,
    OTHER_GROUP_MARK,
    PHONE,
    SEX,
    SEX_FEMALE,
    SEX_MALE,
    SUB_FEMALE,
    SUB_MALE,
    VILLAGE,
    TableRow,
    chosen_columns,
    classify_header,
    given_name_under_merge,
    header_layout,
    header_text,
    is_name_header,
    looks_numbering,
    pick_columns,
)
from youth.importing_values import cell_text

MAX_BLANK_RUN = 10_000  # stop a sheet after this many empty rows in a row
EXCEL_MAX_ROW = 1_048_576

_SECTION = re.compile(r"(?:[IVXLC]+|[A-Z])(?:[.)]|\s|$)")
# The signature block under the table: any cell starting with one of these ends the table.
_SIGNATURE_STARTS = (
    "xac nhan", "tm ", "tm.", "t/m", "t m ", "nguoi lap", "thu truong", "ky ten", "ky ghi ro", "ky, ghi ro", "(ky",
    "noi nhan", "ban thuong vu",
)  # fmt: skip
# …and these, in the number or name column only (a circumstance may mention a date).
_SIGNATURE_IN_NAME = re.compile(r"^(?:pho )?bi thu\b|^.{0,40}ngay\b.{0,12}\bthang\b.{0,12}\bnam\b")
# The place and date above the signatures ("Thành Sen, ngày 10 tháng 10 năm 2025"), in any
# column of a row with texts only, no name and no number: not a birth written in words.
# The whole cell is a place and a date ("Thành Sen, ngày 10 tháng 10 năm 2025", "ngày … tháng …
# năm 20.."), folded: a text that only mentions a date ("Từ ngày 5 tháng 3 năm 2024 mẹ bị bệnh")
# is circumstances, not the signature block.
_PLACE_DATE = re.compile(
    r"(?!.*\bsinh\b)(?:[^,\d]{1,40},\s*)?ngay\s*[\d.…\s]{0,8}thang\s*[\d.…\s]{0,8}nam\s*[\d.…]{0,4}\s*\.?"
)
# "Tổng cộng", "Tổng số", "Tổng:", "Cộng:"; the bare words are also a surname (Tống, Công).
_TOTAL = re.compile(r"^(?:tong cong|tong so|tong\s*:|cong\s*:)")
_TOTAL_WORD = re.compile(r"^(?:tong|cong)$")


def read_sheet(sheet: Any, budget: Budget) -> SheetTable:
    """Read one openpyxl read-only worksheet: find its header, then its rows (values only)."""
    table = SheetTable(sheet.title)
    head = [list(row) for row in sheet.iter_rows(max_row=HEADER_SCAN_ROWS, max_col=MAX_COLUMNS, values_only=True)]
    layout = header_layout(head)
    if layout is None:
        if any(not is_blank(v) for values in head for v in values):
            table.note(
                Severity.INFO,
                _("No header row with “Họ và tên” in the first %(count)d rows: the sheet is not read as a list.")
                % {"count": HEADER_SCAN_ROWS},
            )
        return table
    table.header_row, columns, first_data = layout
    if given := given_name_under_merge(columns, head, table.header_row, first_data):
        columns.append(given)
        table.note(
            Severity.INFO,
            _("The name header spans this column too: the name is read as the two cells joined."),
            column=given,
        )
    header_indexes = {c.index for c in columns}
    header_values = head[table.header_row - 1]
    for index, value in enumerate(header_values, start=1):
        if index not in header_indexes and not is_blank(value) and classify_header(value) is None:
            table.note_not_imported(index, header_text(value))
    table.columns = pick_columns(columns, table)
    for column in table.columns:
        if column.field.startswith(OTHER_GROUP_MARK):
            table.note_not_imported(column.index, column.header)
    # The rows are read as wide as the table's header, not MAX_COLUMNS: most of the cost of a
    # big sheet is in building each row.
    width = max([c.index for c in columns] + [i + 1 for i, v in enumerate(header_values) if not is_blank(v)])
    rows = sheet.iter_rows(min_row=first_data, max_col=width, values_only=True)
    sheet_village = village_heading(table.title)
    villages = _read_rows(table, rows, first_data, budget, sheet_village=sheet_village)
    if table.rows:
        fill_merged_cells(table, merged_ranges(sheet))
    if sheet_village in _apply_villages(table, villages):
        table.note(
            Severity.INFO,
            _("The sheet is named after a village: the rows without an address are given the village “%(village)s”.")
            % {"village": sheet_village},
        )
    _join_continuations(table)
    _years_under_sex_headers(table)
    return table


_BIRTH_BY_SEX = {SEX_MALE: BIRTH_MALE, SEX_FEMALE: BIRTH_FEMALE}
_FOUR_DIGITS = re.compile(r"[0-9]{4}")


def _years_under_sex_headers(table: SheetTable) -> None:
    """A "Nam" | "Nữ" header with nothing above holding years or dates, not marks: the years of
    birth by sex, as under "Năm sinh" in the two-row form."""
    for column in table.columns:
        if column.field not in _BIRTH_BY_SEX or header_key(column.header) not in SUB_MALE | SUB_FEMALE:
            continue
        sex_field, birth_field = column.field, _BIRTH_BY_SEX[column.field]
        if any(_is_birth(row.cells[sex_field][0]) for row in table.rows if sex_field in row.cells) and not table.column(
            birth_field
        ):
            column.field = birth_field
            for row in table.rows:
                if sex_field in row.cells:
                    row.cells[birth_field] = row.cells.pop(sex_field)
                if isinstance(row, TableRow) and row.columns.get(sex_field) is column:
                    row.columns[birth_field] = row.columns.pop(sex_field)


def _is_birth(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | datetime.date):
        return True
    return isinstance(value, str) and bool(_FOUR_DIGITS.search(value))


def is_formula(value: Any) -> bool:
    """A formula's text as openpyxl gives it with data_only=False (or text that would become one)."""
    if isinstance(value, str):
        return len(value) > 1 and value[0] == "="
    return value is not None and not isinstance(value, int | float | datetime.date | datetime.time | datetime.timedelta)


class _Layout:
    """Where each field's cell is in a row: the table's header's, or a second header's below it."""

    def __init__(self, columns: list[Column], width: int, *, own: bool = False) -> None:
        columns = [c for c in columns if c.index <= width]
        self.columns = {c.field: c for c in columns} if own else {}
        self.mapped = [(c.index - 1, c.field) for c in columns]
        self.name_positions = [c.index - 1 for c in columns if c.field in NAME_FIELDS]
        self.name_position = self.name_positions[0] if len(self.name_positions) == 1 else None
        self.number_position = next((c.index - 1 for c in columns if c.field == NUMBER), None)


def _second_header(cells: Sequence[Any], layout: _Layout) -> list[Column] | None:
    """The columns of a header row inside the sheet ("STT | Họ tên | Ngày sinh | SĐT" over a
    second table), or None for an ordinary row."""
    if not any(is_name_header(value) for value in cells):
        return None
    found = header_layout([list(cells)])
    if found is None:
        return None
    return sorted(chosen_columns(found[1]).values(), key=lambda c: c.index)


# A header row repeated on a new page comes without its second row ("Nam" | "Nữ", "Họ" | "Tên"):
# its field there is the one the two columns split.
_SPLIT_FROM = {
    BIRTH_MALE: BIRTH,
    BIRTH_FEMALE: BIRTH,
    SEX_MALE: SEX,
    SEX_FEMALE: SEX,
    FAMILY_NAME: FULL_NAME,
    GIVEN_NAME: FULL_NAME,
}


def _other_columns(mapped: list[tuple[int, str]], header: list[tuple[int, str]]) -> bool:
    """Whether a header row inside the sheet puts some field where the table has another, or none."""

    def unsplit(name: str) -> str:
        return GROUPS if name.startswith(GROUP_MARK) else _SPLIT_FROM.get(name, name)

    table = {position: unsplit(name) for position, name in mapped}
    return any(table.get(position) != unsplit(name) for position, name in header)


def _read_rows(
    table: SheetTable, rows: Iterator[Sequence[Any]], first: int, budget: Budget, *, sheet_village: str
) -> dict[int, str]:
    """Reads the rows into `table`; returns the village heading each data row lies under."""
    layout = _Layout(table.columns, EXCEL_MAX_ROW)
    blank_run = 0
    village = sheet_village
    villages: dict[int, str] = {}
    signature_at: int | None = None
    for number, cells in enumerate(rows, start=first):
        budget.scan_row()
        if number > EXCEL_MAX_ROW:
            raise too_many_physical_rows()
        mapped, name_positions, number_position = layout.mapped, layout.name_positions, layout.number_position
        name_position = layout.name_position
        values = {name: cells[pos] for pos, name in mapped}
        # Most rows: a number in TT and a name. Only the others need the closer looks below.
        plain = (
            signature_at is None
            and number_position is not None
            and name_position is not None
            and isinstance(cells[number_position], int | float)
            and isinstance(name := cells[name_position], str)
            and not looks_numbering(name)
            and not is_name_header(name)
        )
        if not plain:
            if all(is_blank(v) for name, v in values.items() if name != NUMBER):
                # An empty row, or a numbered row of an unfilled template: skipped without a word.
                if heading := village_heading(values.get(NUMBER)):  # "Xóm Đông" alone, in the TT column
                    village = heading
                    table.note(Severity.INFO, _village_note(heading), row=number)
                    continue
                if all(is_blank(value) for value in cells):
                    blank_run += 1
                    if blank_run >= MAX_BLANK_RUN:
                        table.note(Severity.INFO, _("Reading stopped after many empty rows."), row=number)
                        return villages
                continue
            blank_run = 0
            if signature_at is not None:
                if sum(not is_blank(v) for v in values.values()) >= 3:
                    table.note(
                        Severity.WARNING,
                        _("This row lies below the signature block (row %(row)d) and is not read.")
                        % {"row": signature_at},
                        row=number,
                    )
                continue
            if _is_signature(values, cells, name_positions, number_position):
                signature_at = number
                continue
            if (columns := _second_header(cells, layout)) is not None:
                if _other_columns(mapped, [(c.index - 1, c.field) for c in columns if c.index <= len(cells)]):
                    layout = _Layout(columns, len(cells), own=True)
                    table.note(
                        Severity.WARNING,
                        _("A second header row with other columns: the rows under it are read with its columns."),
                        row=number,
                    )
                continue
            if heading := _village_row(values, cells, name_positions, number_position):
                village = heading
                table.note(Severity.INFO, _village_note(heading), row=number)
                continue
            kind = _special_row(values, cells, name_positions, number_position)
            if kind == "total":
                table.note(Severity.INFO, _("A total row, not read."), row=number)
                continue
            if kind == "section":
                table.note(Severity.INFO, _("A section heading, not read."), row=number)
                continue
            if kind == "unnumbered_name":
                table.note(
                    Severity.WARNING,
                    _(
                        "Only a name, without a number in the TT column: read as a heading, not imported. "
                        "If it is a person, give the row a number."
                    ),
                    row=number,
                )
                continue
            if kind in ("numbering", "header"):
                continue
        blank_run = 0
        budget.data_rows -= 1
        if budget.data_rows < 0:
            raise too_many_rows(budget.limit)
        kept = {name: (value, is_formula(value)) for name, value in values.items()}
        table.rows.append(TableRow(number, kept, layout.columns) if layout.columns else SheetRow(number, kept))
        if village:
            villages[number] = village
    return villages


# A row without a number, a name, a birth or an ID, right under a person's row, holding only a
# phone or notes: a second phone or a note of the person above ("0987654321" | "SĐT mẹ").
_PERSON_CELLS = (NUMBER, *sorted(NAME_FIELDS), BIRTH, BIRTH_MALE, BIRTH_FEMALE, CITIZEN_ID)
_CONTINUED = frozenset({PHONE, NOTES})


def _join_continuations(table: SheetTable) -> None:
    """Adds each lone phone-or-notes row to the notes of the row above, and drops it."""
    kept: list[SheetRow] = []
    for row in table.rows:
        above = kept[-1] if kept else None
        if (
            above is not None
            and above.number == row.number - 1
            and all(is_blank(row.cells.get(name, (None, False))[0]) for name in _PERSON_CELLS)
            and not any(formula for _value, formula in row.cells.values())
            and {name for name, (value, _f) in row.cells.items() if not is_blank(value)} <= _CONTINUED
        ):
            texts = [cell_text(row.cells[name][0]) for name in (PHONE, NOTES) if name in row.cells]
            notes = [cell_text(above.cells.get(NOTES, (None, False))[0]), " ".join(filter(None, texts))]
            above.cells[NOTES] = ("; ".join(filter(None, notes)), False)
            table.note(
                Severity.INFO,
                _("This row seems to continue the row above: its phone and notes are added to row %(row)d's notes.")
                % {"row": above.number},
                row=row.number,
            )
            continue
        kept.append(row)
    table.rows[:] = kept


# A village, hamlet or street group ("Thôn 1", "Xóm Đông", "Tổ dân phố 5", "Khối 3"), folded,
# after an optional section number ("I.", "1)"). "Tổ", "Bản", "Ấp", "Khối" need a number:
# "Tô", "Bàn" are family names.
_VILLAGE = re.compile(
    r"(?:(?:[ivxlc]+|[0-9]+|[a-z])\s*[.)/:-]\s*)?"
    r"((?:thon|xom|to dan pho|khoi pho|tdp)\s+\w.*|(?:to|ban|ap|khoi)\s+[0-9]+[a-z]?)"
)


def _village_note(village: str) -> str:
    return _("A village heading: the rows under it without an address are given the village “%(village)s”.") % {
        "village": village
    }


def village_heading(text: Any) -> str:
    """The village a heading or a sheet title names ("I. Thôn 1" -> "Thôn 1"), or ""."""
    if not isinstance(text, str) or len(text) > 60:
        return ""
    text = nfc(text)
    match = _VILLAGE.fullmatch(fold(text))
    return text[match.start(1) :] if match else ""


def _village_row(
    values: dict[str, Any], cells: Sequence[Any], name_positions: list[int], number_position: int | None
) -> str:
    """The village of a heading row inside the list ("I" | "Thôn 1", or "Xóm 2" alone), or ""."""
    if any(not is_blank(v) for name, v in values.items() if name not in (NUMBER, *NAME_FIELDS)):
        return ""
    filled = [(p, v) for p, v in enumerate(cells) if not is_blank(v)]
    if not 1 <= len(filled) <= 2:
        return ""
    headings = [village_heading(v) for _p, v in filled]
    found = [h for h in headings if h]
    if len(found) != 1:
        return ""
    # Beside the village, only a section number in the TT column.
    return (
        found[0]
        if all(h or (p == number_position and looks_section(v)) for (p, v), h in zip(filled, headings, strict=True))
        else ""
    )


def looks_section(value: Any) -> bool:
    return looks_numbering(value) or (isinstance(value, str) and bool(_SECTION.fullmatch(value.strip())))


def _apply_villages(table: SheetTable, villages: dict[int, str]) -> set[str]:
    """The village of the heading above each row without a village or an address; the villages given."""
    given = set()
    for row in table.rows:
        if (village := villages.get(row.number)) and all(
            is_blank(row.cells.get(name, (None, False))[0]) for name in (VILLAGE, ADDRESS)
        ):
            row.cells[VILLAGE] = (village, False)
            given.add(village)
    return given


def _is_signature(
    values: dict[str, Any], cells: Sequence[Any], name_positions: list[int], number_position: int | None
) -> bool:
    # A numbered row, or one with a birth, phone or ID, is a person whatever its texts say.
    number_value = cells[number_position] if number_position is not None else None
    if isinstance(number_value, int | float) and not isinstance(number_value, bool):
        return False
    if _is_place_and_date(cells, name_positions):
        return True
    if _has_identity(values):
        return False
    for position, value in enumerate(cells):
        # Signature lines are short; long texts are circumstances, not worth folding here.
        if not isinstance(value, str) or len(value) > 120:
            continue
        key = fold(value).strip()
        if key.startswith(_SIGNATURE_STARTS):
            return True
        if (position in name_positions or position == number_position) and _SIGNATURE_IN_NAME.search(key):
            return True
    return False


def _is_place_and_date(cells: Sequence[Any], name_positions: list[int]) -> bool:
    if any(not is_blank(cells[p]) for p in name_positions):
        return False
    filled = [value for value in cells if not is_blank(value)]
    if not all(isinstance(value, str) and len(value) <= 120 for value in filled):
        return False
    return any(_PLACE_DATE.fullmatch(fold(value).strip()) for value in filled)


def _special_row(
    values: dict[str, Any], cells: Sequence[Any], name_positions: list[int], number_position: int | None
) -> str:
    filled = [value for value in cells if not is_blank(value)]
    name_values = [cells[p] for p in name_positions if not is_blank(cells[p])]
    if name_values and all(is_name_header(v) for v in name_values):
        return "header"
    if len(filled) >= 2 and all(looks_numbering(v) for v in filled) and any(looks_numbering(v) for v in name_values):
        return "numbering"
    at, first_text = next(((p, v) for p, v in enumerate(cells) if isinstance(v, str) and v.strip()), (None, None))
    # In the number or name column, the numbers beside a total are counts ("Tổng cộng" | 1 | 1
    # under "Nam" | "Nữ"); elsewhere a total word does not outweigh a birth, phone or ID.
    if first_text is not None:
        key = fold(first_text).strip()
        if (_TOTAL.match(key) and (at in name_positions or at == number_position)) or (
            (_TOTAL.match(key) or _TOTAL_WORD.match(key)) and not _has_identity(values)
        ):
            return "total"
    number_value = cells[number_position] if number_position is not None else None
    others = [v for name, v in values.items() if name not in (NUMBER, *NAME_FIELDS) and not is_blank(v)]
    if not others:
        if isinstance(number_value, str) and _SECTION.fullmatch(number_value.strip()):
            return "section"
        if len(filled) == 1 and isinstance(filled[0], str) and _SECTION.match(filled[0].strip()) and "." in filled[0]:
            return "section"
        if number_position is not None and is_blank(number_value) and len(filled) == 1:
            return "unnumbered_name"
    return ""


def _has_identity(values: dict[str, Any]) -> bool:
    """A birth, phone or ID with a digit in it: signature and total lines have none."""
    for name in (PHONE, CITIZEN_ID, BIRTH, BIRTH_MALE, BIRTH_FEMALE):
        value = values.get(name)
        if isinstance(value, str):
            if any(ch.isdigit() for ch in value):
                return True
        elif value is not None and not isinstance(value, bool):
            return True
    return False
