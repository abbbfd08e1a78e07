"""Permission-matrix rows: forms (merged by initiatives/tests/matrix.py).

Forms 01 and 03 are read: every signed-in persona opens the export page (a choice for another
unit is scoped like the API, tested in test_exports.py). A job's pages are its requester's
alone. The Form 01 import is for those who may write somewhere; an empty POST re-shows the
form, a commit without a token goes back to it.
"""

from __future__ import annotations

from initiatives.tests.matrix_objects import form_export_job_kwargs
from tests.matrix_common import API_UNIT, EVERYONE, LOGIN, RECORD_WRITE_PAGE, expect, unit_a

JOB = form_export_job_kwargs()
REQUESTER_ONLY = expect(LOGIN, 404, 404, 404, 200, 404)

MATRIX: dict = {
    "initiative_export": [("get", None, EVERYONE), ("post", None, EVERYONE)],
    "initiative_export_job": [("get", JOB, REQUESTER_ONLY)],
    "initiative_export_job_download": [("get", JOB, REQUESTER_ONLY)],
    "initiative_import": [("get", None, RECORD_WRITE_PAGE), ("post", None, RECORD_WRITE_PAGE)],
    "initiative_import_commit": [
        ("get", None, expect(LOGIN, 405, 405, 405, 405, 405)),
        ("post", None, expect(LOGIN, 403, 302, 302, 302, 302)),
    ],
    "initiative_import_template": [("get", None, EVERYONE)],
    # Reached with the site's session and no query: unit and year are missing.
    "api:form01": [("get", lambda: {"fmt": "xlsx"}, expect(401, 422, 422, 422, 422, 422))],
    "api:form03": [("get", lambda: {"fmt": "pdf"}, expect(401, 422, 422, 422, 422, 422))],
}


def _form(fmt: str):
    return lambda: {"fmt": f"{fmt}?unit={unit_a()['pk']}&year=2026"}


API_MATRIX: dict = {
    "GET /api/v1/forms/01.{fmt}": (_form("xlsx"), None, API_UNIT),
    "GET /api/v1/forms/03.{fmt}": (_form("docx"), None, API_UNIT),
}
