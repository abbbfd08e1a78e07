"""The template offered for download: Form 02 layout, lists, and a round trip through the importer."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from youth.importing import Severity, build_report, commit_import
from youth.importing_template import FIRST_DATA_ROW, HEADER_ROW, HELP_SHEET, LIST_SHEET, build_template
from youth.models import Youth
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_template_is_laid_out_as_form_02_with_the_units_header(unit):
    workbook = load_workbook(io.BytesIO(build_template(unit("18073"))))

    sheet = workbook[LIST_SHEET]
    assert workbook.sheetnames == [LIST_SHEET, HELP_SHEET]
    assert sheet["A1"].value == unit("18073").header_line_1 or sheet["A1"].value == "TỈNH ĐOÀN HÀ TĨNH"
    assert sheet["I1"].value == "ĐOÀN TNCS HỒ CHÍ MINH"
    assert "CÁC THANH THIẾU NIÊN YẾU THẾ" in sheet["A6"].value
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    assert headers[:2] == ["TT", "Họ và tên"] and "Nhóm đối tượng" in headers and "Ghi chú" in headers
    assert [cell.value for cell in sheet[HEADER_ROW + 1]][:3] == ["(1)", "(2)", "(3)"]
    lists = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert lists[f"D{FIRST_DATA_ROW}"].formula1 == '"Nam,Nữ"'
    assert HELP_SHEET in lists[f"J{FIRST_DATA_ROW}"].formula1
    assert sheet.column_dimensions["F"].number_format == "@"  # IDs keep their leading 0


def test_the_instructions_list_every_group_need_and_ethnicity():
    sheet = load_workbook(io.BytesIO(build_template()))[HELP_SHEET]
    texts = {cell.value for row in sheet.iter_rows() for cell in row if cell.value}

    assert {"disability", "reintegration", "Khuyết tật", "Hoàn lương", "Việc làm", "Kinh", "Ê Đê", "Rơ Măm"} <= texts


def test_a_filled_template_round_trips_into_the_registry(persona, unit):
    rows = [
        ["Lê Thị Hoa", "05/03/2004", "Nữ", "Kinh", "042304012345", "0912345678", "Thôn 1", "Số 5 ngõ 2",
         "Khuyết tật, hộ cận nghèo", "Việc làm, Vốn, sinh kế", "Mồ côi cha", "Ưu tiên"],
        ["Hồ Văn Minh", "2001", "Nam", "Thái", "", "0987654321", "Thôn 2", "",
         "2", "Học tập, học nghề; xin học lái xe", "", ""],
    ]  # fmt: skip
    report = build_report(
        files.template_bytes(rows), filename="mau.xlsx", unit=unit("18073"), user=persona("officer_a")
    )
    assert [p for p in report.problems if p.severity == Severity.ERROR] == []
    assert report.ready == 2

    commit_import(report, unit=unit("18073"), by=persona("officer_a"))

    hoa = Youth.objects.get(full_name="Lê Thị Hoa")
    assert (hoa.birth_date, hoa.sex, hoa.ethnicity, hoa.citizen_id, hoa.phone) == (
        datetime.date(2004, 3, 5),
        "female",
        "01",
        "042304012345",
        "0912345678",
    )
    assert (hoa.village, hoa.address_detail, hoa.circumstances, hoa.notes) == (
        "Thôn 1",
        "Số 5 ngõ 2",
        "Mồ côi cha",
        "Ưu tiên",
    )
    assert {(g.group, g.household_kind) for g in hoa.groups.all()} == {("disability", ""), ("poverty", "near_poor")}
    assert {n.need for n in hoa.needs.all()} == {"job", "livelihood"}
    minh = Youth.objects.get(full_name="Hồ Văn Minh")
    assert (minh.birth_year, minh.birth_date, minh.ethnicity) == (2001, None, "03")
    assert {g.group for g in minh.groups.all()} == {"serious_illness"}
    # A need in free words keeps them as its note; one in no known words goes to the notes.
    assert {(n.need, n.note) for n in minh.needs.all()} == {("education", "xin học lái xe")}


def test_the_template_imports_again_as_nothing_new(persona, unit):
    data = files.template_bytes([["Lê Thị Hoa", "2004", "Nữ", "", "", "", "", "", "Khuyết tật", "", "", ""]])
    first = build_report(data, filename="mau.xlsx", unit=unit("18073"), user=persona("officer_a"))
    commit_import(first, unit=unit("18073"), by=persona("officer_a"))

    again = build_report(data, filename="mau.xlsx", unit=unit("18073"), user=persona("officer_a"))

    assert (again.ready, again.skipped) == (0, 1)
