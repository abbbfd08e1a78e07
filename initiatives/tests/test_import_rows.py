"""Import of Biểu mẫu 01: the rows of a commune's sheet that are not initiatives (numbering,
totals, section headings, the signature block) and the cells that must not be taken as written."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from initiatives.tests.import_files import CLUB, HEADERS, JOBS, form01_as_typed
from youth.importing_report import Severity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def problems(report, severity=None):
    return [(p.row, p.column, p.message) for p in report.problems if severity is None or p.severity == severity]


def names(report):
    return [row.data.get("name") for row in report.rows]


# --- The signature block ----------------------------------------------------------------------


@pytest.mark.parametrize("column", [3, 5])
def test_the_place_and_date_line_starts_the_signature_block_in_any_column(check, column):
    place_date = [None] * 6
    place_date[column] = "Thành Sen, ngày 10 tháng 3 năm 2026"
    # A content which only mentions a date is still an initiative.
    event = [None, "", "", "Ngày hội việc làm ngày 10 tháng 3 năm 2026", "", ""]
    rows = [
        [1, *CLUB],
        [2, *JOBS],
        event,
        [],
        place_date,
        [None, "Người lập biểu", None, None, "TM. BAN THƯỜNG VỤ"],
        [None, None, None, None, "BÍ THƯ"],
        [None, "Lê Văn Nam", None, "Ghi chú: gửi kèm danh sách", "Trần Thị Hoa"],
    ]
    report = check(form01_as_typed(rows), default_domain="livelihood")
    assert report.error_count == 0, problems(report)
    assert names(report)[2:] == ["Ngày hội việc làm ngày 10 tháng 3 năm 2026"] and report.ready == 3


# --- Numbering, totals and section headings ---------------------------------------------------


@pytest.mark.parametrize("numbering", [[1, 2, 3, 4, 5, 6], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]])
def test_a_column_numbering_row_is_skipped_without_a_word(check, numbering):
    report = check(form01_as_typed([numbering, [1, *CLUB], [2, *JOBS]]), default_domain="social")
    assert names(report) == [
        "Câu lạc bộ thanh niên khuyết tật vươn lên",
        "Giới thiệu việc làm cho thanh niên thất nghiệp",
    ]
    assert not [row for row, _column, _message in problems(report) if row == 8]


@pytest.mark.parametrize(
    "total",
    [
        [None, "Tổng cộng", None, "02 mô hình", None, None],
        ["Tổng", None, None, "2 mô hình, giải pháp", None, "35 thanh niên"],
        ["TONG CONG:", None, None, "02", None, None],
        [None, None, None, "Cộng: 02 mô hình, giải pháp", None, "35 thanh niên"],
    ],
)
def test_a_total_row_is_noted_not_read(check, total):
    # Contents beginning with "Tổng kết …" or "Cộng đồng …" are still initiatives.
    review = [None, "", "", "Tổng kết mô hình năm trước, nhân rộng", "", "x"]
    community = [2, "", "", "Cộng đồng hỗ trợ", "", "y"]
    report = check(form01_as_typed([review, community, total]), default_domain="social")
    assert names(report) == ["Tổng kết mô hình năm trước, nhân rộng", "Cộng đồng hỗ trợ"]
    assert report.error_count == 0
    assert (10, "", "A total row, not read.") in problems(report, Severity.INFO)


def test_a_section_heading_is_noted_not_read_and_names_the_domain_of_the_rows_under_it(check):
    # The rows under "B) Những việc khác", a heading naming no domain, take the default one.
    clinic = [1, "Đoàn phường Thành Sen", "", "Tư vấn cho thanh niên\nHằng tháng.", "", "30 lượt"]
    rows = [
        [None, None, None, "I. LĨNH VỰC VIỆC LÀM", None, None],
        [1, "Đoàn phường Thành Sen", "", "Tọa đàm với thanh niên\nHằng quý.", "", "5 buổi"],
        ["II", None, None, "Lĩnh vực chăm sóc sức khỏe", None, None],
        clinic,
        [None, None, None, "B) Những việc khác", None, None],
        [2, "Đoàn phường Thành Sen", "", "Tư vấn cho thanh niên\nHằng quý.", "", "10 lượt"],
    ]
    report = check(form01_as_typed(rows), default_domain="social")
    assert names(report) == [
        "Tọa đàm với thanh niên",
        "Tư vấn cho thanh niên",
        "Tư vấn cho thanh niên",
    ]
    assert [row.data["domain"] for row in report.rows] == ["livelihood", "health", "social"]
    infos = problems(report, Severity.INFO)
    assert [row for row, _column, message in infos if message == "A section heading, not read."] == [8, 10, 12]
    assert any(row == 11 and "section heading “II Lĩnh vực chăm sóc sức khỏe”" in m for row, _c, m in infos)


# --- Cells --------------------------------------------------------------------------------------


def test_an_excel_error_is_never_taken_as_text(check):
    rows = [
        [1, "Đoàn phường Thành Sen", None, "#N/A", None, "#REF!"],
        [2, "#VALUE!", "#NAME?", "Câu lạc bộ thanh niên khuyết tật vươn lên", "#DIV/0!", "15 thanh niên"],
    ]
    report = check(form01_as_typed(rows), default_domain="social")
    first, second = report.rows
    assert first.has_error and not second.has_error
    assert (8, "D", "The cell shows the Excel error #N/A instead of a text. Type the text itself.") in problems(
        report, Severity.ERROR
    )
    assert {column for row, column, _m in problems(report, Severity.WARNING) if row == 9} == {"B", "C", "E"}
    assert second.data["partners"] == ""
    assert "#" not in second.data["content"]


@pytest.mark.parametrize(
    "content",
    [
        "- Mô hình: CLB thanh niên khuyết tật\n- Nội dung: sinh hoạt hằng tháng",
        "TÊN GIẢI PHÁP: CLB thanh niên khuyết tật\nSinh hoạt hằng tháng",
        "+ Mô hình, giải pháp : CLB thanh niên khuyết tật\nSinh hoạt hằng tháng",
    ],
)
def test_a_label_before_the_name_is_left_out_whatever_its_diacritics(check, content):
    report = check(form01_as_typed([[1, "", "", content, "", "15 thanh niên"]]), default_domain="social")
    assert names(report) == ["CLB thanh niên khuyết tật"]


@pytest.mark.parametrize(
    ("content", "name", "rest"),
    [
        ("Tên mô hình:\nCâu lạc bộ Nghị lực sống\nNội dung: sinh hoạt hằng tháng", "Câu lạc bộ Nghị lực sống",
         "Nội dung: sinh hoạt hằng tháng"),
        ("1. Tên mô hình: Nuôi bò sinh sản\n2. Nội dung: hỗ trợ con giống", "Nuôi bò sinh sản",
         "2. Nội dung: hỗ trợ con giống"),
        ("a) Dạy nghề cho thanh niên khuyết tật\nb) Giới thiệu việc làm", "Dạy nghề cho thanh niên khuyết tật",
         "b) Giới thiệu việc làm"),
        ("2) Hỗ trợ 1.5 triệu đồng\nHằng quý", "Hỗ trợ 1.5 triệu đồng", "Hằng quý"),
    ],
)  # fmt: skip
def test_a_numbering_a_list_mark_or_a_label_alone_on_its_line_is_not_the_name(check, content, name, rest):
    report = check(form01_as_typed([[1, "", "", content, "", "15 thanh niên"]]), default_domain="social")
    [row] = report.rows
    assert row.data["name"] == name
    assert row.data["content"].startswith(rest)


def test_a_target_group_named_only_in_the_first_line_is_found(check):
    # The first line becomes the name; the group it names must not be lost with it.
    content = "Mô hình: Dạy nghề cho thanh niên khuyết tật\n- Nội dung: dạy nghề may"
    report = check(form01_as_typed([[1, "", "", content, "Nguyễn Văn An", "Duy trì"]]), default_domain="social")
    [row] = report.rows
    assert row.data["name"] == "Dạy nghề cho thanh niên khuyết tật"
    assert row.groups == ["disability"]


DATED = [*HEADERS, "Thời gian bắt đầu", "Thời gian kết thúc"]


@pytest.mark.parametrize(
    ("start", "end", "first", "last"),
    [
        (2026, 2026.0, date(2026, 1, 1), date(2026, 12, 31)),
        ("2026", "Năm 2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("Quý I/2026", "Quý IV/2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("quý 2 năm 2026", "Quý III", date(2026, 4, 1), date(2026, 9, 30)),
        ("T3/2026", "12/2026", date(2026, 3, 1), date(2026, 12, 31)),
        ("Tháng 3/2026", "tháng 2 năm 2026", date(2026, 3, 1), None),
        ("Tháng 3", "Tháng 6", date(2026, 3, 1), date(2026, 6, 30)),
        ("Cả năm", "Cả năm", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-03-15", "15/12/2026", date(2026, 3, 15), date(2026, 12, 15)),
    ],
)
def test_a_year_month_or_quarter_is_read_as_its_first_day_to_start_and_its_last_to_end(check, start, end, first, last):
    report = check(form01_as_typed([[1, *CLUB, start, end]], headers=DATED), default_domain="social")
    [row] = report.rows
    assert row.data["start_date"] == first
    if last is None:  # February ends before March begins
        assert (8, "H", "The end date is before the start date.") in problems(report, Severity.ERROR)
    else:
        assert report.error_count == 0, problems(report)
        assert row.data["end_date"] == last


def test_a_date_cell_holding_no_date_at_all_is_an_error_quoting_it(check):
    report = check(form01_as_typed([[1, *CLUB, "Khi có kinh phí", ""]], headers=DATED), default_domain="social")
    assert (
        8,
        "G",
        "“Khi có kinh phí” is not a date. Write a day (15/03/2026), a month (03/2026), a quarter (Quý I/2026) "
        "or a year (2026).",
    ) in problems(report, Severity.ERROR)


def test_the_time_frame_and_funding_columns_are_kept_in_the_content(check):
    headers = [*HEADERS, "Thời gian thực hiện", "Kinh phí (đồng)"]
    rows = [[1, *CLUB, "Tháng 3 - 12/2026", 5000000], [2, *JOBS, "Quý II/2026", ""]]
    report = check(form01_as_typed(rows, headers=headers), default_domain="social")
    club, jobs = report.rows
    assert club.data["content"].startswith(
        "Sinh hoạt hằng tháng, chia sẻ kỹ năng sống độc lập.\n\n"
        "Thời gian thực hiện: Tháng 3 - 12/2026\nKinh phí: 5.000.000\n\nĐối tượng thụ hưởng"
    )
    assert "Thời gian thực hiện: Quý II/2026\n\n" in jobs.data["content"] and "Kinh phí" not in jobs.data["content"]
    infos = problems(report, Severity.INFO)
    message = "The initiative has no field for this column: its text is added to the content, as “%s: …”."
    assert (None, "G", message % "Thời gian thực hiện") in infos and (None, "H", message % "Kinh phí") in infos
    assert not [m for _r, _c, m in problems(report) if m == "This column is not imported."]


# --- Headers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "results"),
    [
        ("Đối tượng hưởng lợi", "Kết quả"),
        ("Đối tượng được hưởng lợi", "Kết quả cần đạt"),
        ("Người hưởng lợi", "KẾT QUẢ"),
    ],
)
def test_results_and_beneficiaries_headers_spelt_otherwise_are_read(check, people, results):
    headers = ["TT", "Đơn vị triển khai", "Đơn vị phối hợp", "Nội dung giải pháp, mô hình", people, results]
    report = check(form01_as_typed([[1, *CLUB]], headers=headers))
    [row] = report.rows
    assert row.data["expected_results"] == "15 thanh niên khuyết tật tham gia thường xuyên"
    assert "Đối tượng thụ hưởng (theo Biểu mẫu 01): Nguyễn Văn Bình" in row.data["content"]
    assert not [m for _r, _c, m in problems(report) if m == "This column is not imported."]


def test_a_name_column_holding_the_whole_text_gives_its_first_line_as_the_name(check):
    headers = [
        "TT",
        "Đơn vị triển khai",
        "Đơn vị phối hợp",
        "Tên giải pháp, mô hình",
        "Đối tượng thụ hưởng",
        "Kết quả dự kiến",
    ]
    report = check(form01_as_typed([[1, *CLUB]], headers=headers))
    [row] = report.rows
    assert row.data["name"] == "Câu lạc bộ thanh niên khuyết tật vươn lên"
    assert row.data["content"].startswith("Sinh hoạt hằng tháng, chia sẻ kỹ năng sống độc lập.")


def test_a_content_of_several_lines_under_a_section_mark_is_an_initiative(check):
    rows = [["II", None, None, "A. Câu lạc bộ thanh niên khuyết tật\nSinh hoạt hằng tháng.", None, None]]
    report = check(form01_as_typed(rows), default_domain="social")
    assert names(report) == ["A. Câu lạc bộ thanh niên khuyết tật"]


def test_the_reading_stops_at_its_time_limit(check, monkeypatch):
    """The limit that stops a sheet of millions of cells (youth.tests.test_import_hostile) holds
    for Form 01 too: its rows are counted against the same clock."""
    from reports.importing import sheets
    from reports.importing.report import ImportRejected

    monkeypatch.setattr(sheets, "READ_SECONDS", -1)
    with pytest.raises(ImportRejected, match="could not be read"):
        check(form01_as_typed([[1, *CLUB]]))


def test_dates_the_initiative_form_would_refuse_are_refused_at_import(check):
    """The import and the form ask the same window (initiatives.forms.date_errors): a draft
    imported with an end in 2035 could not be saved again from its page."""
    headers = [*HEADERS, "Ngày bắt đầu", "Ngày kết thúc"]
    report = check(form01_as_typed([[1, *CLUB, "01/03/2026", "2035"]], headers=headers))
    assert [(row, message) for row, _column, message in problems(report, Severity.ERROR)] == [
        (8, "The end date cannot be after 31/12/2031.")
    ]
