"""Permission-matrix rows: cycle pages (merged by cycle/tests/matrix.py).

Objects come from cycle/tests/matrix_objects.py (commune A's, so officer_b is the stranger).
"""

from __future__ import annotations

from cycle.tests.matrix_objects import submission_kwargs, with_a_year, year_kwargs
from tests.matrix_common import ADMIN_PAGE, EVERYONE, LOGIN, UNIT_READ, expect

NOT_GET = expect(LOGIN, 405, 405, 405, 405, 405)
# Anyone who writes somewhere may try; the service then decides (here: no data, back to the page).
SUBMIT = expect(LOGIN, 403, 302, 302, 302, 302)
# The union above: province officers and admins; commune A has no unit below it to judge.
REVIEWERS = expect(LOGIN, 403, 200, 200, 403, 403)

MATRIX: dict = {
    "cycle_home": [
        ("get", None, EVERYONE),  # no year yet: the message
        ("get", with_a_year, expect(LOGIN, 302, 302, 302, 302, 302)),
    ],
    "cycle_year": [("get", year_kwargs, EVERYONE)],
    "submission_submit": [("get", year_kwargs, NOT_GET), ("post", year_kwargs, SUBMIT)],
    "extension_grant": [("get", year_kwargs, REVIEWERS), ("post", year_kwargs, REVIEWERS)],
    "year_edit": [("get", year_kwargs, ADMIN_PAGE), ("post", year_kwargs, ADMIN_PAGE)],
    "submission_detail": [("get", submission_kwargs, UNIT_READ)],
    "submission_review": [
        ("get", submission_kwargs, NOT_GET),
        # No decision given: the page again for the union above; the unit itself may not judge.
        ("post", submission_kwargs, expect(LOGIN, 403, 200, 200, 403, 404)),
    ],
    "period_list": [("get", None, EVERYONE)],
    "period_create": [("get", None, ADMIN_PAGE), ("post", None, ADMIN_PAGE)],
    "year_create": [("get", None, ADMIN_PAGE), ("post", None, ADMIN_PAGE)],
    "notification_list": [("get", None, EVERYONE)],
    "notification_read": [("get", None, NOT_GET), ("post", None, expect(LOGIN, 302, 302, 302, 302, 302))],
}
API_MATRIX: dict = {}
