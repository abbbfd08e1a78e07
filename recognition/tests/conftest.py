from __future__ import annotations

import datetime

from cycle.tests.conftest import programme_year  # noqa: F401  (fixtures, shared)
from initiatives.tests.conftest import make_initiative  # noqa: F401
from recognition import services
from recognition.models import Commendation
from youth.tests.conftest import make_youth  # noqa: F401

YEAR = 2026


def commend(persona, unit, *, code="18073", by="officer_a", initiatives=(), **fields) -> Commendation:
    """A commendation saved through the service: commune A's officer praising one person in 2026."""
    data = {
        "year": YEAR,
        "level": "commune",
        "form": "praise",
        "recipient_kind": "individual",
        "recipient_name": "Nguyễn Thị Lan",
        "reason": "Tích cực giúp đỡ thanh niên khuyết tật.",
        "decision_number": "15-QĐ/ĐTN",
        "decision_date": datetime.date(YEAR, 5, 12),
        **fields,
    }
    return services.save_commendation(Commendation(unit=unit(code), **data), list(initiatives), by=persona(by))
