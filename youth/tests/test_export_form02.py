"""Biểu mẫu 02 downloads: what the xlsx, docx and pdf contain, for whom, and the audit row."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from youth import services
from youth.models import RegistryAccess

pytestmark = pytest.mark.django_db

FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def registry(make_youth):
    """Two records of Thành Sen (one with formula-like text), one who withdrew consent, one of Cẩm Bình."""
    binh = make_youth(
        "Nguyễn Văn Bình",
        phone="0912345678",
        village="Tổ dân phố 3",
        circumstances="Mồ côi cha, mẹ ốm nặng",
        notes="Cần học nghề",
    )
    an = make_youth("Trần Thị An", phone="0987654321", circumstances=FORMULA, notes="@SUM(1+1)")
    gone = make_youth("Lê Văn Cường", circumstances="Đã rút đồng ý")
    consent = services.record_consent(
        gone,
        {"by_subject": True, "given_on": datetime.date(2025, 1, 2), "method": "written", "for_support": True},
        by=gone.created_by,
    )
    services.withdraw_consent(consent, on=datetime.date(2025, 6, 1), note="", by=gone.created_by)
    dung = make_youth("Phạm Thị Dung", code="18685", by="officer_b", circumstances="Hộ cận nghèo")
    return {"an": an, "binh": binh, "gone": gone, "dung": dung}


def download(client, fmt, unit):
    response = client.get(reverse("youth_export", kwargs={"fmt": fmt}), {"unit": unit.pk})
    assert response.status_code == 200, response.content[:500]
    return response, b"".join(response.streaming_content)


def sheet_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def table_rows(rows):
    start = next(i for i, row in enumerate(rows) if row[:2] == ["TT", "Họ và tên"])
    body = []
    for row in rows[start + 1 :]:
        if not isinstance(row[0], int):
            break
        body.append(row)
    return rows[start], body


def test_xlsx_has_the_header_block_title_and_columns(login, unit, registry):
    response, content = download(login("officer_a"), "xlsx", unit("18073"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    _sheet, rows = sheet_rows(content)
    texts = [value for row in rows for value in row if isinstance(value, str)]
    today = timezone.localdate()
    assert "Biểu mẫu 02" in texts
    assert "TỈNH ĐOÀN HÀ TĨNH" in texts
    assert "BCH ĐOÀN PHƯỜNG THÀNH SEN" in texts
    assert "***" in texts
    assert "ĐOÀN TNCS HỒ CHÍ MINH" in texts
    assert f"Thành Sen, ngày {today:%d} tháng {today:%m} năm {today:%Y}" in texts
    assert "DANH SÁCH" in texts
    assert "CÁC THANH THIẾU NIÊN YẾU THẾ TẠI ĐỊA PHƯƠNG" in texts
    assert "TM. BAN THƯỜNG VỤ" in texts
    header, _body = table_rows(rows)
    assert header == ["TT", "Họ và tên", "Hoàn cảnh cụ thể hiện nay", "Địa chỉ", "SĐT liên hệ", "Ghi chú"]


def test_xlsx_page_setup_is_a4_with_repeated_header_and_frozen_panes(login, unit, registry):
    _response, content = download(login("officer_a"), "xlsx", unit("18073"))
    sheet, rows = sheet_rows(content)
    header_row = next(i for i, row in enumerate(rows) if row[0] == "TT") + 1
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_margins.left == pytest.approx(3 / 2.54, abs=0.01)
    assert sheet.cell(header_row, 2).font.name == "Times New Roman"
    assert sheet.cell(header_row, 2).font.b


def test_xlsx_rows_are_numbered_in_vietnamese_name_order_without_withdrawn_consent(login, unit, registry):
    _response, content = download(login("officer_a"), "xlsx", unit("18073"))
    _header, body = table_rows(sheet_rows(content)[1])
    assert [row[:2] for row in body] == [[1, "Trần Thị An"], [2, "Nguyễn Văn Bình"]]
    binh = body[1]
    assert binh[2:] == ["Mồ côi cha, mẹ ốm nặng", "Tổ dân phố 3, Thành Sen", "0912345678", "Cần học nghề"]


def test_no_xlsx_cell_is_a_formula_and_formula_text_is_neutralised(login, unit, registry):
    _response, content = download(login("officer_a"), "xlsx", unit("18073"))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = [cell.value for cell in cells]
    assert "'" + FORMULA in values
    assert "'@SUM(1+1)" in values
    assert FORMULA not in values


def test_province_viewer_gets_sensitive_columns_masked(login, unit, registry):
    _response, content = download(login("prov_viewer"), "xlsx", unit("18073"))
    _header, body = table_rows(sheet_rows(content)[1])
    assert [row[1] for row in body] == ["Trần Thị An", "Nguyễn Văn Bình"]
    assert {row[2] for row in body} == {"••••••"}
    assert {row[5] for row in body} == {"••••••"}
    assert body[1][4] == "0912345678"


def test_province_export_covers_the_whole_subtree(login, unit, registry):
    _response, content = download(login("prov_officer"), "xlsx", unit("42"))
    _header, body = table_rows(sheet_rows(content)[1])
    names = [row[1] for row in body]
    assert set(names) == {"Trần Thị An", "Nguyễn Văn Bình", "Phạm Thị Dung"}
    assert [row[0] for row in body] == [1, 2, 3]


def test_every_export_is_audited_with_the_exported_ids(login, unit, persona, registry):
    download(login("viewer_a"), "docx", unit("18073"))
    access = RegistryAccess.objects.get()
    assert access.action == RegistryAccess.Action.EXPORT
    assert access.user == persona("viewer_a")
    assert access.unit == unit("18073")
    assert access.record_ids == [registry["an"].pk, registry["binh"].pk]
    assert access.record_count == 2
    assert access.detail == "form02.docx"


def test_filename_is_ascii_with_the_vietnamese_name_in_rfc5987(login, unit, registry):
    response, _content = download(login("officer_a"), "pdf", unit("18073"))
    today = timezone.localdate()
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="bieu-mau-02_18073_{today:%Y%m%d}.pdf"; ')
    assert "filename*=UTF-8''Bi%E1%BB%83u%20m%E1%BA%ABu%2002%20-%20%C4%90o%C3%A0n%20ph%C6%B0%E1%BB%9Dng" in disposition
    assert response["Content-Type"] == "application/pdf"


def test_docx_has_header_block_table_rows_and_times_new_roman(login, unit, registry):
    response, content = download(login("officer_a"), "docx", unit("18073"))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 1) == 3.0
    header, table, signature = document.tables
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.split("\n") == ["TỈNH ĐOÀN HÀ TĨNH", "BCH ĐOÀN PHƯỜNG THÀNH SEN", "***"]
    assert right.split("\n")[0] == "ĐOÀN TNCS HỒ CHÍ MINH"
    assert right.split("\n")[1].startswith("Thành Sen, ngày ")
    union_run = header.rows[0].cells[1].paragraphs[0].runs[0]
    assert union_run.bold and union_run.underline
    assert header.rows[0].cells[1].paragraphs[1].runs[0].italic
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:3] == ["Biểu mẫu 02", "DANH SÁCH", "CÁC THANH THIẾU NIÊN YẾU THẾ TẠI ĐỊA PHƯƠNG"]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["TT", "Họ và tên", "Hoàn cảnh cụ thể hiện nay", "Địa chỉ", "SĐT liên hệ", "Ghi chú"]
    assert rows[1][:3] == ["1", "Trần Thị An", FORMULA]
    assert rows[2] == [
        "2",
        "Nguyễn Văn Bình",
        "Mồ côi cha, mẹ ốm nặng",
        "Tổ dân phố 3, Thành Sen",
        "0912345678",
        "Cần học nghề",
    ]
    assert len(rows) == 3
    assert table.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert "TM. BAN THƯỜNG VỤ" in signature.rows[0].cells[1].text
    fonts = document.styles["Normal"].element.rPr.rFonts
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(docx.oxml.ns.qn(slot)) == "Times New Roman"


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([shutil.which(tool), *args], capture_output=True, text=True, check=True).stdout  # noqa: S603


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdf_text_and_embedded_liberation_serif(login, unit, registry, tmp_path):
    _response, content = download(login("officer_a"), "pdf", unit("18073"))
    path = tmp_path / "form02.pdf"
    path.write_bytes(content)
    raw = poppler("pdftotext", str(path), "-")
    text = " ".join(raw.split())  # a name may wrap inside its cell
    for expected in (
        "Biểu mẫu 02",
        "TỈNH ĐOÀN HÀ TĨNH",
        "BCH ĐOÀN PHƯỜNG THÀNH SEN",
        "ĐOÀN TNCS HỒ CHÍ MINH",
        "CÁC THANH THIẾU NIÊN YẾU THẾ TẠI ĐỊA PHƯƠNG",
        "Nguyễn Văn Bình",
        "Trần Thị An",
        "TM. BAN THƯỜNG VỤ",
        "Trang 1/1",
    ):
        assert expected in text
    assert "Lê Văn Cường" not in text
    assert text.index("Trần Thị An") < text.index("Nguyễn Văn Bình")
    fonts = poppler("pdffonts", str(path))
    names = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    assert names and all(name.startswith("Liberation-Serif") for name in names), fonts
