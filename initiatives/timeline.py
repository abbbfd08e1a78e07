"""An initiative's timeline: its transitions, the changes made after acceptance, its activities.

Changes come from the audit log (django-auditlog): rows of the initiative itself and of its
parts, which carry `initiative_id` in their additional data, so deleted parts show too.
Values are shown field by field, never links to people: a beneficiary's row says what changed
in the outcome, not whose (the reader may not see that young person).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignObjectRel, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from core.templatetags.vuonlen import audit_action
from initiatives.choices import Status
from initiatives.models import Activity, Beneficiary, Initiative
from youth.choices import GROUP_BITS, TargetGroup

LIMIT = 200
# Never shown: bookkeeping, files, links to people and who did it (the entry says who).
HIDDEN_FIELDS = {
    "id", "initiative", "youth", "created_by", "added_by", "uploaded_by", "recorded_by", "created_at",
    "added_at", "uploaded_at", "recorded_at", "updated_at", "version", "name_key", "unit_path", "file",
    "thumbnail", "content_type", "size", "width", "height", "sha256", "step_entry", "activity", "scan",
    # A transition is on the timeline already; the audit row repeats it.
    "status", "accepted_at",
    # A beneficiary's note may describe the person; the outcome is what the timeline needs.
    "note:beneficiary",
}  # fmt: skip

# The initiative's labels where the model's are shared with other records ("name").
OWN_LABELS = {"name": _lazy("name of the initiative")}


@dataclass
class Event:
    at: datetime.datetime
    kind: str  # "transition", "change" or "activity"
    who: str
    title: str
    text: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    on_date_only: bool = False


def _who(user) -> str:
    return user.get_full_name() if user is not None else _("system")


def _display(model, name: str, value: Any) -> str:
    if value is None or value in ("None", ""):
        return "—"
    if name == "group_bits":
        try:
            bits = int(value)
        except (TypeError, ValueError):
            return str(value)
        return ", ".join(str(TargetGroup(code).label) for code, bit in GROUP_BITS.items() if bits & bit) or "—"
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)[:200]
    choices = dict(getattr(model_field, "flatchoices", None) or [])
    if choices:
        for key in (value, _as_int(value)):
            if key in choices:
                return str(choices[key])
    if model_field.get_internal_type() == "DateField":
        try:
            return datetime.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    return str(value)[:200]


def _as_int(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _reverse(model, name: str) -> bool:
    """A relation seen from the other side (a step entry's files): not this row's own field."""
    try:
        return isinstance(model._meta.get_field(name), ForeignObjectRel)
    except FieldDoesNotExist:
        return False


def _label(model, name: str) -> str:
    if model is Initiative and name in OWN_LABELS:
        return str(OWN_LABELS[name])
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _field_changes(entry: LogEntry, model) -> list[tuple[str, str, str]]:
    found = []
    for name, values in (entry.changes or {}).items():
        if name in HIDDEN_FIELDS or f"{name}:{model._meta.model_name}" in HIDDEN_FIELDS or _reverse(model, name):
            continue
        label = _label(model, name)
        if isinstance(values, dict):  # a many-to-many change: {"operation": "add", "objects": [...]}
            sign = "+" if values.get("operation") == "add" else "−"
            found.append((label, "", f"{sign} {', '.join(str(o) for o in values.get('objects', []))}"))
            continue
        old, new = [*list(values), None, None][:2]
        found.append((label, _display(model, name, old), _display(model, name, new)))
    return found


def _changes_after_acceptance(initiative: Initiative) -> list[Event]:
    if initiative.accepted_at is None:
        return []
    own = ContentType.objects.get_for_model(Initiative)
    entries = (
        LogEntry.objects.filter(
            Q(content_type=own, object_id=initiative.pk) | Q(additional_data__initiative_id=initiative.pk),
            timestamp__gt=initiative.accepted_at,
        )
        .exclude(action=LogEntry.Action.ACCESS)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:LIMIT]
    )
    events = []
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:
            continue
        if model is Activity and entry.action == LogEntry.Action.CREATE:
            continue  # the activity itself is on the timeline
        changes = _field_changes(entry, model)
        if entry.action == LogEntry.Action.UPDATE and not changes:
            continue
        what = str(model._meta.verbose_name)
        if model not in (Initiative, Beneficiary):
            what = f"{what}: {entry.object_repr}"
        events.append(
            Event(
                at=entry.timestamp,
                kind="change",
                who=_who(entry.actor),
                title=f"{audit_action(entry)} {what}",
                changes=changes if entry.action != LogEntry.Action.DELETE else [],
            )
        )
    return events


def build(initiative: Initiative) -> list[Event]:
    """The whole timeline, newest first."""
    events = [
        Event(
            at=move.at,
            kind="transition",
            who=_who(move.by),
            title=f"{Status(move.source).label} → {Status(move.target).label}",
            text=move.comment,
        )
        for move in initiative.transitions.select_related("by")
    ]
    events += _changes_after_acceptance(initiative)
    zone = timezone.get_current_timezone()
    for activity in initiative.activities.select_related("created_by"):
        events.append(
            Event(
                at=datetime.datetime.combine(activity.held_on, datetime.time.min, tzinfo=zone),
                kind="activity",
                who=_who(activity.created_by),
                title=str(_("Activity")),
                text=activity.description,
                on_date_only=True,
            )
        )
    events.sort(key=lambda event: event.at, reverse=True)
    return events
