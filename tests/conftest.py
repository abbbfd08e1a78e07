from __future__ import annotations

from initiatives.tests.conftest import make_initiative  # noqa: F401  (fixtures, shared)
from youth.tests.conftest import make_youth  # noqa: F401
