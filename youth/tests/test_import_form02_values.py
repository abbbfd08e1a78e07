"""Cell values of Biểu mẫu 02 quoted and pointed at as the officer wrote them."""

from __future__ import annotations

import pytest

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def messages(report, severity):
    return [(p.column, p.message) for p in report.problems if p.severity == severity]


@pytest.mark.parametrize(
    ("cell", "quoted"),
    [("Khuyết tật nặng", "Khuyết tật nặng"), ("Hộ nghèo; Khuyết tật nặng", "Khuyết tật nặng")],
)
def test_an_unknown_group_is_quoted_as_written_not_folded(check, cell, quoted):
    report = check(files.rows_bytes(["TT", "Họ và tên", "Nhóm đối tượng"], [1, "Hà Văn Tư", cell]))

    ((column, message),) = messages(report, Severity.ERROR)
    assert column == "C"
    assert message.startswith(f"Unknown target group {quoted}.")


@pytest.mark.parametrize(
    "name",
    [
        "Chị Lê Thị Hoa",
        "Anh Nguyễn Văn An",
        "Ông Trần Văn Ba",
        "bà Lê Thị Tư",
        "Em Hà Văn Năm",
        "Cháu Vừ A Dính",
        "Nguyễn Văn An (con ông B)",
        "Nguyễn Văn An - Thôn 3",
        "1. Nguyễn Văn An",
        "Nguyễn Văn An 2003",
    ],
)
def test_a_name_with_a_title_or_extra_matter_is_kept_with_a_warning(check, name):
    report = check(files.rows_bytes(["TT", "Họ và tên", "Năm sinh"], [1, name, 2003]))

    assert report.rows[0].data["full_name"] == name and report.can_commit
    ((column, message),) = messages(report, Severity.WARNING)
    assert column == "B" and message.startswith(f"“{name}” holds more than a name")


@pytest.mark.parametrize("name", ["Chu Văn An", "Bùi Thị Em", "Nguyễn Văn Thử 2", "Lê Thị Cô Hoa"])
def test_a_plain_name_has_no_warning(check, name):
    report = check(files.rows_bytes(["TT", "Họ và tên", "Năm sinh"], [1, name, 2003]))

    assert report.problems == []
