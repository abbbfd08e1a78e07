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

from django.db.models import Count, Q
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


def communes(unit: Unit, year: int):
    """The commune unions in force at some time during `year` under `unit` (the target's units)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
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
    today = today or timezone.localdate()
    units = list(communes(unit, year.year).order_by("path").values_list("pk", "path", "code", "name"))
    parents = dict(
        Unit.objects.filter(path__in={path[: -Unit.steplen] for _pk, path, _c, _n in units}).values_list("path", "name")
    )
    result = [Row(pk, path, code, name, parents.get(path[: -Unit.steplen], "")) for pk, path, code, name in units]
    by_path = {row.path: row for row in result}
    by_id = {row.unit_id: row for row in result}

    counted = (
        Initiative.objects.filter(unit_path__startswith=unit.path, years__year=year.year)
        .values("unit_path")
        .annotate(
            registered=Count("pk", filter=Q(status__in=REGISTERED_STATUSES), distinct=True),
            reported=Count("pk", filter=Q(status__in=REPORTED_STATUSES), distinct=True),
        )
        .order_by()
    )
    for item in counted:
        owner = _owner(item["unit_path"], by_path, Unit.steplen)
        if owner is not None:
            owner.registered += item["registered"]
            owner.reported += item["reported"]

    recognised_paths: Iterable[str]
    if recognised is None:
        # Recognised for this year by a recorded decision (recognition.services.decide).
        recognised_paths = Decision.objects.filter(
            year=year.year, recognised=True, unit_path__startswith=unit.path
        ).values_list("unit_path", flat=True)
    else:
        recognised_paths = Initiative.objects.filter(
            pk__in=set(recognised), unit_path__startswith=unit.path
        ).values_list("unit_path", flat=True)
    for path in recognised_paths:
        owner = _owner(path, by_path, Unit.steplen)
        if owner is not None:
            owner.recognised += 1

    latest = (
        Submission.objects.latest_versions()
        .filter(year=year, unit_path__startswith=unit.path)
        .values_list("unit_id", "kind", "timeliness", "status")
    )
    for unit_id, kind, timeliness, status in latest:
        row = by_id.get(unit_id)
        if row is not None:
            row.submissions[kind] = timeliness
            row.statuses[kind] = status
    extensions = {
        (unit_id, kind): until
        for unit_id, kind, until in Extension.objects.filter(year=year, unit__path__startswith=unit.path).values_list(
            "unit_id", "kind", "until"
        )
    }
    for row in result:
        for kind in Kind.values:
            if kind not in row.submissions:
                deadline = max(year.deadline(kind), extensions.get((row.unit_id, kind), year.deadline(kind)))
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
