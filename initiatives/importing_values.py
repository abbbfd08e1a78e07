"""Read one cell of a Form 01 into an initiative's field, the way communes write them.

Each parser returns the value or raises `youth.importing_values.CellProblem` with a translated
message. Names are matched folded (`core.vntext.fold`): the form's Vietnamese names
(`initiatives.form_vocabulary`), the codes, and the labels of the reader's language.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from core.identifiers import InvalidIdentifier, normalize_phone
from core.vntext import fold, nfc
from initiatives.choices import KIND_DOMAIN, Domain, Kind
from initiatives.form_vocabulary import DOMAIN_KEYWORDS, DOMAIN_VI, KIND_KEYWORDS, KIND_VI
from youth.importing_values import GROUP_KEYWORDS, CellProblem, cell_text

_WORDS = re.compile(r"[^0-9a-z]+")


def text_of(value: Any) -> str:
    """A cell as text, NFC, each line's whitespace collapsed; the line breaks kept (the first
    line of the content is the name)."""
    if isinstance(value, str):
        return "\n".join(line for line in (nfc(part) for part in value.splitlines()) if line)
    return cell_text(value)


def key(text: Any) -> str:
    return " ".join(_WORDS.sub(" ", fold(cell_text(text))).split())


def _names(choices, vietnamese: dict[str, str]) -> dict[str, str]:
    """Folded name -> code: the form's names, the codes, the labels in the current and English."""
    found = {key(name): code for code, name in vietnamese.items()}
    found.update({key(code): code for code in choices.values})
    for language in (translation.get_language() or "vi", "en"):
        with translation.override(language):
            found.update({key(str(label)): code for code, label in choices.choices})
    return found


def parse_domain(value: Any) -> str:
    """A domain named in full, by its code or by the first words of its name; "" for blank."""
    text = key(value)
    if not text:
        return ""
    names = _names(Domain, DOMAIN_VI)
    if text in names:
        return names[text]
    starts = {code for name, code in names.items() if name.startswith(text) or text.startswith(name)}
    if len(starts) == 1:
        return starts.pop()
    raise CellProblem(
        _("Unknown domain %(value)s. Use one of: %(names)s.")
        % {"value": cell_text(value), "names": "; ".join(DOMAIN_VI.values())}
    )


def parse_kind(value: Any) -> str:
    """A kind named in full or by its code, or recognised by its words; "" for blank."""
    text = key(value)
    if not text:
        return ""
    names = _names(Kind, KIND_VI)
    if text in names:
        return names[text]
    if guessed := guess_kind(text):
        return guessed
    raise CellProblem(
        _("Unknown kind of initiative %(value)s. Use a name from the template's instructions, or “Khác”.")
        % {"value": cell_text(value)}
    )


def guess_kind(text: str) -> str:
    """The kind whose words appear first in `text` (folded), or ""."""
    padded = f" {key(text)} "
    best: tuple[int, str] = (len(padded), "")
    for kind, words in KIND_KEYWORDS.items():
        for word in words:
            at = padded.find(f" {word.strip()} ")
            if at >= 0 and at < best[0]:
                best = (at, kind)
    return best[1]


def guess_domain(text: str) -> str:
    padded = f" {key(text)} "
    for domain, words in DOMAIN_KEYWORDS.items():
        if any(f" {word} " in padded for word in words):
            return domain
    return ""


_SECTION_MARK = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-Z])\s*[.):\-–]?\s+")


def section_domain(heading: str) -> str:
    """The domain a section heading names ("II. Lĩnh vực chăm sóc sức khỏe", "I LĨNH VỰC VIỆC
    LÀM"): by the first words of its name, by words of one name only, or by its usual words; "" if none."""
    words = key(_SECTION_MARK.sub("", heading)).removeprefix("linh vuc").strip()
    if not words:
        return ""
    try:
        if found := parse_domain(words):
            return found
    except CellProblem:
        pass
    named = {code for name, code in _names(Domain, DOMAIN_VI).items() if f" {words} " in f" {name} "}
    if len(named) == 1:
        return named.pop()
    return guess_domain(words)


def domain_of(kind: str) -> str:
    return KIND_DOMAIN.get(kind, "")


