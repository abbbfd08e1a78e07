"""Import of Biểu mẫu 01: dry run, commit all or nothing, re-import, hostile files, the pages."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from initiatives import importing, services
from initiatives.choices import Status
from initiatives.form_records import ImportedInitiative, InitiativeAccess
from initiatives.importing import ImportRejected, commit_import
from initiatives.importing_template import FIRST_DATA_ROW, LIST_SHEET, build_template
from initiatives.models import Initiative
from initiatives.tests.import_files import CLUB, HEADERS, JOBS, form01
from youth.importing_report import Severity
from youth.tests import import_files as youth_files

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def problems(report, severity=None):
    return [(p.row, p.column, p.message) for p in report.problems if severity is None or p.severity == severity]


# --- Dry run ----------------------------------------------------------------------------------


def test_a_communes_form01_reads_every_row_and_writes_nothing(check, make_youth):
    make_youth("Nguyễn Văn Bình", phone="0912345678")
    report = check(form01([CLUB, JOBS]))
    assert report.error_count == 0, problems(report)
    assert report.ready == 2 and report.can_commit
    club, jobs = report.rows
    assert (club.sheet, club.row, jobs.row) == ("BM01", 9, 10)
    assert club.data["name"] == "Câu lạc bộ thanh niên khuyết tật vươn lên"
    assert club.data["content"].startswith("Sinh hoạt hằng tháng, chia sẻ kỹ năng sống độc lập.")
    assert "Đối tượng thụ hưởng (theo Biểu mẫu 01): Nguyễn Văn Bình, TDP 3" in club.data["content"]
    assert (club.data["domain"], club.data["kind"]) == ("social", "club")
    assert club.data["partners"] == "Hội Liên hiệp Phụ nữ phường"
    assert club.groups == ["disability"]
    assert (jobs.data["domain"], jobs.data["kind"]) == ("livelihood", "job_placement")
    assert jobs.groups == ["unemployment"]
    assert Initiative.objects.count() == 0


def test_every_problem_is_listed_by_sheet_row_and_column(check):
    bad = ["Đoàn phường Thành Sen", "", "", "Một số thanh niên", "Dự kiến 5 người"]
    unknown = ["", "", "Một hoạt động chưa rõ", "", ""]
    report = check(form01([CLUB, bad, unknown]))
    assert not report.can_commit
    errors = problems(report, Severity.ERROR)
    assert (10, "D", "Missing the content of the initiative.") in errors
    assert any(row == 11 and column == "D" and "domain" in message for row, column, message in errors)
    assert all(p.sheet == "BM01" for p in report.sheets[0].problems)
    assert report.rows[0].ready


def test_a_default_domain_fills_the_rows_the_words_do_not_tell(check):
    unknown = ["", "", "Một hoạt động chưa rõ", "", "Tốt hơn"]
    report = check(form01([unknown]), default_domain="social")
    assert report.can_commit
    assert (report.rows[0].data["domain"], report.rows[0].data["kind"]) == ("social", "other")


def test_another_unit_named_as_implementer_is_warned_and_kept(check):
    other = ["Chi đoàn thôn Trung Tiến", "", "Diễn đàn thanh niên hoàn lương", "", "Hằng quý"]
    report = check(form01([other]))
    [(row, column, message)] = problems(report, Severity.WARNING)
    assert (row, column) == (9, "B") and "Chi đoàn thôn Trung Tiến" in message
    assert "Đơn vị triển khai (theo Biểu mẫu 01): Chi đoàn thôn Trung Tiến" in report.rows[0].data["content"]
    assert report.rows[0].groups == ["reintegration"]


def test_a_beneficiary_is_linked_only_on_an_exact_name_and_phone(check, make_youth):
    binh = make_youth("Nguyễn Văn Bình", phone="0912345678")
    make_youth("Trần Thị An", phone="0987654321")
    make_youth("Lê Thị Cúc", code="18685", by="officer_b", phone="0977777777")
    people = "Nguyễn Văn Bình - 0912345678\nTrần Văn Khác - 0987654321\nLê Thị Cúc - 0977777777"
    report = check(form01([["", "", "Câu lạc bộ bóng đá", people, "Vui"]]))
    # Bình: name and phone match. The second phone is An's, under another name. Cúc's record is
    # in Cẩm Bình, outside officer_a's units.
    assert report.rows[0].youth_ids == [binh.pk]


def test_several_matching_records_link_nobody(check, make_youth):
    make_youth("Nguyễn Văn Bình", phone="0912345678")
    make_youth("Nguyễn Văn Bình", phone="0912345678", birth_year=2001)
    report = check(form01([["", "", "Câu lạc bộ bóng đá", "Nguyễn Văn Bình 0912345678", "Vui"]]))
    assert report.rows[0].youth_ids == []
    assert any("Several registry records" in m for _r, _c, m in problems(report, Severity.INFO))


def test_formula_text_is_kept_as_written_but_not_in_a_date(check, persona, unit):
    workbook = openpyxl.load_workbook(io.BytesIO(build_template(unit("18073"), YEAR)))
    sheet = workbook[LIST_SHEET]
    sheet.cell(FIRST_DATA_ROW, 1, 1)
    sheet.cell(FIRST_DATA_ROW, 4, '=HYPERLINK("http://x")')
    sheet.cell(FIRST_DATA_ROW, 8, "Chăm sóc sức khỏe")
    sheet.cell(FIRST_DATA_ROW, 14, "=TODAY()")
    report = check(youth_files.to_bytes(workbook))
    warnings = problems(report, Severity.WARNING)
    errors = problems(report, Severity.ERROR)
    assert any(column == "D" and "imported as written" in message for _row, column, message in warnings)
    assert any(column == "N" and "formula" in message for _row, column, message in errors)


def test_no_header_row_is_an_error(check):
    report = check(youth_files.no_header_workbook())
    assert report.error_count == 1 and not report.can_commit


# --- Commit -----------------------------------------------------------------------------------


def test_commit_writes_drafts_of_the_chosen_unit_and_year(check, persona, unit, make_youth):
    binh = make_youth("Nguyễn Văn Bình", phone="0912345678")
    report = check(form01([CLUB, JOBS]))
    ids = commit_import(report, unit=unit("18073"), by=persona("officer_a"))
    assert len(ids) == 2
    club = Initiative.objects.get(pk=ids[0])
    assert (club.unit, club.status, club.year_list) == (unit("18073"), Status.DRAFT, [YEAR])
    assert club.created_by == persona("officer_a")
    assert [u.code for u in club.coordinating_units.all()] == ["18685"]
    assert list(club.beneficiaries.values_list("youth_id", flat=True)) == [binh.pk]
    assert club.target_groups == ["disability"]
    access = InitiativeAccess.objects.get(action=InitiativeAccess.Action.IMPORT)
    assert (access.user, access.record_ids) == (persona("officer_a"), ids)
    assert ImportedInitiative.objects.filter(initiative_id__in=ids).count() == 2


def test_the_same_file_twice_adds_nothing(check, persona, unit):
    data = form01([CLUB, JOBS])
    commit_import(check(data), unit=unit("18073"), by=persona("officer_a"))
    again = check(data)
    assert again.skipped == 2 and again.ready == 0 and not again.can_commit
    assert commit_import(again, unit=unit("18073"), by=persona("officer_a")) == []
    assert Initiative.objects.count() == 2


def test_a_file_imported_before_a_change_of_the_name_rules_adds_nothing(check, persona, unit, monkeypatch):
    """A row's identity comes from its cells as typed: when the rules deriving a name from them
    change (a label or a list mark left out), the file imported before is still recognised."""
    data = form01([CLUB, JOBS])
    commit_import(check(data), unit=unit("18073"), by=persona("officer_a"))
    monkeypatch.setattr(importing._Row, "_name_and_content", lambda self, name, content: ("Tên khác", content))
    again = check(data)
    assert [row.data["name"] for row in again.rows] == ["Tên khác", "Tên khác"]
    assert again.skipped == 2 and again.ready == 0


def test_a_deleted_draft_may_be_imported_again(check, persona, unit):
    data = form01([CLUB])
    [pk] = commit_import(check(data), unit=unit("18073"), by=persona("officer_a"))
    services.delete_draft(Initiative.objects.get(pk=pk), by=persona("officer_a"))
    assert check(data).ready == 1


def test_a_repeated_row_is_skipped(check):
    report = check(form01([CLUB, CLUB]))
    assert (report.ready, report.skipped) == (1, 1)


def test_a_file_with_errors_writes_nothing(check, persona, unit):
    report = check(form01([CLUB, ["", "", "", "x", "y"]]))
    with pytest.raises(ImportRejected):
        commit_import(report, unit=unit("18073"), by=persona("officer_a"))
    assert Initiative.objects.count() == 0


def test_a_failure_half_way_writes_nothing(check, persona, unit, monkeypatch):
    report = check(form01([CLUB, JOBS]))
    real = services.create_initiative
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "create_initiative", failing)
    with pytest.raises(RuntimeError):
        commit_import(report, unit=unit("18073"), by=persona("officer_a"))
    assert Initiative.objects.count() == 0
    assert not ImportedInitiative.objects.exists() and not InitiativeAccess.objects.exists()


def test_the_template_filled_in_imports(check, unit, persona):
    workbook = openpyxl.load_workbook(io.BytesIO(build_template(unit("18073"), YEAR)))
    sheet = workbook[LIST_SHEET]
    assert [sheet.cell(FIRST_DATA_ROW - 2, c).value for c in range(1, 7)][:4] == HEADERS[:4]
    row = [1, "Đoàn phường Thành Sen", "", "Khám sức khỏe định kỳ", "", "50 lượt khám", "Khám sức khỏe cho thanh niên"]
    row += ["Chăm sóc sức khỏe", "Khác", "Hộ nghèo, cận nghèo", "Phan Văn Tâm", "0912345678", "Toàn phường"]
    row += ["01/04/2026", "30/11/2026"]
    for column, value in enumerate(row, start=1):
        sheet.cell(FIRST_DATA_ROW, column, value)
    report = check(youth_files.to_bytes(workbook))
    assert report.error_count == 0, problems(report)
    [parsed] = report.rows
    assert parsed.data["name"] == "Khám sức khỏe cho thanh niên"
    assert (parsed.data["domain"], parsed.data["kind"], parsed.groups) == ("health", "other", ["poverty"])
    assert (parsed.data["person_in_charge"], parsed.data["person_in_charge_phone"]) == ("Phan Văn Tâm", "0912345678")
    assert str(parsed.data["start_date"]) == "2026-04-01" and str(parsed.data["end_date"]) == "2026-11-30"
    [pk] = commit_import(report, unit=unit("18073"), by=persona("officer_a"))
    assert Initiative.objects.get(pk=pk).area == "Toàn phường"


# --- Hostile files ----------------------------------------------------------------------------


def rejected(check, data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        check(data)
    return caught.value.message


def test_hostile_and_broken_files_get_a_clear_message(check):
    assert "zip bomb" in rejected(check, youth_files.zip_bomb(20))
    assert ".xls" in rejected(check, youth_files.ole2_file())
    assert "not an .xlsx" in rejected(check, youth_files.csv_file())
    laughs = youth_files.with_shared_strings(form01([CLUB]), youth_files.BILLION_LAUGHS)
    assert "DOCTYPE" in rejected(check, laughs)
    assert "empty" in rejected(check, b"")
    assert "damaged" in rejected(check, form01([CLUB])[:-200])


def test_too_many_rows_are_refused(check, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 1)
    assert "more than 1 rows" in rejected(check, form01([CLUB, JOBS]))


# --- The pages --------------------------------------------------------------------------------


def upload(client, data: bytes, **fields):
    file = io.BytesIO(data)
    file.name = "bm01.xlsx"
    return client.post(reverse("initiative_import"), {"file": file, "year": YEAR, **fields})


def test_viewer_gets_403_and_stranger_unit_404(login, unit):
    assert login("prov_viewer").get(reverse("initiative_import")).status_code == 403
    response = upload(login("officer_b"), form01([CLUB]), unit=unit("18073").pk)
    assert response.status_code == 404


def test_anonymous_is_sent_to_sign_in(login):
    response = login(None).get(reverse("initiative_import"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_dry_run_page_then_commit(login, unit):
    client = login("officer_a")
    response = upload(client, form01([CLUB, JOBS]), unit=unit("18073").pk)
    assert response.status_code == 200
    assert b'data-testid="import-commit"' in response.content
    assert Initiative.objects.count() == 0
    token = response.context["token"]
    response = client.post(reverse("initiative_import_commit"), {"token": token})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("initiative_list"))
    assert Initiative.objects.filter(status=Status.DRAFT, unit=unit("18073")).count() == 2
    # The token is used up: a second commit imports nothing.
    response = client.post(reverse("initiative_import_commit"), {"token": token})
    assert response["Location"] == reverse("initiative_import")
    assert Initiative.objects.count() == 2


def test_dry_run_with_errors_offers_no_commit(login, unit):
    response = upload(login("officer_a"), form01([["", "", "", "x", "y"]]), unit=unit("18073").pk)
    assert b'data-testid="import-blocked"' in response.content
    assert response.context["token"] == ""


def test_a_hostile_file_is_refused_on_the_form(login, unit):
    response = upload(login("officer_a"), youth_files.ole2_file(), unit=unit("18073").pk)
    assert response.status_code == 200
    assert b'data-testid="import-form"' in response.content
    assert b"xls" in response.content


def test_someone_elses_token_imports_nothing(login, unit):
    response = upload(login("officer_a"), form01([CLUB]), unit=unit("18073").pk)
    token = response.context["token"]
    response = login("prov_officer").post(reverse("initiative_import_commit"), {"token": token})
    assert response["Location"] == reverse("initiative_import")
    assert Initiative.objects.count() == 0


def test_template_download_opens_with_the_units_header(login, unit):
    response = login("officer_a").get(reverse("initiative_import_template"), {"unit": unit("18073").pk, "year": YEAR})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook[LIST_SHEET]
    assert sheet["A2"].value == "BCH ĐOÀN PHƯỜNG THÀNH SEN"
    assert sheet["A7"].value == f"NĂM {YEAR}"


def test_a_registry_import_token_is_not_taken_here_nor_ours_there(login, unit):
    client = login("officer_a")
    ours = upload(client, form01([CLUB]), unit=unit("18073").pk).context["token"]
    file = io.BytesIO(youth_files.form02_bytes([youth_files.person(1)]))
    file.name = "bm02.xlsx"
    theirs = client.post(
        reverse("youth_import"), {"file": file, "unit": unit("18073").pk, "default_group": "poverty"}
    ).context["token"]
    assert ours and theirs
    response = client.post(reverse("initiative_import_commit"), {"token": theirs})
    assert response["Location"] == reverse("initiative_import")
    response = client.post(reverse("youth_import_commit"), {"token": ours})
    assert response["Location"] == reverse("youth_import")
    assert Initiative.objects.count() == 0
