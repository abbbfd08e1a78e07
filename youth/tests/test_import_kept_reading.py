"""The commit reuses the dry run's reading of the file, kept signed with the upload, and checks
the registry again; a reading that is missing, tampered with or made under other conditions is
not used, and the file is read again."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Membership
from youth import import_views, importing_cache, services
from youth.importing import Severity, build_report, check_registry, commit_import, read_report
from youth.models import Youth
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def form02_with_everything() -> bytes:
    """Two sheets with warnings, errors-free: what the report must carry over unchanged."""
    first = files.form02(
        [
            files.person(1),
            ["Trần Văn An", "05/03/98", "Mồ côi", "=A1&B1", "0912000001 / 0987000001", ""],  # two-digit year
            ["TRAN VAN AN", 1998, "", "", "", ""],  # same name and year as the row above
            files.person(1),  # the first row again: skipped
            ["Lê Thị Bình", 2001, "", "", "0912000009", ""],  # in the registry already (phone)
            ["Phạm Văn Cũ", 2002, "", "", "0912000010", ""],  # imported before: skipped
        ]
    )
    files.form02([files.person(n) for n in range(20, 23)], workbook=first, sheet_title="Thôn 2")
    return files.to_bytes(first)


def template_with_groups_and_needs() -> bytes:
    return files.template_bytes(
        [
            ["Lê Thị Hoa", "05/03/2004", "Nữ", "Kinh", "042304012345", "0912345678", "Thôn 1", "Số 5",
             "Khuyết tật, hộ cận nghèo", "Việc làm, Vốn, sinh kế", "Mồ côi cha", "Ưu tiên"],
            ["Hồ Văn Minh", "2001", "Nam", "Thái", "", "0987654321", "Thôn 2", "",
             "2", "Học tập, học nghề; xin học lái xe", "", ""],
        ]
    )  # fmt: skip


FILES = {"form02": (form02_with_everything, "poverty"), "template": (template_with_groups_and_needs, "")}


@pytest.fixture
def registry(make_youth, persona, unit):
    """What the registry holds before the dry run: a likely duplicate and a row imported before."""
    make_youth("Người Có Số", code="18685", by="officer_b", phone="0912000009")
    earlier = build_report(
        files.form02_bytes([["Phạm Văn Cũ", 2002, "", "", "0912000010", ""]]),
        filename="cu.xlsx",
        unit=unit("18073"),
        user=persona("officer_a"),
        default_group="poverty",
    )
    commit_import(earlier, unit=unit("18073"), by=persona("officer_a"))


def kept(data: bytes, unit, *, default_group: str, today: datetime.date | None = None) -> bytes:
    """What the dry run keeps: its reading of the file, before the registry's checks."""
    today = today or timezone.localdate()
    report = read_report(data, filename="ds.xlsx", unit=unit, default_group=default_group, today=today)
    blob = importing_cache.dumps(report, today=today)
    assert blob is not None
    return blob


def reuse(blob: bytes | None, data: bytes, unit, *, default_group: str):
    return importing_cache.loads(
        blob,
        sha256=hashlib.sha256(data).hexdigest(),
        unit_id=unit.pk,
        default_group=default_group,
        filename="ds.xlsx",
    )


def everything(report) -> tuple:
    """All a report says, in order: what the page, the API and the commit read."""
    sheets = [
        (s.title, s.header_row, s.columns, s.problems, s.rows_read, s.ready, s.error_rows, s.skipped, s.warnings)
        for s in report.sheets
    ]
    rows = [
        (r.sheet, r.row, r.data, r.groups, r.needs, r.source, r.birth_text, r.has_error, r.skipped, r.ready)
        for r in report.rows
    ]
    return (report.filename, report.sha256, report.unit_id, report.default_group, report.file_problems, sheets, rows)


@pytest.mark.parametrize("name", FILES)
def test_the_kept_reading_gives_the_report_a_full_check_gives(registry, persona, unit, name):
    make, group = FILES[name]
    data, target, user = make(), unit("18073"), persona("officer_a")

    reused = reuse(kept(data, target, default_group=group), data, target, default_group=group)

    assert reused is not None
    check_registry(reused, unit=target, user=user)
    full = build_report(data, filename="ds.xlsx", unit=target, user=user, default_group=group)
    assert everything(reused) == everything(full)
    assert full.warning_count >= (3 if name == "form02" else 0) and full.error_count == 0


