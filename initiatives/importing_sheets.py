"""Find the table of Biểu mẫu 01 in each sheet: its header row, its columns, its rows.

A commune's Form 01 has the header block and the title above the table, the six columns
(TT · Đơn vị triển khai · Đơn vị phối hợp · Nội dung giải pháp, mô hình · Đối tượng thụ hưởng
(họ tên, địa chỉ, SĐT liên hệ) · Dự kiến kết quả), often a numbering row ("(1) (2) …" or
1 2 3 …) under the header, section headings ("I. LĨNH VỰC VIỆC LÀM") and a total row inside,
and the signature block below, from the place and date line down. The template this site offers adds optional
columns to the right (Tên mô hình, Lĩnh vực, Loại mô hình, Nhóm đối tượng, Người phụ trách, …).
Headers are matched folded (no case, no diacritics, no punctuation, bracketed words dropped),
so "NỘI DUNG GIẢI PHÁP, MÔ HÌNH" and "Noi dung giai phap mo hinh" are the same. The workbook
around the sheets, and the table a sheet becomes, are every import's (`reports.importing.sheets`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
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
    too_many_rows,
)

HEADER_SCAN_ROWS = 30
MAX_COLUMNS = 40
MAX_BLANK_RUN = 2_000

NUMBER = "number"
IMPLEMENTER = "implementer"
PARTNERS = "partners"
CONTENT = "content"
PEOPLE = "beneficiaries"
EXPECTED = "expected_results"
NAME = "name"
DOMAIN = "domain"
KIND = "kind"
GROUPS = "groups"
PERSON = "person_in_charge"
PERSON_PHONE = "person_in_charge_phone"
AREA = "area"
START = "start_date"
END = "end_date"
TIME_FRAME = "time_frame"  # no field of its own: kept in the content
BUDGET = "budget"  # likewise
SECTION = "section"  # not a column: the section heading the row sits under, if any

FIELD_LABELS = {
    NUMBER: gettext_lazy("Row number"),
    IMPLEMENTER: gettext_lazy("Implementing unit"),
    PARTNERS: gettext_lazy("Coordinating units"),
    CONTENT: gettext_lazy("Content of the initiative"),
    PEOPLE: gettext_lazy("Beneficiaries"),
    EXPECTED: gettext_lazy("Expected results"),
    NAME: gettext_lazy("Name"),
    DOMAIN: gettext_lazy("Domain"),
    KIND: gettext_lazy("Kind"),
    GROUPS: gettext_lazy("Target groups"),
    PERSON: gettext_lazy("Person in charge"),
    PERSON_PHONE: gettext_lazy("Phone of the person in charge"),
    AREA: gettext_lazy("Area"),
    START: gettext_lazy("Start date"),
    END: gettext_lazy("End date"),
    TIME_FRAME: gettext_lazy("Time frame"),
    BUDGET: gettext_lazy("Funding"),
}

# Header spellings, folded: whole headers, then beginnings of headers (longest first wins).
_EXACT = {
    "tt": NUMBER,
    "stt": NUMBER,
    "so tt": NUMBER,
    "so thu tu": NUMBER,
    "don vi": IMPLEMENTER,
    "doi tuong": PEOPLE,
    "ket qua": EXPECTED,  # on a registration form, the results it expects
    "loai": KIND,
    "nhom": GROUPS,
    "thoi gian": TIME_FRAME,
}
_PREFIXES = {
    "don vi trien khai": IMPLEMENTER,
    "don vi thuc hien": IMPLEMENTER,
    "don vi chu tri": IMPLEMENTER,
    "don vi phoi hop": PARTNERS,
    "phoi hop": PARTNERS,
    "co quan phoi hop": PARTNERS,
    "noi dung": CONTENT,
    "giai phap mo hinh": CONTENT,
    "mo hinh giai phap": CONTENT,
    "doi tuong thu huong": PEOPLE,
    "nguoi thu huong": PEOPLE,
    "doi tuong huong loi": PEOPLE,
    "doi tuong duoc huong": PEOPLE,
    "nguoi huong loi": PEOPLE,
    "doi tuong ho tro": PEOPLE,
    "doi tuong duoc ho tro": PEOPLE,
    "du kien ket qua": EXPECTED,
    "ket qua du kien": EXPECTED,
    "ket qua can dat": EXPECTED,
    "ket qua mong doi": EXPECTED,
    "ket qua mong muon": EXPECTED,
    "du kien": EXPECTED,
    "muc tieu": EXPECTED,
    "ten mo hinh": NAME,
    "ten giai phap": NAME,
    "linh vuc": DOMAIN,
    "loai mo hinh": KIND,
    "loai hinh": KIND,
    "loai giai phap": KIND,
    "nhom doi tuong": GROUPS,
    "nhom yeu the": GROUPS,
    "nguoi phu trach": PERSON,
    "can bo phu trach": PERSON,
    "sdt nguoi phu trach": PERSON_PHONE,
    "so dien thoai nguoi phu trach": PERSON_PHONE,
    "dien thoai nguoi phu trach": PERSON_PHONE,
    "dia ban": AREA,
    "ngay bat dau": START,
    "thoi gian bat dau": START,
    "ngay ket thuc": END,
    "thoi gian ket thuc": END,
    "thoi gian thuc hien": TIME_FRAME,
    "thoi gian trien khai": TIME_FRAME,
    "kinh phi": BUDGET,
    "du kien kinh phi": BUDGET,
    "nguon kinh phi": BUDGET,
    "nguon luc": BUDGET,
}
_PREFIXES_LONGEST_FIRST = sorted(_PREFIXES.items(), key=lambda item: -len(item[0]))
_NUMBERING = re.compile(r"\(?\s*([0-9]{1,2})\s*\)?")
_SIGNATURE_STARTS = (
    "xac nhan", "tm ", "tm.", "t/m", "t m ", "noi nhan", "nguoi lap", "ban thuong vu", "bi thu", "pho bi thu",
    "ky ten", "(ky", "ky, ghi ro",
)  # fmt: skip
# A section heading: "I. LĨNH VỰC VIỆC LÀM", "B) Lĩnh vực học tập"; or its mark alone in TT.
_SECTION = re.compile(r"(?:[IVXLC]{1,6}|[A-Z])\s*[.):\-–]\s*\S.*")
_SECTION_MARK = re.compile(r"(?:[IVXLC]{1,6}|[A-Z])\s*[.)]?")
# A total row's first cell, folded: "Tổng cộng", "TỔNG:", "Cộng: 02 mô hình", "Tổng số 3" (not
# "Tổng kết …" nor "Cộng đồng …", which may begin a content).
_TOTAL = re.compile(r"(?:tong cong|tong so|tong|cong)\s*(?:[:.(]|[0-9]|$)")
# The place and date line over the signatures ("Thành Sen, ngày 10 tháng 3 năm 2026", "ngày …
# tháng … năm 2026" left to fill in, "Hà Tĩnh, ngày 10/3/2026"), folded. The whole cell must be
# that line, so that a content which only mentions a date ("Ngày hội việc làm ngày 10 tháng 3
# năm 2026") is still an initiative.
_DOTS = r"[\s.…_]*"
_PLACE_DATE = re.compile(
    r"(?:(?:(?!ngay\b)[^\d\n]){0,60}[,\s])?\s*ngay"
    rf"(?:{_DOTS}(?:\d{{1,2}})?{_DOTS}thang{_DOTS}(?:\d{{1,2}})?{_DOTS}nam{_DOTS}(?:\d{{4}})?"
    r"|\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})[\s.]*"
)


def classify_header(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    key = header_key(value)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for prefix, name in _PREFIXES_LONGEST_FIRST:
        if key == prefix or key.startswith(prefix + " "):
            return name
    return None


def field_label(name: str) -> str:
    return str(FIELD_LABELS[name])


def _text(value: Any) -> str:
    return nfc(value).strip() if isinstance(value, str) else ""


def _layout(head: Sequence[Sequence[Any]]) -> tuple[int, list[Column]] | None:
    """(header row number, its columns): the first row naming the content (or the name) and
    at least one other column of the form."""
    for index, values in enumerate(head):
        columns = [Column(i + 1, _text(v), f) for i, v in enumerate(values) if (f := classify_header(v))]
        found = {c.field for c in columns}
        if found & {CONTENT, NAME} and len(found) >= 2:
            return index + 1, columns
    return None


def _pick(columns: list[Column], table: SheetTable) -> list[Column]:
    """One column per field, the first; say which were left."""
    chosen: dict[str, Column] = {}
    for column in columns:
        if column.field in chosen:
            table.note_not_read(column, chosen[column.field], field_label(column.field))
            continue
        chosen[column.field] = column
    return list(chosen.values())


def read_sheet(sheet: Any, budget: Budget) -> SheetTable:
    """Read one openpyxl read-only worksheet: find its header, then its rows (values only)."""
    table = SheetTable(sheet.title)
    head = [list(row) for row in sheet.iter_rows(max_row=HEADER_SCAN_ROWS, max_col=MAX_COLUMNS, values_only=True)]
    layout = _layout(head)
    if layout is None:
        if any(not is_blank(v) for values in head for v in values):
            table.note(
                Severity.INFO,
                _(
                    "No header row with “Nội dung giải pháp, mô hình” in the first %(count)d rows: the sheet is "
                    "not read as a Form 01 list."
                )
                % {"count": HEADER_SCAN_ROWS},
            )
        return table
    table.header_row, columns = layout
    known = {c.index for c in columns}
    header_values = head[table.header_row - 1]
    for index, value in enumerate(header_values, start=1):
        if index not in known and not is_blank(value):
            table.note_not_imported(index, _text(value))
    table.columns = _pick(columns, table)
    width = max(c.index for c in columns)
    rows = sheet.iter_rows(min_row=table.header_row + 1, max_col=width, values_only=True)
    _read_rows(table, rows, table.header_row + 1, budget)
    return table


def _read_rows(table: SheetTable, rows: Iterator[Sequence[Any]], first: int, budget: Budget) -> None:
    mapped = [(c.index - 1, c.field) for c in table.columns]
    blank_run = 0
    signature_at: int | None = None
    section = ""
    for number, cells in enumerate(rows, start=first):
        budget.scan_row()
        values = {name: cells[position] if position < len(cells) else None for position, name in mapped}
        if all(is_blank(v) for v in values.values()):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                table.note(Severity.INFO, _("Reading stopped after many empty rows."), row=number)
                return
            continue
        blank_run = 0
        if signature_at is not None:
            if not is_blank(values.get(CONTENT)) or not is_blank(values.get(NAME)):
                table.note(
                    Severity.WARNING,
                    _("This row lies below the signature block (row %(row)d) and is not read.") % {"row": signature_at},
                    row=number,
                )
            continue
        if _is_numbering(cells):
            continue
        if _is_signature(values, cells):
            signature_at = number
            continue
        if _is_total(values, cells):
            table.note(Severity.INFO, _("A total row, not read."), row=number)
            continue
        if heading := _section_heading(values):
            table.note(Severity.INFO, _("A section heading, not read."), row=number)
            section = heading
            continue
        budget.data_rows -= 1
        if budget.data_rows < 0:
            raise too_many_rows(budget.limit)
        table.rows.append(SheetRow(number, {**values, SECTION: section} if section else values))


def _is_numbering(cells: Sequence[Any]) -> bool:
    """The column-numbering row under the header, "(1) (2) (3) …" or 1 2 3 … as numbers: only
    column numbers, rising from left to right."""
    found = [_column_number(v) for v in cells if not is_blank(v)]
    numbers = [n for n in found if n is not None]
    return len(numbers) >= 2 and len(numbers) == len(found) and all(a < b for a, b in pairwise(numbers))


def _column_number(value: Any) -> int | None:
    if isinstance(value, str):
        return int(match.group(1)) if (match := _NUMBERING.fullmatch(value.strip())) else None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value) if 0 < value < MAX_COLUMNS else None
    return None


def _is_total(values: dict[str, Any], cells: Sequence[Any]) -> bool:
    """ "Tổng cộng" (or "Tổng", "Cộng: 02 mô hình") in the row's first filled cell, TT or not."""
    if _is_numbered(values):
        return False
    first = next((v for v in cells if not is_blank(v)), None)
    return isinstance(first, str) and len(first) <= 120 and bool(_TOTAL.match(fold(first).strip()))


