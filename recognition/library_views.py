"""The library of recognised initiatives, across the whole province, for every signed-in user.

The one deliberate exception to subtree scoping: an initiative recognised by a decision
(`Decision.recognised`) is shown to everyone, but only through the non-personal fields below —
never its beneficiaries, person in charge, phone, partners, photos or files — so that any
union may learn from it and replicate it (a replication copies no personal data either).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from core.vntext import fold
from initiatives.choices import Domain
from initiatives.models import Initiative, InitiativeQuerySet
from initiatives.views import own_writable_units, replicate_into_own_unit
from recognition.models import Decision
from youth.choices import TargetGroup

PAGE_SIZE = 25
FILTER_KEYS = ("q", "domain", "group", "area", "year")
# What the library reads of an initiative: nothing that names or reaches a person.
LIBRARY_FIELDS = (
    "pk",
    "name",
    "domain",
    "kind",
    "kind_other",
    "group_bits",
    "area",
    "content",
    "expected_results",
    "plan",
    "results",
    "supported_count",
    "unit__name",
)


def recognised(entries: InitiativeQuerySet | None = None) -> Any:
    """Every initiative recognised in some year (of `entries`), whatever the reader's scope, with
    the years it was recognised (`recognitions`), the latest of them (`latest_recognition`) and
    the unit's name; only the library's fields are loaded."""
    decisions = Decision.objects.filter(recognised=True)
    latest = decisions.filter(initiative=OuterRef("pk")).order_by("-year").values("year")[:1]
    entries = Initiative.objects.all() if entries is None else entries
    return (
        entries.filter(pk__in=decisions.values("initiative"))
        .select_related("unit")
        .only(*LIBRARY_FIELDS[1:])
        .annotate(latest_recognition=Subquery(latest, output_field=IntegerField()))
        .prefetch_related(
            Prefetch(
                "decisions", queryset=decisions.only("initiative", "year").order_by("year"), to_attr="recognitions"
            ),
            "years",
        )
    )


def filter_library(params: Mapping[str, Any]) -> tuple[Any, dict[str, str]]:
    """The recognised initiatives narrowed by name (without diacritics), domain, target group,
    area (words it contains, without diacritics) and the year recognised."""
    chosen = {key: str(params.get(key) or "").strip() for key in FILTER_KEYS}
    entries = Initiative.objects.search(chosen["q"])
    if chosen["year"].isdecimal():
        in_year = Decision.objects.filter(recognised=True, year=int(chosen["year"])).values("initiative")
        entries = entries.filter(pk__in=in_year)
    else:
        chosen["year"] = ""
    if chosen["domain"] in Domain.values:
        entries = entries.filter(domain=chosen["domain"])
    else:
        chosen["domain"] = ""
    if chosen["group"] in TargetGroup.values:
        entries = entries.serving(chosen["group"])
    else:
        chosen["group"] = ""
    if chosen["area"]:
        # The area has no stored folded copy; the recognised are few, so fold them here.
        needle = fold(chosen["area"])
        areas = recognised(entries).values_list("pk", "area")
        entries = entries.filter(pk__in=[pk for pk, area in areas if needle in fold(area)])
    return recognised(entries), chosen


def library(request):
    entries, chosen = filter_library(request.GET)
    replications = (
        Initiative.objects.filter(adopted_from=OuterRef("pk"))
        .order_by()
        .values("adopted_from")
        .annotate(n=Count("pk"))
        .values("n")
    )
    entries = entries.annotate(
        replication_count=Coalesce(Subquery(replications, output_field=IntegerField()), 0)
    ).order_by("-latest_recognition", "name_key", "pk")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    years = Decision.objects.filter(recognised=True).order_by("-year").values_list("year", flat=True).distinct()
    context = {
        "page": page,
        "filters": chosen,
        "domains": Domain.choices,
        "groups": TargetGroup.choices,
        "years": list(years),
    }
    return render(request, "recognition/library_list.html", context)


def library_detail(request, pk: int):
    entry = get_object_or_404(recognised(), pk=pk)
    copies = (
        Initiative.objects.filter(adopted_from=entry)
        .select_related("unit")
        .prefetch_related("years")
        .only("pk", "status", "unit__name", "unit__path", "unit_path")
        .order_by("unit__name", "pk")
    )
    context = {
        "entry": entry,
        "replications": list(copies),
        "can_replicate": own_writable_units(request.user).exists(),
        "can_open": Initiative.objects.visible_to(request.user).filter(pk=entry.pk).exists(),
    }
    return render(request, "recognition/library_detail.html", context)


@require_POST
def library_replicate(request, pk: int):
    """A draft in the user's own unit from a recognised initiative, which the user may otherwise
    not see (`initiative_replicate` is for initiatives in scope): only its idea is copied."""
    source = get_object_or_404(recognised(), pk=pk)
    entry = Initiative.objects.get(pk=source.pk)  # every field replicate() reads
    return replicate_into_own_unit(request, entry, "recognition/library_replicate.html", {"entry": source})
