"""Find the table in each sheet of a commune's workbook: its header row, its columns, its rows.

Commune lists follow Biểu mẫu 02 loosely: a header block and a title above the table, headers
spelt many ways (with line breaks, without diacritics, "SĐT" or "Số điện thoại"), sometimes on
two rows ("Năm sinh" over "Nam" | "Nữ", "Họ và tên" over "Họ" | "Tên"), a numbering row under
the header, blank and section rows inside, and a signature block below. Headers are matched on
`core.vntext.fold`, so case, diacritics, đ/d, punctuation and line breaks do not matter. The
workbook around the sheets, and the table a sheet becomes, are every import's
(`reports.importing.sheets`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
from youth.choices import HouseholdKind, TargetGroup
from youth.importing_values import group_column, group_named_exactly

HEADER_SCAN_ROWS = 30
MAX_COLUMNS = 60
MAX_BLANK_RUN = 10_000  # stop a sheet after this many empty rows in a row
EXCEL_MAX_ROW = 1_048_576

NUMBER = "number"
FULL_NAME = "full_name"
FAMILY_NAME = "family_name"
GIVEN_NAME = "given_name"
BIRTH = "birth"
BIRTH_MALE = "birth_male"
BIRTH_FEMALE = "birth_female"
SEX = "sex"
SEX_MALE = "sex_male"
SEX_FEMALE = "sex_female"
ETHNICITY = "ethnicity"
CITIZEN_ID = "citizen_id"
PHONE = "phone"
VILLAGE = "village"
ADDRESS = "address_detail"
GROUPS = "groups"
NEEDS = "needs"
CIRCUMSTANCES = "circumstances"
NOTES = "notes"

# A column per target group, its cells marked "x": the field is this prefix and the group code,
# then ":" and the household kind for a poor or near-poor household's column, then "@" and the
# column's number for a second column of the same group (every mark column is read).
GROUP_MARK = "group:"


# A column under "Nhóm đối tượng" whose header names no known group; then its column number.
OTHER_GROUP_MARK = "other_group@"


def mark_group(name: str) -> tuple[str, str]:
    """(group, household kind or "") of a mark column's field."""
    code, _sep, kind = name.removeprefix(GROUP_MARK).partition("@")[0].partition(":")
    return code, kind


NAME_FIELDS = frozenset({"full_name", "family_name", "given_name"})

FIELD_LABELS = {
    NUMBER: gettext_lazy("Row number"),
    FULL_NAME: gettext_lazy("Full name"),
    FAMILY_NAME: gettext_lazy("Family and middle name"),
    GIVEN_NAME: gettext_lazy("Given name"),
    BIRTH: gettext_lazy("Date or year of birth"),
    BIRTH_MALE: gettext_lazy("Year of birth (male)"),
    BIRTH_FEMALE: gettext_lazy("Year of birth (female)"),
    SEX: gettext_lazy("Sex"),
    SEX_MALE: gettext_lazy("Sex: male"),
    SEX_FEMALE: gettext_lazy("Sex: female"),
    ETHNICITY: gettext_lazy("Ethnicity"),
    CITIZEN_ID: gettext_lazy("Citizen ID (CCCD)"),
    PHONE: gettext_lazy("Phone"),
    VILLAGE: gettext_lazy("Village / hamlet"),
    ADDRESS: gettext_lazy("Address"),
    GROUPS: gettext_lazy("Target groups"),
    NEEDS: gettext_lazy("Needs"),
    CIRCUMSTANCES: gettext_lazy("Current circumstances"),
    NOTES: gettext_lazy("Notes"),
}

