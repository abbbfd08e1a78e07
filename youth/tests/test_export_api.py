"""GET /api/v1/forms/02.{fmt}?unit=<id>: the same scoping, masking and audit as the pages."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client

from accounts.models import ApiToken
from reports import renderers
from youth.models import RegistryAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(persona):
    """api("officer_a") -> a client sending that persona's bearer token."""

    def client_for(username: str | None) -> Client:
        if username is None:
            return Client()
        return Client(headers={"Authorization": f"Bearer {ApiToken.issue(persona(username))[1]}"})

    return client_for


@pytest.fixture
def records(make_youth):
    return [make_youth("Nguyễn Văn Bình", circumstances="Mồ côi cha", notes="Ghi chú riêng")]


def body_cells(content: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [[c.value for c in row] for row in sheet.iter_rows() if isinstance(row[0].value, int)]


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [(fmt, spec.content_type) for fmt, spec in renderers.FORMATS.items()],
)
def test_each_format_downloads_with_its_content_type(api, unit, records, fmt, content_type):
    response = api("officer_a").get(f"/api/v1/forms/02.{fmt}", {"unit": unit("18073").pk})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="bieu-mau-02_18073_')
    assert f".{fmt}\"; filename*=UTF-8''Bi%E1%BB%83u%20m%E1%BA%ABu%2002" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)


def test_viewer_gets_sensitive_columns_masked(api, unit, records):
    response = api("prov_viewer").get("/api/v1/forms/02.xlsx", {"unit": unit("18073").pk})
    [row] = body_cells(b"".join(response.streaming_content))
    assert row[:3] == [1, "Nguyễn Văn Bình", "••••••"]
    assert row[5] == "••••••"


def test_officer_sees_the_details_and_the_export_is_audited(api, unit, persona, records):
    response = api("officer_a").get("/api/v1/forms/02.xlsx", {"unit": unit("18073").pk})
    [row] = body_cells(b"".join(response.streaming_content))
    assert row[2] == "Mồ côi cha"
    access = RegistryAccess.objects.get()
    assert (access.user, access.record_ids, access.detail) == (persona("officer_a"), [records[0].pk], "form02.xlsx")


def test_stranger_gets_404_and_anonymous_401(api, unit, records):
    assert api("officer_b").get("/api/v1/forms/02.xlsx", {"unit": unit("18073").pk}).status_code == 404
    assert api(None).get("/api/v1/forms/02.xlsx", {"unit": unit("18073").pk}).status_code == 401
    assert RegistryAccess.objects.count() == 0


def test_unit_is_required_and_format_checked(api):
    assert api("officer_a").get("/api/v1/forms/02.xlsx").status_code == 422
    assert api("officer_a").get("/api/v1/forms/02.csv", {"unit": 1}).status_code == 422


def test_over_the_row_limit_answers_422_pointing_to_xlsx(api, unit, records, monkeypatch):
    monkeypatch.setitem(renderers.FORMATS, "docx", renderers.Format("docx", "application/x-test", 0))
    response = api("officer_a").get("/api/v1/forms/02.docx", {"unit": unit("18073").pk})
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "row_limit"
    assert ".xlsx" in response.json()["detail"]
