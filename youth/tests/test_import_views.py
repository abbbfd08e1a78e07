"""The import pages: upload and check, commit, scoping, hostile files answered on the page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from youth.models import RegistryAccess, Youth
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(data: bytes, name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def check_file(client, unit_pk, data: bytes, **extra):
    return client.post(reverse("youth_import"), {"file": upload(data), "unit": unit_pk, **extra})


def test_anonymous_is_sent_to_sign_in(login):
    client = login(None)
    for response in (client.get(reverse("youth_import")), client.post(reverse("youth_import_commit"))):
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["viewer_a", "prov_viewer"])
def test_viewers_cannot_import(login, unit, name):
    client = login(name)
    assert client.get(reverse("youth_import")).status_code == 403
    response = check_file(client, unit("18073").pk, files.form02_bytes([files.person(1)]), default_group="poverty")
    assert response.status_code == 403
    assert client.post(reverse("youth_import_commit"), {"token": "0" * 32}).status_code == 403
    assert not Youth.objects.exists()


def test_a_stranger_importing_into_another_commune_gets_404(login, unit):
    response = check_file(login("officer_b"), unit("18073").pk, files.form02_bytes([files.person(1)]))
    assert response.status_code == 404
    assert login("officer_b").get(reverse("youth_import"), {"unit": unit("18073").pk}).status_code == 404


def test_the_form_offers_the_writable_units_with_the_users_own_first_chosen(login, unit):
    response = login("officer_a").get(reverse("youth_import"))

    assert response.status_code == 200
    form = response.context["form"]
    assert [pk for pk, _name in form.fields["unit"].choices] == [unit("18073").pk]
    assert form["unit"].value() == unit("18073").pk
    assert len(login("prov_officer").get(reverse("youth_import")).context["form"].fields["unit"].choices) > 50


def test_check_then_commit_writes_the_rows_once(login, unit, media):
    client = login("officer_a")
    data = files.form02_bytes([files.person(n) for n in range(1, 4)])

    response = check_file(client, unit("18073").pk, data, default_group="poverty")

    assert response.status_code == 200
    assert response.context["report"].ready == 3
    assert b'data-testid="import-commit"' in response.content
    assert not Youth.objects.exists()
    token = response.context["token"]
    assert (media / "imports" / f"{token}.xlsx").read_bytes() == data

    response = client.post(reverse("youth_import_commit"), {"token": token})

    assert response.status_code == 302
    assert Youth.objects.filter(unit=unit("18073")).count() == 3
    assert RegistryAccess.objects.filter(action="import").count() == 1
    assert not (media / "imports" / f"{token}.xlsx").exists()
    # The same token again: expired, nothing more written.
    again = client.post(reverse("youth_import_commit"), {"token": token})
    assert again.status_code == 302 and again["Location"] == reverse("youth_import")
    assert Youth.objects.count() == 3


def test_a_file_with_errors_shows_them_and_offers_no_commit(login, unit, media):
    rows = [files.person(1), ["", 2001, "", "", "", ""], files.person(3, phone="123")]
    response = check_file(login("officer_a"), unit("18073").pk, files.form02_bytes(rows), default_group="poverty")

    assert response.status_code == 200
    assert b'data-testid="import-blocked"' in response.content
    assert b'data-testid="import-commit"' not in response.content
    assert response.context["token"] == ""
    assert [(p.row, p.column) for s in response.context["sheets"] for p in s["problems"]] == [(11, "B"), (12, "F")]
    assert not (media / "imports").exists() or not any((media / "imports").iterdir())


@pytest.mark.parametrize(
    "data",
    [files.ole2_file(), files.csv_file(), files.zip_bomb(20), b"PK\x03\x04broken", b""],
    ids=["xls", "csv", "zip-bomb", "broken-zip", "empty"],
)
def test_a_hostile_or_broken_file_is_answered_on_the_form(login, unit, data):
    response = check_file(login("officer_a"), unit("18073").pk, data, default_group="poverty")

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Youth.objects.exists()


def test_someone_elses_token_does_not_commit(login, unit):
    response = check_file(
        login("officer_a"), unit("18073").pk, files.form02_bytes([files.person(1)]), default_group="poverty"
    )
    token = response.context["token"]

    other = login("prov_officer").post(reverse("youth_import_commit"), {"token": token})

    assert other.status_code == 302
    assert not Youth.objects.exists()


def test_a_commit_after_someone_else_imported_the_same_rows_writes_nothing(login, unit):
    data = files.form02_bytes([files.person(1)])
    first = check_file(login("officer_a"), unit("18073").pk, data, default_group="poverty").context["token"]
    client = login("admin_a")
    second = check_file(client, unit("18073").pk, data, default_group="poverty").context["token"]
    login("officer_a").post(reverse("youth_import_commit"), {"token": first})

    response = login("admin_a").post(reverse("youth_import_commit"), {"token": second})

    assert response.status_code == 200  # the report again: nothing new to import
    assert Youth.objects.count() == 1


def test_the_template_downloads_as_xlsx_for_every_signed_in_user(login, unit):
    response = login("officer_a").get(reverse("youth_import_template"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"PK")
    assert login("prov_viewer").get(reverse("youth_import_template")).status_code == 200
    assert login("officer_b").get(reverse("youth_import_template"), {"unit": unit("18073").pk}).status_code == 404


def test_an_abandoned_upload_is_deleted_by_the_daily_purge(login, unit, media):
    """Checked but never imported: the file (personal data) goes after an hour even if nobody
    uploads again, by manage.py purge_exports, for every import's store."""
    import os
    import time

    from django.core.management import call_command

    data = files.form02_bytes([files.person(1)])
    response = check_file(login("officer_a"), unit("18073").pk, data, default_group="poverty")
    token = response.context["token"]
    kept = sorted((media / "imports").glob(f"{token}.*"))
    assert kept  # the file and its record
    stray = media / "initiative-imports" / ("0" * 32 + ".xlsx")
    stray.parent.mkdir()
    stray.write_bytes(b"left by a Form 01 check")
    call_command("purge_exports")
    assert all(path.exists() for path in [*kept, stray])  # less than an hour old
    hour_ago = time.time() - 3601
    for path in [*kept, stray]:
        os.utime(path, (hour_ago, hour_ago))
    call_command("purge_exports")
    assert not any(path.exists() for path in [*kept, stray])
