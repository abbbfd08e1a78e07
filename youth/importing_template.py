"""The .xlsx template offered on the import page: Biểu mẫu 02 with a column for every field.

The sheet is laid out as the guideline's form (header block, title, header row, numbering
row), so a filled template prints as Form 02 and imports through the same reader as any
commune file. Column headers are the file format, the same in every UI language; the
instructions sheet speaks the user's language and lists the accepted group, need and
ethnicity names, which also feed the drop-down lists.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from core.ethnicities import ETHNICITIES
from units.models import Unit
from youth.choices import Need, TargetGroup
from youth.importing_values import GROUP_NAMES_VI, GROUP_SHORT_VI, NEED_NAMES_VI

LIST_SHEET = "Danh sách"
HELP_SHEET = "Hướng dẫn"
HEADER_ROW = 8
FIRST_DATA_ROW = HEADER_ROW + 2
VALIDATED_ROWS = 2000
TITLE = ("DANH SÁCH", "CÁC THANH THIẾU NIÊN YẾU THẾ TẠI ĐỊA PHƯƠNG")

# (header, width, kept as text): text columns keep the leading 0 of phones and IDs, and keep
# dates as typed (day first) whatever the computer's regional settings.
COLUMNS = [
    ("TT", 5, False),
    ("Họ và tên", 24, False),
    ("Ngày sinh\n(dd/mm/yyyy hoặc năm)", 14, True),
    ("Giới tính", 8, False),
    ("Dân tộc", 11, False),
    ("Số CCCD", 15, True),
    ("SĐT liên hệ", 13, True),
    ("Thôn/xóm", 14, False),
    ("Địa chỉ", 22, False),
    ("Nhóm đối tượng", 22, False),
    ("Nhu cầu", 18, False),
    ("Hoàn cảnh cụ thể hiện nay", 36, False),
    ("Ghi chú", 18, False),
]
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _put(sheet: Worksheet, coordinate: str, value: str, *, bold: bool = False) -> None:
    # openpyxl writes any text starting with "=" as a live formula: keep it text.
    cell = sheet[coordinate]
    cell.value = value
    if value.startswith("="):
        cell.data_type = "s"
    if bold:
        cell.font = _BOLD


def build_template(unit: Unit | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = LIST_SHEET
    help_sheet = workbook.create_sheet(HELP_SHEET)
    ranges = _write_help(help_sheet)
    _write_list(sheet, unit, ranges)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_list(sheet: Worksheet, unit: Unit | None, ranges: dict[str, str]) -> None:
    last = get_column_letter(len(COLUMNS))
    line_1 = (unit.header_line_1 if unit else "") or "TỈNH ĐOÀN HÀ TĨNH"
    line_2 = (unit.header_line_2 if unit else "") or "BCH ĐOÀN ……………"
    place = (unit.place_name if unit else "") or "……."
    for row, (left, right) in enumerate(
        [(line_1, "ĐOÀN TNCS HỒ CHÍ MINH"), (line_2, f"{place}, ngày … tháng … năm 20…"), ("***", "")], start=1
    ):
        sheet.merge_cells(f"A{row}:D{row}")
        sheet.merge_cells(f"I{row}:{last}{row}")
        _put(sheet, f"A{row}", left, bold=row != 3)
        _put(sheet, f"I{row}", right, bold=row == 1)
        sheet[f"A{row}"].alignment = sheet[f"I{row}"].alignment = _CENTER
    for row, text in enumerate(TITLE, start=5):
        sheet.merge_cells(f"A{row}:{last}{row}")
        _put(sheet, f"A{row}", text, bold=True)
        sheet[f"A{row}"].alignment = _CENTER
    for index, (header, width, as_text) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if as_text:
            sheet.column_dimensions[letter].number_format = "@"
        for row, value in ((HEADER_ROW, header), (HEADER_ROW + 1, f"({index})")):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.font, cell.alignment, cell.border = _BOLD, _CENTER, _BOX
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    start, end = FIRST_DATA_ROW, FIRST_DATA_ROW + VALIDATED_ROWS - 1
    lists = [
        ("D", '"Nam,Nữ"', True),
        ("E", ranges["ethnicity"], True),
        ("J", ranges["group"], False),
        ("K", ranges["need"], False),
    ]
    for column, source, strict in lists:
        # Groups and needs take several names separated by commas: the list suggests, not forces.
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict)
        validation.add(f"{column}{start}:{column}{end}")
        sheet.add_data_validation(validation)


def _write_help(sheet: Worksheet) -> dict[str, str]:
    """Instructions and the lists of accepted names; returns the ranges for the drop-downs."""
    lines = [
        _("How to fill in the list"),
        _("Fill one row per person on the sheet “%(sheet)s”, from row %(row)d. Do not change the header rows.")
        % {"sheet": LIST_SHEET, "row": FIRST_DATA_ROW},
        _("Required: full name and at least one target group (or choose a default group when uploading)."),
        _("Date of birth: dd/mm/yyyy, or the year alone (yyyy)."),
        _("Sex: Nam or Nữ. Ethnicity: a name or a code from the list below."),
        _("Citizen ID: the 12 digits. Phone: 10 digits, starting with 0."),
        _("Target groups and needs: one or several names or codes from the lists below, separated by commas."),
        _("Formulas are not calculated: type the values themselves."),
        _("Uploading the same file again adds nothing: rows already imported are skipped."),
    ]
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 28
    sheet.column_dimensions["D"].width = 90
    for row, text in enumerate(lines, start=1):
        _put(sheet, f"A{row}", text, bold=row == 1)
    row = len(lines) + 2
    ranges: dict[str, str] = {}
    tables = [
        (
            "group",
            _("Target groups"),
            [
                (str(n), code, GROUP_SHORT_VI[code], GROUP_NAMES_VI[code])
                for n, code in enumerate(TargetGroup.values, start=1)
            ],
        ),
        ("need", _("Needs"), [(str(n), code, NEED_NAMES_VI[code], "") for n, code in enumerate(Need.values, start=1)]),
        ("ethnicity", _("Ethnicities"), [(code, "", name, "") for code, name in ETHNICITIES]),
    ]
    for key, title, entries in tables:
        _put(sheet, f"A{row}", title, bold=True)
        for column, label in zip(
            "ABCD", (_("No."), _("Code"), _("Short name"), _("Name in the guideline")), strict=True
        ):
            _put(sheet, f"{column}{row + 1}", label, bold=True)
        first = row + 2
        for offset, entry in enumerate(entries):
            for column, value in zip("ABCD", entry, strict=True):
                _put(sheet, f"{column}{first + offset}", value)
        ranges[key] = f"'{HELP_SHEET}'!$C${first}:$C${first + len(entries) - 1}"
        row = first + len(entries) + 1
    return ranges
