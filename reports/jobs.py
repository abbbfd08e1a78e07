"""Background exports: create the job, run it with progress, expire it.

The work itself (which rows, which document) is the caller's: `run_job` takes a `write`
function, so any app can put any official list behind a job without this app importing it.
Tasks run through Django's tasks API; with the django-tasks-db backend `manage.py db_worker`
runs them, with the built-in ImmediateBackend they run inside the request that asked.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import os
from collections.abc import Callable
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext_noop

from reports.documents import Progress
from reports.models import ExportJob, export_dir
from units.models import Unit

logger = logging.getLogger(__name__)

LIFETIME = datetime.timedelta(hours=24)
# A job that shows no sign of life for this long was lost (a worker stopped, a server restarted):
# it is marked failed so the requester is told and can ask again, instead of waiting for ever.
STALLED_RUNNING = datetime.timedelta(minutes=10)  # no progress reported
STALLED_PENDING = datetime.timedelta(minutes=30)  # never started: no worker took it
STALLED_MESSAGE = gettext_noop(
    "It stopped before it finished (the server may have been restarted). Ask for the export again."
)


class ExportFailed(Exception):
    """A message for the requester (already translated), e.g. the unit left their scope."""


def start_job(kind: str, fmt: str, unit: Unit, *, total: int, names: tuple[str, str], by) -> ExportJob:
    """A pending job; `names` are the download's (Unicode, ASCII) file names."""
    return ExportJob.objects.create(
        kind=kind,
        fmt=fmt,
        unit=unit,
        requested_by=by,
        rows_total=total,
        file_name=names[0],
        ascii_file_name=names[1],
        expires_at=timezone.now() + LIFETIME,
    )


def run_job(job: ExportJob, write: Callable[[IO[bytes], Progress], int]) -> None:
    """Run `write(file, progress)` into the job's file, recording progress, success or failure."""
    if job.status != ExportJob.Status.PENDING:
        return  # a task delivered twice runs once
    _update(job, status=ExportJob.Status.RUNNING)
    export_dir().mkdir(parents=True, exist_ok=True)
    partial = job.path.with_suffix(".part")
    try:
        with open(partial, "wb") as out:
            rows = write(out, lambda done: _update(job, rows_done=done))
        os.replace(partial, job.path)
    except ExportFailed as exc:
        _fail(job, partial, str(exc))
    except Exception:
        logger.exception("export job %s failed", job.pk)
        _fail(job, partial, "")
        raise
    else:
        _update(job, status=ExportJob.Status.DONE, rows_done=rows, rows_total=rows, finished_at=timezone.now())


def settle_stalled(job: ExportJob, *, now: datetime.datetime | None = None) -> ExportJob:
    """Mark `job` failed if it was lost (see STALLED_RUNNING, STALLED_PENDING); returns it."""
    now = now or timezone.now()
    last = job.touched_at or job.created_at
    limits: dict[str, datetime.timedelta] = {
        ExportJob.Status.RUNNING: STALLED_RUNNING,
        ExportJob.Status.PENDING: STALLED_PENDING,
    }
    limit = limits.get(job.status)
    if limit is not None and now - last > limit:
        # Only if it is still as read: a worker that wakes up and finishes meanwhile wins.
        lost = ExportJob.objects.filter(pk=job.pk, status=job.status, touched_at=job.touched_at)
        if lost.update(status=ExportJob.Status.FAILED, error=STALLED_MESSAGE, finished_at=now):
            logger.warning("export job %s lost while %s; marked failed", job.pk, job.status)
            job.refresh_from_db()
    return job


def settle_all_stalled() -> int:
    """Every lost job marked failed (the nightly purge runs this); returns how many."""
    now = timezone.now()
    lost = ExportJob.objects.filter(status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING])
    return sum(settle_stalled(job, now=now).status == ExportJob.Status.FAILED for job in lost)


def purge_expired() -> int:
    """Delete expired jobs and their files; returns how many."""
    count = 0
    for job in ExportJob.objects.expired().iterator():
        for path in (job.path, job.path.with_suffix(".part")):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        job.delete()
        count += 1
    return count


def _fail(job: ExportJob, partial, message: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    _update(job, status=ExportJob.Status.FAILED, error=message[:255], finished_at=timezone.now())


def _update(job: ExportJob, **fields) -> None:
    # An UPDATE of these columns alone: each one commits at once (the workers run tasks in
    # autocommit), so the polling page sees the progress as it happens.
    fields["touched_at"] = timezone.now()
    for name, value in fields.items():
        setattr(job, name, value)
    ExportJob.objects.filter(pk=job.pk).update(**fields)
