"""Biểu mẫu 01 and 03: what the xlsx, docx and pdf contain, for whom, and the audit rows."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from initiatives import services, workflow
from initiatives.choices import Status
from initiatives.form_records import InitiativeAccess
from initiatives.models import Evidence
from initiatives.tests.conftest import complete_results, png_bytes
from reports.models import ExportJob
from youth import services as youth_services
from youth.models import RegistryAccess

pytestmark = pytest.mark.django_db

YEAR = 2026
FORM01_HEADER = [
    "TT",
    "Đơn vị triển khai",
    "Đơn vị phối hợp",
    "Nội dung giải pháp, mô hình",
    "Đối tượng thụ hưởng (họ tên, địa chỉ, SĐT liên hệ)",
    "Dự kiến kết quả",
]
FORM03_HEADER = [
    "TT",
    "Đơn vị triển khai",
    "Đơn vị phối hợp",
    "Nội dung và kết quả của giải pháp, mô hình",
    "Đối tượng thụ hưởng (họ tên, địa chỉ, SĐT liên hệ)",
    "Minh chứng (hình ảnh, đường link bài viết)",
]


def export_url(form="03", fmt="xlsx", **params):
    return reverse("initiative_export"), {"form": form, "fmt": fmt, "year": YEAR, **params}


def withdraw(youth):
    consent = youth_services.record_consent(
        youth,
        {"by_subject": True, "given_on": datetime.date(2025, 1, 2), "method": "written", "for_support": True},
        by=youth.created_by,
    )
    youth_services.withdraw_consent(consent, on=datetime.date(2025, 6, 1), note="", by=youth.created_by)


def make_b(persona, unit, name, *, status=Status.REGISTERED, years=(YEAR,)):
    """An initiative of commune B (Cẩm Bình), moved along by its own officer."""
    officer_b = persona("officer_b")
    initiative = services.create_initiative(
        unit("18685"),
        {
            "name": name,
            "domain": "health",
            "kind": "insurance_cards",
            "person_in_charge": "Võ Văn Hải",
            "content": "Vận động tặng thẻ BHYT.",
            "expected_results": "30 thẻ BHYT.",
        },
        by=officer_b,
        groups=["poverty"],
        years=list(years),
    )
    route = [("submit", "officer_b"), ("accept", "prov_officer"), ("start", "officer_b"), ("report", "officer_b")]
    for action, who in route:
        if initiative.status == status:
            break
        if action == "report":
            complete_results(initiative, officer_b)
        initiative = workflow.apply(initiative, action, by=persona(who))
    assert initiative.status == status
    return initiative


@pytest.fixture
def world(make_initiative, make_youth, persona, unit):
    """Commune A: one initiative reported with four linked youth (one of them from commune B, one
    who withdrew consent), one registered, one under way with its confirmation, one under way
    without, a draft, one of another year; commune B: one registered, one reported."""
    an = make_youth("Trần Thị An", phone="0987654321", village="Tổ dân phố 3")
    binh = make_youth("Nguyễn Văn Bình", phone="0912345678")
    gone = make_youth("Lê Văn Cường", phone="0911111111")
    withdraw(gone)
    dung = make_youth("Phạm Thị Dung", code="18685", by="officer_b", phone="0922222222")

    club = make_initiative(
        "Câu lạc bộ thanh niên khuyết tật",
        status=Status.UNDER_WAY,
        area="Tổ dân phố 3, phường Thành Sen",
        partners="Hội Chữ thập đỏ phường",
        unnamed_beneficiaries=3,
        person_in_charge_phone="0933333333",
    )
    club.coordinating_units.set([unit("18685")])
    services.add_beneficiaries(club, [an, binh, gone], by=persona("officer_a"))
    services.add_beneficiaries(club, [dung], by=persona("prov_officer"))
    beneficiary = club.beneficiaries.get(youth=binh)
    services.set_outcome(beneficiary, outcome="job", outcome_on=None, note="", by=persona("officer_a"))
    Evidence.objects.create(
        initiative=club,
        kind="photo",
        title="sinh-hoat-thang-5.jpg",
        file=SimpleUploadedFile("a.png", png_bytes(), content_type="image/png"),
    )
    Evidence.objects.create(initiative=club, kind="link", url="https://baohatinh.vn/bai-viet-clb", title="Báo Hà Tĩnh")
    complete_results(club, persona("officer_a"))
    club = workflow.apply(club, "report", by=persona("officer_a"))

    registered = make_initiative("Hướng nghiệp cho thanh niên", status=Status.REGISTERED)
    confirmed = make_initiative("Nhóm tự lực Ánh Dương", status=Status.UNDER_WAY)
    complete_results(confirmed, persona("officer_a"))
    unconfirmed = make_initiative("Sân chơi cuối tuần", status=Status.UNDER_WAY)
    draft = make_initiative("Bản nháp chưa gửi")
    old = make_initiative("Mô hình năm trước", status=Status.ACCEPTED)
    old.years.all().delete()
    old.years.create(year=YEAR - 1)
    b_registered = make_b(persona, unit, "Thẻ BHYT cho thanh niên Cẩm Bình")
    b_reported = make_b(persona, unit, "Quỹ hỗ trợ Cẩm Bình", status=Status.REPORTED)
    return {
        "an": an,
        "binh": binh,
        "gone": gone,
        "dung": dung,
        "club": club,
        "registered": registered,
        "confirmed": confirmed,
        "unconfirmed": unconfirmed,
        "draft": draft,
        "old": old,
        "b_registered": b_registered,
        "b_reported": b_reported,
    }


def download(client, form="03", fmt="xlsx", unit=None, **params):
    url, query = export_url(form, fmt, **params)
    if unit is not None:
        query["unit"] = unit.pk
    response = client.get(url, query)
    assert response.status_code == 200, response.content[:800]
    return response, b"".join(response.streaming_content)


def sheet_rows(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def table(rows):
    start = next(i for i, row in enumerate(rows) if row[:2] == ["TT", "Đơn vị triển khai"])
    body = []
    for row in rows[start + 1 :]:
        if not isinstance(row[0], int):
            break
        body.append(row[:6])
    return rows[start][:6], body, rows[start + len(body) + 1 :]


def texts(rows):
    return [value for row in rows for value in row if isinstance(value, str)]


# --- Form 01 ----------------------------------------------------------------------------------


def test_form01_xlsx_has_the_header_block_title_columns_and_signature(login, unit, world):
    _response, content = download(login("officer_a"), "01", unit=unit("18073"))
    sheet, rows = sheet_rows(content)
    found = texts(rows)
    today = timezone.localdate()
    for text in (
        "Biểu mẫu 01",
        "TỈNH ĐOÀN HÀ TĨNH",
        "BCH ĐOÀN PHƯỜNG THÀNH SEN",
        "***",
        "ĐOÀN TNCS HỒ CHÍ MINH",
        f"Thành Sen, ngày {today:%d} tháng {today:%m} năm {today:%Y}",
        "DANH SÁCH ĐĂNG KÝ",
        "CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ",
        f"NĂM {YEAR}",
        "TM. BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Nơi nhận:",
    ):
        assert text in found, text
    header, _body, _below = table(rows)
    assert header == FORM01_HEADER
    assert sheet.page_setup.orientation == "landscape"
    assert "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG" not in found


def test_form01_lists_the_years_registrations_only(login, unit, world):
    _response, content = download(login("officer_a"), "01", unit=unit("18073"))
    _header, body, _below = table(sheet_rows(content)[1])
    names = [row[3].split("\n")[0] for row in body]
    # Registered or further along, registered for the year; no draft, nothing of another year.
    assert names == [
        "Câu lạc bộ thanh niên khuyết tật",
        "Hướng nghiệp cho thanh niên",
        "Nhóm tự lực Ánh Dương",
        "Sân chơi cuối tuần",
    ]
    assert [row[0] for row in body] == [1, 2, 3, 4]


def test_form01_row_cells(login, unit, world):
    _response, content = download(login("officer_a"), "01", unit=unit("18073"))
    _header, body, _below = table(sheet_rows(content)[1])
    club = body[0]
    assert club[1] == "Đoàn phường Thành Sen\nPhụ trách: Trần Thị Hoa (0933333333)"
    assert club[2] == "Đoàn xã Cẩm Bình\nHội Chữ thập đỏ phường"
    content_lines = club[3].split("\n")
    assert content_lines[:4] == [
        "Câu lạc bộ thanh niên khuyết tật",
        "Lĩnh vực: Giao lưu, chia sẻ, đời sống tinh thần; loại: Nhóm tự lực của thanh niên khuyết tật",
        "Địa bàn: Tổ dân phố 3, phường Thành Sen",
        "Thời gian: từ 01/03/2026",
    ]
    assert content_lines[-1].startswith("Hình thức, nội dung: Sinh hoạt định kỳ")
    assert "Kết quả cụ thể" not in club[3]
    assert club[5] == "10 thanh niên khuyết tật tham gia thường xuyên."


def test_form01_beneficiaries_named_for_an_officer_and_others_counted(login, unit, world):
    _response, content = download(login("officer_a"), "01", unit=unit("18073"))
    _header, body, _below = table(sheet_rows(content)[1])
    # An and Bình named (Vietnamese name order: An before Bình); Cường withdrew his consent and
    # Dung's record (Cẩm Bình) is outside officer_a's units: both counted with the 3 unnamed.
    assert body[0][4].split("\n") == [
        "Nhóm: Khuyết tật",
        "1. Trần Thị An – Tổ dân phố 3, Thành Sen – 0987654321",
        "2. Nguyễn Văn Bình – Thành Sen – 0912345678",
        "và 5 người khác",
    ]
    assert body[1][4] == "Nhóm: Khuyết tật"


def test_beneficiaries_from_two_units_are_named_for_the_province(login, unit, world):
    _response, content = download(login("prov_officer"), "01", unit=unit("18073"))
    _header, body, _below = table(sheet_rows(content)[1])
    lines = body[0][4].split("\n")
    assert lines[1:] == [
        "1. Trần Thị An – Tổ dân phố 3, Thành Sen – 0987654321",
        "2. Nguyễn Văn Bình – Thành Sen – 0912345678",
        "3. Phạm Thị Dung – Cẩm Bình – 0922222222",
        "và 4 người khác",
    ]
    assert "Lê Văn Cường" not in body[0][4]


def test_subtree_scoping_province_gets_both_communes_stranger_gets_404(login, unit, world):
    _response, content = download(login("prov_viewer"), "01", unit=unit("42"))
    _header, body, _below = table(sheet_rows(content)[1])
    units = [row[1].split("\n")[0] for row in body]
    assert units.count("Đoàn phường Thành Sen") == 4
    assert units.count("Đoàn xã Cẩm Bình") == 2
    url, query = export_url("01", unit=unit("18073").pk)
    assert login("officer_b").get(url, query).status_code == 404
    assert not InitiativeAccess.objects.filter(user__username="officer_b").exists()


def test_without_a_unit_the_users_own_unit_is_exported(login, unit, world):
    _response, content = download(login("officer_b"), "01")
    _header, body, _below = table(sheet_rows(content)[1])
    assert {row[1].split("\n")[0] for row in body} == {"Đoàn xã Cẩm Bình"}


# --- Form 03 ----------------------------------------------------------------------------------


def test_form03_lists_only_confirmed_results_of_the_year(login, unit, world):
    _response, content = download(login("officer_a"), "03", unit=unit("18073"))
    header, body, _below = table(sheet_rows(content)[1])
    assert header == FORM03_HEADER
    # Reported with its confirmation; under way with results and confirmation. Not: registered,
    # under way unconfirmed, draft, another year's.
    assert [row[3].split("\n")[0] for row in body] == ["Câu lạc bộ thanh niên khuyết tật", "Nhóm tự lực Ánh Dương"]


def test_form03_content_results_and_evidence(login, unit, world):
    _response, content = download(login("officer_a"), "03", unit=unit("18073"))
    _header, body, _below = table(sheet_rows(content)[1])
    club = body[0]
    lines = club[3].split("\n")
    assert "Số thanh thiếu niên yếu thế được hỗ trợ: 12" in lines
    assert lines[-1] == "Kết quả cụ thể: 12 thanh niên được hỗ trợ."
    assert club[5].split("\n") == [
        "Hình ảnh (1): sinh-hoat-thang-5.jpg",
        "Bài viết:",
        "https://baohatinh.vn/bai-viet-clb",
        "Xác nhận của chính quyền địa phương: Chủ tịch UBND Lê Văn Nam, ngày 30/09/2026 (bản ký: xac-nhan.png)",
    ]


def test_form03_outcomes_masked_for_a_viewer_shown_to_an_officer(login, unit, world):
    _response, content = download(login("prov_officer"), "03", unit=unit("18073"))
    officer = table(sheet_rows(content)[1])[1][0][4].split("\n")
    assert officer[1:4] == [
        "1. Trần Thị An – Tổ dân phố 3, Thành Sen – 0987654321 (Được hỗ trợ)",
        "2. Nguyễn Văn Bình – Thành Sen – 0912345678 (Có việc làm)",
        "3. Phạm Thị Dung – Cẩm Bình – 0922222222 (Được hỗ trợ)",
    ]
    _response, content = download(login("prov_viewer"), "03", unit=unit("18073"))
    viewer = table(sheet_rows(content)[1])[1][0][4].split("\n")
    assert viewer[1:4] == [
        "1. Trần Thị An – Tổ dân phố 3, Thành Sen – 0987654321 (••••••)",
        "2. Nguyễn Văn Bình – Thành Sen – 0912345678 (••••••)",
        "3. Phạm Thị Dung – Cẩm Bình – 0922222222 (••••••)",
    ]
    assert "Lê Văn Cường" not in " ".join(viewer)


def test_form03_of_a_commune_has_its_confirmer_and_the_signature(login, unit, world):
    _response, content = download(login("officer_a"), "03", unit=unit("18073"))
    _header, _body, below = table(sheet_rows(content)[1])
    found = texts(below)
    for text in ("XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG", "CHỦ TỊCH UBND", "Lê Văn Nam", "Ngày 30/09/2026"):
        assert text in found, text
    assert "TM. BAN THƯỜNG VỤ" in found and "BÍ THƯ" in found
    assert "Nơi nhận:" not in found


def test_form03_of_the_province_leaves_room_for_the_confirmation(login, unit, world):
    _response, content = download(login("prov_officer"), "03", unit=unit("42"))
    _header, body, below = table(sheet_rows(content)[1])
    assert len(body) == 3
    found = texts(below)
    assert "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG" in found
    assert "(Xác nhận của từng địa phương: xem cột Minh chứng)" in found
    assert "Lê Văn Nam" not in found


def test_every_export_is_audited(login, unit, persona, world):
    download(login("prov_viewer"), "03", "docx", unit=unit("18073"))
    access = InitiativeAccess.objects.get()
    assert access.action == InitiativeAccess.Action.EXPORT
    assert (access.user, access.unit, access.detail) == (persona("prov_viewer"), unit("18073"), f"form03.docx {YEAR}")
    assert access.record_ids == [world["club"].pk, world["confirmed"].pk]
    assert access.record_count == 2
    assert sorted(access.youth_ids) == sorted([world["an"].pk, world["binh"].pk, world["dung"].pk])
    registry = RegistryAccess.objects.get()
    assert registry.action == RegistryAccess.Action.EXPORT
    assert sorted(registry.record_ids) == sorted(access.youth_ids)
    assert registry.detail == f"initiatives.form03.docx {YEAR}"


def test_file_names_and_content_types(login, unit, world):
    response, _content = download(login("officer_a"), "01", "pdf", unit=unit("18073"))
    today = timezone.localdate()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="bieu-mau-01_18073_{YEAR}_{today:%Y%m%d}.pdf"; '
    )
    assert "filename*=UTF-8''Bi%E1%BB%83u%20m%E1%BA%ABu%2001" in response["Content-Disposition"]


def test_form03_docx_has_the_table_and_both_blocks(login, unit, world):
    _response, content = download(login("officer_a"), "03", "docx", unit=unit("18073"))
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 29.7
    header, body, signature = document.tables
    assert header.rows[0].cells[0].text.split("\n") == ["TỈNH ĐOÀN HÀ TĨNH", "BCH ĐOÀN PHƯỜNG THÀNH SEN", "***"]
    rows = [[cell.text for cell in row.cells] for row in body.rows]
    assert rows[0] == FORM03_HEADER
    assert [row[0] for row in rows[1:]] == ["1", "2"]
    assert rows[1][3].startswith("Câu lạc bộ thanh niên khuyết tật\n")
    left, right = (cell.text.split("\n") for cell in signature.rows[0].cells)
    assert left[:2] == ["XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG", "CHỦ TỊCH UBND"]
    assert "Lê Văn Nam" in left and "Ngày 30/09/2026" in left
    assert right[:2] == ["TM. BAN THƯỜNG VỤ", "BÍ THƯ"]
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:4] == [
        "Biểu mẫu 03",
        "DANH SÁCH",
        "CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ",
        f"NĂM {YEAR}",
    ]


def test_form01_docx_keeps_the_addressees(login, unit, world):
    _response, content = download(login("officer_a"), "01", "docx", unit=unit("18073"))
    document = docx.Document(io.BytesIO(content))
    _header, body, signature = document.tables
    assert [cell.text for cell in body.rows[0].cells] == FORM01_HEADER
    assert len(body.rows) == 5
    assert signature.rows[0].cells[0].text.startswith("Nơi nhận:")


def pdf_text(content, tmp_path):
    path = tmp_path / "form.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("form", ["01", "03"])
def test_pdf_opens_with_title_columns_rows_and_blocks(login, unit, world, form, tmp_path):
    _response, content = download(login("officer_a"), form, "pdf", unit=unit("18073"))
    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    assert "Biểu mẫu " + form in text
    assert "CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ" in text
    assert "Câu lạc bộ thanh niên khuyết tật" in text
    assert "Trần Thị An" in text
    assert "TM. BAN THƯỜNG VỤ" in text
    assert ("XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG" in text) == (form == "03")


# --- The page ---------------------------------------------------------------------------------


def test_page_without_a_choice_offers_the_form(login, unit, world):
    response = login("officer_a").get(reverse("initiative_export"), {"unit": unit("18073").pk, "year": YEAR})
    assert response.status_code == 200
    assert b'data-testid="export-form"' in response.content
    assert not InitiativeAccess.objects.exists()


def test_anonymous_is_sent_to_sign_in(login, unit):
    url, query = export_url()
    response = login(None).get(url, query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_invalid_choice_shows_the_form_again(login, unit):
    url, query = export_url(fmt="csv", unit=unit("18073").pk)
    response = login("officer_a").get(url, query)
    assert response.status_code == 200
    assert b'data-testid="export-form"' in response.content


def test_list_page_shows_the_buttons(login, world):
    response = login("officer_a").get(reverse("initiative_list"), {"year": YEAR})
    assert response.status_code == 200
    assert b'data-testid="form01-buttons"' in response.content
    assert b'data-testid="initiative-import"' in response.content
    response = login("prov_viewer").get(reverse("initiative_list"))
    assert b'data-testid="form03-buttons"' in response.content
    assert b'data-testid="initiative-import"' not in response.content


# --- The API ----------------------------------------------------------------------------------


@pytest.fixture
def api(persona):
    """api("officer_a") -> a client sending that persona's bearer token."""
    from django.test import Client

    from accounts.models import ApiToken

    def client_for(username):
        if username is None:
            return Client()
        return Client(headers={"Authorization": f"Bearer {ApiToken.issue(persona(username))[1]}"})

    return client_for


