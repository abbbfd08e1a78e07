"""GET /units and GET /units/{unit_id}: the union tree, within the caller's scope."""

# No `from __future__ import annotations` here: @paginate wraps the view in a function of
# ninja's module, and ninja resolves string annotations in the wrapper's globals, where
# UnitFilters is unknown. Real annotations need no resolving.

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from api.pagination import Page
from api.schemas import AUTH_ERRORS, ErrorOut, InvalidOut, UnitDetailOut, UnitFilters, UnitOut
from units.models import Unit
from units.scoping import get_for_user

router = Router(tags=["units"])


def attach_parent_ids(units: list[Unit]) -> None:
    """Set `parent_id` on each unit, read off its path: one query for the whole list.

    A parent may lie above the caller's scope (an officer's own commune hangs under the
    province); its id is still the true parent_id.
    """
    parents = Unit.objects.ancestors_by_path(units, parents_only=True)
    for unit in units:
        parent = parents.get(unit.path[: -Unit.steplen])
        unit.parent_id = parent.pk if parent else None


@router.get("/units", response={200: list[UnitOut], **AUTH_ERRORS, 404: ErrorOut, 422: InvalidOut})
@paginate(Page, prepare=attach_parent_ids)
def list_units(request: HttpRequest, filters: Query[UnitFilters]):
    """The units in the caller's scope that are in force on `at` (today by default), in tree order.

    `parent` outside the caller's scope answers 404, like a missing one.
    """
    units = Unit.objects.visible_to(request.user).in_force(filters.at)
    if filters.parent is not None:
        parent = get_for_user(Unit, request.user, filters.parent)
        units = units.children_of(parent)
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.q:
        units = units.search(filters.q)
    return units


@router.get("/units/{unit_id}", response={200: UnitDetailOut, **AUTH_ERRORS, 404: ErrorOut, 422: InvalidOut})
def get_unit(request: HttpRequest, unit_id: int):
    """One unit with its document headers and its links across restructurings."""
    unit = get_for_user(Unit, request.user, unit_id)
    attach_parent_ids([unit])
    # Ids of either era, in scope or not: Thành Sen's predecessors hang under a former district
    # its officer cannot open (404), yet the link itself is part of this unit's record.
    unit.successor_ids = list(unit.successors.values_list("pk", flat=True))
    unit.predecessor_ids = list(unit.predecessors.values_list("pk", flat=True))
    return unit
