"""Permission-matrix rows: recognition evaluation and the library (merged by recognition/tests/matrix.py).

The evaluation is the union above's: the province's officers and admins; commune A's own
officer is refused (403) and commune B's does not see the initiative (404). The library is the
one exception to subtree scoping: every signed-in user reads it, commune B included.
"""

from __future__ import annotations

from recognition.tests.matrix_objects import recognised_kwargs, reported_kwargs
from tests.matrix_common import EVERYONE, LOGIN, expect

MATRIX: dict = {
    "evaluation_list": [("get", None, EVERYONE)],
    "initiative_evaluate": [
        ("get", reported_kwargs, expect(LOGIN, 403, 200, 200, 403, 404)),
        # An empty assessment is a valid one (nothing ticked): saved, back to the page.
        ("post", reported_kwargs, expect(LOGIN, 403, 302, 302, 403, 404)),
    ],
    "library": [("get", None, EVERYONE)],
    "library_detail": [("get", recognised_kwargs, EVERYONE)],
    "library_replicate": [
        ("get", recognised_kwargs, expect(LOGIN, 405, 405, 405, 405, 405)),
        # Into the user's own unit; a viewer writes nowhere.
        ("post", recognised_kwargs, expect(LOGIN, 403, 302, 302, 302, 302)),
    ],
}
API_MATRIX: dict = {}
