"""Biểu mẫu 02 as a document: the official list of `reports`, fed with `form02_rows`.

The rows come from the same query as the registry list (scoped, masked for the reader,
without youth who withdrew consent); every export writes a RegistryAccess row naming the
records it contained. Small exports are written to a temporary file and streamed back;
large ones become a background job (`build_form02`) whose page shows the progress.
"""

from __future__ import annotations

import datetime
import tempfile
from array import array
from collections.abc import Callable, Iterator
from typing import IO

from django.http import FileResponse
from django.tasks import task
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from reports import renderers
from reports.documents import Cell, Column, Header, OfficialList, Progress
from reports.http import file_names, file_response
from reports.jobs import ExportFailed, run_job, start_job
from reports.models import ExportJob
from units.models import Unit
from units.scoping import Capability
from youth.models import RegistryAccess
from youth.queries import form02_queryset, form02_rows
from youth.services import log_bulk_access

KIND = "youth.form02"
FORM_LABEL = "Biểu mẫu 02"
TITLE = ("DANH SÁCH", "CÁC THANH THIẾU NIÊN YẾU THẾ TẠI ĐỊA PHƯƠNG")
COLUMNS = (
    Column("TT", 6, center=True),
    Column("Họ và tên", 20),
    Column("Hoàn cảnh cụ thể hiện nay", 28),
    Column("Địa chỉ", 21),
    Column("SĐT liên hệ", 17, center=True),  # a 10-digit number on one line at 12 pt
    Column("Ghi chú", 17),
)
# Above these counts the export runs as a background job with a progress page, rather than keep
# the request waiting: WeasyPrint lays out about 100 rows a second, python-docx writes about
# 8,000 and the xlsx stream about 10,000 (bench/bench_export.py).
BACKGROUND_ABOVE = {"xlsx": 50_000, "docx": 5_000, "pdf": 500}


class TooManyRows(Exception):
    def __init__(self, fmt: str, count: int, limit: int):
        super().__init__(fmt, count, limit)
        self.fmt, self.count, self.limit = fmt, count, limit

    @property
    def message(self) -> str:
        return gettext(
            "This list has %(count)s rows: a .%(format)s file holds at most %(limit)s. "
            "Download it as Excel (.xlsx), which has no limit, or export a smaller unit."
        ) % {
            "count": number_format(self.count, force_grouping=True),
            "format": self.fmt,
            "limit": number_format(self.limit, force_grouping=True),
        }


def count_rows(user, unit: Unit) -> int:
    return form02_queryset(user, unit).count()


def check_size(fmt: str, count: int) -> None:
    limit = renderers.FORMATS[fmt].row_limit
    if limit is not None and count > limit:
        raise TooManyRows(fmt, count, limit)


def runs_in_background(fmt: str, count: int) -> bool:
    return count > BACKGROUND_ABOVE[fmt]


def names(unit: Unit, fmt: str, on: datetime.date | None = None) -> tuple[str, str]:
    on = on or timezone.localdate()
    return file_names(
        f"bieu-mau-02_{unit.code or unit.name}_{on:%Y%m%d}", f"Biểu mẫu 02 - {unit.name} - {on:%d-%m-%Y}", fmt
    )


def document(user, unit: Unit, record: Callable[[int], None], *, total: int | None = None) -> OfficialList:
    """Form 02 for `unit`'s subtree as `user` may read it; `record` receives each exported id."""

    def rows() -> Iterator[tuple[Cell, ...]]:
        for row in form02_rows(user, unit):
            record(row.youth_id)
            yield (row.number, row.full_name, row.circumstances, row.address, row.phone, row.notes)

    return OfficialList(
        form_label=FORM_LABEL,
        header=Header.for_unit(unit),
        title_lines=TITLE,
        columns=COLUMNS,
        rows=rows(),
        total=total,
    )


def write(user, unit: Unit, fmt: str, out: IO[bytes], *, progress: Progress | None = None) -> int:
    """Render Form 02 into `out` and audit it: who, when, which records. Returns the row count."""
    ids = array("q")  # 8 bytes a record: the audit needs every id, memory stays small
    count = renderers.render(fmt, document(user, unit, ids.append), out, progress=progress)
    log_bulk_access(RegistryAccess.Action.EXPORT, unit, ids.tolist(), by=user, detail=f"form02.{fmt}")
    return count


def response(user, unit: Unit, fmt: str) -> FileResponse:
    """The export as a download, written to a temporary file first and streamed from it."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it (and so deletes it)
    try:
        write(user, unit, fmt, out)
    except BaseException:
        out.close()
        raise
    return file_response(out, renderers.FORMATS[fmt].content_type, names(unit, fmt))


def start(user, unit: Unit, fmt: str, *, total: int) -> ExportJob:
    """A background job for a large export; the worker (or, without one, this request) runs it."""
    job = start_job(KIND, fmt, unit, total=total, names=names(unit, fmt), by=user)
    # Requests run in autocommit, so the job row is visible to a worker before it is enqueued.
    build_form02.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


@task()
def build_form02(job_id: str) -> None:
    job = ExportJob.objects.select_related("unit", "requested_by").get(pk=job_id)

    def produce(out: IO[bytes], progress: Progress) -> int:
        # Rights are read again now: whoever lost the unit since asking gets nothing.
        user = job.requested_by
        if not user.is_active or not user.can(Capability.READ, job.unit):
            raise ExportFailed(gettext_noop("You no longer have access to this unit."))
        try:
            check_size(job.fmt, count_rows(user, job.unit))
        except TooManyRows as exc:
            raise ExportFailed(
                gettext_noop("The list grew beyond what this format can hold: export it as Excel (.xlsx).")
            ) from exc
        return write(user, job.unit, job.fmt, out, progress=progress)

    run_job(job, produce)
