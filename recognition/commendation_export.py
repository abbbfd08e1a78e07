"""The list of commendations of a year as an official document (`reports`): .xlsx, .docx, .pdf.

The list holds the commendations decided by a union and the unions below it, as the reader may
see them: collectives first, then individuals, each in the order of their decisions. Labels are
fixed Vietnamese text of an official document, not UI strings (see reports/README.md).

The list names individuals, so every export writes an InitiativeAccess row, as Forms 01 and 03
do (`initiatives.exports.write`): who, when, which unit, the format and year, and the
initiatives the listed commendations link to. A commendation names its recipient as text, not
as a registry record, so no registry record (and no RegistryAccess row) is named.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterator
from typing import IO

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.http import FileResponse
from django.utils import timezone

from initiatives.form_records import InitiativeAccess
from initiatives.models import Initiative
from recognition.models import Commendation, CommendationForm, CommendationLevel, RecipientKind
from reports import renderers
from reports.documents import Cell, Column, Header, OfficialList, Signature
from reports.http import file_names, file_response
from units.models import Unit

TITLE = (
    "DANH SÁCH CÁ NHÂN, TẬP THỂ ĐƯỢC BIỂU DƯƠNG, KHEN THƯỞNG",
    "TRONG CÔNG TÁC HỖ TRỢ THANH THIẾU NIÊN YẾU THẾ NĂM {year}",
)
COLUMNS = (
    Column("TT", 4.5, center=True),
    Column("Họ tên / Tập thể", 20),
    Column("Đơn vị", 16),
    Column("Thành tích", 28),
    Column("Hình thức", 11, center=True),
    Column("Cấp", 11, center=True),
    Column("Số, ngày quyết định", 16, center=True),
    Column("Mô hình, giải pháp liên quan", 24),
)
LEVEL_VI = {
    CommendationLevel.CENTRAL: "Trung ương Đoàn",
    CommendationLevel.PROVINCE: "Tỉnh đoàn",
    CommendationLevel.DISTRICT: "Đoàn cấp huyện",
    CommendationLevel.COMMUNE: "Đoàn cấp xã",
}
# The Union's certificates: a Bằng khen from the Central Committee or a province, a Giấy khen
# from the levels below.
CERTIFICATE_VI = {
    CommendationLevel.CENTRAL: "Bằng khen",
    CommendationLevel.PROVINCE: "Bằng khen",
    CommendationLevel.DISTRICT: "Giấy khen",
    CommendationLevel.COMMUNE: "Giấy khen",
}
PRAISE_VI = "Biểu dương"


def form_vi(commendation: Commendation) -> str:
    if commendation.form == CommendationForm.CERTIFICATE:
        return CERTIFICATE_VI.get(commendation.level, "Giấy khen")  # type: ignore[call-overload]
    return PRAISE_VI


def decision_vi(commendation: Commendation) -> str:
    return f"{commendation.decision_number}\nngày {commendation.decision_date:%d/%m/%Y}"


def commendations(user, unit: Unit, year: int) -> QuerySet[Commendation]:
    """What the list holds: decided in `unit`'s subtree in `year`, as `user` may see them."""
    collectives_first = Case(
        When(recipient_kind=RecipientKind.COLLECTIVE, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        Commendation.objects.visible_to(user)
        .filter(unit_path__startswith=unit.path, year=year)
        .select_related("recipient_unit")
        .prefetch_related(Prefetch("initiatives", queryset=Initiative.objects.order_by("name_key", "pk")))
        .order_by(collectives_first, "decision_date", "decision_number", "pk")
    )


def rows(user, unit: Unit, year: int, initiative_ids: list[int] | None = None) -> Iterator[tuple[Cell, ...]]:
    """The list's rows; the ids of the initiatives they name are added to `initiative_ids`."""
    for number, item in enumerate(commendations(user, unit, year), start=1):
        if initiative_ids is not None:
            initiative_ids.extend(initiative.pk for initiative in item.initiatives.all())
        yield (
            number,
            item.recipient_name,
            item.recipient_unit.name if item.recipient_unit else "",
            item.reason,
            form_vi(item),
            LEVEL_VI.get(item.level, item.level),  # type: ignore[call-overload]
            decision_vi(item),
            "\n".join(f"- {initiative.name}" for initiative in item.initiatives.all()),
        )


def document(user, unit: Unit, year: int, initiative_ids: list[int] | None = None) -> OfficialList:
    return OfficialList(
        form_label=f"Khen thưởng năm {year}",
        header=Header.for_unit(unit),
        title_lines=tuple(line.format(year=year) for line in TITLE),
        columns=COLUMNS,
        rows=rows(user, unit, year, initiative_ids),
        signature=Signature(),
        landscape=True,
        long_rows=True,
    )


def names(unit: Unit, year: int, fmt: str, on: datetime.date | None = None) -> tuple[str, str]:
    on = on or timezone.localdate()
    return file_names(
        f"khen-thuong_{unit.code or unit.name}_{year}_{on:%Y%m%d}",
        f"Danh sách khen thưởng - {unit.name} - năm {year} - {on:%d-%m-%Y}",
        fmt,
    )


def write(user, unit: Unit, year: int, fmt: str, out: IO[bytes]) -> int:
    """Render the list into `out` and audit it: who, when, which initiatives. Returns the row count."""
    initiative_ids: list[int] = []
    count = renderers.render(fmt, document(user, unit, year, initiative_ids), out)
    linked = sorted(set(initiative_ids))
    InitiativeAccess.objects.create(
        action=InitiativeAccess.Action.EXPORT,
        user=user,
        unit=unit,
        detail=f"commendations.{fmt} {year}",
        record_count=len(linked),
        record_ids=linked,
        youth_ids=[],
    )
    return count


def response(user, unit: Unit, year: int, fmt: str) -> FileResponse:
    """The list as a download, written to a temporary file first and streamed from it."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it (and so deletes it)
    try:
        write(user, unit, year, fmt, out)
    except BaseException:
        out.close()
        raise
    return file_response(out, renderers.FORMATS[fmt].content_type, names(unit, year, fmt))
