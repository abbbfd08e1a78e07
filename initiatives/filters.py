"""The initiatives list as the page filters it: scoped first, then narrowed by the query string."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, QuerySet

from initiatives.choices import Domain, Status
from initiatives.models import Initiative, InitiativeYear
from units.models import Unit
from units.scoping import get_for_user
from youth.choices import TargetGroup

FILTER_KEYS = ("q", "year", "domain", "status", "unit", "group", "order")

# order value -> the list's ORDER BY; the first is the default (what changed last, first).
ORDERS = {
    "updated": ("-updated_at", "-pk"),
    "name": ("name_key", "pk"),
    "unit": ("unit_path", "name_key", "pk"),
}


def filter_initiatives(user, params: Mapping[str, Any]) -> tuple[QuerySet[Initiative], dict[str, Any]]:
    """Initiatives `user` may see, narrowed by every filter but the status (see `by_status`).

    An unknown value of a filter is ignored; a unit outside the user's scope answers 404.
    """
    initiatives = Initiative.objects.visible_to(user)
    filters: dict[str, Any] = {key: str(params.get(key) or "").strip() for key in FILTER_KEYS}
    if filters["unit"]:
        scope = get_for_user(Unit, user, filters["unit"])
        initiatives = initiatives.filter(unit_path__startswith=scope.path)
        filters["unit_obj"] = scope
    if filters["year"].isdecimal():
        initiatives = initiatives.filter(years__year=int(filters["year"]))
    else:
        filters["year"] = ""
    if filters["domain"] in Domain.values:
        initiatives = initiatives.filter(domain=filters["domain"])
    if filters["group"] in TargetGroup.values:
        initiatives = initiatives.serving(filters["group"])
    if filters["status"] not in Status.values:
        filters["status"] = ""
    if filters["order"] not in ORDERS:
        filters["order"] = "updated"
    return initiatives.search(filters["q"]), filters


def by_status(initiatives: QuerySet[Initiative], status: str) -> QuerySet[Initiative]:
    """The status filter, applied apart so that the counts per status can ignore it."""
    return initiatives.filter(status=status) if status in Status.values else initiatives


def status_counts(initiatives: QuerySet[Initiative]) -> dict[str, int]:
    """How many of `initiatives` are in each status, in one query."""
    rows = initiatives.order_by().values_list("status").annotate(n=Count("pk"))
    found = dict(rows)
    return {code: found.get(code, 0) for code in Status.values}


def year_choices(user) -> list[int]:
    """The years some initiative the user may see is registered for, newest first."""
    years = (
        InitiativeYear.objects.filter(initiative__in=Initiative.objects.visible_to(user))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return list(years)