@pytest.mark.parametrize("form", ["01", "03"])
@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_api_downloads_each_form_in_each_format(api, unit, world, form, fmt):
    from reports.renderers import FORMATS

    response = api("officer_a").get(f"/api/v1/forms/{form}.{fmt}", {"unit": unit("18073").pk, "year": YEAR})
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt].content_type
    assert response["Content-Disposition"].startswith(f'attachment; filename="bieu-mau-{form}_18073_{YEAR}_')
    assert b"".join(response.streaming_content)
    assert InitiativeAccess.objects.get().detail == f"form{form}.{fmt} {YEAR}"


def test_api_masks_for_a_viewer_like_the_page(api, unit, world):
    response = api("prov_viewer").get("/api/v1/forms/03.xlsx", {"unit": unit("18073").pk, "year": YEAR})
    _header, body, _below = table(sheet_rows(b"".join(response.streaming_content))[1])
    assert "0912345678 (••••••)" in body[0][4]


def test_api_out_of_scope_unit_is_404_and_anonymous_401(api, unit, world):
    assert api("officer_b").get("/api/v1/forms/03.xlsx", {"unit": unit("18073").pk, "year": YEAR}).status_code == 404
    assert api(None).get("/api/v1/forms/01.xlsx", {"unit": unit("18073").pk, "year": YEAR}).status_code == 401
    assert not InitiativeAccess.objects.exists()


