"""Objects of commune A (Thành Sen) for the permission matrix, created on first use.

Each factory returns the URL kwargs of its object. A test of the matrix may change an object
(a POST moves an initiative along), so each factory brings it back to the state it promises.
"""

from __future__ import annotations

import datetime

from accounts.models import User
from initiatives import services, workflow
from initiatives.choices import Status
from initiatives.models import Initiative
from units.models import Unit

NAME = "Mô hình thử ma trận"


def _officer(username: str = "officer_a") -> User:
    return User.objects.get(username=username)


def initiative_a(status: str = Status.DRAFT) -> Initiative:
    """An initiative of commune A in `status` (a fresh one per status)."""
    name = f"{NAME} ({status})"
    existing = Initiative.objects.filter(name=name).first()
    if existing is not None and existing.status == status:
        return existing
    if existing is not None:
        existing.delete()
    initiative = services.create_initiative(
        Unit.objects.in_force().get(code="18073"),
        {
            "name": name,
            "domain": "learning",
            "kind": "vocational",
            "person_in_charge": "Phan Thị Thu",
            "content": "Hướng nghiệp miễn phí cho thanh niên.",
            "expected_results": "20 thanh niên được hướng nghiệp.",
            "start_date": datetime.date(2026, 3, 1),
        },
        by=_officer(),
        groups=["unemployment"],
        years=[2026],
    )
    route = {
        Status.DRAFT: [],
        Status.REGISTERED: [("submit", "officer_a")],
        Status.ACCEPTED: [("submit", "officer_a"), ("accept", "prov_officer")],
        Status.UNDER_WAY: [("submit", "officer_a"), ("accept", "prov_officer"), ("start", "officer_a")],
    }[status]
    for action, who in route:
        initiative = workflow.apply(initiative, action, by=_officer(who))
    return initiative


def initiative_kwargs(status: str = Status.DRAFT):
    """A factory for the matrix: {"pk": <initiative of commune A in `status`>}."""
    return lambda: {"pk": initiative_a(status).pk}
