"""A row continuing the person above: a second phone or note, or more circumstances, under a
person whose TT, name and birth cells are left blank or merged above."""

from __future__ import annotations

import pytest

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_lone_phone_and_note_row_is_added_to_the_notes_of_the_row_above(check):
    workbook = files.form02(
        [
            ["Nguyễn Văn An", 2003, "Hộ nghèo", "Thôn 1", "0912345678", "SĐT bố"],
            [None, None, None, None, "0987654321", "SĐT mẹ"],
            ["Lê Thị Hoa", 2004, "Mồ côi", "Thôn 2", "", ""],
        ],
        numbering=False,
    )
    sheet = workbook.active
    assert sheet is not None
    sheet["A10"] = None  # form02 numbers every row
    report = check(files.to_bytes(workbook))
    rows = report.rows
    assert [r.data["full_name"] for r in rows] == ["Nguyễn Văn An", "Lê Thị Hoa"]
    assert rows[0].data["notes"] == "SĐT bố; 0987654321 SĐT mẹ"
    assert rows[0].data["phone"] == "0912345678"
    assert not any(p.severity == Severity.ERROR for p in report.problems)
    assert any(p.row == 10 and "continue the row above" in p.message for p in report.problems)


def test_a_row_with_more_circumstances_under_merged_cells_is_said_to_continue_the_row_above(check):
    workbook = files.form02(
        [
            ["Nguyễn Văn An", 2003, "Hộ nghèo", "Thôn 1", "0912345678", "SĐT bố"],
            [None, None, "Bố mẹ ly hôn", None, "0987654321", "SĐT mẹ"],
        ],
        numbering=False,
    )
    sheet = workbook.active
    assert sheet is not None
    sheet["A10"] = None  # form02 numbers every row; this one's TT is merged into the row above
    for column in "ABCE":
        sheet.merge_cells(f"{column}9:{column}10")
    report = check(files.to_bytes(workbook))

    errors = [(p.row, p.message) for p in report.problems if p.severity == Severity.ERROR]
    assert len(errors) == 1
    assert errors[0][0] == 10
    assert "seems to continue the row above" in errors[0][1]
    assert "Missing full name" not in errors[0][1]


def test_a_nameless_first_row_is_still_missing_its_name(check):
    report = check(files.rows_bytes(["TT", "Họ và tên", "SĐT"], [None, None, "0912345678"]))
    assert [p.message for p in report.problems if p.severity == Severity.ERROR] == ["Missing full name."]
