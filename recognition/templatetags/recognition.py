"""`{% recognition_for initiative %}`: the recognition box on the initiative's page.

The initiatives app comes earlier and does not know recognition; its page loads this tag.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Count
from django.utils import timezone

from recognition import services
from recognition.models import Decision, Evaluation

register = template.Library()


@register.inclusion_tag("recognition/includes/initiative_recognition.html", takes_context=True)
def recognition_for(context, initiative) -> dict[str, Any]:
    """The decision of each year (who, when, why), the number of assessments, and for the union
    above a link to evaluate; nothing at all while the initiative has not reached its results."""
    user = context["request"].user
    decisions = {d.year: d for d in Decision.objects.filter(initiative=initiative).select_related("decided_by")}
    assessed = dict(
        Evaluation.objects.filter(initiative=initiative)
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    evaluable = initiative.status in services.EVALUABLE
    # The years run so far (a later year of a multi-year initiative is not judged yet).
    this_year = timezone.localdate().year
    years = sorted({*(y for y in initiative.year_list if y <= this_year), *decisions}, reverse=True)
    return {
        "initiative": initiative,
        "shown": evaluable or bool(decisions),
        "rows": [(year, decisions.get(year), assessed.get(year, 0)) for year in years],
        "can_evaluate": evaluable and services.may_evaluate(user, initiative),
        "recognised": any(d.recognised for d in decisions.values()),
    }
