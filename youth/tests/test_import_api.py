"""POST /api/v1/youth/import: dry run and commit, scoping, errors as JSON."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve

from accounts.models import ApiToken
from youth.models import Youth
from youth.tests import import_files as files

pytestmark = pytest.mark.django_db
URL = "/api/v1/youth/import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def api(persona):
    """api("officer_a") -> a client sending that persona's bearer token."""

    def client_for(username: str | None) -> Client:
        if username is None:
            return Client()
        _token, secret = ApiToken.issue(persona(username))
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return client_for


def send(client: Client, data: bytes | None, **fields):
    body = {key: str(value) for key, value in fields.items()}
    if data is not None:
        body["file"] = SimpleUploadedFile("ds.xlsx", data, content_type=XLSX)
    return client.post(URL, body)


def test_the_import_path_reaches_the_import_operation():
    # "/youth/{youth_id}" must not swallow "/youth/import": register the import router first in
    # api/api.py, or declare the other paths as "/youth/{int:youth_id}".
    assert resolve(URL).url_name == "import_youth", resolve(URL).url_name


FILE = files.form02_bytes([files.person(n) for n in range(1, 4)])


def test_a_dry_run_reports_and_writes_nothing(api, unit):
    response = send(api("officer_a"), FILE, unit=unit("18073").pk, default_group="poverty")

    assert response.status_code == 200
    body = response.json()
    assert {k: body[k] for k in ("dry_run", "rows_read", "ready", "created", "skipped")} == {
        "dry_run": True,
        "rows_read": 3,
        "ready": 3,
        "created": 0,
        "skipped": 0,
    }
    assert body["errors"] == []
    assert not Youth.objects.exists()


def test_a_commit_writes_then_the_same_file_again_creates_nothing(api, unit):
    client = api("officer_a")
    first = send(client, FILE, default_group="poverty", dry_run="false").json()
    again = send(client, FILE, default_group="poverty", dry_run="false").json()

    assert (first["created"], again["created"], again["skipped"]) == (3, 0, 3)
    assert [p["severity"] for p in again["errors"]] == ["info"] * 3
    assert Youth.objects.filter(unit=unit("18073")).count() == 3  # the caller's own unit by default


def test_errors_come_back_with_sheet_row_and_column_and_nothing_is_written(api):
    data = files.form02_bytes([files.person(1), ["", 2001, "", "", "0123", ""]])

    body = send(api("officer_a"), data, default_group="poverty", dry_run="false").json()

    assert body["created"] == 0
    assert [(e["sheet"], e["row"], e["column"], e["severity"]) for e in body["errors"]] == [
        ("Biểu mẫu 02", 11, "B", "error"),
        ("Biểu mẫu 02", 11, "F", "error"),
    ]
    assert body["errors"][0]["header"] == "Họ và tên"
    assert not Youth.objects.exists()


def test_an_unreadable_file_answers_400_with_a_message(api):
    response = send(api("officer_a"), files.ole2_file())

    assert response.status_code == 400
    assert ".xlsx" in response.json()["detail"]


def test_a_missing_file_answers_422(api):
    response = send(api("officer_a"), None)

    assert response.status_code == 422
    assert response.json()["errors"]


def test_an_unknown_default_group_answers_422(api):
    assert send(api("officer_a"), FILE, default_group="elderly").status_code == 422


@pytest.mark.parametrize(
    ("username", "status"),
    [(None, 401), ("prov_viewer", 403), ("viewer_a", 403), ("officer_b", 404), ("prov_officer", 200), ("admin_a", 200)],
)
def test_importing_into_thanh_sen_per_persona(api, unit, username, status):
    response = send(api(username), FILE, unit=unit("18073").pk, default_group="poverty")

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
