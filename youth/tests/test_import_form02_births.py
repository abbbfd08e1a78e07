"""Births written the ways officers write them: with an age, in words, lunar, approximate, an age
alone."""

from __future__ import annotations

import datetime

import pytest

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def read_birth(check, birth):
    report = check(files.rows_bytes(["TT", "Họ và tên", "Ngày tháng năm sinh"], [1, "Nguyễn Văn An", birth]))
    (row,) = report.rows
    problems = [(p.severity, p.message) for p in report.problems if p.row == 2]
    return row.data["birth_date"], row.data["birth_year"], problems


@pytest.mark.parametrize(
    ("birth", "date", "year"),
    [
        ("2001 (24 tuổi)", None, 2001),
        ("15 tháng 5 năm 2001", datetime.date(2001, 5, 15), 2001),
        ("ngày 15/5/2001", datetime.date(2001, 5, 15), 2001),
    ],
)
def test_clear_births_are_read_without_a_word(check, birth, date, year):
    assert read_birth(check, birth) == (date, year, [])


@pytest.mark.parametrize(
    ("birth", "year", "warning"),
    [
        ("T5/2001", 2001, "Only the year"),
        ("2001-05", 2001, "Only the year"),
        ("15/05/2001 (âm lịch)", 2001, "lunar calendar"),
        ("khoảng 2001", 2001, "estimate"),
        ("2001?", 2001, "estimate"),
        ("2001 (40 tuổi)", 2001, "age written beside"),
    ],
)
def test_births_read_with_a_guess_are_warned_about(check, birth, year, warning):
    date, read_year, problems = read_birth(check, birth)
    assert (date, read_year) == (None, year)
    assert [severity for severity, _message in problems] == [Severity.WARNING]
    assert warning in problems[0][1]


@pytest.mark.parametrize("age", [24, "24 tuổi"])
def test_an_age_in_a_birth_column_is_not_read_but_warned_about(check, age):
    date, year, problems = read_birth(check, age)
    assert (date, year) == (None, None)
    assert len(problems) == 1
    assert problems[0][0] == Severity.WARNING
    assert "looks like an age" in problems[0][1]


@pytest.mark.parametrize("birth", ["2001-13", "13/2001", "2001-2002"])
def test_births_that_are_no_month_or_two_years_stay_errors(check, birth):
    _date, year, problems = read_birth(check, birth)
    assert year is None
    assert [severity for severity, _message in problems] == [Severity.ERROR]
