"""Odd values in query strings and bodies get an answer, never a server error.

"²" passes `str.isdigit()` but not `int()`; a NUL passes SQLite but PostgreSQL refuses it in
text (CI runs these on both)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from initiatives.choices import Status
from youth.models import Youth

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "²"  # a digit to str.isdigit(), not to int()


@pytest.mark.parametrize(
    "url",
    [
        "/initiatives/?year=²",
        "/library/?year=²",
        "/commendations/?year=²",
        "/commendations/export.xlsx?year=²",
        "/inspections/?year=²",
        "/inspections/draws/?year=²",
        "/recognition/?year=²",
        "/cycle/years/new/?period=²",
        "/initiatives/import/template.xlsx?year=²",
    ],
)
def test_a_number_that_is_not_one_is_ignored_or_not_found(login, url):
    assert login("prov_admin").get(url).status_code in (200, 302, 404)


def test_a_number_that_is_not_one_in_an_initiatives_forms(login, make_initiative):
    initiative = make_initiative(status=Status.UNDER_WAY)
    client = login("officer_a")
    for url in (f"/initiatives/{initiative.pk}/steps/new/?step=²", f"/initiatives/{initiative.pk}/youth/?youth=²"):
        assert client.get(url).status_code == 200, url
    assert client.post(reverse("notification_read"), {"notification": SUPERSCRIPT_TWO}).status_code in (302, 404)


@pytest.mark.parametrize("url", ["/youth/", "/initiatives/", "/units/", "/accounts/", "/library/", "/api/v1/youth"])
def test_a_nul_in_a_query_string_answers_400_in_vietnamese(login, url):
    response = login("prov_admin").get(url, {"q": "a\x00b"})
    assert response.status_code == 400
    assert "ký tự rỗng" in response.content.decode()


def test_a_nul_in_a_json_body_answers_400_before_anything_is_recorded(client):
    from axes.models import AccessAttempt

    escaped = '{"username": "officer_a\\u0000", "password": "x"}'  # as JSON writes it
    raw = b'{"username": "officer_a\x00", "password": "x"}'
    for body in (escaped, raw):
        # The API reads the body as JSON whatever type the client declares.
        for content_type in ("application/json", "text/plain", "application/vnd.api+json"):
            assert client.post("/api/v1/auth/token", body, content_type=content_type).status_code == 400
    assert not AccessAttempt.objects.exists()
    # An escaped backslash followed by "u0000" is text, not a NUL: the sign-in goes on (and fails).
    text = '{"username": "officer_a\\\\u0000", "password": "x"}'
    assert client.post("/api/v1/auth/token", text, content_type="application/json").status_code == 401


def test_a_nul_typed_in_a_form_is_refused_by_the_form_in_vietnamese_keeping_the_rest(login, unit):
    response = login("officer_a").post(
        reverse("youth_create"), {"unit": unit("18073").pk, "full_name": "An\x00 Bình", "birth_year": "2004"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không được chứa ký tự rỗng" in html and 'value="2004"' in html
    assert not Youth.objects.exists()


def test_a_form_sent_from_an_expired_page_is_explained_in_vietnamese(persona):
    """A form opened before signing in again fails Django's CSRF check: the page says what
    happened and how to get the typed text back, not Django's English "Forbidden"."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("officer_a"))
    response = client.post(reverse("youth_create"), {"full_name": "Nguyễn Văn An"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Trang đã hết hiệu lực" in html and "Quay lại" in html
    assert "CSRF verification failed" not in html