def groups_named_in(text: str) -> list[str]:
    """Target groups a free text mentions by their usual words ("khuyết tật", "hộ nghèo", …)."""
    padded = f" {key(text)} "
    return [group for group, words in GROUP_KEYWORDS.items() if any(f" {word} " in padded for word in words)]


_DMY = re.compile(r"([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ t][0-9:.]+)?")
_YEAR_AFTER = r"(?:\s*[/\-.]\s*|\s+nam\s+|\s+)([0-9]{4})"
_MY = re.compile(rf"(?:thang|t)?\s*([0-9]{{1,2}}){_YEAR_AFTER}")
_MONTH = re.compile(r"(?:thang|t)\s*([0-9]{1,2})")
_QUARTER = re.compile(rf"quy\s*(iv|i{{1,3}}|[1-4])(?:{_YEAR_AFTER})?")
_YEAR = re.compile(r"(?:nam\s*)?([0-9]{4})")
_WHOLE_YEAR = re.compile(r"ca\s*nam(?:\s*([0-9]{4}))?")
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def parse_date(value: Any, *, end: bool = False, year: int | None = None) -> datetime.date | None:
    """A date cell, dd/mm/yyyy (day first) or yyyy-mm-dd; or a period, read as its first day
    (its last for an `end`): a month ("03/2026", "T3/2026", "Tháng 3 năm 2026"), a quarter
    ("Quý I/2026"), a year ("2026", "Năm 2026"), "Cả năm". A month or quarter without its year,
    and "Cả năm", are of `year` (the import's programme year). None for blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = " ".join(fold(cell_text(value)).split()).rstrip(".")
    try:
        if match := _DMY.fullmatch(text):
            day, month, in_year = (int(g) for g in match.groups())
            return _in_range(datetime.date(in_year, month, day), value)
        if match := _ISO.fullmatch(text):
            in_year, month, day = (int(g) for g in match.groups())
            return _in_range(datetime.date(in_year, month, day), value)
        if period := _period(text, year):
            first, last = period
            return _in_range(last if end else first, value)
    except ValueError:
        pass
    raise CellProblem(
        _(
            "“%(value)s” is not a date. Write a day (15/03/2026), a month (03/2026), a quarter (Quý I/2026) "
            "or a year (2026)."
        )
        % {"value": cell_text(value)}
    )


def _period(text: str, year: int | None) -> tuple[datetime.date, datetime.date] | None:
    """(first day, last day) of the month, quarter or year `text` names; None if it names none."""
    first_month, months, in_year = 0, 0, year
    if match := _MY.fullmatch(text):
        first_month, months, in_year = int(match.group(1)), 1, int(match.group(2))
    elif match := _MONTH.fullmatch(text):
        first_month, months = int(match.group(1)), 1
    elif match := _QUARTER.fullmatch(text):
        first_month, months = _QUARTERS[match.group(1)] * 3 - 2, 3
        in_year = int(match.group(2)) if match.group(2) else year
    elif match := _YEAR.fullmatch(text):
        first_month, months, in_year = 1, 12, int(match.group(1))
    elif match := _WHOLE_YEAR.fullmatch(text):
        first_month, months = 1, 12
        in_year = int(match.group(1)) if match.group(1) else year
    if not first_month or in_year is None:
        return None
    first = datetime.date(in_year, first_month, 1)
    last_month = first_month + months - 1
    last = datetime.date(in_year, last_month, calendar.monthrange(in_year, last_month)[1])
    return first, last


def _in_range(day: datetime.date, raw: Any) -> datetime.date:
    if not 2000 <= day.year <= 2100:
        raise CellProblem(_("%(value)s is not a possible date.") % {"value": cell_text(raw)})
    return day


_PHONE = re.compile(r"(?<![0-9])(?:\+84|84|0)(?:[ .\-]?[0-9]){8,10}(?![0-9])")


def phones_in(text: str) -> list[tuple[str, str]]:
    """(phone, the line or clause it was written in) for each Vietnamese number in `text`."""
    found = []
    for segment in re.split(r"[\n;]", text):
        for match in _PHONE.finditer(segment):
            try:
                phone = normalize_phone(match.group(0))
            except InvalidIdentifier:
                continue
            if phone:
                found.append((phone, segment))
    return found
