from __future__ import annotations

from youth.tests.conftest import make_youth  # noqa: F401  (a fixture, shared)
