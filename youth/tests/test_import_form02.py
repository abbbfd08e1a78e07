"""Reading Biểu mẫu 02 as communes keep it: layout, headers, values, per-row problems."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import Workbook

from youth.importing import Severity
from youth.tests import import_files as files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def errors(report):
    return [(p.sheet, p.row, p.column, p.message) for p in report.problems if p.severity == Severity.ERROR]


def sheet_with(rows, headers, *, above=(), below=()):
    workbook = Workbook()
    sheet = workbook.active
    for row in [*above, headers, *rows, *below]:
        sheet.append(list(row))
    return files.to_bytes(workbook)


def test_form02_with_header_block_numbering_row_extra_birth_column_and_signature(check):
    report = check(files.form02_bytes([files.person(1), files.person(2, year=1999)]))

    assert errors(report) == []
    (sheet,) = report.sheets
    assert sheet.header_row == 8
    assert [letter for letter, _header, _label in sheet.columns] == ["A", "B", "C", "D", "E", "F", "G"]
    assert [(row.row, row.data["full_name"], row.data["birth_year"]) for row in report.rows] == [
        (10, "Nguyễn Văn Thử 1", 2003),
        (11, "Nguyễn Văn Thử 2", 1999),
    ]
    first = report.rows[0]
    assert first.data["circumstances"] == "Mồ côi cha, mẹ làm thuê"
    assert first.data["address_detail"] == "Tổ 2, phường Thành Sen"
    assert first.data["phone"] == "0900000001"
    assert first.groups == {"poverty": {}}
    assert report.ready == 2 and report.can_commit


def test_the_plain_form02_columns_alone_are_enough(check):
    headers = ["TT", "Họ và tên", "Hoàn cảnh cụ thể hiện nay", "Địa chỉ", "SĐT liên hệ", "Ghi chú"]
    data = files.form02_bytes([["Lê Văn Ba", "Bố mất sớm", "Thôn 3", "0912345678", "Khó khăn"]], headers=headers)

    report = check(data)

    assert errors(report) == []
    assert report.rows[0].data["notes"] == "Khó khăn" and report.rows[0].data["birth_year"] is None


@pytest.mark.parametrize(
    "headers",
    [
        ["STT", "HỌ VÀ TÊN", "NĂM SINH", "ĐỊA CHỈ", "SỐ ĐIỆN THOẠI"],
        ["tt", "Ho va ten", "Nam sinh", "Dia chi", "SDT"],
        ["TT", "Họ và\ntên", "Ngày tháng\nnăm sinh", "  Địa   chỉ ", "Điện thoại"],
        ["Số TT", "Họ tên", "Ngày sinh (dd/mm/yyyy)", "Nơi ở hiện nay", "SĐT/Zalo"],
    ],
)
def test_headers_match_without_case_diacritics_line_breaks_or_spaces(check, headers):
    report = check(sheet_with([[1, "Phan Thị Lan", 2001, "Xóm 2", "0912345678"]], headers))

    assert errors(report) == []
    row = report.rows[0]
    assert (row.data["full_name"], row.data["birth_year"], row.data["address_detail"], row.data["phone"]) == (
        "Phan Thị Lan",
        2001,
        "Xóm 2",
        "0912345678",
    )


def test_birth_year_split_into_male_and_female_columns_gives_birth_and_sex(check):
    # The header row's "Năm sinh" is merged over a second row "Nam" | "Nữ".
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", "Năm sinh", None, "Thôn"])
    sheet.append([None, None, "Nam", "Nữ", None])
    sheet.append([1, "Trần Văn Nam", 2002, None, "Thôn 1"])
    sheet.append([2, "Trần Thị Mai", None, 2004, "Thôn 2"])
    sheet.merge_cells("C1:D1")
    data = files.to_bytes(workbook)

    report = check(data)

    assert errors(report) == []
    assert [(r.data["full_name"], r.data["birth_year"], r.data["sex"], r.data["village"]) for r in report.rows] == [
        ("Trần Văn Nam", 2002, "male", "Thôn 1"),
        ("Trần Thị Mai", 2004, "female", "Thôn 2"),
    ]


def test_family_and_given_name_columns_make_the_full_name(check):
    report = check(sheet_with([[1, "Nguyễn Thị", "Hồng", 2000]], ["TT", "Họ đệm", "Tên", "Năm sinh"]))

    assert errors(report) == []
    assert report.rows[0].data["full_name"] == "Nguyễn Thị Hồng"


def test_a_name_header_merged_over_two_columns_joins_family_and_given_name(check):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", None, "Năm sinh", "Địa chỉ"])
    sheet.append([1, "Nguyễn Văn", "An", 2001, "Thôn 1"])
    sheet.append([2, "Trần Thị Bình", None, 2002, "Thôn 2"])
    sheet.merge_cells("B1:C1")

    report = check(files.to_bytes(workbook))

    assert errors(report) == []
    assert [r.data["full_name"] for r in report.rows] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert [(p.column, p.severity) for p in report.problems] == [("C", Severity.INFO)]


def test_an_empty_header_right_of_the_name_over_numbers_is_not_a_given_name(check):
    report = check(sheet_with([[1, "Nguyễn Văn An", 5, 2001]], ["TT", "Họ và tên", None, "Năm sinh"]))

    assert [r.data["full_name"] for r in report.rows] == ["Nguyễn Văn An"]


@pytest.mark.parametrize("note", ["Đoàn viên", "đang học", "Hộ nghèo 2024"])
def test_notes_in_an_unheaded_column_right_of_the_name_are_not_a_given_name(check, note):
    """Only single capitalised words read as given names under a merged name header: notes in
    an unheaded column stay out of the name."""
    report = check(sheet_with([[1, "Nguyễn Văn An", note, 2001]], ["TT", "Họ và tên", None, "Năm sinh"]))

    assert [r.data["full_name"] for r in report.rows] == ["Nguyễn Văn An"]


def test_values_as_excel_mangles_them(check):
    headers = ["TT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "CCCD", "SĐT"]
    rows = [
        # The phone lost its 0 (a number cell), the ID too, the date is a real date cell.
        [1, "  Hồ   Văn  Ánh ", datetime.datetime(2004, 3, 5), "nam", "Kinh", 42204012345, 912345678],
        # Text as typed: day first, a two-digit year, a 10-digit ID in scientific notation.
        [2, "Hà Thị Bé", "5/3/05", "Nữ", "Thái", "4.2305012345E10", "0912.345.679"],
        [3, "Lô Văn Cường", "1998", "M", "13", "", "+84 912 345 680"],
        [4, "Vi Thị Dung", 1997.0, "F", "Mường", "", "0912 345 681 / 0987 654 321"],
    ]
    report = check(sheet_with(rows, headers))

    assert errors(report) == []
    got = [
        (r.data["full_name"], r.data["birth_date"], r.data["birth_year"], r.data["sex"], r.data["ethnicity"])
        for r in report.rows
    ]
    assert got == [
        ("Hồ Văn Ánh", datetime.date(2004, 3, 5), 2004, "male", "01"),
        ("Hà Thị Bé", datetime.date(2005, 3, 5), 2005, "female", "03"),
        ("Lô Văn Cường", None, 1998, "male", "13"),
        ("Vi Thị Dung", None, 1997, "female", "06"),
    ]
    assert [r.data["phone"] for r in report.rows] == ["0912345678", "0912345679", "0912345680", "0912345681"]
    assert [r.data["citizen_id"] for r in report.rows[:2]] == ["042204012345", "042305012345"]
    warnings = [(p.row, p.column) for p in report.problems if p.severity == Severity.WARNING]
    assert (3, "C") in warnings  # the two-digit year, read as 2005
    assert (5, "G") in warnings  # two phone numbers: the first kept


@pytest.mark.parametrize("value", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#SPILL!", True])
def test_an_excel_error_or_true_in_the_name_column_is_not_a_name(check, value):
    report = check(sheet_with([[1, value, 2001]], ["TT", "Họ và tên", "Năm sinh"]))

    assert report.ready == 0
    assert [(row, column) for _s, row, column, _m in errors(report)] == [(2, "B")]


def test_an_excel_error_elsewhere_is_left_empty_with_a_warning(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "SĐT", "Địa chỉ"]

    report = check(sheet_with([[1, "Hà Văn Tư", "#N/A", "#REF!", "#VALUE!"]], headers))

    assert errors(report) == [] and report.ready == 1
    row = report.rows[0]
    assert (row.data["birth_year"], row.data["phone"], row.data["address_detail"]) == (None, "", "")
    warnings = [(p.column, p.message) for p in report.problems if p.severity == Severity.WARNING]
    assert [column for column, _m in warnings] == ["C", "D", "E"]
    assert "Excel error #REF!" in warnings[1][1]


@pytest.mark.parametrize(
    "headers, row",
    [
        (["TT", "Họ và tên", "Năm sinh", "Nhóm đối tượng"], [1, "Hà Văn Tư", 2001, "#N/A"]),
        (["TT", "Họ và tên", "Năm sinh", "Hộ nghèo"], [1, "Hà Văn Tư", 2001, "#N/A"]),
    ],
)
def test_an_excel_error_in_a_group_cell_is_an_error_not_the_default_group(check, headers, row):
    """A failed VLOOKUP in the group column left empty would let the row take the upload's
    default group without a word."""
    report = check(sheet_with([row], headers))

    assert [(column, "Excel error #N/A" in message) for _s, _r, column, message in errors(report)] == [("D", True)]
    assert report.ready == 0


@pytest.mark.parametrize("phones", ["0912345678\n0987654321", "0912 345 678\r\n0987 654 321\n"])
def test_two_phones_on_two_lines_of_a_cell_keep_the_first_with_a_warning(check, phones):
    report = check(sheet_with([[1, "Hà Văn Tư", 2001, phones]], ["TT", "Họ và tên", "Năm sinh", "SĐT"]))

    assert errors(report) == [] and report.rows[0].data["phone"] == "0912345678"
    assert [(p.column, p.severity) for p in report.problems] == [("D", Severity.WARNING)]


@pytest.mark.parametrize(
    ("written", "sex"),
    [("Nam giới", "male"), ("nam giới", "male"), ("Nam (m)", "male"), ("Nữ giới", "female"), ("NỮ (F)", "female")],
)
def test_sex_written_nam_gioi_or_with_a_gloss_is_read(check, written, sex):
    report = check(sheet_with([[1, "Hà Văn Tư", 2001, written]], ["TT", "Họ và tên", "Năm sinh", "Giới tính"]))

    assert errors(report) == [] and report.rows[0].data["sex"] == sex


def test_a_year_typed_into_a_date_formatted_cell_is_read_as_the_year_with_a_warning(check):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", "Năm sinh"])
    sheet.append([1, "Hà Văn Tư", 2001])
    sheet.append([2, "Hà Văn Năm", datetime.date(1905, 6, 23)])
    sheet["C2"].number_format = "dd/mm/yyyy"  # Excel shows 23/06/1905

    report = check(files.to_bytes(workbook))

    assert errors(report) == []
    assert [(r.data["birth_year"], r.data["birth_date"], r.birth_text) for r in report.rows] == [
        (2001, None, "2001"),
        (2001, None, "2001"),
    ]
    assert [(p.row, p.column, p.severity) for p in report.problems] == [
        (2, "C", Severity.WARNING),
        (3, "C", Severity.WARNING),
    ]


def test_citizen_id_from_a_number_cell_gets_its_leading_zero_back(check):
    report = check(sheet_with([[1, "Hồ Văn Ánh", 2004, 42204012345]], ["TT", "Họ và tên", "Năm sinh", "Số CCCD"]))

    assert errors(report) == []
    assert report.rows[0].data["citizen_id"] == "042204012345"


def test_each_problem_names_its_sheet_row_and_column(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Giới tính", "Dân tộc", "CCCD", "SĐT", "Nhóm"]
    rows = [
        [1, "Đúng Người", 2003, "Nam", "Kinh", "", "0912345678", "khuyết tật"],
        [2, None, 2003, "Nam", "", "", "", "hộ nghèo"],  # missing name
        [3, "Sai Số", 2003, "", "", "", "12345", "hộ nghèo"],  # bad phone
        [4, "Sai Nhóm", 2003, "", "", "", "", "người cao tuổi"],  # unknown group
        [5, "Sai Ngày", "31/02/2003", "Nam", "", "", "", "hộ nghèo"],  # no such date
        [6, "Sai Giới", 2003, "Trung", "", "", "", "hộ nghèo"],  # unknown sex
        [7, "Sai Dân Tộc", 2003, "", "Kinhh", "", "", "hộ nghèo"],  # unknown ethnicity
        [8, "Sai CCCD", 2003, "", "", "123", "", "hộ nghèo"],  # too short
        [9, "Sinh Sau", 2030, "", "", "", "", "hộ nghèo"],  # in the future
    ]
    report = check(sheet_with(rows, headers, above=[["DANH SÁCH"], []]), default_group="")

    assert [(sheet, row, column) for sheet, row, column, _ in errors(report)] == [
        ("Sheet", 5, "B"),
        ("Sheet", 6, "G"),
        ("Sheet", 7, "H"),
        ("Sheet", 8, "C"),
        ("Sheet", 9, "D"),
        ("Sheet", 10, "E"),
        ("Sheet", 11, "F"),
        ("Sheet", 12, "C"),
    ]
    messages = [message for *_, message in errors(report)]
    assert messages[0] == "Missing full name."
    assert messages[1] == "Phone number 12345 is not a Vietnamese number."
    assert messages[2].startswith("Unknown target group người cao tuổi")
    problem = next(p for p in report.problems if p.row == 6)
    assert problem.header == "SĐT"
    assert report.ready == 1 and report.error_rows == 8 and not report.can_commit


def test_without_a_group_column_or_default_group_every_row_is_an_error(check):
    report = check(files.form02_bytes([files.person(1), files.person(2)]), default_group="")

    assert [(row, column) for _s, row, column, _m in errors(report)] == [(10, ""), (11, "")]
    assert all("default target group" in message for *_, message in errors(report))
    assert "no target-group column" in report.file_problems[0].message


def test_a_group_column_wins_over_the_default_group(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Thuộc nhóm"]
    rows = [
        [1, "Một", 2001, "Khuyết tật; hộ cận nghèo"],
        [2, "Hai", 2002, ""],
        [3, "Ba", 2003, "3, 7"],
        [4, "Bốn", 2004, "Thanh thiếu niên dân tộc thiểu số ở địa bàn khó khăn, vùng sâu, vùng xa, biên giới, hải đảo"],
        [5, "Năm", 2005, "Sau cai nghiện, hoàn lương, BỆNH HIỂM NGHÈO, that nghiep"],
    ]
    report = check(sheet_with(rows, headers), default_group="unemployment")

    assert errors(report) == []
    assert [r.groups for r in report.rows] == [
        {"disability": {}, "poverty": {"household_kind": "near_poor"}},
        {"unemployment": {}},
        {"poverty": {}, "reintegration": {}},
        {"ethnic_minority": {}},
        {"rehabilitation": {}, "reintegration": {}, "serious_illness": {}, "unemployment": {}},
    ]


def test_blank_rows_numbered_empty_rows_sections_and_totals_are_skipped(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Địa chỉ"]
    rows = [
        ["I", "Thôn Đông", None, None],
        [1, "Người Một", 2001, "Thôn Đông"],
        [None, None, None, None],
        ["II", "Thôn Tây", None, None],
        [2, "Người Hai", 2002, "Thôn Tây"],
        [3, None, None, None],
        [4, None, None, None],
        ["Tổng cộng", None, None, None],
    ]
    report = check(sheet_with(rows, headers, below=[[None, "Người lập biểu"], [None, "Nguyễn Văn Lập"]]))

    assert errors(report) == []
    assert [r.data["full_name"] for r in report.rows] == ["Người Một", "Người Hai"]


@pytest.mark.parametrize("column", [2, 3, 4])
def test_the_place_and_date_above_the_signatures_starts_the_signature_block_in_any_column(check, column):
    headers = ["TT", "Họ và tên", "Năm sinh", "Địa chỉ", "SĐT"]
    place_and_date = [None] * 5
    place_and_date[column] = "Thành Sen, ngày 10 tháng 10 năm 2025"
    below = [[], place_and_date, [None, "Người lập biểu", None, None, "TM. BAN THƯỜNG VỤ"], [None] * 4 + ["BÍ THƯ"]]

    report = check(sheet_with([[1, "Người Một", 2001, "Thôn 1", "0912345678"]], headers, below=below))

    assert errors(report) == [] and report.ready == 1


def test_a_text_that_only_mentions_a_date_does_not_end_the_list(check):
    """Only a cell that is a place and a date starts the signature block: circumstances that
    mention one ("Từ ngày … mẹ bị bệnh nặng") are not, and the people below are still read."""
    headers = ["TT", "Họ và tên", "Năm sinh", "Hoàn cảnh cụ thể hiện nay", "SĐT"]
    rows = [
        [1, "Người Một", 2001, "Hộ nghèo", "0912345678"],
        [None, None, None, "Từ ngày 5 tháng 3 năm 2024 mẹ bị bệnh nặng", None],
        [2, "Người Hai", 2002, "Hộ nghèo", "0912345679"],
        [3, "Người Ba", 2003, "Hộ nghèo", "0912345670"],
    ]

    report = check(sheet_with(rows, headers))

    read = [row.data["full_name"] for row in report.rows if not row.has_error]
    assert read == ["Người Một", "Người Hai", "Người Ba"]


def test_a_surname_that_is_also_a_total_word_is_a_person(check):
    """Tống and Công are surnames as well as total words: with a birth and a phone the row is a
    person, not a total."""
    rows = [[1, "Tống", "Hoa", 2002, "0912345679"], [2, "Công", "Minh", 2003, "0912345670"]]

    report = check(sheet_with(rows, ["TT", "Họ", "Tên", "Năm sinh", "SĐT"]))

    assert [row.data["full_name"] for row in report.rows] == ["Tống Hoa", "Công Minh"]


def test_a_birth_in_words_without_a_name_is_still_a_row(check):
    rows = [[1, "Người Một", 2001], [None, None, "Sinh ngày 10 tháng 10 năm 2001"]]

    assert [
        (row, column) for _s, row, column, _m in errors(check(sheet_with(rows, ["TT", "Họ và tên", "Năm sinh"])))
    ] == [(3, "B")]


def test_a_total_row_with_counts_under_a_split_birth_column_is_a_total(check):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", "Năm sinh", None, "Địa chỉ"])
    sheet.append([None, None, "Nam", "Nữ", None])
    sheet.append([1, "Trần Văn Nam", 2002, None, "Thôn 1"])
    sheet.append([2, "Trần Thị Mai", None, 2004, "Thôn 2"])
    sheet.append([None, "Tổng cộng", 1, 1, None])
    sheet.merge_cells("C1:D1")

    report = check(files.to_bytes(workbook))

    assert errors(report) == [] and report.ready == 2
    assert [(p.row, p.severity) for p in report.problems] == [(5, Severity.INFO)]


@pytest.mark.parametrize("total", [["", "Tổng cộng: 2 người", 2], ["Tổng cộng", None, 2], [None, "Tổng số", 2]])
def test_a_total_row_with_a_count_in_the_birth_column_is_a_total(check, total):
    rows = [[1, "Người Một", 2001], [2, "Người Hai", 2002], total]

    report = check(sheet_with(rows, ["TT", "Họ và tên", "Năm sinh"]))

    assert errors(report) == [] and report.ready == 2


def test_a_second_table_with_its_own_header_row_is_read_with_its_own_columns(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Địa chỉ", "SĐT"]
    rows = [
        [1, "Người Một", 2001, "Thôn 1", "0912345678"],
        [],
        [None, "DANH SÁCH THANH NIÊN HOÀN LƯƠNG"],
        ["STT", "Họ tên", "Ngày sinh", "SĐT"],
        [1, "Trần Thị Bình", "01/01/2002", "0987654321"],
        [2, "Lê Văn Cường", "01/01/2003", "12345"],
    ]

    report = check(sheet_with(rows, headers))

    assert [(r.data["full_name"], r.data["phone"], r.data["address_detail"]) for r in report.rows[:2]] == [
        ("Người Một", "0912345678", "Thôn 1"),
        ("Trần Thị Bình", "0987654321", ""),
    ]
    assert [(p.row, p.column, p.severity) for p in report.problems if p.severity != Severity.INFO] == [
        (4, "", Severity.WARNING),
        (5, "", Severity.WARNING),
        (7, "D", Severity.ERROR),  # its phone column, not the first table's E
    ]


def test_a_header_repeated_on_a_new_page_without_its_second_row_changes_nothing(check):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", "Năm sinh", None, "Thôn"])
    sheet.append([None, None, "Nam", "Nữ", None])
    sheet.append([1, "Trần Văn Nam", 2002, None, "Thôn 1"])
    sheet.append(["TT", "Họ và tên", "Năm sinh", None, "Thôn"])
    sheet.append([2, "Trần Thị Mai", None, 2004, "Thôn 2"])

    report = check(files.to_bytes(workbook))

    assert errors(report) == [] and report.problems == []
    assert [(r.data["birth_year"], r.data["sex"]) for r in report.rows] == [(2002, "male"), (2004, "female")]


def test_every_sheet_with_a_header_row_is_read_and_reported_apart(check):
    workbook = files.form02([files.person(1)], sheet_title="Thôn 1")
    files.form02([files.person(2)], sheet_title="Thôn 2", workbook=workbook)
    notes = workbook.create_sheet("Ghi chú")
    notes["A1"] = "Danh sách do chi đoàn lập"

    report = check(files.to_bytes(workbook))

    assert [(s.title, s.header_row, s.rows_read) for s in report.sheets] == [
        ("Thôn 1", 8, 1),
        ("Thôn 2", 8, 1),
        ("Ghi chú", None, 0),
    ]
    assert [(r.sheet, r.row) for r in report.rows] == [("Thôn 1", 10), ("Thôn 2", 10)]
    assert [p.severity for p in report.sheets[2].problems] == [Severity.INFO]


def test_a_sheet_without_a_header_row_is_a_clear_error_for_the_file(check):
    report = check(files.no_header_workbook())

    assert report.rows == [] and not report.can_commit
    assert [p.severity for p in report.file_problems] == [Severity.ERROR]
    assert "Họ và tên" in report.file_problems[0].message


def test_an_empty_workbook_is_answered_with_a_message(check):
    report = check(files.empty_workbook())

    assert not report.can_commit
    assert report.file_problems and report.file_problems[0].severity == Severity.ERROR


def test_long_texts_and_old_dates_are_reported(check):
    rows = [[1, "A" * 151, 2001], [2, "Già Quá", 1950]]
    report = check(sheet_with(rows, ["TT", "Họ và tên", "Năm sinh"]))

    assert [(row, column) for _s, row, column, _m in errors(report)] == [(2, "B")]
    assert any(p.row == 3 and p.severity == Severity.WARNING for p in report.problems)


def test_a_column_per_target_group_marked_with_x(check):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Họ và tên", "Năm sinh", "Thuộc nhóm", None, None, "Ghi chú"])
    sheet.append([None, None, None, "Khuyết tật", "Hộ nghèo", "DTTS", None])
    sheet.append([1, "Vừ A Dính", 2002, "x", None, "X", ""])
    sheet.append([2, "Lầu Thị Mai", 2003, None, "1", None, ""])
    sheet.append([3, "Giàng A Páo", 2004, "không", None, None, ""])
    sheet.merge_cells("D1:F1")

    report = check(files.to_bytes(workbook), default_group="")

    assert [r.groups for r in report.rows] == [
        {"disability": {}, "ethnic_minority": {}},
        {"poverty": {"household_kind": "poor"}},
        {},
    ]
    assert [(p.row, p.column) for p in report.problems if p.severity == Severity.ERROR] == [(5, "")]
    assert ("D", "Thuộc nhóm / Khuyết tật", "Target group: Youth with disabilities") in report.sheets[0].columns


@pytest.mark.parametrize("mark", ["ko", "KO", "không.", "Không có", "chưa", "k", "-", "—", "–", "0", "No"])
def test_a_no_in_a_mark_column_in_any_usual_spelling_is_not_a_mark(check, mark):
    headers = ["TT", "Họ và tên", "Năm sinh", "Khuyết tật", "Hộ nghèo"]

    report = check(sheet_with([[1, "Vừ A Dính", 2002, mark, "x"]], headers), default_group="")

    assert report.rows[0].groups == {"poverty": {"household_kind": "poor"}}
    assert report.problems == []


@pytest.mark.parametrize("mark", ["x", "X.", "1", "Có", "✓"])
def test_a_yes_in_a_mark_column_is_a_mark(check, mark):
    report = check(sheet_with([[1, "Vừ A Dính", 2002, mark]], ["TT", "Họ và tên", "Năm sinh", "Khuyết tật"]))

    assert report.rows[0].groups == {"disability": {}} and report.problems == []


def test_an_unclear_mark_counts_as_marked_with_a_warning(check):
    report = check(sheet_with([[1, "Vừ A Dính", 2002, "đang xét"]], ["TT", "Họ và tên", "Năm sinh", "Khuyết tật"]))

    assert report.rows[0].groups == {"disability": {}}
    assert [(p.column, p.severity) for p in report.problems] == [("D", Severity.WARNING)]


def test_words_instead_of_a_phone_id_or_birth_leave_the_cell_empty_with_a_warning(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Số CCCD", "SĐT"]
    report = check(sheet_with([[1, "Hà Văn Tư", "không rõ", "chưa có", "Không có"]], headers))

    assert errors(report) == []
    row = report.rows[0]
    assert (row.data["birth_year"], row.data["citizen_id"], row.data["phone"]) == (None, "", "")
    assert sorted(p.column for p in report.problems if p.severity == Severity.WARNING) == ["C", "D", "E"]


def test_a_lone_unnumbered_name_is_a_heading_and_a_total_row_is_skipped_but_a_name_like_a_total_is_not(check):
    headers = ["TT", "Họ và tên", "Năm sinh", "Địa chỉ"]
    rows = [
        [None, "Thôn Đông", None, None],
        [1, "Công Thị Hoa", None, None],
        [2, "Người Hai", 2002, "Thôn Đông"],
        [None, "Cộng: 2 người", None, None],
    ]
    report = check(sheet_with(rows, headers))

    assert [r.data["full_name"] for r in report.rows] == ["Công Thị Hoa", "Người Hai"]
    # "Thôn Đông" is a village heading: an info note, and its village given to the rows under it.
    assert [(p.row, p.severity) for p in report.problems] == [(2, Severity.INFO), (5, Severity.INFO)]


def test_a_hidden_sheet_is_not_read(check):
    workbook = files.form02([files.person(1)], sheet_title="Danh sách")
    files.form02([files.person(2)], sheet_title="Cũ", workbook=workbook)
    workbook["Cũ"].sheet_state = "hidden"

    report = check(files.to_bytes(workbook))

    assert [r.sheet for r in report.rows] == ["Danh sách"]
    assert [(p.sheet, p.severity) for p in report.problems] == [("Cũ", Severity.INFO)]
