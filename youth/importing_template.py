"""The .xlsx template offered on the import page: Biểu mẫu 02 with a column for every field.

The sheet is laid out as the guideline's form (header block, title, header row, numbering
row), so a filled template prints as Form 02 and imports through the same reader as any
commune file. Column headers are the file format, the same in every UI language; the
instructions sheet speaks the user's language and lists the accepted group, need and
ethnicity names, which also feed the drop-down lists.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from core.ethnicities import ETHNICITIES
from reports.importing.workbook import (
    HelpTable,
    add_drop_downs,
    new_template,
    to_bytes,
    write_header_rows,
    write_heading,
    write_help,
)
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


def build_template(unit: Unit | None = None) -> bytes:
    workbook, sheet, help_sheet = new_template(LIST_SHEET, HELP_SHEET)
    ranges = _write_help(help_sheet)
    _write_list(sheet, unit, ranges)
    return to_bytes(workbook)


def _write_list(sheet: Worksheet, unit: Unit | None, ranges: dict[str, str]) -> None:
    write_heading(sheet, unit, TITLE, left_end="D", right_start="I", last=get_column_letter(len(COLUMNS)))
    text_columns = [get_column_letter(index) for index, (*_, as_text) in enumerate(COLUMNS, start=1) if as_text]
    columns = [(header, width) for header, width, _as_text in COLUMNS]
    write_header_rows(sheet, columns, HEADER_ROW, height=45, text_columns=text_columns)
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    # Groups and needs take several names separated by commas: the list suggests, not forces.
    lists = [
        ("D", '"Nam,Nữ"', True),
        ("E", ranges["ethnicity"], True),
        ("J", ranges["group"], False),
        ("K", ranges["need"], False),
    ]
    add_drop_downs(sheet, lists, FIRST_DATA_ROW, VALIDATED_ROWS)


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
    tables = [
        group_table(),
        ("need", _("Needs"), [(str(n), code, NEED_NAMES_VI[code], "") for n, code in enumerate(Need.values, start=1)]),
        ("ethnicity", _("Ethnicities"), [(code, "", name, "") for code, name in ETHNICITIES]),
    ]
    labels = (_("No."), _("Code"), _("Short name"), _("Name in the guideline"))
    return write_help(sheet, lines, tables, labels=labels, widths=(8, 24, 28, 90))


def group_table() -> HelpTable:
    """The target groups' codes and names, the drop-down of a group column (Form 01's too)."""
    entries = [
        (str(n), code, GROUP_SHORT_VI[code], GROUP_NAMES_VI[code]) for n, code in enumerate(TargetGroup.values, start=1)
    ]
    return ("group", _("Target groups"), entries)
