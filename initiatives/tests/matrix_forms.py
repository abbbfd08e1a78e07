"""Permission-matrix rows: forms (merged by initiatives/tests/matrix.py)."""

from __future__ import annotations

MATRIX: dict = {}
API_MATRIX: dict = {}
