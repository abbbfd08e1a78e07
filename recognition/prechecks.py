"""What the system already knows about the three criteria, shown to the evaluator pre-filled.

(a) effective and kept up: the years it was registered and active, activities, beneficiaries
with a recorded outcome, the target groups it serves, the latest inspection's rating;
(b) a plan: the plan text or a plan document;
(c) a results report naming the initiative, the implementing unit's address, the area, the
start date, the number supported, the form and content and the concrete results — each item
present or not — and the local government's confirmation.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from initiatives.choices import ACTIVE_STATUSES, Outcome
from initiatives.models import Evidence, Initiative

REPORT_ITEMS = ("name", "address", "area", "start_date", "supported_count", "content", "results")


def prechecks(initiative: Initiative, year: int | None = None) -> dict[str, Any]:
    from recognition.models import Inspection

    year = year or timezone.localdate().year
    unit = initiative.unit
    items = {
        "name": bool(initiative.name.strip()),
        "address": bool((unit.place_name or unit.name).strip()),
        "area": bool(initiative.area.strip()),
        "start_date": initiative.start_date is not None,
        "supported_count": initiative.supported_count is not None,
        "content": bool(initiative.content.strip()),
        "results": bool(initiative.results.strip()),
    }
    years = sorted(initiative.years.values_list("year", flat=True))
    beneficiaries = initiative.beneficiaries.count()
    with_outcome = initiative.beneficiaries.exclude(outcome=Outcome.SUPPORTED).count()
    inspection = (
        Inspection.objects.filter(unit=unit)
        .filter(initiative__in=[initiative.pk, None])
        .order_by("-inspected_on")
        .first()
    )
    return {
        "year": year,
        "plan": bool(initiative.plan.strip()) or initiative.evidence.filter(purpose=Evidence.Purpose.PLAN).exists(),
        "report_items": items,
        "report_complete": all(items.values()),
        "confirmed": hasattr(initiative, "confirmation"),
        "years_registered": years,
        "years_active": len([y for y in years if y <= year]) if initiative.status in ACTIVE_STATUSES else 0,
        "activities": initiative.activities.count(),
        # Recorded here (named from the registry, or counted without names) beside the number
        # the results report states: the two can differ, and the evaluator sees both.
        "beneficiaries": beneficiaries + initiative.unnamed_beneficiaries,
        "supported_stated": initiative.supported_count,
        "beneficiaries_with_outcome": with_outcome,
        "target_groups": len(initiative.target_groups),
        "inspection": (
            {
                "id": inspection.pk,
                "date": inspection.inspected_on.isoformat(),
                "rating": inspection.rating,
                "met": inspection.beneficiaries_met,
                "reported": inspection.beneficiaries_reported,
            }
            if inspection
            else None
        ),
    }
