from __future__ import annotations

import pytest

from cycle.models import Period, ProgrammeYear
from initiatives.tests.conftest import make_initiative  # noqa: F401  (a fixture, shared)
from youth.tests.conftest import make_youth  # noqa: F401


@pytest.fixture
def programme_year(db):
    """programme_year(2026) -> the year with the guideline's deadlines (20/03, 10/10)."""

    def make(year: int = 2026, **fields):
        period, _ = Period.objects.get_or_create(name="Giai đoạn 2026–2030", start_year=2026, end_year=2030)
        found = ProgrammeYear.objects.filter(year=year).first()
        if found:
            return found
        return ProgrammeYear.objects.create(
            period=period, year=year, registration_deadline=None, results_deadline=None, **fields
        )

    return make
