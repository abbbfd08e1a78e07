"""`{% commendations_for initiative %}`: the commendations linked to an initiative, on its page.

Anyone who sees the initiative sees that it was commended (a commendation is a public
decision, and often one of a union above the initiative's own unit); only officers of the
awarding union get the link to change it.
"""

from __future__ import annotations

from django import template

from initiatives.models import Initiative
from units.scoping import Capability

register = template.Library()


@register.inclusion_tag("recognition/includes/initiative_commendations.html", takes_context=True)
def commendations_for(context, initiative: Initiative) -> dict:
    user = context["request"].user
    writable = tuple(user.scope_paths(Capability.WRITE))
    linked = initiative.commendations.select_related("unit").order_by("-year", "-decision_date", "-pk")
    return {"items": [(item, bool(writable) and item.unit_path.startswith(writable)) for item in linked]}
