"""Cell values of Biểu mẫu 02 quoted and pointed at as the officer wrote them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from youth.importing import Severity, build_report
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 5, 1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def check(persona, unit):
    def run(data: bytes, *, default_group: str = "poverty"):
        return build_report(
            data,
            filename="ds.xlsx",
            unit=unit("18073"),
            user=persona("officer_a"),
            default_group=default_group,
            today=TODAY,
        )

    return run


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
