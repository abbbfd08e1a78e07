"""Downloads of an initiative's files are audited: one ACCESS row on the evidence per download
(the confirmation's signed page too), none for a thumbnail or a refused download; the rows reach
the audit trail of the administrators in scope, not the initiative's timeline."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives import timeline, uploads
from initiatives.choices import Status
from initiatives.models import Evidence, Initiative
from initiatives.tests.conftest import png_bytes

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def save(initiative, data: bytes, name: str, persona, content_type: str) -> Evidence:
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return uploads.save_evidence(initiative, upload, purpose=Evidence.Purpose.RESULT, by=persona("officer_a"))


def accesses(evidence: Evidence | None = None):
    rows = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, content_type=ContentType.objects.get_for_model(Evidence)
    )
    return rows.filter(object_id=evidence.pk) if evidence is not None else rows


@pytest.fixture
def initiative(make_initiative):
    return make_initiative(status=Status.UNDER_WAY)


@pytest.fixture
def photo(initiative, persona):
    return save(initiative, png_bytes(), "Ảnh trao quà tại nhà.png", persona, "image/png")


@pytest.fixture
def document(initiative, persona):
    return save(initiative, PDF_BYTES, "Danh sách nhận hỗ trợ.pdf", persona, "application/pdf")


def test_a_download_in_scope_leaves_one_access_row_with_its_actor(login, persona, photo):
    assert not accesses().exists()
    response = login("officer_a").get(reverse("evidence_file", args=[photo.pk]))
    assert response.status_code == 200
    b"".join(response.streaming_content)
    entry = accesses().get()
    assert entry.object_id == photo.pk
    assert entry.actor == persona("officer_a")
    assert entry.changes is None or entry.changes == {}
    assert entry.additional_data == {"initiative_id": photo.initiative_id, "unit_path": photo.initiative.unit_path}


def test_each_download_is_a_row_of_its_own_by_its_reader(login, persona, photo, document):
    login("prov_viewer").get(reverse("evidence_file", args=[photo.pk]))
    login("officer_a").get(reverse("evidence_file", args=[document.pk]))
    login("officer_a").get(reverse("evidence_file", args=[document.pk]))
    assert list(accesses(photo).values_list("actor__username", flat=True)) == ["prov_viewer"]
    assert list(accesses(document).values_list("actor__username", flat=True)) == ["officer_a", "officer_a"]


def test_the_confirmation_scan_download_is_recorded(login, persona, make_initiative):
    initiative = make_initiative(status=Status.REPORTED)
    scan = Initiative.objects.get(pk=initiative.pk).confirmation.scan
    response = login("prov_officer").get(reverse("evidence_file", args=[scan.pk]))
    assert response.status_code == 200
    entry = accesses(scan).get()
    assert entry.actor == persona("prov_officer")
    assert accesses().count() == 1


def test_a_thumbnail_is_not_recorded(login, photo):
    response = login("officer_a").get(reverse("evidence_thumbnail", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert not accesses().exists()


def test_an_out_of_scope_download_is_404_and_records_nothing(login, photo):
    assert login("officer_b").get(reverse("evidence_file", args=[photo.pk])).status_code == 404
    assert login("officer_b").get(reverse("evidence_file", args=[photo.pk + 1000])).status_code == 404
    assert not accesses().exists()


def test_a_missing_file_is_404_and_records_nothing(login, photo):
    default_storage.delete(photo.file.name)
    assert login("officer_a").get(reverse("evidence_file", args=[photo.pk])).status_code == 404
    assert not accesses().exists()


def test_the_download_reaches_the_audit_trail_of_admins_in_scope_only(login, make_initiative, persona):
    here = make_initiative("Mô hình Thành Sen", status=Status.UNDER_WAY)
    there = make_initiative("Mô hình Cẩm Bình", code="18685")
    photo_here = save(here, png_bytes(), "Ảnh hộ gia đình Thành Sen.png", persona, "image/png")
    photo_there = save(there, png_bytes(), "Ảnh hộ gia đình Cẩm Bình.png", persona, "image/png")
    assert login("officer_a").get(reverse("evidence_file", args=[photo_here.pk])).status_code == 200
    assert login("officer_b").get(reverse("evidence_file", args=[photo_there.pk])).status_code == 200
    assert accesses().count() == 2

    html = login("admin_a").get(reverse("audit_log")).content.decode()
    assert "Ảnh hộ gia đình Thành Sen" in html
    assert "Ảnh hộ gia đình Cẩm Bình" not in html
    html = login("prov_admin").get(reverse("audit_log")).content.decode()
    assert "Ảnh hộ gia đình Thành Sen" in html and "Ảnh hộ gia đình Cẩm Bình" in html
    # Only the accesses: the uploads themselves stay on the initiatives' own pages.
    assert html.count("Ảnh hộ gia đình Thành Sen") == 1


def test_the_download_stays_off_the_initiatives_timeline(login, initiative, photo):
    before = timeline.build(Initiative.objects.get(pk=initiative.pk))
    login("officer_a").get(reverse("evidence_file", args=[photo.pk]))
    assert accesses().count() == 1
    after = timeline.build(Initiative.objects.get(pk=initiative.pk))
    assert [(event.kind, event.title) for event in after] == [(event.kind, event.title) for event in before]
