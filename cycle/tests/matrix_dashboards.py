"""Permission-matrix rows: the compliance board, the dashboard and the yearly report (merged by
cycle/tests/matrix.py). Without `?unit=` each user sees their own first unit, so every signed-in
persona gets a page; `?unit=` outside the user's scope answers 404 (cycle/tests/test_dashboards.py)."""

from __future__ import annotations

from tests.matrix_common import LOGIN, expect

EVERYONE = expect(LOGIN, 200, 200, 200, 200, 200)
READ_ONLY = expect(LOGIN, 405, 405, 405, 405, 405)


def programme_year():
    """{"year": 2026}, the programme year created if missing."""
    from cycle.models import Period, ProgrammeYear

    period, _ = Period.objects.get_or_create(name="Giai đoạn 2026–2030", start_year=2026, end_year=2030)
    ProgrammeYear.objects.get_or_create(
        year=2026, defaults={"period": period, "registration_deadline": None, "results_deadline": None}
    )
    return {"year": 2026}


def report_xlsx():
    return programme_year() | {"fmt": "xlsx"}


MATRIX: dict = {
    "dashboard": [("get", None, EVERYONE), ("post", None, READ_ONLY)],
    "compliance_board": [("get", programme_year, EVERYONE), ("post", programme_year, READ_ONLY)],
    "compliance_export": [("get", programme_year, EVERYONE), ("post", programme_year, READ_ONLY)],
    "cycle_report": [("get", report_xlsx, EVERYONE), ("post", report_xlsx, READ_ONLY)],
}
API_MATRIX: dict = {}
