"""Inspections on other pages (`{% inspections_for initiative %}`) and their display helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from initiatives.choices import Status
from recognition.models import Inspection, Rating

register = template.Library()

RATING_CLASSES = {
    Rating.EXCELLENT: "text-bg-success",
    Rating.GOOD: "text-bg-primary",
    Rating.FAIR: "text-bg-warning",
    Rating.POOR: "text-bg-danger",
}


@register.filter
def rating_class(value: str) -> str:
    return RATING_CLASSES.get(value, "text-bg-light border")  # type: ignore[call-overload]


@register.filter
def yes_no_icon(value: bool) -> str:
    if value:
        return format_html('<i class="bi bi-check-circle-fill text-success"></i> {}', _("yes"))
    return format_html('<i class="bi bi-x-circle text-danger"></i> {}', _("no"))


@register.inclusion_tag("recognition/includes/initiative_inspections.html", takes_context=True)
def inspections_for(context, initiative) -> dict[str, Any]:
    """The inspections of `initiative` the reader may see, and a link to record one if they inspect it."""
    from recognition.draw_views import may_inspect

    user = context["request"].user
    inspections = (
        Inspection.objects.visible_to(user)
        .filter(initiative=initiative)
        .select_related("inspected_by")
        .annotate(open_count=Count("follow_ups", filter=Q(follow_ups__done_on__isnull=True)))
        .order_by("-inspected_on", "-pk")
    )
    record_url = ""
    if initiative.status != Status.DRAFT and may_inspect(user, initiative.unit):
        record_url = f"{reverse('inspection_create')}?initiative={initiative.pk}"
    return {"inspections": list(inspections), "record_url": record_url}
