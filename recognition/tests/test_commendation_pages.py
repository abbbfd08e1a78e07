"""The commendation pages: list, create, edit, delete, export, and the initiative page's block."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives import services as initiative_services
from initiatives import workflow
from initiatives.choices import Status
from recognition import services
from recognition.forms_commendation import state_token
from recognition.models import Commendation, Decision
from recognition.tests.conftest import YEAR, commend

pytestmark = pytest.mark.django_db


def form_data(unit_obj, **overrides) -> dict:
    return {
        "unit": unit_obj.pk,
        "year": YEAR,
        "level": "province",
        "form": "certificate",
        "recipient_kind": "collective",
        "recipient_name": "Chi đoàn Tổ dân phố 3",
        "recipient_unit": "",
        "reason": "Duy trì câu lạc bộ hướng nghiệp suốt năm.",
        "decision_number": "120-QĐ/TĐTN",
        "decision_date": "20/10/2026",
        **overrides,
    }


def registered_b(persona, unit, name="Tủ sách cho thanh niên Cẩm Bình"):
    """A registered initiative of commune B, moved along by its own officer."""
    initiative = initiative_services.create_initiative(
        unit("18685"),
        {
            "name": name,
            "domain": "learning",
            "kind": "vocational",
            "person_in_charge": "Võ Văn Hải",
            "content": "Tủ sách.",
            "expected_results": "30 bạn đọc.",
        },
        by=persona("officer_b"),
        groups=["poverty"],
        years=[YEAR],
    )
    return workflow.apply(initiative, "submit", by=persona("officer_b"))


# The list


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("commendation_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_list_shows_the_commendations_of_the_users_subtree(login, persona, unit):
    commend(persona, unit, recipient_name="Người Thành Sen")
    commend(persona, unit, code="18685", by="officer_b", recipient_name="Người Cẩm Bình")
    page = login("officer_a").get(reverse("commendation_list")).content.decode()
    assert "Người Thành Sen" in page and "Người Cẩm Bình" not in page
    page = login("prov_viewer").get(reverse("commendation_list")).content.decode()
    assert "Người Thành Sen" in page and "Người Cẩm Bình" in page
    assert 'data-testid="commendation-add"' not in page  # a viewer only reads


def test_list_filters_and_counts(login, persona, unit):
    commend(persona, unit, recipient_name="Lê Văn Một")
    commend(persona, unit, recipient_name="Chi đoàn Hai", recipient_kind="collective", level="province")
    commend(persona, unit, recipient_name="Trần Thị Ba", year=2025, decision_date=datetime.date(2025, 6, 1))
    client = login("prov_officer")
    response = client.get(reverse("commendation_list"), {"year": YEAR})
    assert [item.recipient_name for item, _links, _edit in response.context["rows"]] == ["Chi đoàn Hai", "Lê Văn Một"]
    counts = {code: count for code, _label, count in response.context["level_counts"]}
    assert counts == {"central": 0, "province": 1, "district": 0, "commune": 1}
    response = client.get(reverse("commendation_list"), {"year": YEAR, "kind": "collective"})
    assert [item.recipient_name for item, _links, _edit in response.context["rows"]] == ["Chi đoàn Hai"]
    # The level counts follow the kind chosen; the kind counts ignore it.
    counts = {code: count for code, _label, count in response.context["level_counts"]}
    assert counts["commune"] == 0 and counts["province"] == 1
    kinds = {code: count for code, _label, count in response.context["kind_counts"]}
    assert kinds == {"individual": 1, "collective": 1}
    response = client.get(reverse("commendation_list"), {"level": "commune", "unit": unit("18073").pk})
    assert {item.recipient_name for item, _links, _edit in response.context["rows"]} == {"Lê Văn Một", "Trần Thị Ba"}


def test_htmx_filter_returns_only_the_results(login, persona, unit):
    commend(persona, unit)
    response = login("officer_a").get(reverse("commendation_list"), {"year": YEAR}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert 'data-testid="commendation-list"' in page and "<html" not in page


def test_unit_filter_outside_scope_is_404(login, unit):
    response = login("officer_a").get(reverse("commendation_list"), {"unit": unit("18685").pk})
    assert response.status_code == 404


def test_list_query_count_does_not_grow_with_rows(login, persona, unit, make_initiative):
    initiative = make_initiative("Mô hình đếm truy vấn", status=Status.REGISTERED)
    client = login("prov_officer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("commendation_list")).status_code == 200
        return len(queries)

    commend(persona, unit, initiatives=[initiative])
    few = count()
    for number in range(6):
        commend(persona, unit, code="42", by="prov_officer", decision_number=f"{number}-QĐ", initiatives=[initiative])
    assert count() == few


# Create


def test_province_officer_creates_a_commendation_with_linked_initiatives(login, persona, unit, make_initiative):
    initiative = make_initiative("Câu lạc bộ hướng nghiệp", status=Status.REGISTERED)
    response = login("prov_officer").post(
        reverse("commendation_create"), form_data(unit("42"), initiatives=[initiative.pk])
    )
    assert response.status_code == 302
    saved = Commendation.objects.get(decision_number="120-QĐ/TĐTN")
    assert saved.unit == unit("42") and saved.created_by == persona("prov_officer")
    assert saved.decision_date == datetime.date(2026, 10, 20)
    assert list(saved.initiatives.all()) == [initiative]


def test_commune_officer_writes_for_the_commune_only(login, unit):
    client = login("officer_a")
    form = client.get(reverse("commendation_create")).context["form"]
    assert list(form.fields["unit"].queryset) == [unit("18073")]
    assert form.fields["unit"].initial == unit("18073").pk and form.fields["level"].initial == "commune"
    response = client.post(reverse("commendation_create"), form_data(unit("42")))
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert client.post(reverse("commendation_create"), form_data(unit("18073"))).status_code == 302
    assert Commendation.objects.get().unit == unit("18073")


def test_viewer_may_not_create(login, unit):
    client = login("prov_viewer")
    assert client.get(reverse("commendation_create")).status_code == 403
    assert client.post(reverse("commendation_create"), form_data(unit("42"))).status_code == 403
    assert not Commendation.objects.exists()


def test_an_initiative_outside_the_users_scope_is_refused(login, persona, unit):
    stranger = registered_b(persona, unit)
    client = login("officer_a")
    response = client.post(reverse("commendation_create"), form_data(unit("18073"), initiatives=[stranger.pk]))
    assert response.status_code == 200
    assert "initiatives" in response.context["form"].errors
    assert response.context["form"]["recipient_name"].value() == "Chi đoàn Tổ dân phố 3"  # kept as typed
    assert not Commendation.objects.exists()


def test_recognised_initiatives_are_offered_first(login, persona, unit, make_initiative):
    plain = make_initiative("A mô hình thường", status=Status.REGISTERED)
    recognised = make_initiative("Z mô hình được công nhận", status=Status.REGISTERED)
    Decision.objects.create(
        initiative=recognised, year=YEAR, recognised=True, reason="Đạt.", decided_by=persona("prov_officer")
    )
    make_initiative("Bản nháp", status=Status.DRAFT)
    form = login("officer_a").get(reverse("commendation_create")).context["form"]
    groups = form.fields["initiatives"].choices
    assert [[pk for pk, _label in items] for _group, items in groups] == [[recognised.pk], [plain.pk]]


def test_a_decision_date_in_the_future_is_refused(login, unit):
    response = login("officer_a").post(
        reverse("commendation_create"), form_data(unit("18073"), decision_date="01/01/2099")
    )
    assert response.status_code == 200 and "decision_date" in response.context["form"].errors


# Edit and delete


def test_officer_edits_the_communes_commendation(login, persona, unit):
    commendation = commend(persona, unit)
    client = login("officer_a")
    form = client.get(reverse("commendation_edit", args=[commendation.pk])).context["form"]
    data = form_data(unit("18073"), recipient_name="Nguyễn Thị Lan Anh", state=form["state"].value())
    response = client.post(reverse("commendation_edit", args=[commendation.pk]), data)
    assert response.status_code == 302
    commendation.refresh_from_db()
    assert commendation.recipient_name == "Nguyễn Thị Lan Anh" and commendation.recipient_kind == "collective"


def test_stranger_gets_404_and_viewer_403(login, persona, unit):
    commendation = commend(persona, unit)
    for name in ("commendation_edit", "commendation_delete"):
        url = reverse(name, args=[commendation.pk])
        assert login("officer_b").get(url).status_code == 404
        assert login("officer_b").post(url, form_data(unit("18685"))).status_code == 404
        assert login("prov_viewer").get(url).status_code == 403
        assert login("prov_viewer").post(url, form_data(unit("18073"))).status_code == 403
    assert Commendation.objects.filter(pk=commendation.pk).exists()


def test_a_stale_edit_is_refused_and_the_typed_text_kept(login, persona, unit):
    commendation = commend(persona, unit)
    opened = state_token(commendation)
    # Someone else saves in between.
    commendation.reason = "Lý do đã sửa bởi người khác."
    services.save_commendation(commendation, by=persona("prov_officer"))
    data = form_data(unit("18073"), recipient_name="Tên tôi vừa gõ", state=opened)
    response = login("officer_a").post(reverse("commendation_edit", args=[commendation.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() and form["recipient_name"].value() == "Tên tôi vừa gõ"
    assert form["state"].value() == state_token(Commendation.objects.get(pk=commendation.pk))
    commendation.refresh_from_db()
    assert commendation.recipient_name == "Nguyễn Thị Lan"
    # Saved again from the refreshed form, it goes through.
    response = login("officer_a").post(
        reverse("commendation_edit", args=[commendation.pk]), {**data, "state": form["state"].value()}
    )
    assert response.status_code == 302


def test_an_edit_without_the_state_it_was_opened_on_is_refused(login, persona, unit):
    commendation = commend(persona, unit)
    response = login("officer_a").post(reverse("commendation_edit", args=[commendation.pk]), form_data(unit("18073")))
    assert response.status_code == 200 and "state" in response.context["form"].errors
    commendation.refresh_from_db()
    assert commendation.recipient_kind == "individual"


def test_links_outside_the_editors_scope_are_kept(login, persona, unit, make_initiative):
    own = make_initiative("Mô hình của Thành Sen", status=Status.REGISTERED)
    other = registered_b(persona, unit)
    commendation = commend(persona, unit, by="prov_officer", initiatives=[own, other])
    client = login("officer_a")
    form = client.get(reverse("commendation_edit", args=[commendation.pk])).context["form"]
    assert form.fields["initiatives"].initial == [own.pk] and form.kept_links == [other.pk]
    data = form_data(unit("18073"), initiatives=[], state=form["state"].value())
    assert client.post(reverse("commendation_edit", args=[commendation.pk]), data).status_code == 302
    assert list(commendation.initiatives.all()) == [other]


def test_officer_deletes_the_communes_commendation(login, persona, unit):
    commendation = commend(persona, unit)
    client = login("officer_a")
    assert client.get(reverse("commendation_delete", args=[commendation.pk])).status_code == 200
    assert client.post(reverse("commendation_delete", args=[commendation.pk])).status_code == 302
    assert not Commendation.objects.filter(pk=commendation.pk).exists()


# The initiative page


def test_initiative_page_shows_its_commendations(login, persona, unit, make_initiative):
    initiative = make_initiative("Câu lạc bộ được khen", status=Status.REGISTERED)
    commendation = commend(persona, unit, code="42", by="prov_officer", level="province", initiatives=[initiative])
    edit = reverse("commendation_edit", args=[commendation.pk])
    page = login("officer_a").get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="initiative-commendations"' in page and "15-QĐ/ĐTN" in page
    assert edit not in page  # the province's decision: commune A reads it only
    page = login("prov_officer").get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert edit in page


def test_initiative_page_without_commendations_shows_no_block(login, make_initiative):
    initiative = make_initiative("Chưa được khen", status=Status.REGISTERED)
    page = login("officer_a").get(reverse("initiative_detail", args=[initiative.pk])).content.decode()
    assert 'data-testid="initiative-commendations"' not in page


# The export

TITLE = "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC BIỂU DƯƠNG, KHEN THƯỞNG"


@pytest.fixture
def exported(persona, unit, make_initiative):
    initiative = make_initiative("Tủ sách vươn lên", status=Status.REGISTERED)
    commend(
        persona,
        unit,
        code="42",
        by="prov_officer",
        level="province",
        form="certificate",
        recipient_name="Phan Thị Thu",
        recipient_unit=unit("18073"),
        decision_number="120-QĐ/TĐTN",
        initiatives=[initiative],
    )
    commend(persona, unit, code="18685", by="officer_b", recipient_name="Võ Văn Hải", decision_number="7-QĐ/ĐTN")
    return initiative


def download(client, fmt: str, **params) -> bytes:
    response = client.get(reverse("commendation_export", args=[fmt]), params)
    assert response.status_code == 200, response.status_code
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content)


def test_xlsx_holds_the_list(login, unit, exported):
    content = download(login("prov_viewer"), "xlsx", year=YEAR)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    text = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    for expected in (
        TITLE,
        f"NĂM {YEAR}",
        "Họ tên / Tập thể",
        "Phan Thị Thu",
        "Bằng khen",
        "Tỉnh đoàn",
        "120-QĐ/TĐTN\nngày 12/05/2026",
        exported.name,
        "Võ Văn Hải",
        "TM. BAN THƯỜNG VỤ",
    ):
        assert expected in text, expected


def test_docx_holds_the_list(login, unit, exported):
    content = download(login("prov_officer"), "docx", year=YEAR, unit=unit("42").pk)
    document = docx.Document(io.BytesIO(content))
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert TITLE in paragraphs + cells
    for expected in ("Phan Thị Thu", "120-QĐ/TĐTN", exported.name, "Mô hình, giải pháp liên quan"):
        assert expected in cells, expected


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_holds_the_list(login, unit, exported, tmp_path):
    content = download(login("prov_officer"), "pdf", year=YEAR)
    path = tmp_path / "list.pdf"
    path.write_bytes(content)
    pdftotext = str(shutil.which("pdftotext"))
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S603
    text = " ".join(text.split())
    for expected in ("Phan Thị Thu", "120-QĐ/TĐTN", exported.name, TITLE, "TM. BAN THƯỜNG VỤ"):
        assert expected in text, expected


def test_export_is_scoped(login, unit, exported):
    content = download(login("officer_b"), "xlsx", year=YEAR)  # commune B's own list
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    text = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    assert "Võ Văn Hải" in text and "Phan Thị Thu" not in text
    client = login("officer_b")
    assert client.get(reverse("commendation_export", args=["xlsx"]), {"unit": unit("18073").pk}).status_code == 404
    assert client.get(reverse("commendation_export", args=["xlsx"]), {"year": "20x6"}).status_code == 404


def test_the_service_refuses_a_new_link_to_an_initiative_out_of_scope(persona, unit, make_initiative):
    """The form limits the choices; the service checks too, for any other caller."""
    from django.core.exceptions import ValidationError

    initiative = make_initiative("Mô hình của Thành Sen", status=Status.REGISTERED)
    with pytest.raises(ValidationError):
        commend(persona, unit, code="18685", by="officer_b", initiatives=[initiative])
    assert not Commendation.objects.filter(unit=unit("18685")).exists()
