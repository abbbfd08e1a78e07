"""Hostile and broken files get a clear message, never a server error, and never cost much."""

from __future__ import annotations

import datetime
import io
import random
import time
import zipfile

import openpyxl
import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.importing import safety as importing_safety
from youth.importing import ImportRejected, ImportReport, build_report
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def check(persona, unit):
    def run(data: bytes) -> ImportReport:
        return build_report(
            data, filename="x.xlsx", unit=unit("18073"), user=persona("officer_a"), default_group="poverty"
        )

    return run


def rejected(check, data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        check(data)
    return caught.value.message


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_an_old_xls_file_is_told_to_be_saved_as_xlsx(check):
    assert ".xlsx" in rejected(check, files.ole2_file()) and ".xls" in rejected(check, files.ole2_file())


@pytest.mark.parametrize(
    "data",
    [
        files.csv_file(),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"PK\x05\x06" + b"\0" * 18,
    ],
    ids=["csv", "pdf", "png", "empty-zip"],
)
def test_a_file_of_another_kind_renamed_xlsx_is_not_read(check, data):
    assert "not an .xlsx file" in rejected(check, data) or "damaged" in rejected(check, data)


def test_a_zip_that_is_not_a_workbook_is_not_read(check):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert "not an .xlsx file" in rejected(check, buffer.getvalue())


def test_a_truncated_file_is_damaged(check):
    data = files.form02_bytes([files.person(1)])
    for cut in (len(data) // 2, len(data) - 30, 100):
        assert "damaged" in rejected(check, data[:cut])


def test_an_empty_file_is_refused(check):
    assert "empty" in rejected(check, b"")


def test_a_file_over_the_size_limit_is_refused_before_reading(check, monkeypatch):
    monkeypatch.setattr(importing_safety, "MAX_UPLOAD_BYTES", 1000)
    assert "larger than" in rejected(check, files.form02_bytes([files.person(1)]))


def test_a_zip_bomb_is_refused_by_its_ratio_before_it_is_expanded(check):
    started = time.monotonic()
    assert "zip bomb" in rejected(check, files.zip_bomb(40))
    assert time.monotonic() - started < 5


def test_a_file_unpacking_past_the_total_limit_is_refused(check, monkeypatch):
    monkeypatch.setattr(importing_safety, "MAX_UNCOMPRESSED_BYTES", 20_000)
    assert "unpacks to more than" in rejected(check, files.form02_bytes([files.person(n) for n in range(300)]))


def test_a_member_lying_about_its_size_is_damaged(check):
    data = bytearray(files.form02_bytes([files.person(1)]))
    # Shrink the declared size of every member in the central directory: zipfile stops there
    # and the CRC check fails.
    index = data.find(b"PK\x01\x02")
    while index != -1:
        data[index + 24 : index + 28] = (10).to_bytes(4, "little")
        index = data.find(b"PK\x01\x02", index + 4)
    assert "damaged" in rejected(check, bytes(data))


def test_too_many_members_are_refused(check, monkeypatch):
    monkeypatch.setattr(importing_safety, "MAX_MEMBERS", 5)
    assert "parts" in rejected(check, files.form02_bytes([files.person(1)]))


@pytest.mark.parametrize(
    ("member", "xml"),
    [
        ("xl/sharedStrings.xml", files.BILLION_LAUGHS),
        ("xl/worksheets/sheet1.xml", files.EXTERNAL_ENTITY),
        ("xl/workbook.xml", b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://evil.example/x.dtd"><workbook/>'),
        ("xl/sharedStrings.xml", files.BILLION_LAUGHS.decode().encode("utf-16")),
    ],
    ids=["billion-laughs", "external-entity", "external-dtd", "utf16-billion-laughs"],
)
def test_xml_declarations_are_refused(check, member, xml):
    data = files.replace_member(files.form02_bytes([files.person(1)]), member, xml)
    assert "DOCTYPE" in rejected(check, data)


def test_defusedxml_refuses_an_entity_even_past_the_scan(check, monkeypatch):
    monkeypatch.setattr(importing_safety, "FORBIDDEN_MARKUP", (b"<!nothing-matches",))
    for xml in (
        files.EXTERNAL_ENTITY,
        files.BILLION_LAUGHS.replace(b"<sst", b"<worksheet").replace(b"sst>", b"worksheet>"),
    ):
        data = files.replace_member(files.form02_bytes([files.person(1)]), "xl/worksheets/sheet1.xml", xml)
        assert "damaged" in rejected(check, data)


def test_a_sheet_claiming_rows_far_below_excels_last_row_is_refused_quickly(check):
    data = files.form02_bytes([files.person(1)])
    sheet = files.member(data, "xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b"</sheetData>", b'<row r="999999999"><c r="A999999999"><v>1</v></c></row></sheetData>')
    started = time.monotonic()
    try:
        report = check(files.replace_member(data, "xl/worksheets/sheet1.xml", sheet))
    except ImportRejected:
        pass
    else:
        assert report.rows_read == 1
    assert time.monotonic() - started < 5


def test_a_sheet_with_a_huge_dimension_and_wide_rows_costs_little(check):
    data = files.form02_bytes([files.person(1)])
    sheet = files.member(data, "xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>', 1)
    sheet = sheet.replace(b"</sheetData>", b'<row r="40"><c r="XFD40"><v>1</v></c></row></sheetData>')
    started = time.monotonic()
    report = check(files.replace_member(data, "xl/worksheets/sheet1.xml", sheet))
    assert report.rows_read == 1 and time.monotonic() - started < 5


def test_too_many_data_rows_are_refused_with_the_limit(check, monkeypatch):
    from youth import importing

    monkeypatch.setattr(importing, "MAX_ROWS", 10)
    assert "more than 10 rows" in rejected(check, files.form02_bytes([files.person(n) for n in range(1, 12)]))


def test_a_sheet_of_rows_thousands_of_cells_wide_stops_at_the_reading_time_limit(check, monkeypatch):
    """Within the size limits a sheet can hold millions of cells (rows 16,000 cells wide past the
    table): openpyxl parses each whole row, so the reading stops at its time limit with a
    message rather than hold the request for half a minute."""
    from openpyxl.utils import get_column_letter

    from reports.importing import sheets

    monkeypatch.setattr(sheets, "READ_SECONDS", 1)
    data = files.form02_bytes([files.person(1)])
    sheet = files.member(data, "xl/worksheets/sheet1.xml")
    letters = [get_column_letter(index) for index in range(100, 16_385)]
    wide = "".join(
        f'<row r="{row}">' + "".join(f'<c r="{letter}{row}"><v>1</v></c>' for letter in letters) + "</row>"
        for row in range(40, 240)
    )
    data = files.replace_member(
        data, "xl/worksheets/sheet1.xml", sheet.replace(b"</sheetData>", wide.encode() + b"</sheetData>")
    )
    assert len(data) < 10 * 1024 * 1024
    started = time.monotonic()
    assert "could not be read in 1 seconds" in rejected(check, data)
    assert time.monotonic() - started < 5


VALID = files.form02_bytes([files.person(1), files.person(2)])


def outcome(check, data: bytes) -> None:
    """The only two allowed outcomes: a report, or ImportRejected."""
    try:
        report = check(data)
    except ImportRejected as exc:
        assert exc.message
    else:
        assert isinstance(report, ImportReport)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes(check, data):
    outcome(check, data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_fuzz_flipped_bytes_of_a_valid_file(check, flips):
    data = bytearray(VALID)
    for position, value in flips:
        data[position] = value
    outcome(check, bytes(data))


SHEET = files.member(VALID, "xl/worksheets/sheet1.xml")
XML_NOISE = st.sampled_from(
    [b"<", b">", b"/", b'"', b"&", b"&amp;", b"<c r=\"A1\">", b"<v>", b"</v>", b"<row r=\"0\">", b"t=\"s\"",
     b"<f>", b"1E308", b"-1", b"\x00", b"\xff", b"r=\"ZZZ0\"", b"s=\"999\"", b"<is><t>", b"</row>", b"<row>"]
)  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(SHEET)), st.integers(0, 40), XML_NOISE), min_size=1, max_size=6))
def test_fuzz_mutated_sheet_xml_inside_a_valid_zip(check, edits):
    sheet = SHEET
    for position, cut, insert in edits:
        sheet = sheet[:position] + insert + sheet[position + cut :]
    outcome(check, files.replace_member(VALID, "xl/worksheets/sheet1.xml", sheet))


def test_fuzz_mutated_parts_of_a_valid_zip(check):
    rng = random.Random(20260501)
    names = [info.filename for info in zipfile.ZipFile(io.BytesIO(VALID)).infolist()]
    for _ in range(60):
        name = rng.choice(names)
        content = bytearray(files.member(VALID, name))
        for _ in range(rng.randint(1, 6)):
            if content:
                content[rng.randrange(len(content))] = rng.randrange(256)
        outcome(check, files.replace_member(VALID, name, bytes(content)))


CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2200, 1, 1)),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1), max_value=datetime.datetime(2200, 1, 1)),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    st.sampled_from(["=1+1", "x", "Nam", "nữ", "Kinh", "12/13/2001", "31/12/99", "0912345678", "4.2E11", "hộ nghèo"]),
)
HEADERS = ["TT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "CCCD", "SĐT", "Thôn", "Nhóm", "Nhu cầu", "Ghi chú"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELL, min_size=10, max_size=10), min_size=1, max_size=8))
def test_fuzz_any_cell_values_give_a_report(check, rows):
    outcome(check, files.form02_bytes(rows, headers=HEADERS, signature=False))