# Header spellings, folded (no diacritics, lower case, punctuation as spaces), "|" between them.
_SPELLINGS = {
    NUMBER: "tt | stt | so tt | so thu tu",
    FULL_NAME: "ho va ten | ho ten | ten | ho va ten thanh thieu nien | ho va ten doi tuong | ho ten doi tuong",
    FAMILY_NAME: "ho | ho dem | ho va ten dem | ho va dem | ho va chu dem | ho lot | ho va ten lot",
    BIRTH: "nam sinh | ngay sinh | ngay thang nam sinh | sinh ngay | sinh nam | ns | ngay sinh nam sinh"
    " | nam sinh ngay sinh | ngay thang nam sinh nam sinh",
    BIRTH_MALE: "nam sinh nam | ngay sinh nam",
    BIRTH_FEMALE: "nam sinh nu | ngay sinh nu",
    SEX: "gioi tinh | gioi | nam nu | nam hoac nu | phai",
    ETHNICITY: "dan toc",
    CITIZEN_ID: "cccd | so cccd | can cuoc | can cuoc cong dan | so can cuoc | so can cuoc cong dan | cmnd | so cmnd"
    " | cmnd cccd | cccd cmnd | so cmnd cccd | so cccd cmnd | so dinh danh | so dinh danh ca nhan | ma dinh danh",
    PHONE: "sdt | so dien thoai | sdt lien he | dien thoai | dien thoai lien he | so dt | dt | dt lien he"
    " | so dien thoai lien he | so dt lien he",
    VILLAGE: "thon | xom | thon xom | to dan pho | tdp | thon tdp | thon to dan pho | thon xom to dan pho | khoi"
    " | khoi pho | thon ban | thon to",
    ADDRESS: "dia chi | noi o | noi o hien nay | cho o hien nay | noi cu tru | dia chi thuong tru | dia chi lien he"
    " | que quan | ho khau thuong tru | dia chi cu tru | noi thuong tru",
    GROUPS: "nhom | doi tuong | thuoc nhom | nhom doi tuong | thuoc doi tuong | dien | thuoc dien | nhom yeu the"
    " | doi tuong yeu the | phan loai | loai doi tuong | phan loai doi tuong | nhom thanh thieu nien yeu the",
    NEEDS: "nhu cau | nhu cau ho tro | nhu cau can ho tro | nguyen vong | de xuat ho tro",
    CIRCUMSTANCES: "hoan canh | hoan canh cu the | hoan canh cu the hien nay | hoan canh hien nay | hoan canh gia dinh",
    NOTES: "ghi chu",
}
HEADERS: dict[str, tuple[str, ...]] = {
    name: tuple(part.strip() for part in spellings.split("|")) for name, spellings in _SPELLINGS.items()
}
# Headers that may go on with more words: "Địa chỉ thường trú", "Ghi chú khác", "Họ và tên
# thanh niên". Short or ambiguous words ("tên", "nhóm", "thôn") must match whole.
PREFIXES: dict[str, str] = {
    "ho va ten": FULL_NAME,
    "ho ten": FULL_NAME,
    "dia chi": ADDRESS,
    "noi o": ADDRESS,
    "hoan canh": CIRCUMSTANCES,
    "ghi chu": NOTES,
    "nhu cau": NEEDS,
    "so dien thoai": PHONE,
    "dien thoai": PHONE,
    "sdt": PHONE,
    "ngay thang nam sinh": BIRTH,
    "nam sinh": BIRTH,
    "ngay sinh": BIRTH,
    "gioi tinh": SEX,
    "nhom doi tuong": GROUPS,
    "thuoc nhom": GROUPS,
    "thuoc dien": GROUPS,
    "so cccd": CITIZEN_ID,
    "can cuoc": CITIZEN_ID,
    "cccd": CITIZEN_ID,
    "so cmnd": CITIZEN_ID,
}
_EXACT = {spelling: name for name, spellings in HEADERS.items() for spelling in spellings}
_PREFIXES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[0]))

# Second-row headers under a merged first-row header.
SUB_MALE = {"nam", "male"}
SUB_FEMALE = {"nu", "female"}
SUB_FAMILY = set(HEADERS[FAMILY_NAME])
SUB_GIVEN = {"ten"}
_SUB_WORDS = SUB_MALE | SUB_FEMALE | SUB_FAMILY | SUB_GIVEN