def _section_heading(values: dict[str, Any]) -> str:
    """The heading's text when the row is one: a single line alone in its row, with a section mark
    in TT ("II" | "Lĩnh vực chăm sóc sức khỏe") or at its start ("I. LĨNH VỰC VIỆC LÀM", in any
    column); else ""."""
    if _is_numbered(values):
        return ""
    mark = _text(values.get(NUMBER))
    texts = [v for name, v in values.items() if name != NUMBER and not is_blank(v)]
    if len(texts) > 1 or (texts and (not isinstance(texts[0], str) or "\n" in texts[0].strip())):
        return ""  # an initiative's content runs over several lines; a heading does not
    text = _text(texts[0]) if texts else ""
    if len(text) > 150:
        return ""
    if text and mark and _SECTION_MARK.fullmatch(mark):
        return f"{mark} {text}"
    heading = text or mark
    return heading if (not text or not mark) and _SECTION.fullmatch(heading) else ""


def _is_numbered(values: dict[str, Any]) -> bool:
    number = values.get(NUMBER)
    return isinstance(number, int | float) and not isinstance(number, bool)


def _is_signature(values: dict[str, Any], cells: Sequence[Any]) -> bool:
    if _is_numbered(values):
        return False  # a numbered row is an initiative, whatever its words
    if sum(not is_blank(v) for v in values.values()) > 2:
        return False  # signature lines are short: an initiative's row fills more cells
    for value in cells:
        if isinstance(value, str) and len(value) <= 120:
            key = fold(value).strip()
            if key.startswith(_SIGNATURE_STARTS) or _PLACE_DATE.fullmatch(key):
                return True
    return False
