"""Reminders before and after each deadline to units that have not submitted.

Run daily, by cron (`manage.py send_reminders`) or by the scheduled task in `cycle.tasks`.
Each (unit, deadline, day) is reminded at most once, whatever runs it and how often: the
Reminder row is the guard (a unique constraint), written in the same transaction as the
notifications.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cycle import services
from cycle.models import Extension, Kind, ProgrammeYear, Reminder, Submission
from units.models import Unit, UnitKind

# Days before the deadline (negative: after it) on which a unit that has not submitted is reminded.
DEFAULT_DAYS = (14, 7, 1, -1, -7)
# The kinds of unit that report upward: communes, and the district-level unions of the three-tier years.
REPORTING_KINDS = (UnitKind.COMMUNE, UnitKind.DISTRICT)


def reminder_days() -> tuple[int, ...]:
    return tuple(getattr(settings, "CYCLE_REMINDER_DAYS", DEFAULT_DAYS))


def _message(unit: Unit, kind: str, year: int, deadline: datetime.date, days: int) -> str:
    with translation.override("vi"):
        what = str(Kind(kind).label)
        if days > 0:
            return _("%(unit)s: the %(what)s of %(year)s is due on %(deadline)s, in %(days)s day(s).") % {
                "unit": unit.name,
                "what": what.lower(),
                "year": year,
                "deadline": deadline.strftime("%d/%m/%Y"),
                "days": days,
            }
        return _("%(unit)s: the %(what)s of %(year)s was due on %(deadline)s and has not been submitted.") % {
            "unit": unit.name,
            "what": what.lower(),
            "year": year,
            "deadline": deadline.strftime("%d/%m/%Y"),
        }


def send(today: datetime.date | None = None) -> list[Reminder]:
    """Send today's reminders; returns the Reminder rows written (none twice)."""
    today = today or timezone.localdate()
    days = reminder_days()
    sent: list[Reminder] = []
    horizon = max(days)
    years = ProgrammeYear.objects.filter(year__gte=today.year - 1, year__lte=today.year + 1)
    for year in years:
        for kind in Kind.values:
            deadline = year.deadline(kind)
            extensions = {
                e.unit_id: e.until for e in Extension.objects.filter(year=year, kind=kind) if e.until > deadline
            }
            # Most days nothing is due: skip the units query unless some deadline is in a window.
            latest_deadline = max([deadline, *extensions.values()])
            if (deadline - today).days > horizon or (today - latest_deadline).days > -min(days):
                continue
            done = set(
                Submission.objects.latest_versions()
                .filter(year=year, kind=kind)
                .exclude(status=Submission.Status.RETURNED)
                .values_list("unit_id", flat=True)
            )
            for unit in Unit.objects.in_force(today).filter(kind__in=REPORTING_KINDS).order_by("path"):
                if unit.pk in done:
                    continue
                due = extensions.get(unit.pk, deadline)
                left = (due - today).days
                if left not in days:
                    continue
                try:
                    with transaction.atomic():
                        reminder = Reminder.objects.create(
                            unit=unit,
                            unit_path=unit.path,
                            year=year,
                            kind=kind,
                            deadline=due,
                            sent_on=today,
                            days_before=left,
                        )
                        notified, emailed = services.notify_unit(
                            unit, _message(unit, kind, year.year, due, left), url=f"/cycle/{year.year}/", email=True
                        )
                        reminder.recipients, reminder.emails = notified, emailed
                        reminder.save(update_fields=["recipients", "emails"])
                except IntegrityError:
                    continue  # already reminded today
                sent.append(reminder)
    return sent