_NUMBERING = re.compile(r"\(?\s*[0-9]{1,3}\s*\)?|[A-Z]")
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
_PLACE_DATE = re.compile(r"^(?!.*\bsinh\b).{0,40}\bngay\b.{0,12}\bthang\b.{0,12}\bnam\b")
_TOTAL = re.compile(r"^(?:tong cong|tong so|tong\s*:|cong\s*:)|^(?:tong|cong)$")


@dataclass
class TableRow(SheetRow):
    """A row under a second header row of the sheet: its own columns, for its problems' letters."""

    columns: dict[str, Column] = field(default_factory=dict)


def classify_header(text: Any) -> tuple[str, bool] | None:
    """(field, exact) for a header cell, or None."""
    if not isinstance(text, str):
        return None
    key = header_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key], True
    for prefix, name in _PREFIXES_LONGEST_FIRST:
        if key.startswith(prefix + " "):
            return name, False
    if found := group_column(text):
        code, kind = found
        return GROUP_MARK + code + (f":{kind}" if kind else ""), True
    return None


def field_label(name: str) -> str:
    if name.startswith(GROUP_MARK):
        code, kind = mark_group(name)
        group = str(TargetGroup(code).label) + (f" ({HouseholdKind(kind).label})" if kind else "")
        return _("Target group: %(group)s") % {"group": group}
    if name.startswith(OTHER_GROUP_MARK):
        return _("Not a known target group: not imported")
    return str(FIELD_LABELS[name])


def _text(value: Any) -> str:
    return nfc(value) if isinstance(value, str) else ""


def _header_layout(head: Sequence[Sequence[Any]]) -> tuple[int, list[Column], int] | None:
    """(header row number, its columns, number of the first row under the header), or None.

    The header row is the first with a name header and at least one other known header.
    """
    for index, values in enumerate(head):
        found = {match[0] for value in values if (match := classify_header(value))}
        if found & {FULL_NAME, FAMILY_NAME} and len(found) >= 2:
            return _columns(head, index)
    return None


def _columns(head: Sequence[Sequence[Any]], index: int) -> tuple[int, list[Column], int]:
    values = list(head[index])
    above = list(head[index - 1]) if index > 0 else []
    below = list(head[index + 1]) if index + 1 < len(head) else []
    sub = below if _is_sub_header(values, below) else []
    columns: list[Column] = []
    parent: tuple[str, str, bool] | None = None  # (header, field, exact) of a merged cell to the left
    for position in range(max(len(values), len(sub))):
        value = values[position] if position < len(values) else None
        header, match = _text(value), classify_header(value)
        if is_blank(value) and position < len(above) and (up := classify_header(above[position])):
            header, match = _text(above[position]), up
        if header:
            parent = (header, match[0], match[1]) if match else (header, "", False)
        below_text = _text(sub[position]) if position < len(sub) else ""
        if below_text and parent:
            column = _sub_column(position + 1, parent, below_text)
            if column:
                columns.append(column)
            continue
        if match:
            columns.append(Column(position + 1, header, match[0], match[1]))
    return index + 1, _resolve(columns), index + (3 if sub else 2)


def _is_sub_header(header: Sequence[Any], below: Sequence[Any]) -> bool:
    """A second header row: only texts, each a sub-header word ("Nam", "Nữ", "Họ", "Tên"), a
    known header or a target group's name; or, with nothing under the name header, mostly so
    (a group the guideline does not name among the group names: "Mồ côi")."""
    texts = [(i, header_key(v)) for i, v in enumerate(below) if isinstance(v, str) and v.strip()]
    if not texts or any(not isinstance(v, str) for v in below if not is_blank(v)):
        return False
    known = sum(key in _SUB_WORDS or key in _EXACT or bool(group_named_exactly(below[i])) for i, key in texts)
    if known == len(texts):
        return True
    names = [i for i, v in enumerate(header) if (match := classify_header(v)) and match[0] in NAME_FIELDS]
    return known * 2 > len(texts) and bool(names) and all(is_blank(_cell(below, i)) for i in names)


