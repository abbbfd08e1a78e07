"""What the year page shows for one unit, and a submission's snapshot as tables.

For the unit itself: each kind's deadline (with its extension), days left, its versions and
whether the reader may submit or judge. Below it (for the union above): the latest
submissions awaiting judgment, the units that have not submitted (from `cycle.compliance`,
so the page agrees with the board), who was reminded, and the extensions granted. A fixed
number of queries, whatever the number of units.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone

from cycle import compliance
from cycle.deadlines import days_left
from cycle.forms import SubmitForm
from cycle.models import Extension, Kind, ProgrammeYear, Reminder, Submission, Timeliness
from cycle.reminders import REPORTING_KINDS
from initiatives.choices import Domain
from initiatives.choices import Kind as InitiativeKind
from units.models import Unit
from units.scoping import Capability, acts_for, reviews, subtree_q
from youth.choices import GROUP_BITS, TargetGroup

REMINDERS_SHOWN = 1000  # the most recent; a year has at most units x kinds x reminder days


@dataclass
class KindBlock:
    """One kind of submission of the unit itself."""

    kind: str
    label: str
    deadline: datetime.date  # the year's
    extension: Extension | None  # the unit's, when it moves the deadline later
    effective: datetime.date
    days_left: int
    versions: list[Submission]  # newest first
    can_submit: bool
    can_review: bool
    form: SubmitForm
    refusal: str = ""  # why the last attempt was refused
    note: str = ""  # the note typed with it

    @property
    def latest(self) -> Submission | None:
        return self.versions[0] if self.versions else None


@dataclass
class Line:
    """A unit below, in the list of those that have not submitted."""

    row: compliance.Row
    state: str  # missing / pending / returned
    extension: Extension | None
    can_grant: bool


@dataclass
class NotSubmitted:
    kind: str
    label: str
    missing: list[Line] = field(default_factory=list)
    pending: list[Line] = field(default_factory=list)
    returned: list[Line] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.pending) + len(self.returned)


@dataclass
class ReminderDay:
    """The reminders of one day about one deadline: which units, how many people, how many e-mails."""

    sent_on: datetime.date
    kind: str
    deadline: datetime.date
    days_before: int
    reminders: list[Reminder] = field(default_factory=list)

    @property
    def recipients(self) -> int:
        return sum(r.recipients for r in self.reminders)

    @property
    def emails(self) -> int:
        return sum(r.emails for r in self.reminders)


@dataclass
class Oversight:
    """What lies below the unit, for the union above."""

    units: int  # commune unions counted
    awaiting: list[tuple[Submission, bool]]  # (latest submission awaiting judgment, reader may judge it)
    not_submitted: list[NotSubmitted]
    reminders: list[ReminderDay]
    can_grant: bool


@dataclass
class YearPage:
    unit_depth: int
    kinds: list[KindBlock]
    oversight: Oversight | None
    extensions: list[Extension]
    acts: bool
    judges: bool

    @property
    def extends_own(self) -> bool:
        """The union above may give this unit more time (the top unit has no deadline above it)."""
        return self.judges and self.unit_depth > 1


def build(user, year: ProgrammeYear, unit: Unit, *, refused: dict[str, tuple[str, str]]) -> YearPage:
    """`refused`: kind -> (message, note) of a submission just refused, shown with what was typed."""
    extensions = list(
        Extension.objects.filter(year=year, unit__path__startswith=unit.path)
        .select_related("unit", "granted_by")
        .order_by("unit__path", "kind")
    )
    acts = acts_for(user, unit.path, Unit.steplen)
    judges = reviews(user, unit.path, Unit.steplen)
    return YearPage(
        unit_depth=unit.depth,
        kinds=_own_kinds(year, unit, extensions, refused, acts=acts, judges=judges),
        oversight=_oversight(user, year, unit, extensions),
        extensions=extensions,
        acts=acts,
        judges=judges,
    )


def _own_kinds(year, unit, extensions, refused, *, acts: bool, judges: bool) -> list[KindBlock]:
    versions: dict[str, list[Submission]] = defaultdict(list)
    for submission in (
        Submission.objects.filter(unit=unit, year=year)
        .select_related("submitted_by", "reviewed_by")
        .order_by("kind", "-version")
    ):
        versions[submission.kind].append(submission)
    own = {e.kind: e for e in extensions if e.unit_id == unit.pk}
    blocks = []
    for kind, label in Kind.choices:
        deadline = year.deadline(kind)
        extension = own.get(kind)
        if extension is not None and extension.until <= deadline:
            extension = None  # as cycle.deadlines.effective_deadline: only a later date counts
        effective = extension.until if extension else deadline
        mine = versions[kind]
        latest = mine[0] if mine else None
        message, note = refused.get(kind, ("", ""))
        blocks.append(
            KindBlock(
                kind=kind,
                label=str(label),
                deadline=deadline,
                extension=extension,
                effective=effective,
                days_left=days_left(effective),
                versions=mine,
                can_submit=acts and (latest is None or latest.status == Submission.Status.RETURNED),
                can_review=judges and latest is not None and latest.status == Submission.Status.SUBMITTED,
                form=SubmitForm(initial={"unit": unit.pk, "kind": kind, "note": note}),
                refusal=message,
                note=note,
            )
        )
    return blocks


def _oversight(user, year: ProgrammeYear, unit: Unit, extensions: list[Extension]) -> Oversight | None:
    rows = [row for row in compliance.rows(unit, year, today=timezone.localdate()) if row.unit_id != unit.pk]
    awaiting = list(
        Submission.objects.latest_versions()
        .filter(year=year, status=Submission.Status.SUBMITTED, unit_path__startswith=unit.path)
        .exclude(unit=unit)
        .select_related("unit")
        .order_by("submitted_at", "pk")
    )
    reminders = list(
        Reminder.objects.filter(year=year, unit_path__startswith=unit.path)
        .exclude(unit=unit)
        .select_related("unit")
        .order_by("-sent_on", "kind", "unit_path")[:REMINDERS_SHOWN]
    )
    if not (rows or awaiting or reminders):
        return None
    granted = {(e.unit_id, e.kind): e for e in extensions}
    lists = []
    for kind, label in Kind.choices:
        block = NotSubmitted(kind=kind, label=str(label))
        missing = {row.unit_id for row in compliance.select(rows, f"{kind}_missing")}
        for row in rows:
            state = row.submissions.get(kind)
            if row.unit_id in missing:
                target, state = block.missing, Timeliness.MISSING
            elif state == compliance.PENDING:
                target = block.pending
            elif row.statuses.get(kind) == Submission.Status.RETURNED:
                target, state = block.returned, Submission.Status.RETURNED
            else:
                continue
            can_grant = reviews(user, row.path, Unit.steplen)
            target.append(Line(row, str(state), granted.get((row.unit_id, kind)), can_grant))
        lists.append(block)
    return Oversight(
        units=len(rows),
        awaiting=[(s, reviews(user, s.unit_path, Unit.steplen)) for s in awaiting],
        not_submitted=lists,
        reminders=_by_day(reminders),
        can_grant=user.can(Capability.WRITE, unit),
    )


def _by_day(reminders: list[Reminder]) -> list[ReminderDay]:
    days: dict[tuple, ReminderDay] = {}
    for reminder in reminders:
        key = (reminder.sent_on, reminder.kind, reminder.deadline, reminder.days_before)
        days.setdefault(key, ReminderDay(*key)).reminders.append(reminder)
    return list(days.values())


def reviewable_units(user, year: ProgrammeYear):
    """The reporting units (communes, district-level unions) of the year the user judges."""
    first, last = datetime.date(year.year, 1, 1), datetime.date(year.year, 12, 31)
    paths = user.scope_paths(Capability.WRITE)
    return (
        Unit.objects.filter(subtree_q(paths, "path"), kind__in=REPORTING_KINDS)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last), Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .exclude(path__in=paths)
        .order_by("path")
    )


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _day(iso: str | None) -> str:
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""
    except ValueError:
        return iso or ""


def snapshot_tables(snapshot: dict[str, Any], *, results: bool) -> dict[str, Any]:
    """The frozen rows as the detail page lists them: initiatives, youth counted by target group
    (the snapshot holds ids and group bits only), and the children it consolidates."""
    initiatives = [
        {
            **row,
            "domain_label": _label(Domain, row.get("domain", "")),
            "kind_label": _label(InitiativeKind, row.get("kind", "")),
            "group_labels": [_label(TargetGroup, code) for code in row.get("target_groups", [])],
            "confirmed_on_display": _day(row.get("confirmed_on")),
        }
        for row in snapshot.get("initiatives", [])
    ]
    youth = snapshot.get("youth", [])
    counts: Counter[str] = Counter()
    for _pk, bits in youth:
        for code, bit in GROUP_BITS.items():
            if bits & bit:
                counts[code] += 1
    return {
        "initiatives": initiatives,
        "results": results,
        "youth_total": len(youth),
        "youth_groups": [(label, counts[code]) for code, label in TargetGroup.choices],
        "children": snapshot.get("children", []),
        "supported": sum(row.get("supported_count") or 0 for row in initiatives),
    }
