"""Writing an import: all rows or none, nothing twice, duplicates warned, the audit row."""

from __future__ import annotations

import pytest
from django.utils import translation

from youth import services
from youth.choices import group_bits
from youth.importing import ImportRejected, Severity, build_report, commit_import
from youth.models import RegistryAccess, Youth, YouthGroup
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def run(persona, unit):
    """run(data) -> the report; run(data, commit=True) writes it too."""

    def go(data: bytes, *, commit: bool = False, user: str = "officer_a", code: str = "18073", group="poverty"):
        target, by = unit(code), persona(user)
        report = build_report(data, filename="ds.xlsx", unit=target, user=by, default_group=group)
        if commit:
            commit_import(report, unit=target, by=by)
        return report

    return go


def test_commit_writes_every_ready_row_with_its_groups_and_the_audit_row(run, unit, persona):
    report = run(files.form02_bytes([files.person(n) for n in range(1, 4)]), commit=True)

    youth = Youth.objects.filter(pk__in=report.created_ids).order_by("pk")
    assert [y.full_name for y in youth] == ["Nguyễn Văn Thử 1", "Nguyễn Văn Thử 2", "Nguyễn Văn Thử 3"]
    assert {y.unit for y in youth} == {unit("18073")}
    assert {y.created_by for y in youth} == {persona("officer_a")}
    assert YouthGroup.objects.filter(youth__in=youth, group="poverty").count() == 3
    access = RegistryAccess.objects.get(action=RegistryAccess.Action.IMPORT)
    assert (access.unit, access.user, access.record_count, access.detail) == (
        unit("18073"),
        persona("officer_a"),
        3,
        "ds.xlsx",
    )
    assert sorted(access.record_ids) == sorted(report.created_ids)


def test_imported_records_carry_the_same_derived_fields_as_saved_ones(run, make_youth):
    run(files.form02_bytes([["Đặng Thị Ánh Tuyết", 2004, "", "", "", ""]]), commit=True)
    imported = Youth.objects.get(full_name="Đặng Thị Ánh Tuyết")
    saved = make_youth("Đặng Thị Ánh Tuyết", birth_year=2004)

    assert (imported.name_key, imported.sort_key, imported.birth_year, imported.unit_path) == (
        saved.name_key,
        saved.sort_key,
        saved.birth_year,
        saved.unit_path,
    )
    assert imported.group_bits == group_bits(imported.groups.values_list("group", flat=True)) != 0
    assert imported.source_key and imported.status == saved.status


def test_imported_records_are_in_their_units_lists(run, persona):
    run(files.form02_bytes([["Đặng Thị Ánh Tuyết", 2004, "", "", "", ""]]), commit=True)
    assert Youth.objects.visible_to(persona("officer_a")).filter(full_name="Đặng Thị Ánh Tuyết").exists()
    assert not Youth.objects.visible_to(persona("officer_b")).filter(full_name="Đặng Thị Ánh Tuyết").exists()


def test_one_bad_row_among_a_thousand_writes_nothing_and_the_commit_is_refused(run):
    rows = [files.person(n) for n in range(1, 1001)]
    rows[637][4] = "0123"  # not a phone number
    report = run(files.form02_bytes(rows))

    assert report.error_count == 1 and report.ready == 999
    assert [(p.row, p.column) for p in report.problems if p.severity == Severity.ERROR] == [(647, "F")]
    with pytest.raises(ImportRejected):
        commit_import(report, unit=report_unit(report), by=None)
    assert Youth.objects.count() == 0
    assert not RegistryAccess.objects.exists()


def report_unit(report):
    from units.models import Unit

    return Unit.objects.get(pk=report.unit_id)


def test_a_failure_while_writing_leaves_nothing_behind(run, monkeypatch):
    report = run(files.form02_bytes([files.person(n) for n in range(1, 6)]))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "log_bulk_access", broken)
    with pytest.raises(RuntimeError):
        commit_import(report, unit=report_unit(report), by=None)
    assert Youth.objects.count() == 0 and YouthGroup.objects.count() == 0


def test_importing_the_same_file_twice_creates_nothing_new(run):
    data = files.form02_bytes([files.person(n) for n in range(1, 6)])
    run(data, commit=True)

    again = run(data)
    assert (again.ready, again.skipped, again.error_count) == (0, 5, 0)
    assert all(p.severity == Severity.INFO for p in again.problems)
    assert not again.can_commit
    commit_import(again, unit=report_unit(again), by=None)
    assert Youth.objects.count() == 5


def test_a_row_added_to_an_imported_file_is_the_only_one_written(run):
    run(files.form02_bytes([files.person(n) for n in range(1, 4)]), commit=True)

    report = run(files.form02_bytes([files.person(n) for n in range(1, 5)]), commit=True)

    assert (report.ready, report.skipped, len(report.created_ids)) == (1, 3, 1)
    assert Youth.objects.count() == 4


def test_names_differing_only_by_tone_marks_are_two_people_in_one_file(run):
    rows = [["Lê Thị Hoa", 2003, "", "Thôn 1", "", ""], ["Lê Thị Hòa", 2003, "", "Thôn 2", "", ""]]

    report = run(files.form02_bytes(rows))

    assert (report.ready, report.skipped) == (2, 0)
    warnings = {p.row: p.message for p in report.problems if p.severity == Severity.WARNING}
    assert "Possibly the same person as row 10" in warnings[11]


def test_the_same_name_in_another_case_or_spacing_is_still_the_same_row(run):
    rows = [["Lê Thị Hoa", 2003, "", "", "", ""], ["LÊ  THỊ HOA", 2003, "", "", "", ""]]

    assert run(files.form02_bytes(rows)).skipped == 1


