"""Village headings inside the list, and sheets named after a village: the rows under them
without an address take the village, as Form 01 applies a section's domain."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from youth.importing import Severity
from youth.importing_rows import village_heading
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADERS = ["TT", "Họ và tên", "Năm sinh", "Địa chỉ"]


def one_sheet(rows, *, title="Sheet"):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in [HEADERS, *rows]:
        sheet.append(list(row))
    return files.to_bytes(workbook)


def test_rows_under_a_village_heading_without_an_address_take_its_village(check):
    rows = [
        ["I", "Thôn 1", None, None],
        [1, "Người Một", 2001, None],
        [2, "Người Hai", 2002, "Xóm Tây"],
        [None, "Tổ dân phố 5", None, None],
        [3, "Người Ba", 2003, None],
        ["Xóm Đông", None, None, None],
        [4, "Người Bốn", 2004, ""],
    ]
    report = check(one_sheet(rows))

    assert [p for p in report.problems if p.severity == Severity.ERROR] == []
    assert [(r.data["full_name"], r.data["village"], r.data["address_detail"]) for r in report.rows] == [
        ("Người Một", "Thôn 1", ""),
        ("Người Hai", "", "Xóm Tây"),
        ("Người Ba", "Tổ dân phố 5", ""),
        ("Người Bốn", "Xóm Đông", ""),
    ]
    notes = [p.row for p in report.problems if "village heading" in p.message]
    assert notes == [2, 5, 7]


def test_a_sheet_named_after_a_village_gives_it_to_rows_without_an_address(check):
    report = check(one_sheet([[1, "Người Một", 2001, None], [2, "Người Hai", 2002, "Thôn 2"]], title="Thôn 1"))

    assert [(r.data["village"], r.data["address_detail"]) for r in report.rows] == [("Thôn 1", ""), ("", "Thôn 2")]
    assert any("named after a village" in p.message for p in report.problems)


def test_a_village_sheet_whose_rows_all_have_an_address_says_nothing_of_it(check):
    report = check(one_sheet([[1, "Người Một", 2001, "Thôn 1"]], title="Thôn 1"))

    assert report.rows[0].data["village"] == ""
    assert report.problems == []


@pytest.mark.parametrize(
    ("text", "village"),
    [
        ("Thôn 1", "Thôn 1"),
        ("I. Xóm Đông", "Xóm Đông"),
        ("Tổ 5", "Tổ 5"),
        ("Tô Thị Hoa", ""),
        ("Bàn Văn Sáng", ""),
        ("Biểu mẫu 02", ""),
        ("Thôn", ""),
    ],
)
def test_village_heading_names_villages_not_people(text, village):
    assert village_heading(text) == village


def test_a_lone_name_that_is_no_village_is_still_a_heading_to_check(check):
    report = check(one_sheet([[None, "Lê Văn Tám", None, None], [1, "Người Một", 2001, None]]))

    assert [(p.row, p.severity) for p in report.problems] == [(2, Severity.WARNING)]
    assert report.rows[0].data["village"] == ""
