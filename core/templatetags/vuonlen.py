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
