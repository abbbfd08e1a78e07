"""Deadline arithmetic, in the programme's time zone (Asia/Ho_Chi_Minh).

A deadline is a calendar day: a submission at 23:59 on that day, Hà Tĩnh time, is on time,
whatever the server's clock zone. An extension moves one unit's deadline for one kind.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from cycle.models import Extension, ProgrammeYear, Timeliness
from units.models import Unit


def effective_deadline(year: ProgrammeYear, kind: str, unit: Unit) -> tuple[datetime.date, Extension | None]:
    """The unit's deadline for `kind`: the year's, or a later one granted as an extension."""
    deadline = year.deadline(kind)
    extension = Extension.objects.filter(year=year, kind=kind, unit=unit).first()
    if extension is not None and extension.until > deadline:
        return extension.until, extension
    return deadline, None


def judge(deadline: datetime.date, extended_until: datetime.date | None, at: datetime.datetime) -> str:
    """On time, within the extension, or late, for something sent at `at`."""
    day = timezone.localdate(at)
    if day <= deadline:
        return Timeliness.ON_TIME
    if extended_until is not None and day <= extended_until:
        return Timeliness.EXTENDED
    return Timeliness.LATE


def timeliness(year: ProgrammeYear, kind: str, unit: Unit, at: datetime.datetime) -> str:
    extension = Extension.objects.filter(year=year, kind=kind, unit=unit).first()
    return judge(year.deadline(kind), extension.until if extension else None, at)


def days_left(deadline: datetime.date, today: datetime.date | None = None) -> int:
    """Days until the deadline (0 on the day itself, negative once it has passed)."""
    return (deadline - (today or timezone.localdate())).days
