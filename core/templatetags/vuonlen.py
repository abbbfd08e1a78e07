from __future__ import annotations

from auditlog.models import LogEntry
from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# django-auditlog ships no Vietnamese; its action names are ours to translate.
ACTIONS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}


@register.filter
def audit_action(entry: LogEntry) -> str:
    return str(ACTIONS.get(entry.action, entry.get_action_display()))


@register.inclusion_tag("includes/filter_select.html")
def filter_select(name: str, label, empty, options, current, col: str = "col-6 col-md-3") -> dict:
    """One dropdown of a list page's filter bar (`templates/includes/filter_select.html`).

    `options` are (value, label, …) tuples, objects with `pk` and `name` (units), or plain values
    (years); `current` is the value chosen, compared as text; `empty` labels the "any" choice
    (none when empty).
    """
    choices = []
    for option in options:
        if isinstance(option, tuple | list):
            value, text = option[0], option[1]
        elif hasattr(option, "pk"):
            value, text = option.pk, option.name
        else:
            value, text = option, option
        choices.append((str(value), text))
    chosen = "" if current is None else str(current)
    return {"name": name, "label": label, "empty": empty, "choices": choices, "current": chosen, "col": col}