def _written(ids: list[int]) -> list[tuple]:
    skip = {"id", "created_at", "updated_at"}
    records = []
    for youth in Youth.objects.filter(pk__in=ids).order_by("pk"):
        fields = {f.attname: getattr(youth, f.attname) for f in Youth._meta.concrete_fields if f.attname not in skip}
        groups = sorted(youth.groups.values_list("group", "household_kind", "certificate_year"))
        needs = sorted(youth.needs.values_list("need", "priority", "note"))
        records.append((fields, groups, needs))
    return records


@pytest.mark.parametrize("name", FILES)
def test_a_commit_from_the_kept_reading_writes_what_a_full_check_writes(registry, persona, unit, name):
    make, group = FILES[name]
    data, target, user = make(), unit("18073"), persona("officer_a")
    blob = kept(data, target, default_group=group)

    reused = check_registry(reuse(blob, data, target, default_group=group), unit=target, user=user)
    from_kept = _written(commit_import(reused, unit=target, by=user))
    Youth.objects.filter(pk__in=reused.created_ids).delete()
    full = build_report(data, filename="ds.xlsx", unit=target, user=user, default_group=group)
    from_file = _written(commit_import(full, unit=target, by=user))

    assert from_kept == from_file and len(from_kept) == full.ready > 0


def _flip_a_byte(blob: bytes) -> bytes:
    index = len(blob) // 2
    return blob[:index] + bytes([blob[index] ^ 0x01]) + blob[index + 1 :]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda blob: None,
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],
        _flip_a_byte,
        lambda blob: blob.replace(b"Nguy", b"Ngua", 1),
        lambda blob: b"0" * 64 + blob[64:],
        lambda blob: blob.split(b"\n", 1)[1],
    ],
    ids=["missing", "empty", "truncated", "one-byte", "a-name-changed", "signature-replaced", "unsigned"],
)
def test_a_missing_or_tampered_reading_is_not_used(unit, spoil):
    data, target = files.form02_bytes([files.person(n) for n in range(1, 4)]), unit("18073")
    blob = kept(data, target, default_group="poverty")
    assert reuse(blob, data, target, default_group="poverty") is not None

    assert reuse(spoil(blob), data, target, default_group="poverty") is None


def test_a_reading_signed_with_another_key_is_not_used(unit):
    data, target = files.form02_bytes([files.person(1)]), unit("18073")
    with override_settings(SECRET_KEY="another-key-" * 5):
        blob = kept(data, target, default_group="poverty")

    assert reuse(blob, data, target, default_group="poverty") is None


def test_a_signed_reading_of_another_shape_is_not_used(unit):
    data, target = files.form02_bytes([files.person(1)]), unit("18073")
    body = kept(data, target, default_group="poverty").split(b"\n", 1)[1]
    body = body.replace(b'"rows":[[0,', b'"rows":[[7,', 1)  # a sheet that does not exist

    assert (
        reuse(importing_cache._signature(body).encode() + b"\n" + body, data, target, default_group="poverty") is None
    )


def test_a_reading_made_under_other_conditions_is_not_used(unit, monkeypatch):
    data, target = files.form02_bytes([files.person(1)]), unit("18073")
    blob = kept(data, target, default_group="poverty")
    other = files.form02_bytes([files.person(2)])

    assert reuse(blob, other, target, default_group="poverty") is None  # another file
    assert reuse(blob, data, unit("18685"), default_group="poverty") is None  # another unit
    assert reuse(blob, data, target, default_group="disability") is None  # another default group
    with translation.override("vi"):  # another language: its messages and vocabularies
        assert reuse(blob, data, target, default_group="poverty") is None
    yesterday = kept(data, target, default_group="poverty", today=timezone.localdate() - datetime.timedelta(days=1))
    assert reuse(yesterday, data, target, default_group="poverty") is None  # dates checked against another day
    monkeypatch.setattr(importing_cache, "VERSION", importing_cache.VERSION + 1)
    assert reuse(blob, data, target, default_group="poverty") is None  # read by older code


# --- Through the pages ------------------------------------------------------------------------


def check_file(client, unit_pk, data: bytes, **extra):
    upload = SimpleUploadedFile("danh-sach.xlsx", data, content_type=XLSX)
    return client.post(reverse("youth_import"), {"file": upload, "unit": unit_pk, **extra})


