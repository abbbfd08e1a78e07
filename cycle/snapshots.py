"""What a submission freezes: the rows a unit sends up, as plain JSON, with their hash.

Registration (Form 01): the initiatives registered for the year in the unit's subtree.
Results (Forms 02 and 03): the registry records (ids and target groups, no names: the
registry keeps the people, the snapshot says which rows were reported) and the initiatives
with their results and confirmations. A unit whose child units submitted consolidates: it
sends their latest snapshots' rows (each child's version and hash listed) and its own.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count

from cycle.models import Kind, ProgrammeYear, Submission
from initiatives.choices import REPORTED_STATUSES
from initiatives.models import Initiative
from units.models import Unit
from youth.choices import ConsentState
from youth.models import Youth


def content_hash(snapshot: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no spaces): the same rows give the same hash."""
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _initiative_rows(queryset, *, results: bool) -> list[dict[str, Any]]:
    rows = []
    queryset = (
        queryset.select_related("unit")
        .prefetch_related("coordinating_units")
        .annotate(named=Count("beneficiaries", distinct=True))
    )
    for initiative in queryset.order_by("unit_path", "pk"):
        row: dict[str, Any] = {
            "id": initiative.pk,
            "unit_id": initiative.unit_id,
            "unit": initiative.unit.name,
            "name": initiative.name,
            "domain": initiative.domain,
            "kind": initiative.kind,
            "target_groups": initiative.target_groups,
            "coordinating_units": sorted(u.name for u in initiative.coordinating_units.all()),
            "partners": initiative.partners,
            "content": initiative.content,
            "expected_results": initiative.expected_results,
            "status": initiative.status,
            "beneficiaries": initiative.named + initiative.unnamed_beneficiaries,
        }
        if results:
            confirmation = getattr(initiative, "confirmation", None)
            row |= {
                "results": initiative.results,
                "supported_count": initiative.supported_count,
                "confirmed_by": f"{confirmation.confirmer_title} {confirmation.confirmer_name}" if confirmation else "",
                "confirmed_on": confirmation.confirmed_on.isoformat() if confirmation else None,
            }
        rows.append(row)
    return rows


def own_rows(unit: Unit, year: ProgrammeYear, kind: str, *, subtree: bool) -> dict[str, Any]:
    """The live rows of `unit` (its whole subtree, or only itself when its children consolidate)."""
    where = {"unit_path__startswith": unit.path} if subtree else {"unit_id": unit.pk}
    initiatives = Initiative.objects.filter(**where)
    if kind == Kind.REGISTRATION:
        return {"initiatives": _initiative_rows(initiatives.registered_in(year.year).distinct(), results=False)}
    reported = initiatives.filter(years__year=year.year, status__in=REPORTED_STATUSES).distinct()
    youth = (
        Youth.objects.filter(**where, deleted_at__isnull=True)
        .exclude(consent_state=ConsentState.WITHDRAWN)
        .order_by("pk")
        .values_list("pk", "group_bits")
    )
    return {
        "initiatives": _initiative_rows(reported.select_related("confirmation"), results=True),
        "youth": [[pk, bits] for pk, bits in youth],
    }


def reporting_children(unit: Unit, year: ProgrammeYear, kind: str) -> list[Submission]:
    """The latest submissions of the unit's direct children, if any of them submitted."""
    return list(
        Submission.objects.latest_versions()
        .filter(year=year, kind=kind, unit__path__startswith=unit.path, unit__depth=unit.depth + 1)
        .select_related("unit")
        .order_by("unit__path")
    )


def build(unit: Unit, year: ProgrammeYear, kind: str) -> dict[str, Any]:
    children = reporting_children(unit, year, kind)
    if not children:
        snapshot = {"kind": kind, "year": year.year, "unit_id": unit.pk, **own_rows(unit, year, kind, subtree=True)}
        snapshot["children"] = []
        return snapshot
    merged = own_rows(unit, year, kind, subtree=False)
    for child in children:
        merged["initiatives"] = merged.get("initiatives", []) + child.snapshot.get("initiatives", [])
        if kind == Kind.RESULTS:
            merged["youth"] = merged.get("youth", []) + child.snapshot.get("youth", [])
    merged["children"] = [
        {
            "unit_id": child.unit_id,
            "unit": child.unit.name,
            "submission_id": child.pk,
            "version": child.version,
            "status": child.status,
            "content_hash": child.content_hash,
        }
        for child in children
    ]
    return {"kind": kind, "year": year.year, "unit_id": unit.pk, **merged}