def test_api_year_and_unit_are_required_and_checked(api, unit):
    client = api("officer_a")
    assert client.get("/api/v1/forms/01.xlsx", {"unit": unit("18073").pk}).status_code == 422
    assert client.get("/api/v1/forms/01.xlsx", {"unit": unit("18073").pk, "year": 1999}).status_code == 422
    assert client.get("/api/v1/forms/01.xlsx", {"year": YEAR}).status_code == 422
    assert client.get("/api/v1/forms/03.csv", {"unit": unit("18073").pk, "year": YEAR}).status_code == 422


def test_api_over_the_row_limit_answers_422(api, unit, world, monkeypatch):
    from reports import renderers

    monkeypatch.setitem(renderers.FORMATS, "pdf", renderers.Format("pdf", "application/pdf", 1))
    response = api("officer_a").get("/api/v1/forms/01.pdf", {"unit": unit("18073").pk, "year": YEAR})
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "row_limit"


# --- Background jobs --------------------------------------------------------------------------


@pytest.fixture
def in_background(monkeypatch, settings):
    from initiatives import exports

    monkeypatch.setattr(exports, "BACKGROUND_ABOVE", {"xlsx": 0, "docx": 0, "pdf": 0})
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_a_large_list_goes_through_a_job_only_its_requester_downloads(login, unit, world, in_background):
    client = login("officer_a")
    url, query = export_url("03", "docx", unit=unit("18073").pk)
    response = client.get(url, query)
    assert response.status_code == 200
    assert b'data-testid="export-start"' in response.content
    assert not InitiativeAccess.objects.exists()
    response = client.post(url, query)
    assert response.status_code == 302
    job_url = response["Location"]
    page = client.get(job_url)
    assert b'data-testid="export-download"' in page.content
    download_url = reverse("initiative_export_job_download", kwargs={"pk": page.context["job"].pk})
    file = client.get(download_url)
    assert file.status_code == 200
    document = docx.Document(io.BytesIO(b"".join(file.streaming_content)))
    assert [cell.text for cell in document.tables[1].rows[0].cells] == FORM03_HEADER
    assert InitiativeAccess.objects.get().detail == f"form03.docx {YEAR}"
    assert login("prov_officer").get(download_url).status_code == 404


