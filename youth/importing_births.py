"""Read a date or year of birth as commune officers write it: day before month, a year alone,
"ngày … tháng … năm …", a year typed into a date-formatted cell. Raises `CellProblem` with a
translated message, as every reader of `youth.importing_values`.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils.translation import gettext as _

from core.vntext import fold
from youth.importing_values import CellProblem, cell_text

_YEAR = re.compile(r"(?:sinh\s+)?(?:nam\s+)?([0-9]{4})(?:\.0+)?")
_DMY = re.compile(r"([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{2}|[0-9]{4})")
_YMD = re.compile(r"([0-9]{4})[/\-.]([0-9]{1,2})[/\-.]([0-9]{1,2})(?:[ t]00:00(?::00)?)?")
_MY = re.compile(r"(?:thang|th|t)?\s*([0-9]{1,2})\s*(?:[/\-.]|nam)\s*([0-9]{4})")
_YM = re.compile(r"([0-9]{4})\s*[/\-.]\s*([0-9]{1,2})")
_WORDS = re.compile(r"(?:sinh\s+)?(?:ngay\s*)?([0-9]{1,2})\s*thang\s*([0-9]{1,2})\s*nam\s*([0-9]{4})")
# What officers write around a birth, folded: "ngày 15/5/2001", "2001 (24 tuổi)",
# "15/05/2001 (âm lịch)", "khoảng 2001", "2001?".
_DAY_WORD = re.compile(r"^(?:sinh\s+)?ngay\s*(?=[0-9])")
_AGE_NOTE = re.compile(r"\s*\(\s*([0-9]{1,2})\s*tuoi\s*\)$")
_LUNAR = re.compile(r"\s*(?:\(\s*(?:am lich|al)\s*\)|am lich)$")
_ABOUT = re.compile(r"^(?:khoang|tam|~)\s*(?=[0-9])|\s*\?$")
_AGE = re.compile(r"([0-9]{1,2})\s*tuoi")


class Birth:
    __slots__ = ("date", "warnings", "year")

    def __init__(self, *, date: datetime.date | None = None, year: int | None = None) -> None:
        self.date = date
        self.year = date.year if date else year
        self.warnings: list[str] = []

    @property
    def text(self) -> str:
        """The form the import's source key uses: "dd/mm/yyyy", "yyyy" or ""."""
        if self.date:
            return self.date.strftime("%d/%m/%Y")
        return str(self.year) if self.year else ""


