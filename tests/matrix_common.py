"""What the permission matrices share: the personas, the expected-status rows, the objects.

Each app's matrix module (e.g. `initiatives/tests/matrix.py`) builds on these; the test in
`test_permission_matrix.py` merges them and fails on any URL or API operation none lists.
"""

from __future__ import annotations

from accounts.models import User
from units.models import Unit

PERSONAS = ["anonymous", "prov_viewer", "prov_officer", "prov_admin", "officer_a", "officer_b"]
LOGIN = "login"  # 302 to the sign-in page


def expect(anonymous, prov_viewer, prov_officer, prov_admin, officer_a, officer_b):
    return dict(zip(PERSONAS, [anonymous, prov_viewer, prov_officer, prov_admin, officer_a, officer_b], strict=True))


def unit_a():
    return {"pk": Unit.objects.in_force().get(code="18073").pk}


def youth_a():
    from youth import services
    from youth.models import Youth

    existing = Youth.objects.filter(full_name="Người Thử Ma Trận").first()
    if existing is None:
        existing = services.create_youth(
            Unit.objects.in_force().get(code="18073"),
            {"full_name": "Người Thử Ma Trận", "birth_year": 2003},
            groups={"poverty": {}},
            by=User.objects.get(username="officer_a"),
        )
    return {"pk": existing.pk}


EVERYONE = expect(LOGIN, 200, 200, 200, 200, 200)
UNIT_READ = expect(LOGIN, 200, 200, 200, 200, 404)
UNIT_ADMIN = expect(LOGIN, 403, 403, 200, 403, 404)
ADMIN_PAGE = expect(LOGIN, 403, 403, 200, 403, 403)
ACCOUNT_READ = expect(LOGIN, 404, 404, 200, 404, 404)
ACCOUNT_WRITE = expect(LOGIN, 404, 404, 302, 404, 404)
PUBLIC = expect(200, 200, 200, 200, 200, 200)
RECORD_WRITE_PAGE = expect(LOGIN, 403, 200, 200, 200, 200)  # may write somewhere: the form opens
RECORD_WRITE = expect(LOGIN, 403, 200, 200, 200, 404)  # a record of commune A
RECORD_WRITE_DONE = expect(LOGIN, 403, 302, 302, 302, 404)
DELETED_RECORD = expect(LOGIN, 404, 302, 302, 302, 404)  # the bin is for those who may write
API_READ = expect(401, 200, 200, 200, 200, 200)
API_UNIT = expect(401, 200, 200, 200, 200, 404)
EVERYONE_404 = expect(404, 404, 404, 404, 404, 404)
