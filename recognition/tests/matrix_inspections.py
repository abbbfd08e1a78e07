"""Permission-matrix rows: recognition inspections (merged by recognition/tests/matrix.py).

The draw is the province's (so neither commune sees it); the inspection is the province's of
commune A (so officer_b is the stranger, and officer_a reads it and closes its follow-ups but
does not inspect their own unit).
"""

from __future__ import annotations

from recognition.tests.matrix_objects import draw_kwargs, follow_up_kwargs, inspection_kwargs
from tests.matrix_common import EVERYONE, LOGIN, expect

NOT_GET = expect(LOGIN, 405, 405, 405, 405, 405)
# The union above inspects: the province's officers; commune A's own officer is refused.
INSPECTORS = expect(LOGIN, 403, 200, 200, 403, 404)
# The province draws: a commune union has no unit below it to draw.
DRAWERS = expect(LOGIN, 403, 200, 200, 403, 403)
PROVINCE_DRAW = expect(LOGIN, 200, 200, 200, 404, 404)

MATRIX: dict = {
    "inspection_list": [("get", None, EVERYONE)],
    # Without ?unit= the page asks for the unit: those who inspect some unit below them.
    "inspection_create": [("get", None, DRAWERS), ("post", None, DRAWERS)],
    "inspection_detail": [("get", inspection_kwargs, expect(LOGIN, 200, 200, 200, 200, 404))],
    # An empty POST: the form again, with its errors.
    "inspection_edit": [("get", inspection_kwargs, INSPECTORS), ("post", inspection_kwargs, INSPECTORS)],
    "followup_add": [("get", inspection_kwargs, NOT_GET), ("post", inspection_kwargs, INSPECTORS)],
    # The inspected unit's officers may close a follow-up too.
    "followup_close": [
        ("get", follow_up_kwargs, NOT_GET),
        ("post", follow_up_kwargs, expect(LOGIN, 403, 200, 200, 200, 404)),
    ],
    "draw_list": [("get", None, EVERYONE)],
    "draw_create": [("get", None, DRAWERS), ("post", None, DRAWERS)],
    "draw_detail": [("get", draw_kwargs, PROVINCE_DRAW)],
    "draw_redraw": [("get", draw_kwargs, NOT_GET), ("post", draw_kwargs, expect(LOGIN, 403, 200, 200, 404, 404))],
}
API_MATRIX: dict = {}
