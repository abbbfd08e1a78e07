"""Scoping: the one mechanism that limits a user to the subtrees of their memberships.

Every record of every app belongs to a unit. A user holds roles at units; each role gives
capabilities over the unit's whole subtree. Querysets filter with `subtree_q`, views fetch
single objects with `get_for_user`, so an object outside the user's scope answers 404 exactly
like a missing one, and an in-scope object the user may only read answers 403 on writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q
from django.db.models.enums import TextChoices
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


class Capability(TextChoices):
    READ = "read"  # see the records of the subtree
    WRITE = "write"  # create and change the records of the subtree
    ADMIN = "admin"  # manage the units, accounts and memberships of the subtree


def minimal_paths(paths: Iterable[str]) -> list[str]:
    """Drop paths already covered by a shorter one: {A, AB, C} -> [A, C]."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def subtree_q(paths: Iterable[str], path_field: str) -> Q:
    """A filter matching rows whose unit path lies under any of `paths` (nothing if none)."""
    query = Q(pk__in=[])
    for path in minimal_paths(paths):
        query |= Q(**{f"{path_field}__startswith": path})
    return query


# Models that keep a copy of their unit's path (`unit_path`), so that scoping a large table is
# one index range on that table, not a join. A move of a unit rewrites the copies below it.
PATH_COPIES: list[type[Model]] = []


def register_path_copy(model: type[Model]) -> type[Model]:
    """Class decorator: `model.unit_path` mirrors `model.unit.path`."""
    PATH_COPIES.append(model)
    return model


def rewrite_path_copies(old_path: str, new_path: str) -> None:
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    for model in PATH_COPIES:
        model._default_manager.filter(unit_path__startswith=old_path).update(
            unit_path=Concat(Value(new_path), Substr("unit_path", len(old_path) + 1))
        )


def get_for_user[M: Model](
    model: type[M],
    user: AbstractBaseUser | AnonymousUser,
    pk: Any,
    *,
    write: Capability | None = None,
    read: Capability = Capability.READ,
) -> M:
    """Fetch `model` `pk` within the user's `read` scope, or 404; 403 if `write` is not held.

    `model.objects` must offer `visible_to(user, capability)`.
    """
    scoped: Any = model._default_manager
    try:
        obj: M = scoped.visible_to(user, read).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if write is not None and not scoped.visible_to(user, write).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


# Who acts for a unit and who reviews it, for the moves that go up the tree (an initiative's
# registration, a yearly submission): the unit itself submits, the union above judges.


def acts_for(user: Any, unit_path: str, steplen: int = 4) -> bool:
    """An officer of the unit itself (the top unit, which has no union above, by any officer over it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    paths = user.scope_paths(Capability.WRITE)
    return unit_path in paths or (len(unit_path) == steplen and any(unit_path.startswith(p) for p in paths))


def reviews(user: Any, unit_path: str, steplen: int = 4) -> bool:
    """An officer of a union above the unit (the top unit reviews its own)."""
    if not getattr(user, "is_authenticated", False):
        return False
    paths = user.scope_paths(Capability.WRITE)
    if len(unit_path) == steplen:
        return any(unit_path.startswith(p) for p in paths)
    return any(unit_path.startswith(p) and len(p) < len(unit_path) for p in paths)
