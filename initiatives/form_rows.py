"""The rows of Biểu mẫu 01 and 03, from the scoped querysets, already masked for the reader.

Form 01 is the initiatives registered for a year (`InitiativeQuerySet.registered_in`, drafts
never) in a unit's subtree. Form 03 is those of the year whose results the local government
confirmed: a Confirmation exists, the results are filled in (text and number supported) and
the initiative is under way, reported or closed. An initiative under way counts once it meets
what `report` asks (results and confirmation): a commune preparing its Form 03 before it
clicks "report" sees it; one returned from "reported" to "under way" stays in, since its
confirmation stands.

Beneficiaries follow the registry's privacy rules (youth/privacy.py), person by person:
- a linked record the reader may see, live, whose consent was not withdrawn, is named with
  its address and phone, as Form 02 shows them to the same reader;
- the outcome of the support for that person (Form 03) is a sensitive detail: shown only to
  readers who see the record's sensitive details (officers of its unit and above), masked
  for the others;
- any other linked record (consent withdrawn, deleted, or of a unit outside the reader's
  scope, e.g. a beneficiary of a neighbouring commune) is not named: it is counted, with the
  unnamed beneficiaries, in "và N người khác".

Rows are read in batches (a few queries per batch, whatever its size) and yielded one by one,
so a long list streams.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db.models import QuerySet

from core.vntext import vn_upper
from initiatives.choices import Status
from initiatives.form_vocabulary import DOMAIN_VI, KIND_VI, OUTCOME_VI
from initiatives.models import Beneficiary, Confirmation, Evidence, Initiative, InitiativeQuerySet
from reports.documents import Cell, Endorsement
from units.models import Unit
from units.scoping import Capability
from youth.choices import GROUP_BITS, ConsentState
from youth.importing_values import GROUP_SHORT_VI
from youth.models import format_address
from youth.privacy import MASK, sensitive_paths

FORM01 = "01"
FORM03 = "03"
FORMS = (FORM01, FORM03)
# Form 03: the states in which results can have been confirmed.
REPORTABLE_STATUSES = (Status.UNDER_WAY, Status.REPORTED, Status.CLOSED)
BATCH = 200
PHOTOS_LISTED = 10
CONFIRMATION_HEADING = "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG"


def _scoped(user, unit: Unit) -> InitiativeQuerySet:
    return Initiative.objects.visible_to(user).filter(unit_path__startswith=unit.path)


def form01_queryset(user, unit: Unit, year: int) -> QuerySet[Initiative]:
    return _scoped(user, unit).registered_in(year).order_by("unit_path", "name_key", "pk")


def form03_queryset(user, unit: Unit, year: int) -> QuerySet[Initiative]:
    return (
        _scoped(user, unit)
        .filter(years__year=year, status__in=REPORTABLE_STATUSES, confirmation__isnull=False)
        .exclude(results="")
        .filter(supported_count__isnull=False)
        .order_by("unit_path", "name_key", "pk")
    )


def form_queryset(form: str, user, unit: Unit, year: int) -> QuerySet[Initiative]:
    if form == FORM01:
        return form01_queryset(user, unit, year)
    if form == FORM03:
        return form03_queryset(user, unit, year)
    raise ValueError(f"unknown form {form!r}")


@dataclass(frozen=True)
class FormRow:
    initiative_id: int
    youth_ids: tuple[int, ...]  # the registry records named in the row (for the audit)
    cells: tuple[Cell, ...]


_FIELDS = (
    "pk", "name", "domain", "kind", "kind_other", "group_bits", "partners", "person_in_charge",
    "person_in_charge_phone", "area", "start_date", "end_date", "content", "expected_results",
    "unnamed_beneficiaries", "results", "supported_count", "unit__name",
)  # fmt: skip


class _Reader:
    """What the requesting user may see of a registry record, by the record's unit path."""

    def __init__(self, user) -> None:
        self.readable = tuple(user.scope_paths(Capability.READ))
        self.sensitive = tuple(sensitive_paths(user))

    def may_name(self, path: str) -> bool:
        return bool(self.readable) and path.startswith(self.readable)

    def sees_sensitive(self, path: str) -> bool:
        return bool(self.sensitive) and path.startswith(self.sensitive)