def test_a_lost_job_page_says_it_stopped(login, unit, world, in_background, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}  # never run
    client = login("officer_a")
    url, query = export_url("03", "xlsx", unit=unit("18073").pk)
    job_url = client.post(url, query)["Location"]
    assert b'hx-trigger="every 2s"' in client.get(job_url).content
    # Queued 31 minutes ago and never taken (the requester's session is kept alive meanwhile).
    ExportJob.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=31))
    page = client.get(job_url)
    assert page.context["job"].status == ExportJob.Status.FAILED
    assert b"hx-trigger" not in page.content


def test_a_youth_job_is_not_served_here(login, unit, world):
    from youth import exports as youth_exports

    officer = login("officer_a")
    job = youth_exports.start_job(
        youth_exports.KIND, "xlsx", unit("18073"), total=0, names=("a.xlsx", "a.xlsx"), by=world["an"].created_by
    )
    assert officer.get(reverse("initiative_export_job", kwargs={"pk": job.pk})).status_code == 404


def test_rows_take_a_few_queries_whatever_their_number(persona, unit, world, make_initiative):
    from initiatives import form_rows

    def queries_for_all_rows():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            count = len(list(form_rows.rows("03", persona("prov_officer"), unit("42"), YEAR)))
        return count, len(captured)

    rows, queries = queries_for_all_rows()
    for n in range(3):
        extra = make_initiative(f"Mô hình thêm {n}", status=Status.UNDER_WAY)
        complete_results(extra, persona("officer_a"))
    more_rows, more_queries = queries_for_all_rows()
    assert (rows, more_rows) == (3, 6)
    assert more_queries == queries <= 8
