"""Biểu mẫu 01 workbooks for the import tests, built at test time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import openpyxl

from youth.tests import import_files as youth_files

HEADERS = [
    "TT",
    "Đơn vị triển khai",
    "Đơn vị phối hợp",
    "Nội dung giải pháp, mô hình",
    "Đối tượng thụ hưởng (họ tên, địa chỉ, SĐT liên hệ)",
    "Dự kiến kết quả",
]
CLUB = [
    "Đoàn phường Thành Sen",
    "Đoàn xã Cẩm Bình; Hội Liên hiệp Phụ nữ phường",
    "Câu lạc bộ thanh niên khuyết tật vươn lên\nSinh hoạt hằng tháng, chia sẻ kỹ năng sống độc lập.",
    "Nguyễn Văn Bình, TDP 3, 0912 345 678; 10 thanh niên khuyết tật khác",
    "15 thanh niên khuyết tật tham gia thường xuyên",
]
JOBS = [
    "Đoàn phường Thành Sen",
    "",
    "Giới thiệu việc làm cho thanh niên thất nghiệp\nKết nối doanh nghiệp trong khu công nghiệp.",
    "Thanh niên thất nghiệp trên địa bàn",
    "20 thanh niên có việc làm",
]


def form01(rows: Sequence[Sequence[Any]], *, numbering: bool = True, signature: bool = True) -> bytes:
    """Biểu mẫu 01 as a commune keeps it: header block, title, header row, numbering row, the
    rows (TT filled in), then the signature block."""
    body: list[Sequence[Any]] = [[f"({n})" for n in range(1, 7)]] if numbering else []
    body += [[number, *row] for number, row in enumerate(rows, start=1)]
    if signature:
        body += [
            [],
            [None, "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG", None, None, "TM. BAN THƯỜNG VỤ"],
            [None, None, None, None, "BÍ THƯ"],
            [None, "Lê Văn Nam", None, None, "Trần Thị Hoa"],
        ]
    return form01_as_typed(body)


def form01_as_typed(rows: Sequence[Sequence[Any]], *, headers: Sequence[str] = HEADERS) -> bytes:
    """The header block (with the place and date at the top right) and header row (row 7), then
    `rows` exactly as given: each row's TT cell and every row under the table are the test's to
    write."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "BM01"
    sheet["A1"], sheet["D1"] = "TỈNH ĐOÀN HÀ TĨNH", "ĐOÀN TNCS HỒ CHÍ MINH"
    sheet["A2"], sheet["D2"] = "BCH ĐOÀN PHƯỜNG THÀNH SEN", "Thành Sen, ngày 10 tháng 3 năm 2026"
    sheet["A3"] = "***"
    sheet["A5"] = "DANH SÁCH ĐĂNG KÝ CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ"
    sheet.append([])
    sheet.append(list(headers))  # row 7
    for row in rows:
        sheet.append(list(row))
    return youth_files.to_bytes(workbook)