def rows(form: str, user, unit: Unit, year: int, *, batch: int = BATCH) -> Iterator[FormRow]:
    """The rows of Form `form` for `unit`'s subtree and `year`, as `user` may read them."""
    reader = _Reader(user)
    values = form_queryset(form, user, unit, year).values_list(*_FIELDS)
    number = 0
    iterator = values.iterator(chunk_size=batch)
    while chunk := list(islice(iterator, batch)):
        ids = [row[0] for row in chunk]
        partners = _coordinators(ids)
        people = _beneficiaries(ids)
        proofs = _evidence(ids) if form == FORM03 else {}
        confirmations = _confirmations(ids) if form == FORM03 else {}
        for row in chunk:
            number += 1
            record = dict(zip(_FIELDS, row, strict=True))
            pk = record["pk"]
            named, beneficiaries = _people_cell(record, people.get(pk, []), reader, with_outcome=form == FORM03)
            cells: tuple[Cell, ...]
            if form == FORM01:
                cells = (
                    number,
                    _implementer(record),
                    _partners(partners.get(pk, []), record["partners"]),
                    _content(record, with_results=False),
                    beneficiaries,
                    record["expected_results"],
                )
            else:
                cells = (
                    number,
                    _implementer(record),
                    _partners(partners.get(pk, []), record["partners"]),
                    _content(record, with_results=True),
                    beneficiaries,
                    _proofs(proofs.get(pk, []), confirmations.get(pk)),
                )
            yield FormRow(initiative_id=pk, youth_ids=named, cells=cells)


# --- Batched look-ups -------------------------------------------------------------------------


def _coordinators(ids: list[int]) -> dict[int, list[str]]:
    through = Initiative.coordinating_units.through
    found: dict[int, list[str]] = defaultdict(list)
    pairs = (
        through.objects.filter(initiative_id__in=ids).order_by("unit__path").values_list("initiative_id", "unit__name")
    )
    for initiative_id, name in pairs:
        found[initiative_id].append(name)
    return found


def _beneficiaries(ids: list[int]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = defaultdict(list)
    linked = (
        Beneficiary.objects.filter(initiative_id__in=ids)
        .order_by("initiative_id", "youth__unit_path", "youth__sort_key", "youth_id")
        .values_list(
            "initiative_id",
            "youth_id",
            "youth__full_name",
            "youth__phone",
            "youth__village",
            "youth__address_detail",
            "youth__unit__place_name",
            "youth__unit_path",
            "youth__deleted_at",
            "youth__consent_state",
            "outcome",
        )
    )
    for row in linked:
        found[row[0]].append(row[1:])
    return found


def _evidence(ids: list[int]) -> dict[int, list[tuple[str, str, str]]]:
    found: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    items = (
        Evidence.objects.filter(initiative_id__in=ids, purpose=Evidence.Purpose.RESULT)
        .order_by("initiative_id", "uploaded_at", "pk")
        .values_list("initiative_id", "kind", "title", "url")
    )
    for initiative_id, kind, title, url in items:
        found[initiative_id].append((kind, title, url))
    return found


def _confirmations(ids: list[int]) -> dict[int, tuple]:
    items = Confirmation.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", "confirmer_title", "confirmer_name", "confirmed_on", "scan__title"
    )
    return {row[0]: row[1:] for row in items}


# --- Cells ------------------------------------------------------------------------------------


def _implementer(record: dict[str, Any]) -> str:
    lines = [record["unit__name"]]
    if record["person_in_charge"]:
        phone = record["person_in_charge_phone"]
        lines.append(f"Phụ trách: {record['person_in_charge']}" + (f" ({phone})" if phone else ""))
    return "\n".join(lines)


def _partners(units: list[str], partners: str) -> str:
    return "\n".join(part for part in ("; ".join(units), partners.strip()) if part)


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _content(record: dict[str, Any], *, with_results: bool) -> str:
    """Guideline §6c: the initiative, its area, start date, number supported, form and content, results."""
    kind = record["kind_other"] if record["kind"] == "other" and record["kind_other"] else KIND_VI.get(record["kind"])
    lines = [record["name"], f"Lĩnh vực: {DOMAIN_VI.get(record['domain'], '')}; loại: {kind}"]
    if record["area"]:
        lines.append(f"Địa bàn: {record['area']}")
    if record["start_date"]:
        period = f"Thời gian: từ {_date(record['start_date'])}"
        if record["end_date"]:
            period += f" đến {_date(record['end_date'])}"
        lines.append(period)
    if with_results:
        lines.append(f"Số thanh thiếu niên yếu thế được hỗ trợ: {record['supported_count']}")
    lines.append(f"Hình thức, nội dung: {record['content']}")
    if with_results:
        lines.append(f"Kết quả cụ thể: {record['results']}")
    return "\n".join(lines)


