"""Compliance of a subtree for a year: one definition for the tiles, the lists and the exports.

`rows(unit, year)` gives one row per commune union in force during the year under `unit`, with
what it registered, reported and submitted. The board's tiles are `summary(rows)`, its lists
are filters of the same rows, and its export writes them: the three always agree. The query
count does not grow with the number of units: one query per source, grouped in the database,
put together here by path.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone

from cycle.models import Extension, Kind, ProgrammeYear, Submission, Timeliness
from initiatives.choices import REGISTERED_STATUSES, REPORTED_STATUSES
from initiatives.models import Initiative
from recognition.models import Decision
from units.models import Unit, UnitKind


@dataclass
class Row:
    unit_id: int
    path: str
    code: str
    name: str
    parent_name: str
    registered: int = 0  # initiatives registered for the year
    reported: int = 0  # of which results reported
    recognised: int = 0  # of which recognised for the year (recognition.models.Decision)
    submissions: dict[str, str] = field(default_factory=dict)  # kind -> timeliness (or missing / pending)
    statuses: dict[str, str] = field(default_factory=dict)  # kind -> submission status

    @property
    def has_registered(self) -> bool:
        return self.registered > 0

    @property
    def has_reported(self) -> bool:
        return self.reported > 0

    @property
    def has_recognised(self) -> bool:
        return self.recognised > 0


# The drill-downs of the board: name -> which rows it lists. Tiles count the same predicates.
FILTERS = {
    "all": lambda row: True,
    "registered": lambda row: row.has_registered,
    "not_registered": lambda row: not row.has_registered,
    "reported": lambda row: row.has_reported,
    "not_reported": lambda row: not row.has_reported,
    "recognised": lambda row: row.has_recognised,
    "registration_missing": lambda row: row.submissions.get(Kind.REGISTRATION) == Timeliness.MISSING,
    "registration_late": lambda row: row.submissions.get(Kind.REGISTRATION) == Timeliness.LATE,
    "results_missing": lambda row: row.submissions.get(Kind.RESULTS) == Timeliness.MISSING,
    "results_late": lambda row: row.submissions.get(Kind.RESULTS) == Timeliness.LATE,
}
PENDING = "pending"  # not submitted, deadline not yet passed
# Every state of each kind of submission is a drill-down too ("registration_on_time", …,
# "results_pending"): the board's timeliness tiles count them and open their lists.
TIMELINESS_STATES = (*Timeliness.values, PENDING)


def _submitted(kind: str, state: str) -> Callable[[Row], bool]:
    return lambda row: row.submissions.get(kind) == state


for _kind in Kind.values:
    for _state in TIMELINESS_STATES:
        FILTERS.setdefault(f"{_kind}_{_state}", _submitted(_kind, _state))


def communes(unit: Unit, year: int, until_year: int | None = None):
    """The commune unions in force at some time during `year` (to `until_year`) under `unit`."""
    first, last = datetime.date(year, 1, 1), datetime.date(until_year or year, 12, 31)
    return Unit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=last),
        Q(valid_to__isnull=True) | Q(valid_to__gte=first),
        path__startswith=unit.path,
        kind=UnitKind.COMMUNE,
    )


def _owner(path: str, by_path: dict[str, Row], steplen: int) -> Row | None:
    """The commune a record's unit path lies in: the commune itself or one of its branches."""
    for end in range(len(path), 0, -steplen):
        row = by_path.get(path[:end])
        if row is not None:
            return row
    return None


def rows(
    unit: Unit, year: ProgrammeYear, *, today: datetime.date | None = None, recognised: Iterable[int] | None = None
) -> list[Row]:
    """One row per commune union; `recognised` (initiative ids) overrides the recorded decisions."""
    return rows_by_year(unit, [year], today=today, recognised=recognised)[year.year]


