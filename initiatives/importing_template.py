"""The .xlsx template offered on the Form 01 import page.

Its first six columns are Biểu mẫu 01 itself, under the form's header block and title, so a
filled template prints as Form 01 and imports through the same reader as any commune file.
Optional columns to the right say what Form 01 leaves to guessing (the name apart from the
content, domain, kind, target groups, the person in charge, area, dates). Headers are the file
format, the same in every UI language; the instructions sheet speaks the user's language and
lists the accepted names, which also feed the drop-down lists.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from initiatives.choices import KIND_DOMAIN
from initiatives.form_vocabulary import DOMAIN_VI, KIND_VI
from reports.importing.workbook import (
    add_drop_downs,
    new_template,
    to_bytes,
    write_header_rows,
    write_heading,
    write_help,
)
from units.models import Unit
from youth.importing_template import group_table

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


def build_template(unit: Unit | None = None, year: int | None = None) -> bytes:
    workbook, sheet, help_sheet = new_template(LIST_SHEET, HELP_SHEET)
    ranges = _write_help(help_sheet)
    _write_list(sheet, unit, year, ranges)
    return to_bytes(workbook)


def _write_list(sheet: Worksheet, unit: Unit | None, year: int | None, ranges: dict[str, str]) -> None:
    title = [
        "DANH SÁCH ĐĂNG KÝ",
        "CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ",
        f"NĂM {year}" if year else "NĂM 20…",
    ]
    write_heading(sheet, unit, title, left_end="C", right_start="D", last=get_column_letter(FORM_COLUMNS))
    write_header_rows(sheet, COLUMNS, HEADER_ROW, height=48, text_columns=TEXT_COLUMNS)
    sheet.freeze_panes = f"B{FIRST_DATA_ROW}"
    # Kinds and groups may be written in one's own words: the list suggests, it does not force.
    lists = [("H", ranges["domain"], True), ("I", ranges["kind"], False), ("J", ranges["group"], False)]
    add_drop_downs(sheet, lists, FIRST_DATA_ROW, VALIDATED_ROWS)


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
        group_table(),
    ]
    labels = (_("No."), _("Code"), _("Name"), _("Domain or full name"))
    return write_help(sheet, lines, tables, labels=labels, widths=(8, 20, 60, 40))
