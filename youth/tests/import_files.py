"""Workbooks for the import tests, built at test time: commune files and hostile ones."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from youth.importing_template import FIRST_DATA_ROW, LIST_SHEET, build_template

FORM02_HEADERS = ["TT", "Họ và tên", "Năm sinh", "Hoàn cảnh cụ thể hiện nay", "Địa chỉ", "SĐT liên hệ", "Ghi chú"]


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rows_bytes(*rows: Sequence[Any]) -> bytes:
    """One sheet of just these rows, from A1: a header row and the rows under it."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    return to_bytes(workbook)


def form02(
    rows: Sequence[Sequence[Any]],
    *,
    headers: Sequence[str] = FORM02_HEADERS,
    numbering: bool = True,
    signature: bool = True,
    sheet_title: str = "Biểu mẫu 02",
    workbook: Workbook | None = None,
) -> Workbook:
    """Biểu mẫu 02 as a commune keeps it: header block, title, header row, numbering row, the
    rows (TT filled in), then the signature block."""
    if workbook is None:
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = sheet_title
    else:
        sheet = workbook.create_sheet(sheet_title)
    sheet["A1"], sheet["E1"] = "TỈNH ĐOÀN HÀ TĨNH", "ĐOÀN TNCS HỒ CHÍ MINH"
    sheet["A2"], sheet["E2"] = "BCH ĐOÀN PHƯỜNG THÀNH SEN", "Thành Sen, ngày 10 tháng 10 năm 2025"
    sheet["A3"] = "***"
    sheet["A5"] = "DANH SÁCH"
    sheet["A6"] = "CÁC THANH THIẾU NIÊN YẾU THẾ TẠI ĐỊA PHƯƠNG"
    sheet.append([])
    sheet.append(list(headers))  # row 8
    if numbering:
        sheet.append([f"({n})" for n in range(1, len(headers) + 1)])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    if signature:
        sheet.append([])
        sheet.append([None, "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG", None, None, "TM. BAN THƯỜNG VỤ"])
        sheet.append([None, None, None, None, "BÍ THƯ"])
        sheet.append([])
        sheet.append([None, "Trần Văn Bình", None, None, "Lê Thị Hoa"])
    return workbook


def form02_bytes(rows: Sequence[Sequence[Any]], **kwargs: Any) -> bytes:
    return to_bytes(form02(rows, **kwargs))


def person(n: int, *, year: int = 2003, phone: str | None = None) -> list[Any]:
    """A plausible Form 02 row (without TT): name, year, circumstances, address, phone, notes."""
    return [
        f"Nguyễn Văn Thử {n}",
        year,
        "Mồ côi cha, mẹ làm thuê",
        f"Tổ {n % 9 + 1}, phường Thành Sen",
        phone if phone is not None else f"09{n:08d}",
        "",
    ]


def template_bytes(rows: Sequence[Sequence[Any]]) -> bytes:
    """The site's template, filled in from its first data row (rows without TT)."""
    workbook = load_workbook(io.BytesIO(build_template()))
    sheet = workbook[LIST_SHEET]
    for offset, row in enumerate(rows):
        for column, value in enumerate([offset + 1, *row], start=1):
            sheet.cell(row=FIRST_DATA_ROW + offset, column=column, value=value)
    return to_bytes(workbook)


def replace_member(data: bytes, name: str, content: bytes, *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The same .xlsx with one part replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""


def with_shared_strings(data: bytes, xml: bytes) -> bytes:
    return replace_member(data, "xl/sharedStrings.xml", xml)


def zip_bomb(uncompressed_mb: int = 40) -> bytes:
    """A valid-looking .xlsx whose sheet part unpacks to `uncompressed_mb` MB of zeros."""
    base = form02_bytes([person(1)])
    zeros = b"0" * (uncompressed_mb * 1024 * 1024)
    return replace_member(base, "xl/worksheets/sheet1.xml", zeros)


def ole2_file() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096


def csv_file() -> bytes:
    return "TT,Họ và tên,Năm sinh\n1,Nguyễn Văn An,2003\n".encode()


def empty_workbook() -> bytes:
    return to_bytes(Workbook())


def no_header_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Báo cáo tháng 9"])
    sheet.append(["Nguyễn Văn An", 2003, "0912345678"])
    return to_bytes(workbook)
