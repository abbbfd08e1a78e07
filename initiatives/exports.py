"""Biểu mẫu 01 and 03 as documents: the official list of `reports`, fed with `form_rows.rows`.

Both are A4 landscape (six columns of running text), in the union's document format as Form
02. Form 03 adds, beside the standing committee's signature, the local government's
confirmation (`form_rows.confirmation_block`). Every export writes an InitiativeAccess row
(who, when, which unit, which initiatives, which registry records it named) and, when it
named anyone, a RegistryAccess row for those records, as Form 02 does. Small exports stream
back from a temporary file; large ones become a background job (`build_initiative_form`).
"""

from __future__ import annotations

import datetime
import tempfile
from array import array
from collections.abc import Iterator
from typing import IO

from django.http import FileResponse
from django.tasks import task
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from initiatives import form_rows
from initiatives.form_records import InitiativeAccess
from initiatives.form_rows import FORM01, FORM03, FORMS
from reports import renderers
from reports.documents import Cell, Column, Header, OfficialList, Progress, Signature
from reports.http import file_names, file_response
from reports.jobs import ExportFailed, run_job, start_job
from reports.models import ExportJob
from units.models import Unit
from units.scoping import Capability
from youth.models import RegistryAccess
from youth.services import log_bulk_access

KIND_PREFIX = "initiatives.form"
TITLES = {
    FORM01: ("DANH SÁCH ĐĂNG KÝ", "CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ"),
    FORM03: ("DANH SÁCH", "CÁC MÔ HÌNH, GIẢI PHÁP GIÚP ĐỠ, HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ"),
}
_UNIT = Column("Đơn vị triển khai", 17)
_PARTNERS = Column("Đơn vị phối hợp", 15)
_PEOPLE = Column("Đối tượng thụ hưởng (họ tên, địa chỉ, SĐT liên hệ)", 28)
COLUMNS = {
    FORM01: (
        Column("TT", 4.5, center=True),
        _UNIT,
        _PARTNERS,
        Column("Nội dung giải pháp, mô hình", 38),
        _PEOPLE,
        Column("Dự kiến kết quả", 22),
    ),
    FORM03: (
        Column("TT", 4.5, center=True),
        _UNIT,
        _PARTNERS,
        Column("Nội dung và kết quả của giải pháp, mô hình", 40),
        _PEOPLE,
        Column("Minh chứng (hình ảnh, đường link bài viết)", 22),
    ),
}
# Above these counts the export runs as a background job. A row of these forms is several
# lines of text (a Form 03 row often a third of a page): WeasyPrint lays out some 20 of them
# a second, python-docx some 2,000.
BACKGROUND_ABOVE = {"xlsx": 20_000, "docx": 2_000, "pdf": 150}
FIRST_YEAR = 2019  # the guideline's year (Hướng dẫn 2019)


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


def year_choices(today: datetime.date | None = None) -> list[int]:
    """From the current year + 1 back to the guideline's first year, newest first."""
    today = today or timezone.localdate()
    return list(range(today.year + 1, FIRST_YEAR - 1, -1))


def count_rows(form: str, user, unit: Unit, year: int) -> int:
    return form_rows.count(form, user, unit, year)


def check_size(fmt: str, count: int) -> None:
    limit = renderers.FORMATS[fmt].row_limit
    if limit is not None and count > limit:
        raise TooManyRows(fmt, count, limit)


def runs_in_background(fmt: str, count: int) -> bool:
    return count > BACKGROUND_ABOVE[fmt]


def form_label(form: str) -> str:
    return f"Biểu mẫu {form}"


def names(form: str, unit: Unit, year: int, fmt: str, on: datetime.date | None = None) -> tuple[str, str]:
    on = on or timezone.localdate()
    return file_names(
        f"bieu-mau-{form}_{unit.code or unit.name}_{year}_{on:%Y%m%d}",
        f"Biểu mẫu {form} - {unit.name} - năm {year} - {on:%d-%m-%Y}",
        fmt,
    )