def _sub_column(index: int, parent: tuple[str, str, bool], text: str) -> Column | None:
    parent_header, parent_field, _exact = parent
    key = header_key(text)
    header = f"{parent_header} / {text}" if parent_header else text
    pairs = {
        (BIRTH, True): BIRTH_MALE,
        (BIRTH, False): BIRTH_FEMALE,
        (SEX, True): SEX_MALE,
        (SEX, False): SEX_FEMALE,
    }
    if parent_field in (BIRTH, SEX) and key in SUB_MALE | SUB_FEMALE:
        return Column(index, header, pairs[(parent_field, key in SUB_MALE)])
    if parent_field in (FULL_NAME, FAMILY_NAME) and key in SUB_FAMILY:
        return Column(index, header, FAMILY_NAME)
    if parent_field in (FULL_NAME, FAMILY_NAME) and key in SUB_GIVEN:
        return Column(index, header, GIVEN_NAME)
    if match := classify_header(text):
        return Column(index, header, match[0], match[1])
    if parent_field == GROUPS:
        # Under "Nhóm đối tượng", a group the registry does not know: its marks are not
        # imported, but a row marked there must say so rather than take the default group.
        return Column(index, header, f"{OTHER_GROUP_MARK}{index}", False)
    return Column(index, header, parent_field, False) if parent_field else None


def _resolve(columns: list[Column]) -> list[Column]:
    """One column per field; "Họ" | "Tên" as two top-level headers make a split name."""
    if any(c.field == FAMILY_NAME for c in columns):
        for column in columns:
            if column.field == FULL_NAME and header_key(column.header) == "ten":
                column.field = GIVEN_NAME
    return columns


def _given_name_under_merge(
    columns: list[Column], head: Sequence[Sequence[Any]], header_row: int, first_data: int
) -> Column | None:
    """A "Họ và tên" merged over two columns without a "Họ" | "Tên" row under it, the family
    and middle names in its first column, the given name in the second.

    A read-only sheet does not say which cells are merged: the sign is an empty header cell
    right of the name header whose column holds words in the rows under it, and nothing else.
    Then the name column becomes the family name and the column right of it the given name.
    """
    names = [c for c in columns if c.field in NAME_FIELDS]
    if len(names) != 1 or names[0].field != FULL_NAME:
        return None
    name = names[0]
    position = name.index  # the 0-based position of the column right of the name
    if any(c.index == position + 1 for c in columns) or not is_blank(_cell(head[header_row - 1], position)):
        return None
    words = 0
    for values in head[first_data - 1 :]:
        right = _cell(values, position)
        if is_blank(right) or _is_name_header(right):
            continue
        if not isinstance(right, str) or not any(ch.isalpha() for ch in right) or _looks_numbering(right):
            return None
        left = _cell(values, position - 1)
        words += isinstance(left, str) and any(ch.isalpha() for ch in left)
    if not words:
        return None
    name.field = FAMILY_NAME
    return Column(position + 1, name.header, GIVEN_NAME, False)


def _cell(values: Sequence[Any], position: int) -> Any:
    return values[position] if position < len(values) else None


def _chosen(columns: list[Column]) -> dict[str, Column]:
    """The first exact match of each field, else its first prefix match."""
    chosen: dict[str, Column] = {}
    for column in sorted(columns, key=lambda c: (not c.exact, c.index)):
        chosen.setdefault(column.field, column)
    return chosen


def _pick(columns: list[Column], table: SheetTable) -> list[Column]:
    """Keep the first exact match of each field (else the first prefix match); say what was left."""
    chosen = _chosen(columns)
    for column in columns:
        if chosen[column.field] is column:
            continue
        if column.field.startswith(GROUP_MARK):
            # Two columns of one group ("Khuyết tật" and "Người khuyết tật"): a mark in either counts.
            column.field = f"{column.field}@{column.index}"
            chosen[column.field] = column
        else:
            table.note_not_read(column, chosen[column.field], field_label(column.field))
    return sorted(chosen.values(), key=lambda c: c.index)


