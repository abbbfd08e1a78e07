from __future__ import annotations

import pytest

from youth.models import Youth

pytestmark = pytest.mark.django_db


def body(unit, **changes):
    data = {
        "unit": unit.pk,
        "full_name": "Nguyễn Văn Ân",
        "birth_year": 2004,
        "sex": "male",
        "phone": "0912 345 678",
        "citizen_id": "042204001234",
        "circumstances": "Hoàn cảnh riêng",
        "groups": [{"code": "poverty", "details": {"household_kind": "near_poor", "certificate_year": 2025}}],
        "needs": [{"code": "job", "priority": 1}],
    }
    data.update(changes)
    return data


def test_create_read_update_delete(client, token_for, unit):
    headers = {"Authorization": f"Bearer {token_for('officer_a')}"}
    response = client.post("/api/v1/youth", body(unit("18073")), content_type="application/json", headers=headers)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["phone"] == "0912345678"
    assert created["groups"] == [
        {"code": "poverty", "details": {"household_kind": "near_poor", "certificate_year": 2025}}
    ]
    youth_id = created["id"]
    response = client.get(f"/api/v1/youth/{youth_id}", headers=headers)
    assert response.json()["citizen_id"] == "042204001234"
    update = body(unit("18073"), full_name="Nguyễn Văn Ấn", version=created["version"])
    response = client.put(f"/api/v1/youth/{youth_id}", update, content_type="application/json", headers=headers)
    assert response.status_code == 200
    stale = client.put(f"/api/v1/youth/{youth_id}", update, content_type="application/json", headers=headers)
    assert stale.status_code == 409
    response = client.delete(f"/api/v1/youth/{youth_id}?reason=Nhập trùng", headers=headers)
    assert response.status_code == 204
    assert Youth.objects.get(pk=youth_id).deleted_at is not None


def test_list_search_and_masking(client, token_for, unit):
    client.post(
        "/api/v1/youth",
        body(unit("18073")),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for('officer_a')}"},
    )
    response = client.get(
        "/api/v1/youth", {"q": "NGUYEN VAN AN"}, headers={"Authorization": f"Bearer {token_for('prov_viewer')}"}
    )
    item = response.json()["items"][0]
    assert item["full_name"] == "Nguyễn Văn Ân"
    assert item["masked"] is True
    assert item["citizen_id"] != "042204001234"
    assert item["circumstances"] != "Hoàn cảnh riêng"
    assert item["groups"] == [{"code": "poverty", "details": {}}]
    assert (
        client.get("/api/v1/youth", headers={"Authorization": f"Bearer {token_for('officer_b')}"}).json()["count"] == 0
    )


def test_validation_errors_are_422_and_duplicates_409(client, token_for, unit):
    headers = {"Authorization": f"Bearer {token_for('officer_a')}"}
    bad = client.post(
        "/api/v1/youth", body(unit("18073"), phone="123"), content_type="application/json", headers=headers
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["phone"]
    client.post("/api/v1/youth", body(unit("18073")), content_type="application/json", headers=headers)
    again = client.post("/api/v1/youth", body(unit("18073")), content_type="application/json", headers=headers)
    assert again.status_code == 409
    assert again.json()["duplicates"][0]["unit"] == "Đoàn phường Thành Sen"
    confirmed = body(unit("18073"), confirm_duplicates=True)
    assert client.post("/api/v1/youth", confirmed, content_type="application/json", headers=headers).status_code == 201


def test_scoping(client, token_for, unit):
    created = client.post(
        "/api/v1/youth",
        body(unit("18073")),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for('officer_a')}"},
    ).json()
    assert (
        client.get(
            f"/api/v1/youth/{created['id']}", headers={"Authorization": f"Bearer {token_for('officer_b')}"}
        ).status_code
        == 404
    )
    response = client.post(
        "/api/v1/youth",
        body(unit("18073")),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for('officer_b')}"},
    )
    assert response.status_code == 404
    response = client.post(
        "/api/v1/youth",
        body(unit("42")),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for('prov_viewer')}"},
    )
    assert response.status_code == 403