def rows_by_year(
    unit: Unit,
    years: Iterable[ProgrammeYear],
    *,
    today: datetime.date | None = None,
    recognised: Iterable[int] | None = None,
) -> dict[int, list[Row]]:
    """`rows` for several years at once (the board's year and its trend): each source is read in
    one query for all the years, so neither the units nor the years add queries."""
    today = today or timezone.localdate()
    years = list(years)
    if not years:
        return {}
    numbers = [year.year for year in years]
    result: dict[int, list[Row]] = {number: [] for number in numbers}
    by_path: dict[int, dict[str, Row]] = {number: {} for number in numbers}
    by_id: dict[int, dict[int, Row]] = {number: {} for number in numbers}

    # The communes in force during any of the years, each with the name of the union it sits
    # under (a correlated lookup on the path index), placed in the years it was in force.
    parent_name = Unit.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Unit.steplen)).values(
        "name"
    )[:1]
    units = (
        communes(unit, min(numbers), max(numbers))
        .order_by("path")
        .annotate(parent_name=Subquery(parent_name))
        .values_list("pk", "path", "code", "name", "parent_name", "valid_from", "valid_to")
    )
    for pk, path, code, name, parent, valid_from, valid_to in units:
        for number in numbers:
            if (valid_from is None or valid_from.year <= number) and (valid_to is None or valid_to.year >= number):
                row = Row(pk, path, code, name, parent or "")
                result[number].append(row)
                by_path[number][path] = row
                by_id[number][pk] = row

    # An initiative is registered for a year at most once (initiative_year_once): no DISTINCT.
    counted = (
        Initiative.objects.filter(unit_path__startswith=unit.path, years__year__in=numbers)
        .values_list("years__year", "unit_path")
        .annotate(
            registered=Count("pk", filter=Q(status__in=REGISTERED_STATUSES)),
            reported=Count("pk", filter=Q(status__in=REPORTED_STATUSES)),
        )
        .order_by()
    )
    for number, path, registered, reported in counted:
        owner = _owner(path, by_path[number], Unit.steplen)
        if owner is not None:
            owner.registered += registered
            owner.reported += reported

    recognised_paths: Iterable[tuple[int, str]]
    if recognised is None:
        # Recognised for the year by a recorded decision (recognition.services.decide).
        recognised_paths = Decision.objects.filter(
            year__in=numbers, recognised=True, unit_path__startswith=unit.path
        ).values_list("year", "unit_path")
    else:
        paths = Initiative.objects.filter(pk__in=set(recognised), unit_path__startswith=unit.path).values_list(
            "unit_path", flat=True
        )
        recognised_paths = [(number, path) for path in paths for number in numbers]
    for number, path in recognised_paths:
        owner = _owner(path, by_path[number], Unit.steplen)
        if owner is not None:
            owner.recognised += 1

    # Every version, the newest kept: a unit sends a handful a year, so this is cheaper than
    # asking the database for the newest of each (Submission.objects.latest_versions).
    year_of = {year.pk: year.year for year in years}
    newest: dict[tuple[int, int, str], tuple[int, str, str]] = {}
    for year_id, unit_id, kind, version, timeliness, status in (
        Submission.objects.filter(year__in=years, unit_path__startswith=unit.path)
        .order_by()
        .values_list("year_id", "unit_id", "kind", "version", "timeliness", "status")
    ):
        key = (year_of[year_id], unit_id, kind)
        if newest.get(key, (0,))[0] < version:
            newest[key] = (version, timeliness, status)
    for (number, unit_id, kind), (_version, timeliness, status) in newest.items():
        submitter = by_id[number].get(unit_id)
        if submitter is not None:
            submitter.submissions[kind] = timeliness
            submitter.statuses[kind] = status

    extensions = {
        (year_of[year_id], unit_id, kind): until
        for year_id, unit_id, kind, until in Extension.objects.filter(
            year__in=years, unit__path__startswith=unit.path
        ).values_list("year_id", "unit_id", "kind", "until")
    }
    kinds = Kind.values
    for year in years:
        deadlines = {kind: year.deadline(kind) for kind in kinds}
        for row in result[year.year]:
            for kind in kinds:
                if kind not in row.submissions:
                    deadline = max(deadlines[kind], extensions.get((year.year, row.unit_id, kind), deadlines[kind]))
                    row.submissions[kind] = Timeliness.MISSING if today > deadline else PENDING
    return result


@dataclass(frozen=True)
class Summary:
    units: int
    registered: int
    reported: int
    recognised: int
    counts: dict[str, int]

    @staticmethod
    def share(part: int, whole: int) -> float:
        return round(100 * part / whole, 1) if whole else 0.0

    @property
    def registered_share(self) -> float:
        return self.share(self.registered, self.units)

    @property
    def reported_share(self) -> float:
        return self.share(self.reported, self.units)

    @property
    def recognised_share(self) -> float:
        return self.share(self.recognised, self.units)


def summary(rows: list[Row]) -> Summary:
    counts = {name: sum(1 for row in rows if test(row)) for name, test in FILTERS.items()}
    return Summary(
        units=counts["all"],
        registered=counts["registered"],
        reported=counts["reported"],
        recognised=counts["recognised"],
        counts=counts,
    )


def select(rows: list[Row], name: str) -> list[Row]:
    test = FILTERS.get(name, FILTERS["all"])
    return [row for row in rows if test(row)]
