"""The figures of the dashboard and of the yearly report, for a unit's subtree as a user may read it.

Every figure is read at request time (nothing outlives the request). Each is one query grouped
in the database; records are put under the unit's child units here, by path, as
`cycle.compliance` does, and the child units' names come in one more query. So the number of
queries does not grow with the number of units, only the number of rows they return.
The compliance figures are `cycle.compliance.rows` and `summary`: the same definition as the
compliance board's tiles, lists and export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.db.models.lookups import Exact

from cycle import compliance
from cycle.models import ProgrammeYear
from initiatives.choices import ACTIVE_STATUSES, REGISTERED_STATUSES, Domain, Outcome
from initiatives.choices import Status as InitiativeStatus
from initiatives.models import Beneficiary, Initiative
from units.models import Unit, UnitKind
from units.scoping import Capability, subtree_q
from youth.choices import GROUP_BITS
from youth.models import Youth

REPORTED_STATUSES = compliance.REPORTED_STATUSES
TOP_UNITS = 15  # bars of "youth by unit"; the rest are summed as one


@dataclass(frozen=True)
class Child:
    """A unit directly under the dashboard's unit (or the unit itself, for its own records)."""

    unit_id: int
    path: str
    name: str
    kind: str
    is_self: bool = False


def child_key(unit: Unit, path: str) -> str:
    """The path of the child of `unit` that `path` lies under (`unit.path` itself for its own)."""
    return path[: len(unit.path) + Unit.steplen]


def children(unit: Unit, keys: Iterable[str]) -> dict[str, Child]:
    """The child units named by `keys` (paths from `child_key`), in one query."""
    wanted = set(keys) | {unit.path}
    return {
        path: Child(pk, path, name, kind, is_self=path == unit.path)
        for pk, path, name, kind in Unit.objects.filter(path__in=wanted).values_list("pk", "path", "name", "kind")
    }


def _by_child(unit: Unit):
    """An annotation: the path of the child of `unit` a record's unit lies under."""
    return Substr("unit_path", 1, len(unit.path) + Unit.steplen)


def registry(user, unit: Unit) -> QuerySet[Youth]:
    """The live registry of `unit`'s subtree that `user` may read (the list page's records)."""
    return Youth.objects.visible_to(user).filter(unit_path__startswith=unit.path)


def initiatives(user, unit: Unit) -> QuerySet[Initiative]:
    return Initiative.objects.visible_to(user).filter(unit_path__startswith=unit.path)


def beneficiaries(user, unit: Unit) -> QuerySet[Beneficiary]:
    """Links of registry records to initiatives of `unit`'s subtree, scoped by the initiative."""
    return Beneficiary.objects.filter(
        subtree_q(user.scope_paths(Capability.READ), "initiative__unit_path"),
        initiative__unit_path__startswith=unit.path,
    )


# Youth


@dataclass(frozen=True)
class UnitCount:
    child: Child | None  # None: the other units, summed
    count: int
    others: int = 0  # how many units the "other" bar sums


@dataclass
class YouthFigures:
    total: int  # records (a person counts once)
    by_group: dict[str, int]  # records per target group (a person may be in several)
    by_unit: list[UnitCount]  # records per child unit, largest first


def youth_figures(user, unit: Unit, *, top: int = TOP_UNITS) -> YouthFigures:
    """The registry's counts, in total, per target group and per child unit, from one grouped
    query: records per unit path, with the records of each group (the bits of `group_bits`, as
    `YouthQuerySet.count_by_group` counts them). Counting only columns the live-records index
    carries (unit_path, group_bits), not the id, lets PostgreSQL read the index alone."""
    groups = {
        code: Count("unit_path", filter=Exact(F("group_bits").bitand(bit), bit)) for code, bit in GROUP_BITS.items()
    }
    grouped: Any = registry(user, unit).values("unit_path").annotate(n=Count("*"), **groups).order_by()
    total, by_group = 0, dict.fromkeys(GROUP_BITS, 0)
    per_child: dict[str, int] = {}
    for item in grouped:
        total += item["n"]
        for code in GROUP_BITS:
            by_group[code] += item[code]
        key = child_key(unit, item["unit_path"])
        per_child[key] = per_child.get(key, 0) + item["n"]
    names = children(unit, per_child)
    ranked = sorted(
        (UnitCount(names[key], n) for key, n in per_child.items() if key in names),
        key=lambda item: (-item.count, item.child.path if item.child else ""),
    )
    if len(ranked) > top:
        rest = ranked[top:]
        ranked = [*ranked[:top], UnitCount(None, sum(item.count for item in rest), others=len(rest))]
    return YouthFigures(total, by_group, ranked)


# Initiatives of a year


@dataclass
class YearInitiatives:
    by_status: dict[str, int]  # every status, drafts included
    by_domain: dict[str, int]  # registered (not drafts, not returned)
    reported_by_domain: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def registered(self) -> int:
        return sum(self.by_domain.values())

    @property
    def reported(self) -> int:
        return sum(self.reported_by_domain.values())


