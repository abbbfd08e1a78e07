from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from reports.documents import Column, Header, OfficialList, date_line, neutralise
from reports.http import content_disposition, file_names
from reports.renderers import render


@pytest.mark.parametrize("value", ["=1+1", "+84912", "-2+3", "@SUM(A1)", "\t=x", "\r=x"])
def test_formula_triggers_are_prefixed_with_an_apostrophe(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Nguyễn Văn An", "0912345678", "a=b", "'quoted"])
def test_other_text_is_unchanged(value):
    assert neutralise(value) == value


def test_date_line_has_two_digit_day_and_month():
    assert date_line("Cẩm Bình", datetime.date(2026, 3, 5)) == "Cẩm Bình, ngày 05 tháng 03 năm 2026"
    assert date_line("", datetime.date(2026, 12, 25)) == "ngày 25 tháng 12 năm 2026"


@pytest.mark.django_db
def test_header_comes_from_the_unit_in_upper_case(unit):
    header = Header.for_unit(unit("18685"), on=datetime.date(2026, 3, 5))
    assert (header.line_1, header.line_2) == ("TỈNH ĐOÀN HÀ TĨNH", "BCH ĐOÀN XÃ CẨM BÌNH")
    assert header.date_line == "Cẩm Bình, ngày 05 tháng 03 năm 2026"


def test_file_names_are_ascii_safe_with_a_vietnamese_twin():
    unicode_name, ascii_name = file_names("bieu-mau-02_Đoàn xã/Cẩm Bình", "Biểu mẫu 02 - Đoàn xã/Cẩm Bình", "pdf")
    assert ascii_name == "bieu-mau-02_doan-xa-cam-binh.pdf"
    assert unicode_name == "Biểu mẫu 02 - Đoàn xã-Cẩm Bình.pdf"
    assert content_disposition(unicode_name, ascii_name) == (
        "attachment; filename=\"bieu-mau-02_doan-xa-cam-binh.pdf\"; filename*=UTF-8''"
        "Bi%E1%BB%83u%20m%E1%BA%ABu%2002%20-%20%C4%90o%C3%A0n%20x%C3%A3-C%E1%BA%A9m%20B%C3%ACnh.pdf"
    )


def document(rows, **extra):
    return OfficialList(
        form_label="Biểu mẫu 01",
        header=Header("TỈNH ĐOÀN HÀ TĨNH", "BCH ĐOÀN XÃ CẨM BÌNH", "Cẩm Bình", datetime.date(2026, 3, 5)),
        title_lines=("DANH SÁCH",),
        columns=(Column("TT", 5, center=True), Column("Nội dung", 40)),
        rows=rows,
        **extra,
    )


def test_xlsx_streams_any_iterable_once_and_reports_progress():
    seen = []
    rows = ((n, f"Dòng {n}") for n in range(1, 2501))
    out = io.BytesIO()
    assert render("xlsx", document(rows, landscape=True), out, progress=seen.append) == 2500
    assert seen == [1000, 2000, 2500]
    sheet = openpyxl.load_workbook(out).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.max_row > 2500


def test_docx_keeps_line_breaks_and_drops_characters_xml_cannot_hold():
    import docx

    out = io.BytesIO()
    render("docx", document([(1, "dòng một\ndòng hai\x0b")]), out)
    table = docx.Document(out).tables[1]
    assert table.rows[1].cells[1].text == "dòng một\ndòng hai"


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError, match="unknown format"):
        render("csv", document([]), io.BytesIO())


def test_an_endorsement_takes_the_place_of_the_addressees():
    import docx

    from reports.documents import Endorsement, Signature

    endorsement = Endorsement(
        "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG", "CHỦ TỊCH UBND", "Lê Văn Nam", ("Ngày 30/09/2026",)
    )
    signed = document([(1, "a")], signature=Signature(recipients=(), endorsement=endorsement))
    out = io.BytesIO()
    render("xlsx", signed, out)
    values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row if c.value]
    assert values[-6:] == [
        "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG",
        "TM. BAN THƯỜNG VỤ",
        "CHỦ TỊCH UBND",
        "BÍ THƯ",
        "Lê Văn Nam",
        "Ngày 30/09/2026",
    ]
    assert "Nơi nhận:" not in values
    out = io.BytesIO()
    render("docx", signed, out)
    left = docx.Document(out).tables[-1].rows[0].cells[0].text.split("\n")
    assert [line for line in left if line] == [
        "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG",
        "CHỦ TỊCH UBND",
        "Lê Văn Nam",
        "Ngày 30/09/2026",
    ]


def test_long_rows_may_break_across_pages_in_docx():
    import docx
    from docx.oxml.ns import qn

    for long_rows, kept in ((False, True), (True, False)):
        out = io.BytesIO()
        render("docx", document([(1, "a")], long_rows=long_rows), out)
        row = docx.Document(out).tables[1].rows[1]._tr
        assert (row.trPr.find(qn("w:cantSplit")) is not None) is kept
