"""Old ID cards and placeholder phones in Biểu mẫu 02: kept or left empty with a warning, never an error."""

from __future__ import annotations

import pytest

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def problems(report):
    return [(p.column, p.severity, p.message) for p in report.problems]


@pytest.mark.parametrize(
    ("cell", "kept"), [("183456789", "183456789"), ("183 456 789", "183456789"), (12345678, "012345678")]
)
def test_an_old_9_digit_id_card_is_kept_in_the_notes_with_a_warning(check, cell, kept):
    headers = ["TT", "Họ và tên", "Năm sinh", "Số CCCD/CMND", "Ghi chú"]

    report = check(files.rows_bytes(headers, [1, "Hà Văn Tư", 2001, cell, "Mồ côi"]))

    (row,) = report.rows
    assert not row.has_error and report.can_commit
    assert row.data["citizen_id"] == "" and row.data["notes"] == f"Mồ côi\nOld ID card (CMND): {kept}"
    assert problems(report) == [
        (
            "D",
            Severity.WARNING,
            f"{kept} is an old 9-digit ID card (CMND), not a 12-digit CCCD: it is kept in the notes.",
        )
    ]


@pytest.mark.parametrize("cell", ["0", 0, "00", "0000000000", "000.000.0000"])
def test_a_phone_of_zeros_is_no_phone_with_a_warning(check, cell):
    report = check(files.rows_bytes(["TT", "Họ và tên", "Năm sinh", "SĐT"], [1, "Hà Văn Tư", 2001, cell]))

    (row,) = report.rows
    assert not row.has_error and row.data["phone"] == ""
    assert [(column, severity) for column, severity, _m in problems(report)] == [("D", Severity.WARNING)]
