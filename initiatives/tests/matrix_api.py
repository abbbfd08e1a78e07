"""Permission-matrix rows: api (merged by initiatives/tests/matrix.py).

The initiatives are those of commune A; officer_b is the stranger (404), the province viewer
may only read (403 on writes). The provincial officer and admin write in A's subtree, but only
the implementing unit's officer submits.
"""

from __future__ import annotations

from django.utils import timezone

from initiatives.choices import Status
from initiatives.tests.matrix_objects import api_initiative, confirmation_scan_a, initiative_a
from tests.matrix_common import API_READ, API_UNIT, expect, unit_a

WRITTEN = expect(401, 403, 200, 200, 200, 404)
CREATED = expect(401, 403, 201, 201, 201, 404)
# Through the site's session with an empty body: the body is checked before anything else.
NO_BODY = expect(401, 422, 422, 422, 422, 422)
# Multipart: a viewer is refused before the body is read, the stranger does not find it,
# everyone else is told what is missing (exercised with real files in test_api.py).
UPLOAD = expect(401, 403, 422, 422, 422, 404)

FIELDS = {
    "name": "Mô hình mới qua API",
    "domain": "health",
    "kind": "insurance_cards",
    "person_in_charge": "Lê Thị Mai",
    "content": "Vận động tặng thẻ bảo hiểm y tế.",
    "expected_results": "30 thẻ BHYT.",
    "target_groups": ["poverty"],
}


def initiative_body():
    # A year the pages' form offers (last year to next year).
    return {**FIELDS, "unit": unit_a()["pk"], "years": [timezone.localdate().year]}


def update_body():
    return {**FIELDS, "version": initiative_a(Status.DRAFT).version}


def activity_body():
    return {"held_on": "2026-04-12", "description": "Khám sức khỏe miễn phí.", "unnamed_count": 5}


def confirmation_body():
    return {
        "confirmer_name": "Nguyễn Văn Bình",
        "confirmer_title": "Chủ tịch UBND phường",
        "confirmed_on": "2026-09-30",
        "scan": confirmation_scan_a(),
    }


DRAFT_A = api_initiative(Status.DRAFT)
UNDER_WAY_A = api_initiative(Status.UNDER_WAY)

MATRIX: dict = {
    "api:list_initiatives": [("get", None, API_READ)],
    "api:create_initiative": [("post", None, NO_BODY)],
    "api:get_initiative": [("get", DRAFT_A, API_UNIT)],
    "api:update_initiative": [("put", DRAFT_A, NO_BODY)],
    "api:transition_initiative": [("post", DRAFT_A, NO_BODY)],
    "api:replicate_initiative": [("post", DRAFT_A, NO_BODY)],
    "api:confirm_initiative_results": [("put", UNDER_WAY_A, NO_BODY)],
    "api:list_initiative_activities": [("get", UNDER_WAY_A, API_UNIT)],
    "api:create_initiative_activity": [("post", UNDER_WAY_A, NO_BODY)],
    "api:list_initiative_evidence": [("get", UNDER_WAY_A, API_UNIT)],
    "api:upload_initiative_evidence": [("post", UNDER_WAY_A, UPLOAD)],
}

API_MATRIX: dict = {
    "GET /api/v1/initiatives": (None, None, API_READ),
    "POST /api/v1/initiatives": (None, initiative_body, CREATED),
    "GET /api/v1/initiatives/{initiative_id}": (DRAFT_A, None, API_UNIT),
    "PUT /api/v1/initiatives/{initiative_id}": (DRAFT_A, update_body, WRITTEN),
    # Only commune A's own officer submits; the union above reviews (test_api.py maps the rest).
    "POST /api/v1/initiatives/{initiative_id}/transitions": (
        DRAFT_A,
        lambda: {"action": "submit", "comment": ""},
        expect(401, 403, 403, 403, 200, 404),
    ),
    # Into one's own unit only: commune A is the province officers' subtree, not their own unit.
    "POST /api/v1/initiatives/{initiative_id}/replicate": (
        DRAFT_A,
        lambda: {"unit": unit_a()["pk"]},
        expect(401, 403, 422, 422, 201, 404),
    ),
    "PUT /api/v1/initiatives/{initiative_id}/confirmation": (UNDER_WAY_A, confirmation_body, WRITTEN),
    "GET /api/v1/initiatives/{initiative_id}/activities": (UNDER_WAY_A, None, API_UNIT),
    "POST /api/v1/initiatives/{initiative_id}/activities": (UNDER_WAY_A, activity_body, CREATED),
    "GET /api/v1/initiatives/{initiative_id}/evidence": (UNDER_WAY_A, None, API_UNIT),
    "POST /api/v1/initiatives/{initiative_id}/evidence": (UNDER_WAY_A, None, UPLOAD),
}
