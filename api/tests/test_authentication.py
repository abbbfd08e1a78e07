"""How every operation other than POST /auth/token authenticates: bearer token or session."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.models import ApiToken
from api.tests.support import vi

pytestmark = pytest.mark.django_db

PROTECTED = ["/api/v1/me", "/api/v1/units", "/api/v1/units/1"]


@pytest.mark.parametrize("url", PROTECTED)
def test_anonymous_gets_401_in_json_not_a_redirect_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 401
    assert response.json() == {"detail": vi("Sign in required: send a valid API token or sign in to the site.")}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/no-such-thing"])
def test_unknown_path_gets_404_in_json_not_a_redirect_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json() == {"detail": vi("Not found.")}


def test_bearer_token_authenticates(bearer):
    response = bearer("officer_a").get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["username"] == "officer_a"


def test_session_authenticates(login):
    response = login("officer_b").get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["username"] == "officer_b"


def test_bearer_token_wins_over_the_session(login, token_for):
    client = login("officer_b")

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token_for('officer_a')}"})

    assert response.json()["username"] == "officer_a"


def test_expired_token_gets_401(token_for):
    secret = token_for("officer_a")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 401


@pytest.mark.parametrize("header", ["Bearer garbage", "Bearer ", "Token abc", "Basic b2ZmaWNlcl9hOng="])
def test_garbage_token_gets_401(header):
    response = Client().get("/api/v1/me", headers={"Authorization": header})

    assert response.status_code == 401


def test_token_of_a_deactivated_account_gets_401(token_for, persona):
    secret = token_for("officer_a")
    user = persona("officer_a")
    user.is_active = False
    user.save()

    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 401


def test_last_used_at_is_written_at_most_once_a_minute(token_for):
    client = Client(headers={"Authorization": f"Bearer {token_for('officer_a')}"})
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        client.get("/api/v1/me")
        first = ApiToken.objects.get().last_used_at
    with time_machine.travel(start + timedelta(seconds=59), tick=False):
        client.get("/api/v1/me")
        assert ApiToken.objects.get().last_used_at == first
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        client.get("/api/v1/me")
        assert ApiToken.objects.get().last_used_at == start + timedelta(seconds=61)

    assert first == start
