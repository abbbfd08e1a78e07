"""The yearly cycle's rows of the permission matrix (merged by tests/test_permission_matrix.py)."""

from __future__ import annotations

from cycle.tests import matrix_dashboards, matrix_pages

MATRIX: dict = {}
API_MATRIX: dict = {}
for _part in (matrix_pages, matrix_dashboards):
    MATRIX.update(_part.MATRIX)
    API_MATRIX.update(_part.API_MATRIX)
