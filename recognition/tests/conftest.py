from __future__ import annotations

from cycle.tests.conftest import programme_year  # noqa: F401  (fixtures, shared)
from initiatives.tests.conftest import make_initiative  # noqa: F401
from youth.tests.conftest import make_youth  # noqa: F401
