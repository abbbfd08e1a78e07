"""The reminders as a scheduled background task: it runs, then books itself for the next morning."""

from __future__ import annotations

import datetime

from django.tasks import task
from django.utils import timezone

from cycle import reminders

RUN_AT = datetime.time(7, 0)  # Hà Tĩnh time


def next_run(now: datetime.datetime | None = None) -> datetime.datetime:
    now = timezone.localtime(now or timezone.now())
    candidate = now.replace(hour=RUN_AT.hour, minute=RUN_AT.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + datetime.timedelta(days=1)


@task()
def send_reminders(reschedule: bool = True) -> int:
    """Send today's reminders; with `reschedule`, enqueue the next run for tomorrow 07:00."""
    count = len(reminders.send())
    if reschedule and send_reminders.get_backend().supports_defer:
        send_reminders.using(run_after=next_run()).enqueue(reschedule=True)
    return count