class _Recorder:
    """Collects the ids of what the document holds, for the audit (8 bytes an id)."""

    def __init__(self) -> None:
        self.initiatives = array("q")
        self.youth = array("q")


def document(form: str, user, unit: Unit, year: int, recorder: _Recorder, *, total: int | None = None) -> OfficialList:
    """Form `form` of `unit`'s subtree for `year`, as `user` may read it."""

    def rows() -> Iterator[tuple[Cell, ...]]:
        for row in form_rows.rows(form, user, unit, year):
            recorder.initiatives.append(row.initiative_id)
            recorder.youth.extend(row.youth_ids)
            yield row.cells

    signature = Signature()
    if form == FORM03:
        signature = Signature(recipients=(), endorsement=form_rows.confirmation_block(user, unit, year))
    return OfficialList(
        form_label=form_label(form),
        header=Header.for_unit(unit),
        title_lines=(*TITLES[form], f"NĂM {year}"),
        columns=COLUMNS[form],
        rows=rows(),
        signature=signature,
        landscape=True,
        long_rows=True,
        total=total,
    )


def write(form: str, user, unit: Unit, year: int, fmt: str, out: IO[bytes], *, progress: Progress | None = None) -> int:
    """Render the form into `out` and audit it: who, when, which records. Returns the row count."""
    recorder = _Recorder()
    count = renderers.render(fmt, document(form, user, unit, year, recorder), out, progress=progress)
    detail = f"form{form}.{fmt} {year}"
    youth_ids = sorted(set(recorder.youth))
    InitiativeAccess.objects.create(
        action=InitiativeAccess.Action.EXPORT,
        user=user,
        unit=unit,
        detail=detail,
        record_count=len(recorder.initiatives),
        record_ids=recorder.initiatives.tolist(),
        youth_ids=youth_ids,
    )
    if youth_ids:
        log_bulk_access(RegistryAccess.Action.EXPORT, unit, youth_ids, by=user, detail=f"initiatives.{detail}")
    return count


def response(form: str, user, unit: Unit, year: int, fmt: str) -> FileResponse:
    """The export as a download, written to a temporary file first and streamed from it."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it (and so deletes it)
    try:
        write(form, user, unit, year, fmt, out)
    except BaseException:
        out.close()
        raise
    return file_response(out, renderers.FORMATS[fmt].content_type, names(form, unit, year, fmt))


def job_kind(form: str, year: int) -> str:
    return f"{KIND_PREFIX}{form}.{year}"


def parse_kind(kind: str) -> tuple[str, int] | None:
    """`initiatives.form03.2026` -> ("03", 2026); None for another kind of job."""
    if not kind.startswith(KIND_PREFIX):
        return None
    form, _dot, year = kind.removeprefix(KIND_PREFIX).partition(".")
    return (form, int(year)) if form in FORMS and year.isdecimal() else None


def start(form: str, user, unit: Unit, year: int, fmt: str, *, total: int) -> ExportJob:
    """A background job for a large export; the worker (or, without one, this request) runs it."""
    job = start_job(job_kind(form, year), fmt, unit, total=total, names=names(form, unit, year, fmt), by=user)
    build_initiative_form.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


@task()
def build_initiative_form(job_id: str) -> None:
    job = ExportJob.objects.select_related("unit", "requested_by").get(pk=job_id)
    parsed = parse_kind(job.kind)
    if parsed is None:
        raise ValueError(f"not an initiative form job: {job.kind!r}")
    form, year = parsed

    def produce(out: IO[bytes], progress: Progress) -> int:
        # Rights are read again now: whoever lost the unit since asking gets nothing.
        user = job.requested_by
        if not user.is_active or not user.can(Capability.READ, job.unit):
            raise ExportFailed(gettext_noop("You no longer have access to this unit."))
        try:
            check_size(job.fmt, count_rows(form, user, job.unit, year))
        except TooManyRows as exc:
            raise ExportFailed(
                gettext_noop("The list grew beyond what this format can hold: export it as Excel (.xlsx).")
            ) from exc
        return write(form, user, job.unit, year, job.fmt, out, progress=progress)

    run_job(job, produce)
