"""Permission-matrix rows: cycle pages (merged by cycle/tests/matrix.py)."""

from __future__ import annotations

MATRIX: dict = {}
API_MATRIX: dict = {}
