"""POST /api/v1/auth/token."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from api.tests.support import vi
from conftest import PASSWORD

URL = "/api/v1/auth/token"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lockout_settings(settings):
    """The production defaults, whatever the environment of the test run says."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = 15 / 60  # hours


def post(client: Client, username: str, password: str, **extra):
    return client.post(URL, {"username": username, "password": password}, content_type="application/json", **extra)


def test_right_password_gets_a_token_that_works(client, persona):
    response = post(client, "officer_a", PASSWORD)

    assert response.status_code == 200
    body = response.json()
    token = ApiToken.objects.get(key_hash=ApiToken.hash(body["token"]))
    assert token.user == persona("officer_a")
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    me = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.json()["username"] == "officer_a"


def test_only_the_hash_of_the_token_is_stored(client):
    secret = post(client, "officer_a", PASSWORD).json()["token"]

    assert not ApiToken.objects.filter(key_hash=secret).exists()


def test_needs_no_csrf_token():
    response = post(Client(enforce_csrf_checks=True), "officer_a", PASSWORD)

    assert response.status_code == 200


def test_wrong_password_gets_401(client):
    response = post(client, "officer_a", "not-the-password")

    assert response.status_code == 401
    assert response.json() == {"detail": vi("Wrong username or password.")}
    assert not ApiToken.objects.exists()


def test_unknown_username_gets_the_same_401(client):
    wrong_password = post(client, "officer_a", "not-the-password")
    unknown_user = post(client, "nobody", "not-the-password")

    assert unknown_user.status_code == 401
    assert unknown_user.json() == wrong_password.json()


def test_inactive_user_gets_401(client, persona):
    user = persona("officer_a")
    user.is_active = False
    user.save()

    response = post(client, "officer_a", PASSWORD)

    assert response.status_code == 401
    assert response.json() == {"detail": vi("Wrong username or password.")}


def test_missing_password_gets_422(client):
    response = client.post(URL, {"username": "officer_a"}, content_type="application/json")

    assert response.status_code == 422
    assert response.json()["detail"] == vi("The request is not valid.")
    assert response.json()["errors"][0]["loc"] == ["body", "payload", "password"]


def test_fifth_failure_locks_out_with_429_in_json(client):
    statuses = [post(client, "officer_a", f"wrong-{n}").status_code for n in range(5)]

    assert statuses == [401, 401, 401, 401, 429]
    locked = post(client, "officer_a", PASSWORD)  # even the right password, until the cool-off
    assert locked.status_code == 429
    assert locked["Content-Type"].startswith("application/json")
    assert locked["Retry-After"] == str(15 * 60)
    assert "15" in locked.json()["detail"]
    assert not ApiToken.objects.exists()


def test_without_a_cool_off_the_lock_waits_for_an_administrator(client, settings):
    settings.AXES_COOLOFF_TIME = None
    for n in range(5):
        post(client, "officer_a", f"wrong-{n}")

    locked = post(client, "officer_a", PASSWORD)

    assert locked.status_code == 429
    assert locked.json() == {"detail": vi("Too many failed attempts. Ask an administrator to unlock your account.")}
    assert "Retry-After" not in locked


def test_lock_is_keyed_on_username_and_address(client):
    for n in range(5):
        post(client, "officer_a", f"wrong-{n}", REMOTE_ADDR="10.1.1.1")

    assert post(client, "officer_a", PASSWORD, REMOTE_ADDR="10.1.1.1").status_code == 429
    # The commune office shares one NAT address: a colleague there can still sign in...
    assert post(client, "officer_b", PASSWORD, REMOTE_ADDR="10.1.1.1").status_code == 200
    # ...and the same person can from elsewhere.
    assert post(client, "officer_a", PASSWORD, REMOTE_ADDR="10.2.2.2").status_code == 200


def test_success_clears_the_earlier_failures(client):
    for n in range(4):
        post(client, "officer_a", f"wrong-{n}")
    assert post(client, "officer_a", PASSWORD).status_code == 200

    statuses = [post(client, "officer_a", f"again-{n}").status_code for n in range(4)]

    assert statuses == [401, 401, 401, 401]
