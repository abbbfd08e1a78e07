"""The .xlsx template offered on the Form 01 import page.

Its first six columns are Biểu mẫu 01 itself, under the form's header block and title, so a
filled template prints as Form 01 and imports through the same reader as any commune file.
Optional columns to the right say what Form 01 leaves to guessing (the name apart from the
content, domain, kind, target groups, the person in charge, area, dates). Headers are the file
format, the same in every UI language; the instructions sheet speaks the user's language and
lists the accepted names, which also feed the drop-down lists.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from initiatives.choices import KIND_DOMAIN
from initiatives.form_vocabulary import DOMAIN_VI, KIND_VI
from units.models import Unit
from youth.choices import TargetGroup
from youth.importing_values import GROUP_NAMES_VI, GROUP_SHORT_VI

LIST_SHEET = "Biểu mẫu 01"
HELP_SHEET = "Hướng dẫn"
HEADER_ROW = 9
FIRST_DATA_ROW = HEADER_ROW + 2
VALIDATED_ROWS = 500
FORM_COLUMNS = 6

COLUMNS = [
    ("TT", 5),
    ("Đơn vị triển khai", 20),
    ("Đơn vị phối hợp", 20),
    ("Nội dung giải pháp, mô hình", 44),
    ("Đối tượng thụ hưởng\n(họ tên, địa chỉ, SĐT liên hệ)", 32),
    ("Dự kiến kết quả", 26),
    ("Tên mô hình, giải pháp", 28),
    ("Lĩnh vực", 24),
    ("Loại mô hình", 28),
    ("Nhóm đối tượng", 22),
    ("Người phụ trách", 20),
    ("SĐT người phụ trách", 14),
    ("Địa bàn", 20),
    ("Ngày bắt đầu\n(dd/mm/yyyy)", 13),
    ("Ngày kết thúc\n(dd/mm/yyyy)", 13),
]
TEXT_COLUMNS = ("L", "N", "O")  # phone and dates kept as typed
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _put(sheet: Worksheet, coordinate: str, value: str, *, bold: bool = False) -> None:
    cell = sheet[coordinate]
    cell.value = value
    if value.startswith("="):
        cell.data_type = "s"  # openpyxl would write it as a live formula
    if bold:
        cell.font = _BOLD


def build_template(unit: Unit | None = None, year: int | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = LIST_SHEET
    ranges = _write_help(workbook.create_sheet(HELP_SHEET))
    _write_list(sheet, unit, year, ranges)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_list(sheet: Worksheet, unit: Unit | None, year: int | None, ranges: dict[str, str]) -> None:
    last = get_column_letter(FORM_COLUMNS)
    line_1 = (unit.header_line_1 if unit else "") or "TỈNH ĐOÀN HÀ TĨNH"
    line_2 = (unit.header_line_2 if unit else "") or "BCH ĐOÀN ……………"
    place = (unit.place_name if unit else "") or "……."
    for row, (left, right) in enumerate(
        [(line_1, "ĐOÀN TNCS HỒ CHÍ MINH"), (line_2, f"{place}, ngày … tháng … năm 20…"), ("***", "")], start=1
    ):
        sheet.merge_cells(f"A{row}:C{row}")
        sheet.merge_cells(f"D{row}:{last}{row}")
        _put(sheet, f"A{row}", left, bold=row != 3)
        _put(sheet, f"D{row}", right, bold=row == 1)
        sheet[f"A{row}"].alignment = sheet[f"D{row}"].alignment = _CENTER
    title = [
        "DANH SÁCH ĐĂNG KÝ",
        "CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ",
        f"NĂM {year}" if year else "NĂM 20…",
    ]
    for row, text in enumerate(title, start=5):
        sheet.merge_cells(f"A{row}:{last}{row}")
        _put(sheet, f"A{row}", text, bold=True)
        sheet[f"A{row}"].alignment = _CENTER
    for index, (header, width) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        for row, value in ((HEADER_ROW, header), (HEADER_ROW + 1, f"({index})")):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.font, cell.alignment, cell.border = _BOLD, _CENTER, _BOX
    for letter in TEXT_COLUMNS:
        sheet.column_dimensions[letter].number_format = "@"
    sheet.row_dimensions[HEADER_ROW].height = 48
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"
    start, end = FIRST_DATA_ROW, FIRST_DATA_ROW + VALIDATED_ROWS - 1
    for column, source, strict in (
        ("H", ranges["domain"], True),
        ("I", ranges["kind"], False),
        ("J", ranges["group"], False),
    ):
        # Kinds and groups may be written in one's own words: the list suggests, it does not force.
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict)
        validation.add(f"{column}{start}:{column}{end}")
        sheet.add_data_validation(validation)


def _write_help(sheet: Worksheet) -> dict[str, str]:
    """Instructions and the lists of accepted names; returns the ranges for the drop-downs."""
    lines = [
        _("How to fill in Form 01"),
        _("Fill one row per initiative on the sheet “%(sheet)s”, from row %(row)d. Do not change the header rows.")
        % {"sheet": LIST_SHEET, "row": FIRST_DATA_ROW},
        _("Required: the content of the initiative. Its first line is taken as the name unless column G gives one."),
        _("Columns A to F are Form 01 itself; columns G to O are optional and say what Form 01 leaves out."),
        _(
            "Beneficiaries: a person is linked to the registry only when the name and phone written together "
            "match exactly one record you may see."
        ),
        _("Dates: dd/mm/yyyy. Phone: 10 digits, starting with 0. Formulas are not calculated."),
        _("Every row becomes a draft of the chosen unit and year: check it, then submit it to the union above."),
        _("Uploading the same file again adds nothing: rows already imported are skipped."),
    ]
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 20
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["D"].width = 40
    for row, text in enumerate(lines, start=1):
        _put(sheet, f"A{row}", text, bold=row == 1)
    row = len(lines) + 2
    ranges: dict[str, str] = {}
    tables = [
        (
            "domain",
            _("Domains"),
            [(str(n), code, name, "") for n, (code, name) in enumerate(DOMAIN_VI.items(), start=1)],
        ),
        (
            "kind",
            _("Kinds of initiative"),
            [
                (str(n), code, name, DOMAIN_VI.get(KIND_DOMAIN.get(code, ""), ""))
                for n, (code, name) in enumerate(KIND_VI.items(), start=1)
            ],
        ),
        (
            "group",
            _("Target groups"),
            [
                (str(n), code, GROUP_SHORT_VI[code], GROUP_NAMES_VI[code])
                for n, code in enumerate(TargetGroup.values, start=1)
            ],
        ),
    ]
    for key, title, entries in tables:
        _put(sheet, f"A{row}", title, bold=True)
        for column, label in zip("ABCD", (_("No."), _("Code"), _("Name"), _("Domain or full name")), strict=True):
            _put(sheet, f"{column}{row + 1}", label, bold=True)
        first = row + 2
        for offset, entry in enumerate(entries):
            for column, value in zip("ABCD", entry, strict=True):
                _put(sheet, f"{column}{first + offset}", value)
        ranges[key] = f"'{HELP_SHEET}'!$C${first}:$C${first + len(entries) - 1}"
        row = first + len(entries) + 1
    return ranges
