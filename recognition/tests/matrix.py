"""Recognition's rows of the permission matrix (merged by tests/test_permission_matrix.py)."""

from __future__ import annotations

from recognition.tests import matrix_commendations, matrix_evaluation, matrix_inspections

MATRIX: dict = {}
API_MATRIX: dict = {}
for _part in (matrix_evaluation, matrix_inspections, matrix_commendations):
    MATRIX.update(_part.MATRIX)
    API_MATRIX.update(_part.API_MATRIX)