def initiatives_of_year(user, unit: Unit, year: int) -> YearInitiatives:
    """The year's initiatives by status and, registered ones, by domain: one grouped query."""
    grouped = (
        initiatives(user, unit).filter(years__year=year).values("domain", "status").annotate(n=Count("pk")).order_by()
    )
    result = YearInitiatives(
        by_status=dict.fromkeys(InitiativeStatus.values, 0),
        by_domain=dict.fromkeys(Domain.values, 0),
        reported_by_domain=dict.fromkeys(Domain.values, 0),
    )
    for item in grouped:
        status, domain, n = item["status"], item["domain"], item["n"]
        result.by_status[status] = result.by_status.get(status, 0) + n
        if status in REGISTERED_STATUSES:
            result.by_domain[domain] = result.by_domain.get(domain, 0) + n
        if status in REPORTED_STATUSES:
            result.reported_by_domain[domain] = result.reported_by_domain.get(domain, 0) + n
    return result


@dataclass(frozen=True)
class UnitInitiatives:
    child: Child
    registered: int
    reported: int
    supported: int  # youth supported, as the results reports state it


def initiatives_by_unit(user, unit: Unit, year: int) -> list[UnitInitiatives]:
    """The year's registered and reported initiatives per child unit, in tree order."""
    grouped = (
        initiatives(user, unit)
        .filter(years__year=year, status__in=REGISTERED_STATUSES)
        .annotate(child=_by_child(unit))
        .values("child")
        .annotate(
            registered=Count("pk"),
            reported=Count("pk", filter=Q(status__in=REPORTED_STATUSES)),
            supported=Sum("supported_count", filter=Q(status__in=REPORTED_STATUSES)),
        )
        .order_by()
    )
    items = list(grouped)
    names = children(unit, (item["child"] for item in items))
    result = [
        UnitInitiatives(names[item["child"]], item["registered"], item["reported"], item["supported"] or 0)
        for item in items
        if item["child"] in names
    ]
    return sorted(result, key=lambda item: item.child.path)


# Youth supported and outcomes, over the years


@dataclass
class SupportYear:
    year: int
    youth: int = 0  # distinct registry records linked to the year's running initiatives
    reported: int = 0  # youth supported as the year's results reports state it (supported_count)
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Outcome.values, 0))


def support_over_years(user, unit: Unit, years: Iterable[int] | None = None) -> list[SupportYear]:
    """Per year: the young people linked as beneficiaries to initiatives running that year
    (accepted, under way, reported or closed), their outcomes, and the number of youth the
    year's results reports say were supported. An initiative kept up over several years counts
    in each. Three grouped queries, whatever the number of years and units."""
    linked = beneficiaries(user, unit).filter(initiative__status__in=ACTIVE_STATUSES)
    per_year: dict[int, SupportYear] = {}

    def at(year: int) -> SupportYear:
        return per_year.setdefault(year, SupportYear(year))

    for item in (
        linked.values(year=F("initiative__years__year")).annotate(n=Count("youth_id", distinct=True)).order_by()
    ):
        if item["year"] is not None:
            at(item["year"]).youth = item["n"]
    for item in (
        linked.values("outcome", year=F("initiative__years__year"))
        .annotate(n=Count("youth_id", distinct=True))
        .order_by()
    ):
        if item["year"] is not None:
            at(item["year"]).outcomes[item["outcome"]] = item["n"]
    for item in (
        initiatives(user, unit)
        .filter(status__in=REPORTED_STATUSES)
        .values(year=F("years__year"))
        .annotate(n=Sum("supported_count"))
        .order_by()
    ):
        if item["year"] is not None:
            at(item["year"]).reported = item["n"] or 0
    for year in years or ():
        at(year)
    return [per_year[year] for year in sorted(per_year)]


# Compliance by child unit (from the board's rows)


@dataclass
class UnitCompliance:
    child: Child
    units: int = 0
    registered: int = 0
    reported: int = 0
    # The child is itself one of the rows (a commune union): nothing below it to drill into.
    is_row: bool = False

    @property
    def registered_share(self) -> float:
        return compliance.Summary.share(self.registered, self.units)

    @property
    def reported_share(self) -> float:
        return compliance.Summary.share(self.reported, self.units)


def compliance_by_unit(unit: Unit, rows: list[compliance.Row]) -> list[UnitCompliance]:
    """The rows of `compliance.rows` summed per child unit, in tree order."""
    grouped: dict[str, UnitCompliance] = {}
    keys = {child_key(unit, row.path) for row in rows}
    # Communes directly below are rows themselves: their names need no query.
    names = {
        row.path: Child(row.unit_id, row.path, row.name, UnitKind.COMMUNE, is_self=row.path == unit.path)
        for row in rows
        if row.path in keys
    }
    if keys - names.keys():
        names |= children(unit, keys - names.keys())
    for row in rows:
        key = child_key(unit, row.path)
        if key not in names:
            continue
        item = grouped.setdefault(key, UnitCompliance(names[key]))
        item.units += 1
        item.registered += row.has_registered
        item.reported += row.has_reported
        item.is_row = item.is_row or row.path == key
    return [grouped[key] for key in sorted(grouped)]


def trend(unit: Unit, years: Iterable[ProgrammeYear], *, known: dict[int, list[compliance.Row]] | None = None):
    """(year, summary) for each programme year: the board's tiles, year after year."""
    known = dict(known or {})
    years = list(years)
    known |= compliance.rows_by_year(unit, [year for year in years if year.year not in known])
    return [(year, compliance.summary(known[year.year])) for year in years]
