"""Named operations on the union tree. Each is atomic and leaves its audit rows behind."""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.models import LogEntry
from django.db import transaction
from django.utils.translation import gettext as _

from core.auditing import acting_as
from core.vntext import nfc
from units.models import Unit
from units.scoping import rewrite_path_copies

EDITABLE_FIELDS = ("kind", "code", "name", "header_line_1", "header_line_2", "place_name", "valid_from", "valid_to")


class StaleEdit(Exception):
    """The unit changed since the form was opened; the edit was not applied."""


class InvalidMove(Exception):
    pass


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: nfc(value) if isinstance(value, str) else value for key, value in data.items() if key in EDITABLE_FIELDS
    }


def create_unit(parent: Unit, data: dict[str, Any], *, by) -> Unit:
    with transaction.atomic(), acting_as(by):
        return Unit.objects.add_child(parent, create_kwargs=_clean(data))


def update_unit(unit: Unit, data: dict[str, Any], *, expected_version: int, by) -> Unit:
    """Apply `data` if nobody saved the unit since `expected_version`, else raise StaleEdit."""
    with transaction.atomic(), acting_as(by):
        current = Unit.objects.select_for_update().get(pk=unit.pk)
        if current.version != expected_version:
            raise StaleEdit
        for field, value in _clean(data).items():
            setattr(current, field, value)
        current.version += 1
        current.save()
        return current


def move_unit(unit: Unit, new_parent: Unit, *, by) -> Unit:
    if new_parent.path.startswith(unit.path):
        raise InvalidMove(_("A unit cannot be moved under itself or one of its own units."))
    with transaction.atomic(), acting_as(by):
        old_parent = Unit.objects.get_parent(unit)
        old_path = unit.path
        Unit.objects.move(unit, new_parent, "last-child")
        unit.refresh_from_db()
        rewrite_path_copies(old_path, unit.path)
        unit.version += 1
        unit.save(update_fields=["version", "updated_at"])
        # treebeard rewrites paths with bulk updates, which the audit signals do not see.
        LogEntry.objects.log_create(
            unit,
            action=LogEntry.Action.UPDATE,
            changes={"parent": [str(old_parent) if old_parent else "", str(new_parent)]},
        )
        return unit


def close_unit(unit: Unit, on: datetime.date, *, by) -> int:
    """Close the unit and every descendant still open on `on`; returns how many were closed."""
    with transaction.atomic(), acting_as(by):
        closing = list(
            Unit.objects.filter(path__startswith=unit.path, valid_to__isnull=True)
            | Unit.objects.filter(path__startswith=unit.path, valid_to__gt=on)
        )
        for node in closing:
            if node.valid_from and node.valid_from > on:
                node.valid_from = on
            node.valid_to = on
            node.version += 1
            node.save()
        return len(closing)


def set_successors(unit: Unit, successors: list[Unit], *, by) -> None:
    with transaction.atomic(), acting_as(by):
        unit.successors.set(successors)
