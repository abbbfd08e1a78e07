"""GET /api/v1/me."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_shows_the_user_and_their_memberships(bearer, persona, unit):
    user = persona("officer_a")
    thanh_sen = unit("18073")

    body = bearer("officer_a").get("/api/v1/me").json()

    assert body == {
        "id": user.pk,
        "username": "officer_a",
        "full_name": "Người thử officer_a",
        "email": "officer_a@example.vn",
        "memberships": [
            {
                "id": user.memberships.get().pk,
                "unit_id": thanh_sen.pk,
                "unit_name": "Đoàn phường Thành Sen",
                "unit_code": "18073",
                "role": "officer",
            }
        ],
    }


def test_province_admin_holds_admin_at_the_province(bearer, unit):
    memberships = bearer("prov_admin").get("/api/v1/me").json()["memberships"]

    assert [(m["unit_id"], m["unit_code"], m["role"]) for m in memberships] == [(unit("42").pk, "42", "admin")]


def test_never_shows_the_password(bearer):
    body = bearer("officer_a").get("/api/v1/me").json()

    assert "password" not in body
