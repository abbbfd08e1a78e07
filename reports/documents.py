"""The union's "official list document": what Biểu mẫu 01, 02 and 03 have in common.

A document is data only: the header block, the title, the table's columns, the rows (an
iterable read once, so a long list streams) and the signature block. The renderers in
`reports.renderers` lay it out as xlsx, docx or pdf in the administrative style of Hướng dẫn
29-HD/TWĐTN-VP. The labels here are fixed Vietnamese text of official forms, not UI strings:
they are the same whatever language the reader's screen is in (see README.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from core.vntext import vn_upper

if TYPE_CHECKING:
    from units.models import Unit

Cell = str | int
Progress = Callable[[int], None]

UNION_NAME = "ĐOÀN TNCS HỒ CHÍ MINH"

# A spreadsheet reads a cell starting with one of these as a formula (CSV/formula injection,
# OWASP); tab and carriage return too, because some programs strip them first.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """`=cmd|…` -> `'=cmd|…`: shown as text, even after the sheet is saved as CSV and reopened."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def date_line(place: str, on: datetime.date) -> str:
    """`Cẩm Bình, ngày 05 tháng 03 năm 2026` (day and month on two digits, as the style guide writes them)."""
    prefix = f"{place}, " if place else ""
    return f"{prefix}ngày {on:%d} tháng {on:%m} năm {on:%Y}"


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # in characters of the body font; docx and pdf use the proportions
    center: bool = False


@dataclass(frozen=True)
class Header:
    """The two-column header block: the issuing union on the left, the Union's name and the date on the right."""

    line_1: str
    line_2: str
    place: str
    on: datetime.date

    @classmethod
    def for_unit(cls, unit: Unit, on: datetime.date | None = None) -> Header:
        # A unit without header lines still says who issues the list: its own name.
        line_1 = vn_upper(unit.header_line_1) or ("" if unit.header_line_2 else vn_upper(unit.name))
        return cls(
            line_1=line_1,
            line_2=vn_upper(unit.header_line_2),
            place=unit.place_name,
            on=on or timezone.localdate(),
        )

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.on)


@dataclass(frozen=True)
class Endorsement:
    """A second signature block, of another body: e.g. Biểu mẫu 03's "XÁC NHẬN CỦA CHÍNH QUYỀN
    ĐỊA PHƯƠNG". The heading and title above the room for the signature, the signer's name
    below it, then `notes` (dates, remarks) in italics."""

    heading: str
    title: str = ""
    signer: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signature:
    """Right: on behalf of the standing committee, the signer's title, room for the signature.
    Left: the addressees ("Nơi nhận"), optional; or, when given, an `endorsement` instead."""

    on_behalf: str = "TM. BAN THƯỜNG VỤ"
    title: str = "BÍ THƯ"
    signer: str = ""
    recipients: tuple[str, ...] = ("- Như trên;", "- Lưu VP.")
    endorsement: Endorsement | None = None


@dataclass
class OfficialList:
    """One official list, ready to render. `rows` yields one sequence of cells per table row."""

    form_label: str
    header: Header
    title_lines: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Cell]]
    signature: Signature = field(default_factory=Signature)
    landscape: bool = False
    # Rows of many lines (Forms 01 and 03) may run over a page: the pdf lets them break there
    # rather than push them whole to the next page.
    long_rows: bool = False
    # Rows expected, when known: for progress reports only.
    total: int | None = None

    @property
    def file_title(self) -> str:
        return " ".join(self.title_lines)


@dataclass(frozen=True)
class Section:
    """One titled table of a report, with remarks under it (in italics)."""

    heading: str
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Cell]]
    notes: tuple[str, ...] = ()


@dataclass
class OfficialReport(OfficialList):
    """A report in the same format: the header block, the title, opening paragraphs (`intro`),
    then several titled tables (`sections`) instead of the one list, then the signature block.
    Its own `columns` and `rows` stay empty; the renderers lay out the sections."""

    intro: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
