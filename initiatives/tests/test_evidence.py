"""Evidence: files judged by content, size and pixel limits, metadata stripped, thumbnails,
links, serving only within scope, deleting with the stored files, the confirmation."""

from __future__ import annotations

import datetime
import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from PIL import Image, ImageFile

from initiatives import services, uploads
from initiatives.choices import Status
from initiatives.models import Confirmation, Evidence
from initiatives.tests.conftest import png_bytes
from reports.importing import safety as importing_safety

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Stored files go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def initiative(make_initiative):
    return make_initiative(status=Status.UNDER_WAY)


def upload(data: bytes, name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def save(initiative, data: bytes, name: str, persona, **kwargs) -> Evidence:
    kwargs.setdefault("purpose", Evidence.Purpose.RESULT)
    return uploads.save_evidence(initiative, upload(data, name), by=persona("officer_a"), **kwargs)


def jpeg_with_gps(width: int = 60, height: int = 40, orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Điện thoại của Hoa"  # Make
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (18.0, 20.0, 30.0)
    gps[3] = "E"
    gps[4] = (105.0, 54.0, 12.0)
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 200, 10)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width`×`height` in its header, with next to no pixel data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Kế hoạch triển khai mô hình")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx shape with a member of zeros that packs a thousand times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes())) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("word/media/image1.bin", b"\x00" * (8 * 1024 * 1024))
    return buffer.getvalue()


def stored_bytes(field) -> bytes:
    with default_storage.open(field.name, "rb") as stream:
        return stream.read()


# What a file is: by content, never by name or claimed type


def test_a_png_named_pdf_is_stored_as_a_photo(initiative, persona):
    evidence = save(initiative, png_bytes(), "bao-cao.pdf", persona)
    assert (evidence.kind, evidence.content_type) == ("photo", "image/png")
    assert evidence.file.name.endswith(".png")
    assert Image.open(io.BytesIO(stored_bytes(evidence.file))).format == "PNG"


def test_a_pdf_named_jpg_is_stored_as_a_document(initiative, persona):
    evidence = save(initiative, PDF_BYTES, "anh.jpg", persona)
    assert (evidence.kind, evidence.content_type) == ("document", "application/pdf")
    assert evidence.file.name.endswith(".pdf")
    assert not evidence.thumbnail
    assert stored_bytes(evidence.file) == PDF_BYTES


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    ],
    ids=["html", "svg", "svg-xml", "exe", "gif"],
)
def test_other_files_renamed_jpg_are_refused(initiative, persona, data):
    with pytest.raises(uploads.UploadRejected) as refused:
        save(initiative, data, "anh.jpg", persona)
    assert refused.value.message == uploads.not_supported_message()
    assert not Evidence.objects.filter(initiative=initiative).exclude(purpose="confirmation").exists()


def test_a_jpeg_header_on_a_broken_body_is_refused(initiative, persona):
    broken = jpeg_with_gps()[:200]
    with pytest.raises(uploads.UploadRejected):
        save(initiative, broken, "anh.jpg", persona)


def test_a_pdf_without_its_end_is_refused(initiative, persona):
    with pytest.raises(uploads.UploadRejected):
        save(initiative, b"%PDF-1.7\n" + b"x" * 5000, "bao-cao.pdf", persona)


def test_an_empty_file_is_refused(initiative, persona):
    with pytest.raises(uploads.UploadRejected):
        save(initiative, b"", "trong.pdf", persona)


# Limits


def test_an_oversize_file_is_refused(initiative, persona, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    with pytest.raises(uploads.UploadRejected) as refused:
        save(initiative, PDF_BYTES + b" " * 200, "bao-cao.pdf", persona)
    assert refused.value.message == uploads._too_large()


def test_a_file_of_unknown_size_is_read_no_further_than_the_limit(initiative, persona, settings):
    settings.EVIDENCE_MAX_BYTES = 1000

    class Stream(io.BytesIO):
        name = "lon.pdf"

    stream = Stream(PDF_BYTES + b" " * 5000)
    with pytest.raises(uploads.UploadRejected):
        uploads.save_evidence(initiative, stream, purpose="result", by=persona("officer_a"))
    assert stream.tell() == 1001


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail if Pillow decodes any pixel."""

    def refuse(self):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


@pytest.mark.parametrize("size", [(100_000, 100_000), (8000, 6000)], ids=["beyond-pillow", "beyond-setting"])
def test_a_pixel_bomb_is_refused_without_decoding(initiative, persona, no_decoding, size):
    with pytest.raises(uploads.UploadRejected) as refused:
        save(initiative, png_header(*size), "anh.png", persona)
    assert refused.value.message == uploads._pixel_bomb().message


def test_the_pixel_limit_comes_from_the_settings(initiative, persona, settings):
    settings.EVIDENCE_MAX_PIXELS = 1000
    with pytest.raises(uploads.UploadRejected):
        save(initiative, png_bytes(40, 30), "anh.png", persona)
    settings.EVIDENCE_MAX_PIXELS = 1200
    assert save(initiative, png_bytes(40, 30), "anh.png", persona).width == 40


# Photos are cleaned


def test_exif_and_gps_are_stripped(initiative, persona):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test file has them
    evidence = save(initiative, original, "IMG_0001.JPG", persona)
    data = stored_bytes(evidence.file)
    stored = Image.open(io.BytesIO(data))
    assert "exif" not in stored.info
    assert not stored.getexif()
    assert b"Exif" not in data
    assert b"Hoa" not in data
    thumbnail = Image.open(io.BytesIO(stored_bytes(evidence.thumbnail)))
    assert not thumbnail.getexif()


def test_a_photo_is_turned_upright_before_its_metadata_goes(initiative, persona):
    evidence = save(initiative, jpeg_with_gps(60, 40, orientation=6), "anh.jpg", persona)
    assert (evidence.width, evidence.height) == (40, 60)
    assert Image.open(io.BytesIO(stored_bytes(evidence.file))).size == (40, 60)


def test_a_thumbnail_is_made_and_the_facts_are_stored(initiative, persona):
    import hashlib

    evidence = save(initiative, png_bytes(1200, 900), "Buổi sinh hoạt.png", persona)
    thumbnail = Image.open(io.BytesIO(stored_bytes(evidence.thumbnail)))
    assert thumbnail.format == "JPEG"
    assert max(thumbnail.size) == 480
    data = stored_bytes(evidence.file)
    assert (evidence.width, evidence.height, evidence.size) == (1200, 900, len(data))
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.title == "Buổi sinh hoạt"
    # The stored name is random: the user's file name is only the title.
    assert "sinh" not in evidence.file.name
    assert evidence.file.name.startswith(f"evidence/{initiative.pk}/")


def test_a_transparent_webp_keeps_its_format(initiative, persona):
    buffer = io.BytesIO()
    Image.new("RGBA", (50, 50), (255, 0, 0, 0)).save(buffer, "WEBP")
    evidence = save(initiative, buffer.getvalue(), "logo", persona)
    assert evidence.content_type == "image/webp"
    assert Image.open(io.BytesIO(stored_bytes(evidence.file))).mode == "RGBA"


@pytest.mark.parametrize("mode", ["I;16", "I;16B"])
def test_a_16_bit_grey_scan_keeps_its_grey_levels(initiative, persona, mode):
    # A scanner's 16-bit PNG: every level above 255 used to be clipped to white.
    scan = Image.new(mode, (256, 4))
    for x in range(256):
        for y in range(4):
            scan.putpixel((x, y), x * 256)
    buffer = io.BytesIO()
    scan.save(buffer, "PNG")
    evidence = save(initiative, buffer.getvalue(), "trang-ky.png", persona)
    for field in (evidence.file, evidence.thumbnail):
        grey = Image.open(io.BytesIO(stored_bytes(field))).convert("L")
        row = [grey.getpixel((x, 1)) for x in range(0, grey.width, max(1, grey.width // 16))]
        assert row == sorted(row)
        assert row[0] < 16 and row[len(row) // 2] < 192 and row[-1] > 224


# Documents


def test_a_docx_is_accepted(initiative, persona):
    evidence = save(initiative, docx_bytes(), "ke-hoach.docx", persona, purpose=Evidence.Purpose.PLAN)
    assert (evidence.kind, evidence.purpose, evidence.file.name[-5:]) == ("document", "plan", ".docx")
    assert evidence.content_type.endswith("wordprocessingml.document")


def test_a_zip_bomb_docx_is_refused(initiative, persona):
    with pytest.raises(uploads.UploadRejected) as refused:
        save(initiative, zip_bomb_docx(), "ke-hoach.docx", persona)
    assert refused.value.message == importing_safety._bomb().message


def test_a_zip_that_is_not_a_word_document_is_refused(initiative, persona):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(uploads.UploadRejected) as refused:
        save(initiative, buffer.getvalue(), "ke-hoach.docx", persona)
    assert refused.value.message == uploads._not_docx().message


def test_the_confirmation_scan_is_a_photo_or_a_pdf(initiative, persona):
    with pytest.raises(uploads.UploadRejected):
        save(initiative, docx_bytes(), "xac-nhan.docx", persona, purpose=Evidence.Purpose.CONFIRMATION)
    assert save(initiative, PDF_BYTES, "xac-nhan.pdf", persona, purpose=Evidence.Purpose.CONFIRMATION).pk


# The initiative


def test_adding_evidence_changes_the_version(initiative, persona):
    before = initiative.version
    save(initiative, png_bytes(), "anh.png", persona)
    initiative.refresh_from_db()
    assert initiative.version == before + 1


def test_a_closed_initiative_takes_no_evidence(make_initiative, persona, media_root):
    closed = make_initiative(status=Status.CLOSED)
    files_before = sorted(p.name for p in media_root.rglob("*") if p.is_file())
    with pytest.raises(uploads.UploadRejected):
        save(closed, png_bytes(), "anh.png", persona)
    with pytest.raises(uploads.UploadRejected):
        uploads.save_link(closed, "https://baohatinh.vn/bai-viet", title="", by=persona("officer_a"))
    assert sorted(p.name for p in media_root.rglob("*") if p.is_file()) == files_before


def test_a_step_of_another_initiative_is_refused(make_initiative, persona):
    one = make_initiative(status=Status.UNDER_WAY)
    other = make_initiative("Mô hình khác", status=Status.UNDER_WAY)
    entry = services.add_step_entry(other, {"step": 1, "done_on": datetime.date(2026, 2, 1)}, by=persona("officer_a"))
    with pytest.raises(uploads.UploadRejected):
        save(one, png_bytes(), "anh.png", persona, step_entry=entry)


# Links


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<b>x</b>",
        "ftp://a.vn/x",
        "baohatinh",
    ],
)
def test_only_web_links_are_accepted(initiative, persona, url):
    with pytest.raises(uploads.UploadRejected):
        uploads.save_link(initiative, url, title="Bài viết", by=persona("officer_a"))


def test_a_web_link_is_kept(initiative, persona):
    link = uploads.save_link(
        initiative, " https://baohatinh.vn/mo-hinh-ho-tro.html ", title="Báo Hà Tĩnh", by=persona("officer_a")
    )
    assert (link.kind, link.url, link.title) == ("link", "https://baohatinh.vn/mo-hinh-ho-tro.html", "Báo Hà Tĩnh")


# Pages: adding


def test_an_officer_adds_a_photo(login, initiative):
    response = login("officer_a").post(
        reverse("evidence_add", args=[initiative.pk]),
        {"file": upload(png_bytes(), "anh.png", "image/png"), "title": "Buổi sinh hoạt tháng 3", "purpose": "result"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#evidence")
    evidence = Evidence.objects.get(initiative=initiative, title="Buổi sinh hoạt tháng 3")
    assert evidence.uploaded_by.username == "officer_a"


def test_a_refused_upload_shows_why_and_keeps_the_typed_title(login, initiative):
    response = login("officer_a").post(
        reverse("evidence_add", args=[initiative.pk]),
        {"file": upload(b"<html></html>", "anh.jpg", "image/jpeg"), "title": "Buổi sinh hoạt tháng 3"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(uploads.not_supported_message()) in html
    assert "Buổi sinh hoạt tháng 3" in html
    assert not Evidence.objects.filter(initiative=initiative, title="Buổi sinh hoạt tháng 3").exists()


def test_several_photos_at_once_each_checked_alone(login, initiative):
    response = login("officer_a").post(
        reverse("evidence_add", args=[initiative.pk]),
        {
            "file": [
                upload(png_bytes(), "anh-1.png"),
                upload(b"<html></html>", "anh-2.jpg"),
                upload(PDF_BYTES, "b.pdf"),
            ],
            "title": "Ngày hội việc làm",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "anh-2.jpg: " + escape(uploads.not_supported_message()) in html
    assert "anh-1.png" not in html
    assert sorted(initiative.evidence.values_list("kind", flat=True)) == ["document", "photo"]


def duplicate_message(title: str) -> str:
    with translation.override("vi"):
        return escape(translation.gettext("This file is already among the initiative's evidence, as “%(title)s”.")) % {
            "title": title
        }


def test_the_same_file_twice_is_refused_and_named(login, initiative):
    client = login("officer_a")
    url = reverse("evidence_add", args=[initiative.pk])
    assert client.post(url, {"file": upload(png_bytes(), "anh.png"), "title": ""}).status_code == 302
    response = client.post(url, {"file": upload(png_bytes(), "anh-lan-2.png"), "title": ""})
    assert response.status_code == 200
    assert "anh-lan-2.png: " + duplicate_message("anh") in response.content.decode()
    assert initiative.evidence.count() == 1


def test_the_same_file_twice_in_one_upload_is_stored_once(login, initiative):
    response = login("officer_a").post(
        reverse("evidence_add", args=[initiative.pk]),
        {"file": [upload(png_bytes(), "a.png"), upload(PDF_BYTES, "b.pdf"), upload(png_bytes(), "c.png")], "title": ""},
    )
    assert response.status_code == 200
    assert "c.png: " + duplicate_message("a") in response.content.decode()
    assert sorted(initiative.evidence.values_list("title", flat=True)) == ["a", "b"]


def test_the_same_file_may_go_to_another_initiative(initiative, make_initiative, persona):
    save(initiative, PDF_BYTES, "ke-hoach.pdf", persona)
    other = make_initiative("Mô hình khác", status=Status.UNDER_WAY)
    assert save(other, PDF_BYTES, "ke-hoach.pdf", persona).initiative == other


def test_a_file_among_the_evidence_may_be_the_signed_page(initiative, persona):
    save(initiative, png_bytes(), "trang-ky.png", persona)
    scan = save(initiative, png_bytes(), "trang-ky.png", persona, purpose=Evidence.Purpose.CONFIRMATION)
    assert scan.purpose == Evidence.Purpose.CONFIRMATION


def test_a_step_file_is_attached_to_its_step(login, persona, initiative, make_initiative):
    entry = services.add_step_entry(
        initiative, {"step": 5, "done_on": datetime.date(2026, 2, 1), "reference": "15-CV/ĐTN"}, by=persona("officer_a")
    )
    client = login("officer_a")
    response = client.post(
        reverse("evidence_add", args=[initiative.pk]), {"file": upload(PDF_BYTES, "cv.pdf"), "step_entry": entry.pk}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#steps")
    assert entry.files.get().purpose == Evidence.Purpose.STEP
    other = make_initiative("Mô hình khác", status=Status.UNDER_WAY)
    response = client.post(
        reverse("evidence_add", args=[other.pk]), {"file": upload(PDF_BYTES, "cv.pdf"), "step_entry": entry.pk}
    )
    assert response.status_code == 200
    assert not other.evidence.exists()


def test_the_upload_page_names_the_step(login, persona, initiative):
    entry = services.add_step_entry(
        initiative, {"step": 4, "done_on": datetime.date(2026, 2, 1)}, by=persona("officer_a")
    )
    url = reverse("evidence_add", args=[initiative.pk])
    response = login("officer_a").get(url, {"kind": "photo", "step_entry": entry.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(entry.get_step_display()) in html
    assert 'accept="image/jpeg,image/png,image/webp' in html
    assert login("officer_a").get(reverse("evidence_link_add", args=[initiative.pk])).status_code == 200
    assert login("officer_a").get(reverse("confirmation_edit", args=[initiative.pk])).status_code == 200


def test_an_oversize_upload_page_says_so(login, initiative, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    response = login("officer_a").post(
        reverse("evidence_add", args=[initiative.pk]), {"file": upload(png_bytes(200, 200), "anh.png")}
    )
    assert response.status_code == 200
    assert escape(uploads._too_large()) in response.content.decode()


def test_a_file_is_required(login, initiative):
    response = login("officer_a").post(reverse("evidence_add", args=[initiative.pk]), {"title": "Ảnh"})
    assert response.status_code == 200
    assert not initiative.evidence.exists()


def test_a_viewer_may_not_add_and_a_stranger_does_not_see(login, initiative):
    url = reverse("evidence_add", args=[initiative.pk])
    assert login("prov_viewer").post(url, {"file": upload(png_bytes(), "anh.png")}).status_code == 403
    assert login("officer_b").post(url, {"file": upload(png_bytes(), "anh.png")}).status_code == 404
    assert not Evidence.objects.filter(initiative=initiative).exists()


def test_a_javascript_link_is_refused_on_the_page(login, initiative):
    url = reverse("evidence_link_add", args=[initiative.pk])
    response = login("officer_a").post(url, {"url": "javascript:alert(1)", "title": "Bài báo"})
    assert response.status_code == 200
    assert "Bài báo" in response.content.decode()
    assert not Evidence.objects.filter(initiative=initiative).exists()
    response = login("officer_a").post(url, {"url": "https://baohatinh.vn/a.html", "title": "Bài báo"})
    assert response.status_code == 302
    assert Evidence.objects.get(initiative=initiative).url == "https://baohatinh.vn/a.html"


# Pages: serving


@pytest.fixture
def photo(initiative, persona):
    return save(initiative, png_bytes(), "Ảnh buổi sinh hoạt.png", persona)


def test_a_stranger_gets_404_exactly_like_a_missing_file(login, photo):
    client = login("officer_b")
    for name in ("evidence_file", "evidence_thumbnail"):
        assert client.get(reverse(name, args=[photo.pk])).status_code == 404
        assert client.get(reverse(name, args=[photo.pk + 1000])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, photo):
    response = client.get(reverse("evidence_file", args=[photo.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_viewer_downloads_a_photo_inline_with_safe_headers(login, photo):
    response = login("prov_viewer").get(reverse("evidence_file", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert 'filename="anh-buoi-sinh-hoat.png"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == stored_bytes(photo.file)
    thumbnail = login("prov_viewer").get(reverse("evidence_thumbnail", args=[photo.pk]))
    assert thumbnail["Content-Type"] == "image/jpeg"
    assert b"".join(thumbnail.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_document_is_downloaded_as_an_attachment(login, initiative, persona):
    document = save(initiative, PDF_BYTES, "báo cáo.jpg", persona)
    response = login("officer_a").get(reverse("evidence_file", args=[document.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''b%C3%A1o%20c%C3%A1o.pdf" in response["Content-Disposition"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert login("officer_a").get(reverse("evidence_thumbnail", args=[document.pk])).status_code == 404


# Deleting


def test_delete_removes_the_file_and_its_thumbnail(login, photo, django_capture_on_commit_callbacks):
    names = [photo.file.name, photo.thumbnail.name]
    assert all(default_storage.exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        response = login("officer_a").post(reverse("evidence_delete", args=[photo.pk]))
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=photo.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_a_viewer_may_not_delete(login, photo):
    assert login("prov_viewer").post(reverse("evidence_delete", args=[photo.pk])).status_code == 403
    assert login("officer_b").post(reverse("evidence_delete", args=[photo.pk])).status_code == 404
    assert Evidence.objects.filter(pk=photo.pk).exists()


def test_deleting_a_draft_removes_its_files(make_initiative, persona, django_capture_on_commit_callbacks):
    draft = make_initiative()
    evidence = save(draft, png_bytes(), "anh.png", persona)
    names = [evidence.file.name, evidence.thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_draft(draft, by=persona("officer_a"))
    assert not any(default_storage.exists(name) for name in names)


def test_deleting_a_step_entry_removes_its_files(initiative, persona, django_capture_on_commit_callbacks):
    entry = services.add_step_entry(
        initiative, {"step": 3, "done_on": datetime.date(2026, 2, 1)}, by=persona("officer_a")
    )
    photo = save(initiative, png_bytes(), "phuong-an.png", persona, step_entry=entry)
    names = [photo.file.name, photo.thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_step_entry(entry, by=persona("officer_a"))
    assert not any(default_storage.exists(name) for name in names)


# The local government's confirmation


def confirmation_data(**changes):
    data = {
        "confirmer_name": "Lê Văn Nam",
        "confirmer_title": "Chủ tịch UBND phường Thành Sen",
        "confirmed_on": "30/09/2026",
        "replaces": "",
    }
    data.update(changes)
    return data


def test_an_officer_records_the_confirmation_with_its_scan(
    login, initiative, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2026, 10, 1))
    url = reverse("confirmation_edit", args=[initiative.pk])
    client = login("officer_a")
    response = client.post(url, confirmation_data(scan=upload(PDF_BYTES, "xac-nhan.pdf")))
    assert response.status_code == 302, response.content.decode()
    confirmation = Confirmation.objects.get(initiative=initiative)
    assert (confirmation.confirmer_name, confirmation.confirmed_on) == ("Lê Văn Nam", datetime.date(2026, 9, 30))
    assert confirmation.scan.purpose == Evidence.Purpose.CONFIRMATION
    # Changed later without a new scan: the scan is kept.
    response = client.post(url, confirmation_data(confirmer_title="Phó Chủ tịch UBND", replaces=confirmation.pk))
    assert response.status_code == 302
    changed = Confirmation.objects.get(initiative=initiative)
    assert (changed.confirmer_title, changed.scan_id) == ("Phó Chủ tịch UBND", confirmation.scan_id)
    # The scan cannot be deleted on its own.
    response = client.post(reverse("evidence_delete", args=[changed.scan_id]))
    assert Evidence.objects.filter(pk=changed.scan_id).exists()
    # A new scan replaces the old one, whose file goes.
    old_name = changed.scan.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, confirmation_data(scan=upload(png_bytes(), "xac-nhan.png"), replaces=changed.pk))
    assert response.status_code == 302
    latest = Confirmation.objects.get(initiative=initiative)
    assert latest.scan.content_type == "image/png"
    assert not Evidence.objects.filter(pk=changed.scan_id).exists()
    assert not default_storage.exists(old_name)


def test_a_confirmation_needs_a_scan_and_refuses_a_docx(login, initiative, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2026, 10, 1))
    url = reverse("confirmation_edit", args=[initiative.pk])
    client = login("officer_a")
    response = client.post(url, confirmation_data())
    assert response.status_code == 200
    response = client.post(url, confirmation_data(scan=upload(docx_bytes(), "xac-nhan.docx")))
    assert response.status_code == 200
    assert "Chủ tịch UBND phường Thành Sen" in response.content.decode()
    assert not Confirmation.objects.filter(initiative=initiative).exists()


def test_a_stale_confirmation_is_not_overwritten(login, initiative, persona, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: datetime.date(2026, 10, 1))
    scan = save(initiative, PDF_BYTES, "xac-nhan.pdf", persona, purpose=Evidence.Purpose.CONFIRMATION)
    services.record_confirmation(
        initiative,
        {"confirmer_name": "Trần Văn Bình", "confirmer_title": "Chủ tịch", "confirmed_on": datetime.date(2026, 9, 1)},
        scan=scan,
        by=persona("prov_officer"),
    )
    response = login("officer_a").post(
        reverse("confirmation_edit", args=[initiative.pk]),
        confirmation_data(scan=upload(PDF_BYTES, "xac-nhan.pdf")),  # opened before that one was recorded
    )
    assert response.status_code == 200
    assert "Lê Văn Nam" in response.content.decode()
    assert Confirmation.objects.get(initiative=initiative).confirmer_name == "Trần Văn Bình"


# The blocks of the initiative page


def test_the_blocks_show_the_evidence_to_writers(initiative, persona, photo):
    entry = services.add_step_entry(
        initiative, {"step": 1, "done_on": datetime.date(2026, 2, 1)}, by=persona("officer_a")
    )
    save(initiative, PDF_BYTES, "cv.pdf", persona, step_entry=entry)
    uploads.save_link(initiative, "https://baohatinh.vn/a.html", title="Báo Hà Tĩnh", by=persona("officer_a"))
    context = {"initiative": initiative, "can_write": True, "entry": entry}
    section = render_to_string("initiatives/includes/evidence_section.html", context)
    assert reverse("evidence_thumbnail", args=[photo.pk]) in section
    assert "Báo Hà Tĩnh" in section
    assert "evidence-documents" not in section  # the step's file shows with its step
    assert reverse("evidence_delete", args=[photo.pk]) in section
    steps = render_to_string("initiatives/includes/step_files.html", context)
    assert "cv" in steps
    assert 'name="step_entry"' in steps
    confirmation = render_to_string("initiatives/includes/confirmation.html", context)
    assert "Biểu mẫu 03" in confirmation
    assert reverse("confirmation_edit", args=[initiative.pk]) in confirmation


def test_the_blocks_offer_no_buttons_to_readers(initiative, photo):
    context = {"initiative": initiative, "can_write": False}
    section = render_to_string("initiatives/includes/evidence_section.html", context)
    assert reverse("evidence_file", args=[photo.pk]) in section
    assert reverse("evidence_delete", args=[photo.pk]) not in section
    assert reverse("evidence_add", args=[initiative.pk]) not in section


def test_the_initiative_page_shows_the_evidence_and_the_confirmation(login, persona, initiative, photo):
    from initiatives.tests.conftest import complete_results

    entry = services.add_step_entry(
        initiative, {"step": 5, "done_on": datetime.date(2026, 2, 1)}, by=persona("officer_a")
    )
    step_file = save(initiative, PDF_BYTES, "Công văn 15.pdf", persona, step_entry=entry)
    url = reverse("initiative_detail", args=[initiative.pk])
    html = login("officer_a").get(url).content.decode()
    assert reverse("evidence_thumbnail", args=[photo.pk]) in html
    assert reverse("evidence_file", args=[step_file.pk]) in html
    assert 'data-testid="confirmation-missing"' in html
    complete_results(initiative, persona("officer_a"))
    html = login("prov_viewer").get(url).content.decode()
    assert 'data-testid="confirmation-scan"' in html
    assert reverse("evidence_delete", args=[photo.pk]) not in html
    assert 'data-testid="step-upload"' not in html
