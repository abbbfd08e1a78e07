"""API test helpers on top of the root conftest's personas."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import ApiToken


@pytest.fixture
def token_for(persona):
    """token_for("officer_a") -> a fresh bearer token secret for that persona."""

    def issue(username: str) -> str:
        return ApiToken.issue(persona(username))[1]

    return issue


@pytest.fixture
def bearer(token_for):
    """bearer("officer_a") -> a test client sending that persona's token with every request."""

    def client_for(username: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {token_for(username)}"})

    return client_for
