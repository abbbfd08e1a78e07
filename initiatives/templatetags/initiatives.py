"""Display helpers of the initiative pages, and a young person's support history for the
registry's page (the youth app comes earlier and does not import initiatives)."""

from __future__ import annotations

from django import template
from django.db.models import F

from initiatives.choices import Status
from initiatives.models import Beneficiary, Initiative
from units.scoping import Capability

register = template.Library()

STATUS_CLASSES = {
    Status.DRAFT: "text-bg-secondary",
    Status.REGISTERED: "text-bg-info",
    Status.RETURNED: "text-bg-warning",
    Status.ACCEPTED: "text-bg-primary",
    Status.UNDER_WAY: "text-bg-primary",
    Status.REPORTED: "text-bg-success",
    Status.CLOSED: "text-bg-dark",
}


@register.filter
def status_class(status: str) -> str:
    """The badge colour of a status."""
    return STATUS_CLASSES.get(status, "text-bg-light")  # type: ignore[call-overload]


@register.simple_tag(takes_context=True)
def support_history(context, youth) -> list[Beneficiary]:
    """The initiatives supporting `youth` that the reader may see, newest outcome first."""
    user = context["request"].user
    if not user.scope_paths(Capability.READ):
        return []
    return list(
        Beneficiary.objects.filter(youth=youth, initiative__in=Initiative.objects.visible_to(user))
        .select_related("initiative__unit")
        .order_by(F("outcome_on").desc(nulls_last=True), "-added_at", "-pk")
    )
