"""Every URL pattern × every persona. A pattern missing from MATRIX fails the test.

Personas: anonymous, the province viewer/officer/admin, the officer of commune A (Thành Sen)
and of its sibling commune B (Cẩm Bình). Objects are those of commune A, so B is the stranger.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from units.models import Unit

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "prov_viewer", "prov_officer", "prov_admin", "officer_a", "officer_b"]
LOGIN = "login"  # 302 to the sign-in page


def expect(anonymous, prov_viewer, prov_officer, prov_admin, officer_a, officer_b):
    return dict(zip(PERSONAS, [anonymous, prov_viewer, prov_officer, prov_admin, officer_a, officer_b], strict=True))


def unit_a():
    return {"pk": Unit.objects.in_force().get(code="18073").pk}


def account_a():
    return {"pk": User.objects.get(username="officer_a").pk}


def membership_a():
    return {"pk": User.objects.get(username="officer_a").memberships.get().pk}


EVERYONE = expect(LOGIN, 200, 200, 200, 200, 200)
UNIT_READ = expect(LOGIN, 200, 200, 200, 200, 404)
UNIT_ADMIN = expect(LOGIN, 403, 403, 200, 403, 404)
ADMIN_PAGE = expect(LOGIN, 403, 403, 200, 403, 403)
ACCOUNT_READ = expect(LOGIN, 404, 404, 200, 404, 404)
ACCOUNT_WRITE = expect(LOGIN, 404, 404, 302, 404, 404)
PUBLIC = expect(200, 200, 200, 200, 200, 200)

# url name -> [(method, kwargs factory, expected status per persona)]
MATRIX = {
    "home": [("get", None, EVERYONE)],
    "unit_list": [("get", None, EVERYONE)],
    "unit_detail": [("get", unit_a, UNIT_READ)],
    "unit_edit": [("get", unit_a, UNIT_ADMIN), ("post", unit_a, UNIT_ADMIN)],
    "unit_create": [("get", unit_a, UNIT_ADMIN), ("post", unit_a, UNIT_ADMIN)],
    "unit_move": [("get", unit_a, UNIT_ADMIN), ("post", unit_a, UNIT_ADMIN)],
    "unit_close": [("get", unit_a, UNIT_ADMIN), ("post", unit_a, UNIT_ADMIN)],
    "login": [("get", None, expect(200, 302, 302, 302, 302, 302))],
    "logout": [
        ("get", None, expect(LOGIN, 405, 405, 405, 405, 405)),
        ("post", None, expect(302, 302, 302, 302, 302, 302)),
    ],
    "password_change": [("get", None, EVERYONE)],
    "password_change_done": [("get", None, EVERYONE)],
    "password_reset": [("get", None, PUBLIC)],
    "password_reset_done": [("get", None, PUBLIC)],
    "password_reset_confirm": [("get", lambda: {"uidb64": "MQ", "token": "set-password"}, PUBLIC)],
    "password_reset_complete": [("get", None, PUBLIC)],
    "set_language": [("post", None, expect(302, 302, 302, 302, 302, 302))],
    "account_list": [("get", None, ADMIN_PAGE)],
    "account_create": [("get", None, ADMIN_PAGE), ("post", None, ADMIN_PAGE)],
    "account_detail": [("get", account_a, ACCOUNT_READ)],
    "account_edit": [("get", account_a, ACCOUNT_READ), ("post", account_a, ACCOUNT_READ)],
    "account_set_active": [
        ("get", account_a, expect(LOGIN, 405, 405, 405, 405, 405)),
        ("post", account_a, ACCOUNT_WRITE),
    ],
    "membership_grant": [("post", account_a, ACCOUNT_WRITE)],
    "membership_revoke": [("post", membership_a, ACCOUNT_WRITE)],
    "audit_log": [("get", None, ADMIN_PAGE)],
}


def all_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else f"<unnamed {pattern.pattern}>")
    return names


def html_url_names():
    return {name for name in all_url_names() if not name.startswith("api")}


def test_every_url_pattern_is_in_the_matrix():
    assert html_url_names() == set(MATRIX), "add the new URL to MATRIX with its expected statuses"


CASES = [
    (name, method, factory, persona, status)
    for name, rows in MATRIX.items()
    for method, factory, expected in rows
    for persona, status in expected.items()
]


@pytest.mark.parametrize(
    ("name", "method", "factory", "persona_name", "status"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[3]}" for c in CASES],
)
def test_permission(client, persona, name, method, factory, persona_name, status):
    if persona_name != "anonymous":
        client.force_login(persona(persona_name))
    url = reverse(name, kwargs=factory() if factory else None)
    response = getattr(client, method)(url)
    if status == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == status