@pytest.fixture
def reads(monkeypatch):
    """How many times the commit page reads the file itself."""
    calls = []

    def counting(*args, **kwargs):
        calls.append(kwargs.get("filename"))
        return read_report(*args, **kwargs)

    monkeypatch.setattr(import_views, "read_report", counting)
    return calls


def test_the_commit_page_does_not_read_the_file_again(login, unit, reads):
    client = login("officer_a")
    token = check_file(client, unit("18073").pk, form02_with_everything(), default_group="poverty").context["token"]
    assert len(reads) == 1

    response = client.post(reverse("youth_import_commit"), {"token": token})

    assert response.status_code == 302 and len(reads) == 1
    assert Youth.objects.filter(unit=unit("18073")).count() == 8


@pytest.mark.parametrize(
    "spoil",
    [lambda path: path.unlink(), lambda path: path.write_bytes(_flip_a_byte(path.read_bytes()))],
    ids=["missing", "tampered"],
)
def test_without_an_intact_reading_the_commit_page_reads_the_file_again(login, unit, media, reads, spoil):
    client = login("officer_a")
    token = check_file(client, unit("18073").pk, form02_with_everything(), default_group="poverty").context["token"]
    spoil(media / "imports" / f"{token}.parse")

    response = client.post(reverse("youth_import_commit"), {"token": token})

    assert response.status_code == 302 and len(reads) == 2
    assert Youth.objects.filter(unit=unit("18073")).count() == 8
    assert not any((media / "imports").iterdir())


def test_rows_imported_by_someone_else_meanwhile_are_skipped_at_the_commit(login, unit):
    data = files.form02_bytes([files.person(n) for n in range(1, 4)])
    token = check_file(login("officer_a"), unit("18073").pk, data, default_group="poverty").context["token"]
    meanwhile = files.form02_bytes([files.person(n) for n in range(1, 3)])
    other = login("admin_a")
    other.post(
        reverse("youth_import_commit"),
        {"token": check_file(other, unit("18073").pk, meanwhile, default_group="poverty").context["token"]},
    )

    response = login("officer_a").post(reverse("youth_import_commit"), {"token": token})

    assert response.status_code == 302
    assert sorted(Youth.objects.values_list("full_name", flat=True)) == [f"Nguyễn Văn Thử {n}" for n in (1, 2, 3)]


def test_a_record_deleted_meanwhile_is_imported_again_at_the_commit(login, unit, persona):
    first = files.form02_bytes([files.person(1)])
    login("officer_a").post(
        reverse("youth_import_commit"),
        {"token": check_file(login("officer_a"), unit("18073").pk, first, default_group="poverty").context["token"]},
    )
    data = files.form02_bytes([files.person(1), files.person(2)])
    response = check_file(login("officer_a"), unit("18073").pk, data, default_group="poverty")
    assert (response.context["report"].ready, response.context["report"].skipped) == (1, 1)
    services.delete_youth(Youth.objects.get(full_name="Nguyễn Văn Thử 1"), reason="nhầm", by=persona("officer_a"))

    login("officer_a").post(reverse("youth_import_commit"), {"token": response.context["token"]})

    live = Youth.objects.filter(deleted_at__isnull=True).values_list("full_name", flat=True)
    assert sorted(live) == ["Nguyễn Văn Thử 1", "Nguyễn Văn Thử 2"]


def test_a_likely_duplicate_created_meanwhile_is_found_at_the_commit(make_youth, persona, unit):
    data, target = files.form02_bytes([files.person(1), files.person(2)]), unit("18073")
    blob = kept(data, target, default_group="poverty")
    make_youth("Người Khác", code="18685", by="officer_b", phone="0900000002")

    report = check_registry(reuse(blob, data, target, default_group="poverty"), unit=target, user=persona("officer_a"))

    warnings = {p.row: p.message for p in report.problems if p.severity == Severity.WARNING}
    assert list(warnings) == [11] and "another unit" in warnings[11] and "same phone" in warnings[11]
    assert report.can_commit  # a likely duplicate is the officer's call, as in the dry run


def test_a_unit_no_longer_writable_at_the_commit_writes_nothing(login, unit, persona):
    data = files.form02_bytes([files.person(1)])
    token = check_file(login("officer_a"), unit("18073").pk, data, default_group="poverty").context["token"]
    Membership.objects.filter(user=persona("officer_a")).update(unit=unit("18685"))

    response = login("officer_a").post(reverse("youth_import_commit"), {"token": token})

    assert response.status_code == 404
    assert not Youth.objects.exists()
