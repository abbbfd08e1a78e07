"""Target groups typed into one column: with a word beside the name, as initials, as codes Excel
turned into a number; and a negated or past poverty, which is no group."""

from __future__ import annotations

import pytest

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def read_groups(check, groups):
    data = files.rows_bytes(["TT", "Họ và tên", "Năm sinh", "Nhóm đối tượng"], [1, "Nguyễn Văn An", 2003, groups])
    report = check(data, default_group="")
    (row,) = report.rows
    return row.groups, [(p.severity, p.message) for p in report.problems if p.row == 2]


@pytest.mark.parametrize("groups", ["Người khuyết tật", "người khuyết tật"])
def test_a_group_name_with_a_word_beside_it_is_read(check, groups):
    assert read_groups(check, groups) == ({"disability": {}}, [])


def test_initials_are_read_with_a_warning(check):
    groups, problems = read_groups(check, "KT, HN")
    assert groups == {"disability": {}, "poverty": {"household_kind": "poor"}}
    assert [severity for severity, _message in problems] == [Severity.WARNING]
    assert "Poor household" in problems[0][1]


def test_codes_excel_turned_into_a_number_are_read_with_a_warning(check):
    groups, problems = read_groups(check, 1.3)
    assert groups == {"disability": {}, "poverty": {}}
    assert [severity for severity, _message in problems] == [Severity.WARNING]


@pytest.mark.parametrize("groups", ["Không thuộc hộ nghèo", "Thoát nghèo", "Hộ nghèo (đã thoát nghèo 2024)"])
def test_a_negated_or_past_poverty_is_an_error_not_the_poverty_group(check, groups):
    read, problems = read_groups(check, groups)
    assert read == {}
    assert [severity for severity, _message in problems] == [Severity.ERROR]
    assert "not, or no longer" in problems[0][1]


def test_unemployment_spelt_with_khong_is_still_a_group(check):
    assert read_groups(check, "Không có việc làm") == ({"unemployment": {}}, [])