def read_sheet(sheet: Any, budget: Budget) -> SheetTable:
    """Read one openpyxl read-only worksheet: find its header, then its rows (values only)."""
    table = SheetTable(sheet.title)
    head = [list(row) for row in sheet.iter_rows(max_row=HEADER_SCAN_ROWS, max_col=MAX_COLUMNS, values_only=True)]
    layout = _header_layout(head)
    if layout is None:
        if any(not is_blank(v) for values in head for v in values):
            table.note(
                Severity.INFO,
                _("No header row with “Họ và tên” in the first %(count)d rows: the sheet is not read as a list.")
                % {"count": HEADER_SCAN_ROWS},
            )
        return table
    table.header_row, columns, first_data = layout
    if given := _given_name_under_merge(columns, head, table.header_row, first_data):
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
            table.note_not_imported(index, _text(value))
    table.columns = _pick(columns, table)
    for column in table.columns:
        if column.field.startswith(OTHER_GROUP_MARK):
            table.note_not_imported(column.index, column.header)
    # The rows are read as wide as the table's header, not MAX_COLUMNS: most of the cost of a
    # big sheet is in building each row.
    width = max([c.index for c in columns] + [i + 1 for i, v in enumerate(header_values) if not is_blank(v)])
    rows = sheet.iter_rows(min_row=first_data, max_col=width, values_only=True)
    _read_rows(table, rows, first_data, budget)
    return table


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
    if not any(_is_name_header(value) for value in cells):
        return None
    found = _header_layout([list(cells)])
    if found is None:
        return None
    return sorted(_chosen(found[1]).values(), key=lambda c: c.index)


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


def _read_rows(table: SheetTable, rows: Iterator[Sequence[Any]], first: int, budget: Budget) -> None:
    layout = _Layout(table.columns, EXCEL_MAX_ROW)
    blank_run = 0
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
            and not _looks_numbering(name)
            and not _is_name_header(name)
        )
        if not plain:
            if all(is_blank(v) for name, v in values.items() if name != NUMBER):
                # An empty row, or a numbered row of an unfilled template: skipped without a word.
                if all(is_blank(value) for value in cells):
                    blank_run += 1
                    if blank_run >= MAX_BLANK_RUN:
                        table.note(Severity.INFO, _("Reading stopped after many empty rows."), row=number)
                        return
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
    return any(_PLACE_DATE.match(fold(value).strip()) for value in filled)


def _special_row(
    values: dict[str, Any], cells: Sequence[Any], name_positions: list[int], number_position: int | None
) -> str:
    filled = [value for value in cells if not is_blank(value)]
    name_values = [cells[p] for p in name_positions if not is_blank(cells[p])]
    if name_values and all(_is_name_header(v) for v in name_values):
        return "header"
    if len(filled) >= 2 and all(_looks_numbering(v) for v in filled) and any(_looks_numbering(v) for v in name_values):
        return "numbering"
    at, first_text = next(((p, v) for p, v in enumerate(cells) if isinstance(v, str) and v.strip()), (None, None))
    # In the number or name column, the numbers beside a total are counts ("Tổng cộng" | 1 | 1
    # under "Nam" | "Nữ"); elsewhere a total word does not outweigh a birth, phone or ID.
    if (
        first_text is not None
        and _TOTAL.match(fold(first_text).strip())
        and (at in name_positions or at == number_position or not _has_identity(values))
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


_HEADER_STARTS = frozenset({"ho", "ho,", "hov", "hot", "ten"})


def _is_name_header(value: Any) -> bool:
    """ "Họ và tên" repeated on a page break. Called on every row: only the cheap checks."""
    if not isinstance(value, str) or len(value) > 60 or fold(value.lstrip()[:3]).rstrip() not in _HEADER_STARTS:
        return False
    key = header_key(value)
    return _EXACT.get(key) in NAME_FIELDS or key.startswith(("ho va ten ", "ho ten "))


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


def _looks_numbering(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and 0 <= value < 1000
    return isinstance(value, str) and bool(_NUMBERING.fullmatch(value.strip()))
