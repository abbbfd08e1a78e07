"""Permission-matrix rows: recognition inspections (merged by recognition/tests/matrix.py)."""

from __future__ import annotations

MATRIX: dict = {}
API_MATRIX: dict = {}