def _people_cell(
    record: dict[str, Any], linked: list[tuple], reader: _Reader, *, with_outcome: bool
) -> tuple[tuple[int, ...], str]:
    """(ids of the records named, the cell): groups served, the people named, "và N người khác"."""
    lines = []
    groups = [name for code, name in GROUP_SHORT_VI.items() if record["group_bits"] & GROUP_BITS[code]]
    if groups:
        lines.append("Nhóm: " + "; ".join(groups))
    named: list[int] = []
    others = record["unnamed_beneficiaries"]
    for youth_id, name, phone, village, detail, place, path, deleted_at, consent, outcome in linked:
        if deleted_at is not None or consent == ConsentState.WITHDRAWN or not reader.may_name(path):
            others += 1
            continue
        named.append(youth_id)
        parts = [f"{len(named)}. {name}"]
        if address := format_address(detail, village, place):
            parts.append(address)
        if phone:
            parts.append(phone)
        line = " – ".join(parts)
        if with_outcome:
            line += f" ({OUTCOME_VI.get(outcome, outcome) if reader.sees_sensitive(path) else MASK})"
        lines.append(line)
    if others:
        lines.append(f"và {others} người khác" if named else f"{others} người (không nêu tên)")
    return tuple(named), "\n".join(lines)


def _proofs(items: list[tuple[str, str, str]], confirmation: tuple | None) -> str:
    photos = [title or "ảnh" for kind, title, _url in items if kind == "photo"]
    documents = [title or "tài liệu" for kind, title, _url in items if kind == "document"]
    links = [url for kind, _title, url in items if kind == "link" and url]
    lines = []
    if photos:
        shown = "; ".join(photos[:PHOTOS_LISTED]) + ("; …" if len(photos) > PHOTOS_LISTED else "")
        lines.append(f"Hình ảnh ({len(photos)}): {shown}")
    if documents:
        lines.append(f"Tài liệu: {'; '.join(documents)}")
    if links:
        lines.append("Bài viết:")
        lines.extend(links)
    if confirmation is not None:
        title, name, on, scan = confirmation
        line = f"Xác nhận của chính quyền địa phương: {title} {name}, ngày {_date(on)}"
        lines.append(line + (f" (bản ký: {scan})" if scan else ""))
    return "\n".join(lines)


# --- The block under Form 03 ------------------------------------------------------------------


def confirmation_block(user, unit: Unit, year: int) -> Endorsement:
    """ "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG" as the document needs it.

    A unit's own list (every row is the unit's): its confirmer's title and name and the date,
    or each confirmer when there were several. A list gathering the units below: room for the
    local government at the unit's level to sign; each row carries its own confirmation in the
    evidence column.
    """
    initiatives = form03_queryset(user, unit, year)
    if initiatives.exclude(unit_path=unit.path).exists():
        return Endorsement(CONFIRMATION_HEADING, notes=("(Xác nhận của từng địa phương: xem cột Minh chứng)",))
    confirmers: dict[tuple[str, str], Any] = {}
    found = Confirmation.objects.filter(initiative__in=initiatives.values("pk")).order_by("confirmed_on", "pk")
    for title, name, on in found.values_list("confirmer_title", "confirmer_name", "confirmed_on"):
        confirmers[(title, name)] = on  # the latest date of each confirmer
    if len(confirmers) == 1:
        ((title, name), on) = next(iter(confirmers.items()))
        return Endorsement(CONFIRMATION_HEADING, title=vn_upper(title), signer=name, notes=(f"Ngày {_date(on)}",))
    notes = tuple(f"{title} {name} (ngày {_date(on)})" for (title, name), on in confirmers.items())
    return Endorsement(CONFIRMATION_HEADING, notes=notes)


def count(form: str, user, unit: Unit, year: int) -> int:
    return form_queryset(form, user, unit, year).count()
