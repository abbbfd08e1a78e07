"""Permission-matrix rows: evidence (merged by initiatives/tests/matrix.py).

Files and links of commune A's initiative under way: its writers (province officer and admin,
officer A) add and delete, everyone who may see it downloads, the viewer gets 403 on writes
and officer B, the stranger, 404 everywhere.
"""

from __future__ import annotations

from initiatives.choices import Status
from initiatives.tests.matrix_objects import evidence_kwargs, initiative_kwargs
from tests.matrix_common import LOGIN, RECORD_WRITE, RECORD_WRITE_DONE, UNIT_READ, expect

UNDER_WAY = initiative_kwargs(Status.UNDER_WAY)

MATRIX: dict = {
    # An empty POST re-shows the form with what is missing.
    "evidence_add": [("get", UNDER_WAY, RECORD_WRITE), ("post", UNDER_WAY, RECORD_WRITE)],
    "evidence_link_add": [("get", UNDER_WAY, RECORD_WRITE), ("post", UNDER_WAY, RECORD_WRITE)],
    "confirmation_edit": [("get", UNDER_WAY, RECORD_WRITE), ("post", UNDER_WAY, RECORD_WRITE)],
    "evidence_delete": [
        ("get", evidence_kwargs(), expect(LOGIN, 405, 405, 405, 405, 405)),
        ("post", evidence_kwargs(), RECORD_WRITE_DONE),
        ("post", evidence_kwargs("link"), RECORD_WRITE_DONE),
    ],
    "evidence_file": [("get", evidence_kwargs(), UNIT_READ)],
    "evidence_thumbnail": [("get", evidence_kwargs(), UNIT_READ)],
}
API_MATRIX: dict = {}
