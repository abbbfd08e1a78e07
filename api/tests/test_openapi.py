"""GET /api/v1/openapi.json and /api/v1/docs."""

from __future__ import annotations

import json
import re

import pytest

from api.snapshot import SNAPSHOT_PATH, render_openapi

pytestmark = pytest.mark.django_db


def test_schema_matches_the_committed_snapshot(client):
    """If this fails after a deliberate API change: `manage.py export_openapi`, review, commit."""
    served = client.get("/api/v1/openapi.json")

    assert served.status_code == 200  # public: it describes the API, not its data
    committed = SNAPSHOT_PATH.read_text(encoding="utf-8")
    assert served.json() == json.loads(committed)
    assert render_openapi() == committed


def test_docs_page_is_behind_the_sites_sign_in(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 302
    assert "/api/v1/docs" in response["Location"]


def test_docs_page_is_served_locally_without_inline_script(login):
    response = login("officer_a").get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    # Nothing is loaded from another origin (a CSRF token may contain any letters, so look at URLs).
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)
    # Every script is a file from this site, or data that is never run (the Swagger settings).
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert "style=" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
