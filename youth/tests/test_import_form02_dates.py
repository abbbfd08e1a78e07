"""Birth columns mixing typed day-first dates and date cells: a swapped day and month is pointed at, never changed."""

from __future__ import annotations

import datetime

import pytest

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
HEADERS = ["TT", "Họ và tên", "Ngày sinh"]


def test_a_date_cell_with_a_small_day_beside_day_first_texts_is_flagged_and_kept(check):
    rows = [
        [1, "Hà Văn Tư", "25/12/2001"],
        [2, "Lê Thị Hoa", datetime.datetime(2002, 5, 12)],
        [3, "Trần Văn Ba", datetime.datetime(2002, 5, 25)],
        [4, "Vừ A Dính", datetime.datetime(2003, 7, 7)],
    ]

    report = check(files.rows_bytes(HEADERS, *rows))

    assert [r.data["birth_date"] for r in report.rows] == [
        datetime.date(2001, 12, 25),
        datetime.date(2002, 5, 12),
        datetime.date(2002, 5, 25),
        datetime.date(2003, 7, 7),
    ]
    assert [(p.row, p.column, p.severity, p.message) for p in report.problems] == [
        (
            3,
            "C",
            Severity.WARNING,
            "12/05/2002 is a date cell, in a column whose typed dates put the day first: Excel may have read it "
            "month first (it may be 05/12/2002). Check it.",
        )
    ]


def test_date_cells_without_day_first_texts_beside_them_are_not_flagged(check):
    rows = [[1, "Hà Văn Tư", "05/12/2001"], [2, "Lê Thị Hoa", datetime.datetime(2002, 5, 12)]]

    report = check(files.rows_bytes(HEADERS, *rows))

    assert report.problems == []
