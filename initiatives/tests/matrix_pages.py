"""Permission-matrix rows: pages (merged by initiatives/tests/matrix.py).

Objects of commune A: its writers (province officer and admin, officer A) read and change them,
the province viewer reads (403 on changes) and officer B, the stranger, gets 404. An empty POST
re-shows the form with what is missing (200); a POST that acts redirects (302).
"""

from __future__ import annotations

from initiatives.choices import Status
from initiatives.tests.matrix_objects import (
    activity_kwargs,
    beneficiary_kwargs,
    initiative_kwargs,
    step_entry_kwargs,
)
from tests.matrix_common import (
    EVERYONE,
    LOGIN,
    RECORD_WRITE,
    RECORD_WRITE_DONE,
    RECORD_WRITE_PAGE,
    UNIT_READ,
    expect,
)

DRAFT = initiative_kwargs(Status.DRAFT)
UNDER_WAY = initiative_kwargs(Status.UNDER_WAY)
POST_ONLY = expect(LOGIN, 405, 405, 405, 405, 405)

MATRIX: dict = {
    "initiative_list": [("get", None, EVERYONE)],
    "initiative_create": [("get", None, RECORD_WRITE_PAGE), ("post", None, RECORD_WRITE_PAGE)],
    "initiative_detail": [("get", DRAFT, UNIT_READ), ("get", UNDER_WAY, UNIT_READ)],
    "initiative_edit": [("get", DRAFT, RECORD_WRITE), ("post", DRAFT, RECORD_WRITE)],
    "initiative_results": [("get", UNDER_WAY, RECORD_WRITE), ("post", UNDER_WAY, RECORD_WRITE)],
    # A draft is deleted by whoever may write it.
    "initiative_delete": [("get", DRAFT, RECORD_WRITE), ("post", DRAFT, RECORD_WRITE_DONE)],
    # Without an action the move is refused and the page shown again with the reason.
    "initiative_transition": [("get", DRAFT, POST_ONLY), ("post", DRAFT, RECORD_WRITE)],
    # Everyone with a unit to write in may replicate what they see; the viewer has none.
    "initiative_replicate": [("get", UNDER_WAY, POST_ONLY), ("post", UNDER_WAY, RECORD_WRITE_DONE)],
    "initiative_youth_search": [("get", DRAFT, RECORD_WRITE)],
    "step_add": [("get", DRAFT, RECORD_WRITE), ("post", DRAFT, RECORD_WRITE)],
    "step_delete": [("get", step_entry_kwargs(), POST_ONLY), ("post", step_entry_kwargs(), RECORD_WRITE_DONE)],
    "activity_add": [("get", UNDER_WAY, RECORD_WRITE), ("post", UNDER_WAY, RECORD_WRITE)],
    "activity_delete": [("get", activity_kwargs(), POST_ONLY), ("post", activity_kwargs(), RECORD_WRITE_DONE)],
    "beneficiary_add": [("get", UNDER_WAY, RECORD_WRITE), ("post", UNDER_WAY, RECORD_WRITE)],
    "beneficiary_edit": [("get", beneficiary_kwargs(), RECORD_WRITE), ("post", beneficiary_kwargs(), RECORD_WRITE)],
    "beneficiary_remove": [
        ("get", beneficiary_kwargs(), POST_ONLY),
        ("post", beneficiary_kwargs(), RECORD_WRITE_DONE),
    ],
}
API_MATRIX: dict = {}
