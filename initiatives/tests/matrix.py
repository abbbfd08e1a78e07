"""The initiatives' rows of the permission matrix (merged by tests/test_permission_matrix.py).

Each part keeps its own rows: pages, evidence, forms (01/03 and the import), the API.
Objects are those of commune A (Thành Sen), so officer_b is the stranger; factories are in
`initiatives/tests/matrix_objects.py`.
"""

from __future__ import annotations

from initiatives.tests import matrix_api, matrix_evidence, matrix_forms, matrix_pages

# url name -> [(method, kwargs factory, expected status per persona)]
MATRIX: dict = {}
# "METHOD /api/v1/path" -> (path parameters factory, JSON body factory, expected status per persona)
API_MATRIX: dict = {}
for _part in (matrix_pages, matrix_evidence, matrix_forms, matrix_api):
    MATRIX.update(_part.MATRIX)
    API_MATRIX.update(_part.API_MATRIX)
