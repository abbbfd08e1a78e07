"""Cells merged down several rows: one household's address, circumstances and notes on two rows."""

from __future__ import annotations

import time

import pytest

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def household_on_two_rows(*columns: str) -> bytes:
    workbook = files.form02(
        [
            ["Nguyễn Văn An", 2003, "Hộ nghèo, bố mẹ ly hôn", "Thôn 1", "0912345678", "Anh em ruột"],
            ["Nguyễn Văn Bình", 2005, None, None, None, None],
            ["Lê Thị Hoa", 2004, "Mồ côi", "Thôn 2", "0987654321", ""],
        ]
    )
    sheet = workbook.active
    assert sheet is not None
    for column in columns:
        sheet.merge_cells(f"{column}10:{column}11")
    return files.to_bytes(workbook)


def test_merged_household_cells_are_read_for_every_row_they_cover(check):
    report = check(household_on_two_rows("D", "E", "G"))
    second = report.rows[1].data
    assert second["full_name"] == "Nguyễn Văn Bình"
    assert second["address_detail"] == "Thôn 1"
    assert second["circumstances"] == "Hộ nghèo, bố mẹ ly hôn"
    assert second["notes"] == "Anh em ruột"
    notes = [p for p in report.problems if p.row == 11 and p.severity == Severity.INFO]
    assert {p.column for p in notes} == {"D", "E", "G"}
    assert "D10:D11" in notes[0].message
    assert report.rows[2].data["address_detail"] == "Thôn 2"


def test_a_merged_phone_is_not_copied_but_warned_about(check):
    report = check(household_on_two_rows("F"))
    assert report.rows[1].data["phone"] == ""
    assert report.rows[0].data["phone"] == "0912345678"
    warning = next(p for p in report.problems if p.row == 11 and p.column == "F")
    assert warning.severity == Severity.WARNING
    assert "row 10 only" in warning.message


def test_thousands_of_ranges_over_a_million_rows_cost_little(check):
    """Excel never writes overlapping ranges; a hostile file of thousands of them, each claiming
    a million rows, must not cost ranges × rows."""
    data = files.form02_bytes([files.person(n) for n in range(1, 201)])
    sheet = files.member(data, "xl/worksheets/sheet1.xml")
    ranges = b"".join(b'<mergeCell ref="D%d:D1048576"/>' % row for row in range(10, 20_010))
    merges = b'<mergeCells count="20000">' + ranges + b"</mergeCells>"
    assert b"<mergeCells" not in sheet
    sheet = sheet.replace(b"</sheetData>", b"</sheetData>" + merges, 1)
    started = time.monotonic()
    report = check(files.replace_member(data, "xl/worksheets/sheet1.xml", sheet))
    assert report.rows_read == 200
    assert time.monotonic() - started < 10
