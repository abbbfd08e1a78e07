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

from reports.documents import Progress
from reports.models import ExportJob, export_dir
from units.models import Unit

logger = logging.getLogger(__name__)

LIFETIME = datetime.timedelta(hours=24)


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
    for name, value in fields.items():
        setattr(job, name, value)
    ExportJob.objects.filter(pk=job.pk).update(**fields)
