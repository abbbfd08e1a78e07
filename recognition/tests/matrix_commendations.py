"""Permission-matrix rows: recognition commendations (merged by recognition/tests/matrix.py).

Everyone signed in reads the list (their own subtree's commendations) and exports it (without
?unit=, their own first unit). The form opens for those who may write somewhere; an empty POST
re-shows it with its errors. Commune A's commendation is changed by its officers and the
province's; the province viewer is refused (403), commune B's officer does not see it (404).
"""

from __future__ import annotations

from recognition.tests.matrix_objects import commendation_kwargs
from tests.matrix_common import EVERYONE, RECORD_WRITE, RECORD_WRITE_DONE, RECORD_WRITE_PAGE

MATRIX: dict = {
    "commendation_list": [("get", None, EVERYONE)],
    "commendation_create": [("get", None, RECORD_WRITE_PAGE), ("post", None, RECORD_WRITE_PAGE)],
    "commendation_edit": [("get", commendation_kwargs, RECORD_WRITE), ("post", commendation_kwargs, RECORD_WRITE)],
    "commendation_delete": [
        ("get", commendation_kwargs, RECORD_WRITE),
        ("post", commendation_kwargs, RECORD_WRITE_DONE),
    ],
    "commendation_export": [("get", lambda: {"fmt": "xlsx"}, EVERYONE)],
}
API_MATRIX: dict = {}