def test_a_name_differing_only_by_tone_marks_from_an_imported_one_is_imported(run):
    first = files.form02_bytes([["Nguyễn Văn Ân", 2001, "", "Thôn 1", "", ""]])
    second = files.form02_bytes([["Nguyễn Văn An", 2001, "", "Thôn 1", "", ""]])
    run(first, commit=True)

    report = run(second, commit=True)

    assert (report.ready, report.skipped, len(report.created_ids)) == (1, 0, 1)
    assert any("Possibly already in the registry" in p.message for p in report.problems)
    # Each file again still adds nothing.
    assert (run(first).skipped, run(second).skipped) == (1, 1)
    assert Youth.objects.count() == 2


def test_a_file_imported_again_after_a_name_was_corrected_adds_nothing(run):
    """The row's identity is kept on the record as imported: an officer who puts the diacritics
    into an imported name does not make the same file import that person again."""
    data = files.form02_bytes([["Nguyen Van An", 2001, "", "Thôn 1", "", ""]])
    run(data, commit=True)
    youth = Youth.objects.get()
    youth.full_name = "Nguyễn Văn An"  # as the record's page saves it: the source key stays
    youth.save()

    again = run(data)

    assert (again.ready, again.skipped) == (0, 1)


def test_the_same_rows_in_another_unit_are_not_skipped(run):
    data = files.form02_bytes([files.person(1, phone="")])
    run(data, commit=True)

    other = run(data, user="officer_b", code="18685")

    assert other.ready == 1 and other.skipped == 0


def test_a_deleted_record_does_not_block_its_reimport(run, persona):
    data = files.form02_bytes([files.person(1)])
    first = run(data, commit=True)
    services.delete_youth(Youth.objects.get(pk=first.created_ids[0]), reason="nhập nhầm", by=persona("officer_a"))

    assert run(data).ready == 1


def test_duplicates_within_the_file_are_warnings(run):
    rows = [
        ["Trần Văn An", 2003, "", "", "0912345678", ""],
        ["TRAN VAN AN", 2003, "", "", "", ""],  # same folded name and year as row 10
        ["Lê Thị Bình", 2001, "", "", "0912345678", ""],  # same phone as row 10
        ["Trần Văn An", 2003, "", "", "0912345678", ""],  # the same row again: skipped
    ]
    report = run(files.form02_bytes(rows))

    warnings = {p.row: p.message for p in report.problems if p.severity == Severity.WARNING}
    assert "row 10" in warnings[11] and "same name and year of birth" in warnings[11]
    assert "row 10" in warnings[12] and "same phone" in warnings[12]
    assert "skipped" in warnings[13]
    assert (report.ready, report.skipped, report.error_count) == (3, 1, 0)


def test_likely_duplicates_in_the_registry_are_warnings(run, make_youth):
    in_my_unit = make_youth("Hoàng Văn Cường", birth_year=2002)
    make_youth("Người Khác", code="18685", by="officer_b", phone="0987654321")
    rows = [
        ["Hoang Van Cuong", 2002, "", "", "", ""],
        ["Mai Văn Dũng", 2000, "", "", "0987654321", ""],
        ["Không Trùng", 2000, "", "", "0911111111", ""],
    ]
    report = run(files.form02_bytes(rows))

    warnings = {p.row: p.message for p in report.problems if p.severity == Severity.WARNING}
    assert f"record #{in_my_unit.pk} of Đoàn phường Thành Sen" in warnings[10]
    # Cẩm Bình is not officer_a's: its record is said to exist, not named.
    assert "another unit" in warnings[11] and "same phone" in warnings[11]
    assert 12 not in warnings
    assert report.ready == 3 and report.can_commit


def test_formulas_are_stored_as_their_text_and_never_evaluated(run):
    headers = ["TT", "Họ và tên", "Địa chỉ", "Hoàn cảnh cụ thể hiện nay", "Ghi chú", "Thôn"]
    rows = [
        ["Phạm Văn Én", "=1+1", '=HYPERLINK("http://evil.example","Bấm vào")', "+cmd|' /C calc'!A0", "@SUM(1)"],
    ]
    data = files.form02_bytes(rows, headers=headers)
    # Give the formula a cached result, as Excel would: the importer must ignore it.
    sheet = files.member(data, "xl/worksheets/sheet1.xml").replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
    assert b"<f>1+1</f><v>2</v>" in sheet
    data = files.replace_member(data, "xl/worksheets/sheet1.xml", sheet)

    report = run(data, commit=True)

    youth = Youth.objects.get(pk=report.created_ids[0])
    assert youth.address_detail == "=1+1"
    assert youth.circumstances == '=HYPERLINK("http://evil.example","Bấm vào")'
    assert youth.notes == "+cmd|' /C calc'!A0"
    assert youth.village == "@SUM(1)"
    warned = sorted(p.column for p in report.problems if p.severity == Severity.WARNING)
    assert warned == ["C", "D"]  # the two formula cells


def test_a_formula_in_the_name_or_phone_column_is_an_error(run):
    headers = ["TT", "Họ và tên", "Năm sinh", "SĐT"]
    rows = [['=CONCATENATE("Nguyễn"," ","An")', 2003, ""], ["Đỗ Văn Bảo", "=2026-20", "=0912345678"]]

    report = run(files.form02_bytes(rows, headers=headers))

    assert sorted((p.row, p.column) for p in report.problems if p.severity == Severity.ERROR) == [
        (10, "B"),
        (11, "C"),
        (11, "D"),
    ]
