"""Every URL pattern × every persona. A pattern missing from MATRIX fails the test.

Personas: anonymous, the province viewer/officer/admin, the officer of commune A (Thành Sen)
and of its sibling commune B (Cẩm Bình). Objects are those of commune A, so B is the stranger.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import ApiToken, User
from api.api import api
from cycle.tests import matrix as cycle_matrix
from initiatives.tests import matrix as initiative_matrix
from recognition.tests import matrix as recognition_matrix
from tests.matrix_common import (
    ACCOUNT_READ,
    ACCOUNT_WRITE,
    ADMIN_PAGE,
    API_READ,
    API_UNIT,
    DELETED_RECORD,
    EVERYONE,
    EVERYONE_404,
    LOGIN,
    PUBLIC,
    RECORD_WRITE,
    RECORD_WRITE_DONE,
    RECORD_WRITE_PAGE,
    UNIT_ADMIN,
    UNIT_READ,
    expect,
    unit_a,
    youth_a,
)
from units.models import Unit

pytestmark = pytest.mark.django_db


def account_a():
    return {"pk": User.objects.get(username="officer_a").pk}


def deleted_youth_a():
    from youth import services
    from youth.models import Youth

    youth = Youth.objects.get(pk=youth_a()["pk"])
    if youth.deleted_at is None:
        services.delete_youth(youth, reason="thử", by=User.objects.get(username="officer_a"))
    return {"pk": youth.pk}


def consent_a():
    from youth import services
    from youth.models import Youth

    youth = Youth.objects.get(pk=youth_a()["pk"])
    consent = youth.consents.first() or services.record_consent(
        youth,
        {"by_subject": True, "given_on": datetime.date(2026, 1, 1), "method": "written", "for_support": True},
        by=User.objects.get(username="officer_a"),
    )
    return {"pk": consent.pk}


def export_job_a():
    from youth import exports

    officer = User.objects.get(username="officer_a")
    unit = Unit.objects.in_force().get(code="18073")
    job = exports.start_job(exports.KIND, "xlsx", unit, total=0, names=exports.names(unit, "xlsx"), by=officer)
    exports.build_form02.call(str(job.pk))
    return {"pk": job.pk}


def membership_a():
    return {"pk": User.objects.get(username="officer_a").memberships.get().pk}


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
    "youth_list": [("get", None, EVERYONE)],
    "youth_create": [("get", None, RECORD_WRITE_PAGE), ("post", None, RECORD_WRITE_PAGE)],
    "youth_bin": [("get", None, RECORD_WRITE_PAGE)],
    "youth_detail": [("get", youth_a, UNIT_READ)],
    "youth_edit": [("get", youth_a, RECORD_WRITE), ("post", youth_a, RECORD_WRITE)],
    "youth_delete": [("get", youth_a, RECORD_WRITE), ("post", youth_a, RECORD_WRITE)],
    "youth_merge": [("post", youth_a, RECORD_WRITE_DONE)],
    "youth_restore": [("post", deleted_youth_a, DELETED_RECORD)],
    "youth_purge": [("post", deleted_youth_a, expect(LOGIN, 404, 403, 302, 403, 404))],
    "consent_add": [("get", youth_a, RECORD_WRITE), ("post", youth_a, RECORD_WRITE)],
    "consent_withdraw": [("post", consent_a, RECORD_WRITE_DONE)],
    # Form 02: without ?unit= each user exports their own first unit.
    "youth_export": [
        ("get", lambda: {"fmt": "xlsx"}, EVERYONE),
        ("post", lambda: {"fmt": "xlsx"}, expect(LOGIN, 302, 302, 302, 302, 302)),
    ],
    "youth_export_job": [("get", export_job_a, expect(LOGIN, 404, 404, 404, 200, 404))],
    "youth_export_job_download": [("get", export_job_a, expect(LOGIN, 404, 404, 404, 200, 404))],
    "api:form02": [("get", lambda: {"fmt": "xlsx"}, expect(401, 422, 422, 422, 422, 422))],
    "youth_import": [
        ("get", None, RECORD_WRITE_PAGE),
        ("post", None, RECORD_WRITE_PAGE),  # no file: the form again, with its errors
    ],
    "youth_import_commit": [
        ("get", None, expect(LOGIN, 405, 405, 405, 405, 405)),
        ("post", None, expect(LOGIN, 403, 302, 302, 302, 302)),  # no token: back to the form
    ],
    "youth_import_template": [("get", None, EVERYONE)],
    "api:import_youth": [("post", None, expect(401, 403, 422, 422, 422, 422))],
    # The API, reached here with the site's session; the token is checked in API_MATRIX below.
    "api:api-root": [("get", None, EVERYONE_404)],
    "api:not-found": [("get", None, EVERYONE_404)],
    "api:openapi-json": [("get", None, PUBLIC)],
    "api:openapi-view": [("get", None, EVERYONE)],
    "api:issue_token": [("post", None, expect(422, 422, 422, 422, 422, 422))],
    "api:me": [("get", None, API_READ)],
    "api:list_units": [("get", None, API_READ)],
    "api:get_unit": [("get", lambda: {"unit_id": unit_a()["pk"]}, API_UNIT)],
    # Bodies and tokens are exercised in API_MATRIX; here, the session and an empty body.
    "api:list_youth": [("get", None, API_READ)],
    "api:create_youth": [("post", None, expect(401, 422, 422, 422, 422, 422))],
    "api:get_youth": [("get", lambda: {"youth_id": youth_a()["pk"]}, API_UNIT)],
    "api:update_youth": [("put", lambda: {"youth_id": youth_a()["pk"]}, expect(401, 422, 422, 422, 422, 422))],
    "api:delete_youth": [("delete", lambda: {"youth_id": youth_a()["pk"]}, expect(401, 422, 422, 422, 422, 422))],
}


def youth_body(version=None):
    def build():
        body = {
            "unit": unit_a()["pk"],
            "full_name": "Người Mới Qua API",
            "birth_year": 2001,
            "groups": [{"code": "unemployment", "details": {}}],
        }
        if version:
            from youth.models import Youth

            body["version"] = Youth.objects.get(pk=youth_a()["pk"]).version
        return body

    return build


# Every operation of the OpenAPI document, called with each persona's bearer token:
# operation -> (path parameters, JSON body, expected status per persona).
API_MATRIX = {
    "POST /api/v1/auth/token": (None, None, expect(422, 422, 422, 422, 422, 422)),
    "GET /api/v1/me": (None, None, API_READ),
    "GET /api/v1/units": (None, None, API_READ),
    "GET /api/v1/units/{unit_id}": (lambda: {"unit_id": unit_a()["pk"]}, None, API_UNIT),
    "GET /api/v1/youth": (None, None, API_READ),
    "GET /api/v1/forms/02.{fmt}": (lambda: {"fmt": f"xlsx?unit={unit_a()['pk']}"}, None, API_UNIT),
    # Multipart, so exercised with a real file in youth/tests/test_import_api.py; here the
    # gate: a viewer is refused before the body is read, everyone else is told what is missing.
    "POST /api/v1/youth/import": (None, None, expect(401, 403, 422, 422, 422, 422)),
    "POST /api/v1/youth": (None, youth_body(), expect(401, 403, 201, 201, 201, 404)),
    "GET /api/v1/youth/{youth_id}": (lambda: {"youth_id": youth_a()["pk"]}, None, API_UNIT),
    "PUT /api/v1/youth/{youth_id}": (
        lambda: {"youth_id": youth_a()["pk"]},
        youth_body(version=True),
        expect(401, 403, 200, 200, 200, 404),
    ),
    "DELETE /api/v1/youth/{youth_id}": (
        lambda: {"youth_id": f"{youth_a()['pk']}?reason=th%E1%BB%AD"},
        None,
        expect(401, 403, 204, 204, 204, 404),
    ),
}


# Each app with many pages keeps its rows beside its tests.
for _module in (initiative_matrix, recognition_matrix, cycle_matrix):
    MATRIX.update(_module.MATRIX)
    API_MATRIX.update(_module.API_MATRIX)


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


def test_every_url_pattern_is_in_the_matrix():
    assert all_url_names() == set(MATRIX), "add the new URL to MATRIX with its expected statuses"


def test_every_api_operation_is_in_the_matrix():
    operations = {
        f"{method.upper()} {path}" for path, methods in api.get_openapi_schema()["paths"].items() for method in methods
    }
    assert operations == set(API_MATRIX), "add the new operation to API_MATRIX with its expected statuses"


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
    extra = {"content_type": "application/json"} if name.startswith("api:") and method != "get" else {}
    response = getattr(client, method)(url, **extra)
    if status == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == status


API_CASES = [
    (operation, factory, body, persona, status)
    for operation, (factory, body, expected) in API_MATRIX.items()
    for persona, status in expected.items()
]


@pytest.mark.parametrize(
    ("operation", "factory", "body", "persona_name", "status"),
    API_CASES,
    ids=[f"{c[0]}-{c[3]}" for c in API_CASES],
)
def test_api_permission_with_a_token(client, persona, operation, factory, body, persona_name, status):
    method, path = operation.split(" ", 1)
    headers = {}
    if persona_name != "anonymous":
        _, secret = ApiToken.issue(persona(persona_name))
        headers["Authorization"] = f"Bearer {secret}"
    url = path.format(**(factory() if factory else {}))
    data = body() if body else None
    response = getattr(client, method.lower())(url, data, headers=headers, content_type="application/json")
    assert response.status_code == status, response.content
    if status >= 400:  # refusals are JSON; successes may be files (Form 02)
        assert response["Content-Type"].startswith("application/json")