def parse_birth(value: Any, today: datetime.date) -> Birth | None:
    """A date of birth or a year alone; None for blank. Day before month, as Vietnamese write it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if year := _year_shown_as_date(day, today):
            birth = _checked(Birth(year=year), value, today)
            birth.warnings.append(
                _(
                    "The cell is formatted as a date, so the year %(year)d typed in it shows as %(value)s; "
                    "read as the year %(year)d."
                )
                % {"year": year, "value": cell_text(value)}
            )
            return birth
        return _checked(Birth(date=day), value, today)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1000 <= value <= 9999:
            return _checked(Birth(year=int(value)), value, today)
        if float(value).is_integer() and 1 <= value <= 99:
            return _age(int(value), value)
        raise CellProblem(
            _("%(value)s is neither a date nor a year; write it as dd/mm/yyyy or yyyy.") % {"value": value}
        )
    text = _key_keep_digits(cell_text(value))
    if match := _AGE.fullmatch(text):
        return _age(int(match.group(1)), value)
    age, lunar, about = None, False, False
    if match := _AGE_NOTE.search(text):
        age, text = int(match.group(1)), text[: match.start()]
    if match := _LUNAR.search(text):
        lunar, text = True, text[: match.start()]
    if (stripped := _ABOUT.sub("", text)) != text:
        about, text = True, stripped
    birth = _parse_text(_DAY_WORD.sub("", text), value, today)
    shown = cell_text(value)
    if lunar and birth.year:
        birth.date = None
        birth.warnings.append(
            _("%(value)s is a lunar calendar date: only the year %(year)d is kept; check it.")
            % {"value": shown, "year": birth.year}
        )
    if about:
        birth.warnings.append(_("%(value)s is an estimate: read as %(birth)s.") % {"value": shown, "birth": birth.text})
    if age is not None and birth.year and abs(today.year - birth.year - age) > 1:
        birth.warnings.append(
            _("%(value)s: the age written beside the birth does not match it; the birth is kept.") % {"value": shown}
        )
    return birth


def _parse_text(text: str, value: Any, today: datetime.date) -> Birth:
    if match := _YEAR.fullmatch(text):
        return _checked(Birth(year=int(match.group(1))), value, today)
    if match := _DMY.fullmatch(text):
        day_text, month_text, year_text = match.groups()
        year = _full_year(year_text, today)
        birth = _checked(Birth(date=_date(year, int(month_text), int(day_text), value)), value, today)
        if len(year_text) == 2:
            birth.warnings.append(
                _("The two-digit year in %(value)s was read as %(year)d; write four digits to be sure.")
                % {"value": cell_text(value), "year": year}
            )
        return birth
    if (match := _YMD.fullmatch(text)) or (match := _WORDS.fullmatch(text)):
        first, second, third = (int(g) for g in match.groups())
        parts = (first, second, third) if match.re is _YMD else (third, second, first)
        return _checked(Birth(date=_date(*parts, value)), value, today)
    if match := _MY.fullmatch(text):
        month, year_only = int(match.group(1)), int(match.group(2))
    elif match := _YM.fullmatch(text):
        month, year_only = int(match.group(2)), int(match.group(1))
    if match:
        _date(year_only, month, 1, value)  # a month 13 is no month
        birth = _checked(Birth(year=year_only), value, today)
        birth.warnings.append(_("Only the year of %(value)s is kept.") % {"value": cell_text(value)})
        return birth
    raise CellProblem(
        _("%(value)s is neither a date nor a year; write it as dd/mm/yyyy or yyyy.") % {"value": cell_text(value)}
    )


def _age(age: int, raw: Any) -> Birth:
    """An age where a birth belongs: not read (the year it gives is a guess off by one, and the
    birth is part of a person's identity in the registry), with a warning."""
    birth = Birth()
    birth.warnings.append(
        _("%(value)s looks like an age, not a year of birth: the birth is left empty; type the year of birth.")
        % {"value": cell_text(raw) if not isinstance(raw, int | float) else age}
    )
    return birth


def is_day_first_text(value: Any) -> bool:
    """Typed text that can only be day first: "25/12/2001"."""
    if not isinstance(value, str):
        return False
    match = _DMY.fullmatch(_key_keep_digits(cell_text(value)))
    return match is not None and int(match.group(1)) > 12 and int(match.group(2)) <= 12


def month_first_reading(value: Any, today: datetime.date) -> datetime.date | None:
    """The date a date cell would be with day and month swapped, when it could be: Excel with
    English settings reads "05/12/2001" typed by a Vietnamese officer as 12 May."""
    if not isinstance(value, datetime.date):
        return None
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day.day > 12 or day.day == day.month or _year_shown_as_date(day, today):
        return None
    return datetime.date(day.year, day.day, day.month)


EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of Excel's serial numbers (the 1900 system)
EARLIEST_YEAR_AS_DATE = 1940


def _year_shown_as_date(day: datetime.date, today: datetime.date) -> int | None:
    """2001 typed into a date-formatted cell is day 2001 of Excel's calendar, 23/06/1905: the
    year, when that date is too old for a birth and its serial number a likely year."""
    serial = (day - EXCEL_EPOCH).days
    if today.year - day.year > 100 and EARLIEST_YEAR_AS_DATE <= serial <= today.year:
        return serial
    return None


def _key_keep_digits(text: str) -> str:
    return " ".join(fold(text).replace(",", " ").split())


def _full_year(two_or_four: str, today: datetime.date) -> int:
    year = int(two_or_four)
    if len(two_or_four) == 4:
        return year
    # "05/03/98": the only century that puts the birth in the past hundred years.
    return 2000 + year if 2000 + year <= today.year else 1900 + year


def _date(year: int, month: int, day: int, raw: Any) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellProblem(_("%(value)s is not a valid date (day/month/year).") % {"value": cell_text(raw)}) from None


def _checked(birth: Birth, raw: Any, today: datetime.date) -> Birth:
    year = birth.year or 0
    if year < 1900 or (birth.date or datetime.date(year, 1, 1)) > today:
        raise CellProblem(_("%(value)s is not a possible date of birth.") % {"value": cell_text(raw)})
    if today.year - year > 40:
        birth.warnings.append(
            _("Born in %(year)d: older than the programme's age range; check the year.") % {"year": year}
        )
    return birth
