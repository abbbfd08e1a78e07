"""Rows for lists, counts and exports, all from the scoped querysets (one definition each)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from units.models import Unit
from units.scoping import get_for_user
from youth.choices import ConsentState, Need, Status, TargetGroup
from youth.models import Youth, format_address, format_birth
from youth.privacy import MASK, sensitive_paths

FILTER_KEYS = ("q", "group", "unit", "status", "need", "age", "consent")


def filter_registry(user, params: Mapping[str, Any]) -> tuple[QuerySet[Youth], dict[str, Any]]:
    """The registry as the list page and the API filter it: scoped, then narrowed by `params`.

    An unknown value of a filter is ignored; a unit outside the user's scope answers 404.
    """
    youth = Youth.objects.visible_to(user)
    filters: dict[str, Any] = {key: str(params.get(key) or "").strip() for key in FILTER_KEYS}
    if filters["unit"]:
        scope = get_for_user(Unit, user, filters["unit"])
        youth = youth.filter(unit_path__startswith=scope.path)
        filters["unit_obj"] = scope
    if filters["group"] in TargetGroup.values:
        youth = youth.in_group(filters["group"])
    if filters["status"] in Status.values:
        youth = youth.filter(status=filters["status"])
    if filters["need"] in Need.values:
        youth = youth.filter(needs__need=filters["need"])
    if filters["consent"] in ConsentState.values:
        youth = youth.filter(consent_state=filters["consent"])
    if filters["age"]:
        youth = youth.in_age_band(filters["age"])
    return youth.search(filters["q"]), filters


def registry_for(user, unit: Unit) -> QuerySet[Youth]:
    """The live records of `unit`'s subtree that `user` may see, in unit then name order."""
    return (
        Youth.objects.visible_to(user)
        .filter(unit_path__startswith=unit.path)
        .select_related("unit")
        .order_by("unit_path", "sort_key", "pk")
    )


def counts_by_group(queryset: QuerySet[Youth]) -> dict[str, int]:
    return queryset.count_by_group()  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Form02Row:
    """One line of Biểu mẫu 02, already masked for the reader."""

    number: int
    youth_id: int
    full_name: str
    birth: str
    circumstances: str
    address: str
    phone: str
    notes: str
    unit_name: str


def form02_queryset(user, unit: Unit) -> QuerySet[Youth]:
    """Named export: a youth who withdrew consent is left out."""
    return registry_for(user, unit).exclude(consent_state=ConsentState.WITHDRAWN)


def form02_rows(user, unit: Unit, *, chunk_size: int = 2000):
    """Biểu mẫu 02 rows for `unit`'s subtree, streamed in constant memory, masked for `user`.

    Plain tuples, not model objects: at 100,000 rows building two objects per row cost more
    than writing the file.
    """
    paths = tuple(sensitive_paths(user))
    rows = form02_queryset(user, unit).values_list(
        "pk", "full_name", "birth_date", "birth_year", "circumstances", "notes", "phone",
        "village", "address_detail", "unit_path", "unit__name", "unit__place_name",
    )  # fmt: skip
    for number, row in enumerate(rows.iterator(chunk_size=chunk_size), start=1):
        pk, name, born_on, born_in, circumstances, notes, phone, village, detail, path, unit_name, place = row
        sensitive = bool(paths) and path.startswith(paths)
        yield Form02Row(
            number=number,
            youth_id=pk,
            full_name=name,
            birth=format_birth(born_on, born_in),
            circumstances=circumstances if sensitive else MASK,
            address=format_address(detail, village, place),
            phone=phone,
            notes=notes if sensitive else MASK,
            unit_name=unit_name,
        )
