"""Reading Biểu mẫu 02's columns as communes head them: group marks, sub-headers, the person's name."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# The seven groups as the guideline lists them (Hướng dẫn 2019, II), in the order of TargetGroup.
GUIDELINE_GROUPS = [
    "Thanh thiếu niên khuyết tật",
    "Thanh thiếu niên mắc bệnh hiểm nghèo",
    "Thanh thiếu niên nghèo (thanh thiếu niên trong diện hộ cận nghèo, thanh thiếu niên trong diện hộ nghèo)",
    "Thanh niên thất nghiệp mặc dù đã và đang nỗ lực kiếm việc làm",
    "Thanh thiếu niên là người dân tộc thiểu số đang sinh sống ở các địa bàn khó khăn, vùng sâu, vùng xa, biên giới, "
    "hải đảo",
    "Thanh thiếu niên chậm tiến, sau cai nghiện",
    "Thanh niên hoàn lương",
]
CODES = [
    "disability",
    "serious_illness",
    "poverty",
    "unemployment",
    "ethnic_minority",
    "rehabilitation",
    "reintegration",
]


def not_imported(report):
    return [p.column for p in report.problems if p.message == "This column is not imported."]


@pytest.mark.parametrize("position", range(7))
def test_a_mark_column_headed_with_the_guidelines_wording_is_read(check, position):
    marks = [None] * 7
    marks[position] = "x"

    report = check(files.rows_bytes(["TT", "Họ và tên", *GUIDELINE_GROUPS], [1, "Vừ A Dính", *marks]))

    assert not_imported(report) == []
    assert list(report.rows[0].groups) == [CODES[position]]


@pytest.mark.parametrize(
    ("header", "group"),
    [
        ("Người khuyết tật", "disability"),
        ("Mắc bệnh hiểm nghèo", "serious_illness"),
        ("Bệnh hiểm nghèo", "serious_illness"),
        ("Nghèo", "poverty"),
        ("Dân tộc thiểu số", "ethnic_minority"),
        ("Chậm tiến", "rehabilitation"),
        ("Sau cai nghiện", "rehabilitation"),
        ("Hoàn lương", "reintegration"),
    ],
)
def test_a_mark_column_headed_with_a_usual_short_name_is_read(check, header, group):
    report = check(files.rows_bytes(["TT", "Họ và tên", "Năm sinh", header], [1, "Vừ A Dính", 2002, "x"]))

    assert not_imported(report) == []
    assert report.rows[0].groups == {group: {}}


@pytest.mark.parametrize("near", ["Hộ cận nghèo", "Cận nghèo"])
def test_poor_and_near_poor_columns_are_the_poverty_group_with_the_household_kind_marked(check, near):
    headers = ["TT", "Họ và tên", "Năm sinh", "Khuyết tật", "Hộ nghèo", near]
    rows = [[1, "Vừ A Dính", 2002, None, "x", None], [2, "Lầu Thị Mai", 2003, "x", None, "x"]]

    report = check(files.rows_bytes(headers, *rows), default_group="disability")

    assert [r.groups for r in report.rows] == [
        {"poverty": {"household_kind": "poor"}},
        {"disability": {}, "poverty": {"household_kind": "near_poor"}},
    ]
    assert report.problems == []
    assert ("F", near, "Target group: Youth of poor or near-poor households (Near-poor household)") in report.sheets[
        0
    ].columns


def test_both_household_kinds_marked_keep_the_group_without_the_kind_with_a_warning(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Hộ nghèo", "Hộ cận nghèo"]

    report = check(files.rows_bytes(headers, [1, "Vừ A Dính", 2002, "x", "x"]))

    assert report.rows[0].groups == {"poverty": {}}
    assert [(p.column, p.severity) for p in report.problems] == [("E", Severity.WARNING)]


def test_a_mark_in_a_second_column_of_the_same_group_counts_rather_than_the_default_group(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Khuyết tật", "Người khuyết tật"]

    report = check(files.rows_bytes(headers, [1, "Vừ A Dính", 2002, None, "x"]), default_group="poverty")

    assert report.rows[0].groups == {"disability": {}}
    assert report.problems == []


@pytest.mark.parametrize("parent", ["Nhóm đối tượng", "Đối tượng yếu thế", "Phân loại đối tượng"])
def test_a_second_header_row_of_group_names_with_one_unknown_is_still_the_header(check, parent):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", "Năm sinh", parent, None, None, None, "Địa chỉ"])
    sheet.append([None, None, None, "Khuyết tật", "Hộ nghèo", "Mồ côi", "Hoàn lương", None])
    sheet.append([1, "Vừ A Dính", 2002, "x", None, None, None, "Thôn 1"])
    sheet.append([2, "Lầu Thị Mai", 2003, None, None, "x", None, "Thôn 2"])
    sheet.merge_cells("D1:G1")

    report = check(files.to_bytes(workbook), default_group="poverty")

    assert [(r.row, r.data["full_name"], r.groups) for r in report.rows] == [
        (3, "Vừ A Dính", {"disability": {}}),
        (4, "Lầu Thị Mai", {"poverty": {}}),
    ]
    assert [(p.row, p.column, p.severity) for p in report.problems] == [
        (None, "F", Severity.INFO),
        (4, "F", Severity.WARNING),
    ]
    assert "Mồ côi" in report.sheets[0].columns[5][1]


def test_a_row_of_texts_under_the_header_with_a_name_is_a_person_not_a_sub_header(check):
    rows = [["TT", "Họ và tên", "Giới tính", "Nhóm đối tượng"], [None, "Lê Thị Hoa", "Nữ", "Hộ nghèo"]]

    report = check(files.rows_bytes(*rows))

    assert [(r.data["full_name"], r.data["sex"], r.groups) for r in report.rows] == [
        ("Lê Thị Hoa", "female", {"poverty": {"household_kind": "poor"}})
    ]


@pytest.mark.parametrize(
    "other",
    ["Họ tên chủ hộ", "Họ và tên bố/mẹ", "Họ và tên cha, mẹ", "Họ tên người giám hộ", "Họ tên người đại diện"],
)
@pytest.mark.parametrize("youth", ["Họ tên thanh niên", "Họ và tên đối tượng", "Họ và tên"])
def test_the_name_is_read_from_the_youths_column_not_the_household_heads(check, other, youth):
    headers = ["TT", other, youth, "Năm sinh"]

    report = check(files.rows_bytes(headers, [1, "Nguyễn Văn Chủ", "Nguyễn Văn An", 2003]), default_group="poverty")

    assert report.rows[0].data["full_name"] == "Nguyễn Văn An"
    assert [(p.column, p.header) for p in report.problems] == [("B", other)]


def test_nam_and_nu_headers_alone_with_marks_give_the_sex(check):
    headers = ["TT", "Họ và tên", "Nam", "Nữ", "Địa chỉ"]
    rows = [[1, "Hà Văn Tư", "x", None, "Thôn 1"], [2, "Lê Thị Hoa", None, "x", "Thôn 2"]]

    report = check(files.rows_bytes(headers, *rows), default_group="poverty")

    assert [(r.data["sex"], r.data["birth_year"]) for r in report.rows] == [("male", None), ("female", None)]
    assert report.problems == []


def test_nam_and_nu_headers_alone_with_years_give_the_birth_year_and_the_sex(check):
    headers = ["TT", "Họ và tên", "Nam", "Nữ", "Địa chỉ"]
    rows = [[1, "Hà Văn Tư", 2001, None, "Thôn 1"], [2, "Lê Thị Hoa", None, "12/03/2004", "Thôn 2"]]

    report = check(files.rows_bytes(headers, *rows), default_group="poverty")

    assert [(r.data["sex"], r.data["birth_year"]) for r in report.rows] == [("male", 2001), ("female", 2004)]
    assert report.problems == []
    assert [label for _letter, _header, label in report.sheets[0].columns][2:4] == [
        "Year of birth (male)",
        "Year of birth (female)",
    ]


def test_initials_under_a_group_header_are_the_groups(check):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", "Năm sinh", "Nhóm đối tượng", None, None, None, None, None, None, None])
    sheet.append([None, None, None, "KT", "BHN", "HN", "HCN", "TN", "DTTS", "CT", "HL"])
    sheet.append([1, "Vừ A Dính", 2002, "x", None, None, "x", None, None, None, None])
    sheet.append([2, "Lầu Thị Mai", 2003, None, None, None, None, None, "x", None, "x"])

    report = check(files.to_bytes(workbook))

    assert [r.groups for r in report.rows] == [
        {"disability": {}, "poverty": {"household_kind": "near_poor"}},
        {"ethnic_minority": {}, "reintegration": {}},
    ]
    assert report.problems == []


def test_initials_are_not_group_headers_on_their_own(check):
    report = check(files.rows_bytes(["TT", "Họ và tên", "Năm sinh", "HN"], [1, "Vừ A Dính", 2002, "x"]))

    assert [p.column for p in report.problems if p.message == "This column is not imported."] == ["D"]
