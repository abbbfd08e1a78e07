"""Import a list of disadvantaged youth from an .xlsx: Biểu mẫu 02 as communes keep it, or the
richer template this site offers (`youth.importing_template`).

Two steps, one code path. `build_report` reads and checks the whole file and writes nothing:
every problem by sheet, row and column, and the rows ready to write. `commit_import`
(`youth.importing_commit`) writes the ready rows of a report without errors, all or none, and
the import's audit row. `build_report` is two halves: `read_report`, what the file alone
decides, and `check_registry`, what the registry decides at the moment. The commit page runs
the second half again on the dry run's first half, kept with the upload (`youth.importing_cache`).

Decisions, for the record:
- Formulas are never evaluated: the workbook is read with `data_only=False`, so a formula
  cell gives its formula text ("=…") and its cached result is ignored. A value starting with
  "=" (a formula, or text that would become one in Excel) is, in the free-text columns
  (address, village, circumstances, notes), imported as written with a warning; in every other
  column it is an error (a formula is not a name, a date or a phone). Text starting with "+",
  "-" or "@" is ordinary text: exports must escape all four when they write spreadsheets.
- Form 02 has no target-group column: the upload form's default group applies to rows without
  a group; with neither, each such row is an error. Groups are never guessed from free text.
- A row's identity is `services.source_key(unit, name, birth, phone, citizen ID)`, the name as
  spelt (case and spacing aside: "An" and "Ân" are two people): a row whose key a live record
  of the unit already carries is skipped, so importing a file twice adds nothing, even after
  the record's name was corrected; a second row of the file with the same identity is skipped
  too (with a warning).
- Likely duplicates (in the file, or anywhere in the unit's province as `find_duplicates`
  defines them) are warnings: the officer decides, the import does not block.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.identifiers import citizen_id_birth_year, citizen_id_sex
from reports.importing.report import count_sheets
from reports.importing.sheets import problem_at, read_workbook, summarise
from units.models import Unit
from youth import importing_births as birth_values
from youth import importing_values as values
from youth.choices import HouseholdKind, TargetGroup
from youth.importing_commit import commit_import
from youth.importing_duplicates import flag_duplicates_in_file, flag_duplicates_in_registry, skip_already_imported
from youth.importing_report import ImportRejected, ImportReport, ParsedRow, Problem, Severity, SheetSummary
from youth.importing_rows import read_sheet
from youth.importing_sheets import (
    GROUP_MARK,
    OTHER_GROUP_MARK,
    SheetRow,
    SheetTable,
    TableRow,
    field_label,
    mark_group,
)

__all__ = [
    "ImportRejected",
    "ImportReport",
    "Problem",
    "Severity",
    "build_report",
    "check_registry",
    "commit_import",
    "read_report",
]

MAX_ROWS = 20_000
MAX_SHEETS = 50
MAX_PHYSICAL_ROWS = 500_000

# Columns whose formula text is kept as written (with a warning); elsewhere a formula is an error.
FREE_TEXT = frozenset({"village", "address_detail", "circumstances", "notes"})
LENGTH_LIMITS = {"full_name": 150, "village": 150, "address_detail": 255}


def build_report(
    data: bytes,
    *,
    filename: str,
    unit: Unit,
    user,
    default_group: str = "",
    today: datetime.date | None = None,
) -> ImportReport:
    """Read and check the whole file; write nothing. Raises ImportRejected for unreadable files."""
    report = read_report(data, filename=filename, unit=unit, default_group=default_group, today=today)
    return check_registry(report, unit=unit, user=user)


def read_report(
    data: bytes,
    *,
    filename: str,
    unit: Unit,
    default_group: str = "",
    today: datetime.date | None = None,
) -> ImportReport:
    """The first half of `build_report`, what the file alone decides: the safety checks, the
    table of each sheet and every value's checks. The registry is not read."""
    if default_group and default_group not in TargetGroup.values:
        raise ValueError(f"unknown target group {default_group!r}")
    today = today or timezone.localdate()
    tables = read_workbook(
        data, read_sheet, max_sheets=MAX_SHEETS, max_rows=MAX_ROWS, max_physical_rows=MAX_PHYSICAL_ROWS
    )
    report = ImportReport(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        unit_id=unit.pk,
        default_group=default_group,
        checked_at=timezone.now(),
    )
    for table in tables:
        summary = summarise(table, field_label)
        report.sheets.append(summary)
        above = None
        for row in table.rows:
            continues = above is not None and above.number == row.number - 1
            report.rows.append(
                _parse_row(table, row, summary, default_group=default_group, today=today, continues=continues)
            )
            above = row
        _flag_month_first_dates(table, summary, today)
    if not any(table.header_row for table in tables):
        report.file_problems.append(
            Problem(
                Severity.ERROR,
                _(
                    "No sheet has a header row with “Họ và tên”. Use Biểu mẫu 02 or the template: one header "
                    "row (TT, Họ và tên, …), then one row per person."
                ),
            )
        )
    elif not report.rows:
        report.file_problems.append(
            Problem(Severity.ERROR, _("The list is empty: there are no rows under the header."))
        )
    no_group = [t.title for t in tables if t.rows and not t.column("groups") and not _has_group_marks(t)]
    if no_group and not default_group:
        report.file_problems.append(
            Problem(
                Severity.INFO,
                _(
                    "Sheet “%(sheet)s” has no target-group column: choose a default target group on the upload "
                    "form, or add a column “Nhóm đối tượng”."
                )
                % {"sheet": no_group[0]},
            )
        )
    return report


def check_registry(report: ImportReport, *, unit: Unit, user) -> ImportReport:
    """The second half of `build_report`, what the registry decides at this moment: rows
    already imported, likely duplicates; then each sheet's counts. Completes `report`."""
    if report.unit_id != unit.pk:
        raise ValueError("the report was read for another unit")
    summaries = {summary.title: summary for summary in report.sheets}
    skip_already_imported(report.rows, unit, summaries)
    flag_duplicates_in_file(report.rows, summaries)
    flag_duplicates_in_registry(report.rows, unit, user, summaries)
    count_sheets(report)
    return report


def _has_group_marks(table: SheetTable) -> bool:
    return any(column.field.startswith(GROUP_MARK) for column in table.columns)


BIRTH_CELLS = ("birth", "birth_male", "birth_female")


def _flag_month_first_dates(table: SheetTable, summary: SheetSummary, today: datetime.date) -> None:
    """Date cells that may hold a swapped day and month, in a birth column whose typed texts are
    day first: the sign of a file typed on a computer with English settings. Values are kept."""
    for name in BIRTH_CELLS:
        cells = [(row, row.cells.get(name, (None, False))[0]) for row in table.rows]
        if not any(birth_values.is_day_first_text(value) for _row, value in cells):
            continue
        for row, value in cells:
            if (swapped := birth_values.month_first_reading(value, today)) is None:
                continue
            column = row.columns.get(name) if isinstance(row, TableRow) else table.column(name)
            message = _(
                "%(value)s is a date cell, in a column whose typed dates put the day first: Excel may have read "
                "it month first (it may be %(swapped)s). Check it."
            ) % {"value": values.cell_text(value), "swapped": swapped.strftime("%d/%m/%Y")}
            summary.problems.append(problem_at(table.title, Severity.WARNING, message, row.number, column))


# --- One row ----------------------------------------------------------------------------------


class _Row:
    """Collects one row's problems into its sheet's summary, with the column they concern."""

    def __init__(self, table: SheetTable, row: SheetRow, summary: SheetSummary) -> None:
        self.table, self.row, self.summary = table, row, summary
        self.has_error = False

    def value(self, name: str) -> Any:
        value, _formula = self.row.cells.get(name, (None, False))
        return value

    def add(self, severity: Severity, message: str, name: str = "") -> None:
        if isinstance(self.row, TableRow):  # under a second header row: that header's columns
            column = self.row.columns.get(name)
        else:
            column = self.table.column(name) if name else None
        self.summary.problems.append(problem_at(self.table.title, severity, message, self.row.number, column))
        self.has_error = self.has_error or severity == Severity.ERROR

    def marked(self, name: str) -> bool:
        """A mark column's cell; an unclear one counts as marked, with a warning to check it."""
        mark = values.read_mark(self.value(name))
        if mark is None:
            self.add(
                Severity.WARNING,
                _("“%(value)s” is neither a mark (x) nor a “no”: counted as marked; check it.")
                % {"value": values.cell_text(self.value(name))},
                name,
            )
            return True
        return mark

    def attempt(self, name: str, parse, *args) -> Any:
        """parse(value, *args), or None with the cell's problem recorded."""
        try:
            return parse(self.value(name), *args)
        except values.CellProblem as problem:
            self.add(Severity.ERROR, problem.message, name)
            return None


def _parse_row(
    table: SheetTable,
    sheet_row: SheetRow,
    summary: SheetSummary,
    *,
    default_group: str,
    today: datetime.date,
    continues: bool = False,
) -> ParsedRow:
    """`continues`: the row is right under another row of the list."""
    row = _Row(table, sheet_row, summary)
    # Fields whose cell is not read: a formula, or words where a number belongs.
    excel_errors = _excel_errors(row)
    skip = _check_formulas(row) | excel_errors
    skip |= _without_digits(row, skip)
    text = {
        name: "" if name in excel_errors else values.cell_text(row.value(name))
        for name in ("village", "address_detail", "circumstances", "notes")
    }
    full_name = _full_name(row, skip, continues=continues)
    birth, sex = _birth_and_sex(row, skip, today)
    data: dict[str, Any] = {
        "full_name": full_name,
        "birth_date": birth.date if birth else None,
        "birth_year": birth.year if birth else None,
        "sex": sex,
        "ethnicity": "" if "ethnicity" in skip else (row.attempt("ethnicity", values.parse_ethnicity) or ""),
        "citizen_id": "",
        "phone": "",
        **text,
    }
    if "citizen_id" not in skip:
        _citizen_id(row, data)
    if "phone" not in skip:
        _phone(row, data)
    _cross_check_citizen_id(row, data)
    for name, limit in LENGTH_LIMITS.items():
        if len(data[name]) > limit:
            row.add(Severity.ERROR, _("Too long: at most %(limit)d characters.") % {"limit": limit}, name)
    groups = _groups(row, skip, default_group)
    needs: dict[str, dict[str, Any]] = {}
    if "needs" not in skip:
        needs, unmatched = values.parse_needs(row.value("needs"))
        if unmatched:
            data["notes"] = "\n".join(filter(None, [data["notes"], _("Needs: %(text)s") % {"text": unmatched}]))
            row.add(Severity.WARNING, _("Needs not recognised; the text is kept in the notes."), "needs")
    birth_text = birth.text if birth else ""
    return ParsedRow(
        sheet=table.title,
        row=sheet_row.number,
        data=data,
        groups=groups,
        needs=needs,
        birth_text=birth_text,
        has_error=row.has_error,
    )


def _citizen_id(row: _Row, data: dict[str, Any]) -> None:
    if old_id := values.old_id_number(row.value("citizen_id")):
        # The registry's field takes a 12-digit CCCD only: the old number stays with the record.
        kept = _("Old ID card (CMND): %(number)s") % {"number": old_id}
        data["notes"] = "\n".join(filter(None, [data["notes"], kept]))
        row.add(
            Severity.WARNING,
            _("%(number)s is an old 9-digit ID card (CMND), not a 12-digit CCCD: it is kept in the notes.")
            % {"number": old_id},
            "citizen_id",
        )
        return
    data["citizen_id"] = row.attempt("citizen_id", values.parse_citizen_id) or ""


def _phone(row: _Row, data: dict[str, Any]) -> None:
    if values.is_zero_phone(row.value("phone")):
        row.add(
            Severity.WARNING,
            _("%(value)s is not a phone number; the cell is left empty.")
            % {"value": values.cell_text(row.value("phone"))},
            "phone",
        )
    elif phone := row.attempt("phone", values.parse_phone):
        data["phone"] = phone[0]
        for warning in phone[1]:
            row.add(Severity.WARNING, warning, "phone")


def _check_formulas(row: _Row) -> set[str]:
    """The fields whose cell holds a formula; records the warning or error for each."""
    found = set()
    for name, (value, is_formula) in row.row.cells.items():
        if not is_formula or value in (None, "") or name == "number":
            continue
        found.add(name)
        shown = values.cell_text(value)
        if name in FREE_TEXT:
            row.add(
                Severity.WARNING,
                _("The cell holds a formula; its text %(formula)s is imported as written, never calculated.")
                % {"formula": shown},
                name,
            )
        else:
            row.add(
                Severity.ERROR,
                _("The cell holds a formula (%(formula)s); formulas are not calculated. Type the value itself.")
                % {"formula": shown},
                name,
            )
    return found


# What an error cell holds (openpyxl gives its code as text), or the same typed as text.
EXCEL_ERRORS = frozenset(
    {
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
    }
)
NAME_CELLS = ("full_name", "family_name", "given_name")


def _excel_errors(row: _Row) -> set[str]:
    """The fields whose cell shows an Excel error (#N/A, #REF!, …), or TRUE/FALSE where a name
    belongs: never a name nor a target group (an error), elsewhere left empty (a warning)."""
    found = set()
    for name, (value, _formula) in row.row.cells.items():
        # Every error value holds a "#": the cheap test first, on 10,000 rows of ordinary cells.
        is_error = isinstance(value, str) and "#" in value and value.strip().upper() in EXCEL_ERRORS
        if name == "number" or not (is_error or (isinstance(value, bool) and name in NAME_CELLS)):
            continue
        found.add(name)
        shown = value.strip() if isinstance(value, str) else str(value).upper()
        if name in NAME_CELLS:
            row.add(Severity.ERROR, _("%(value)s is not a name.") % {"value": shown}, name)
        elif name == "groups" or name.startswith(GROUP_MARK):
            # Left empty, the row would silently take the upload's default group.
            row.add(
                Severity.ERROR,
                _("The cell shows the Excel error %(error)s instead of a text. Type the text itself.")
                % {"error": shown},
                name,
            )
        else:
            row.add(
                Severity.WARNING,
                _("The cell shows the Excel error %(value)s; it is left empty.") % {"value": shown},
                name,
            )
    return found


IDENTITY_FIELDS = ("birth", "birth_male", "birth_female", "phone", "citizen_id")


def _without_digits(row: _Row, skip: set[str]) -> set[str]:
    """Birth, phone and ID cells holding words only ("không có", "chưa rõ", "-"): left empty."""
    found = set()
    for name in IDENTITY_FIELDS:
        if name in skip:
            continue
        value = row.value(name)
        if isinstance(value, str) and value.strip() and not any(ch.isdigit() for ch in value):
            found.add(name)
            row.add(
                Severity.WARNING,
                _("%(value)s holds no number; the cell is left empty.") % {"value": values.cell_text(value)},
                name,
            )
    return found


def _full_name(row: _Row, skip: set[str], *, continues: bool) -> str:
    if skip & {"full_name", "family_name", "given_name"}:
        return ""
    name = values.cell_text(row.value("full_name"))
    if not name:
        name = " ".join(filter(None, (values.cell_text(row.value(n)) for n in ("family_name", "given_name"))))
    column = next((n for n in ("full_name", "family_name", "given_name") if row.table.column(n)), "full_name")
    if not name and continues and _without_identity(row):
        row.add(
            Severity.ERROR,
            _(
                "This row has no name and no number: it seems to continue the row above. Move what it holds into "
                "that row (or give it its own name and number), and delete it."
            ),
            column,
        )
    elif not name:
        row.add(Severity.ERROR, _("Missing full name."), column)
    elif not any(ch.isalpha() for ch in name):
        row.add(Severity.ERROR, _("%(value)s is not a name.") % {"value": name}, column)
    elif _MORE_THAN_A_NAME.search(name):
        row.add(
            Severity.WARNING,
            _(
                "“%(name)s” holds more than a name (a title, a number, a note or an address): the duplicate "
                "checks may miss this person. It is imported as written; keep the name alone."
            )
            % {"name": name},
            column,
        )
    return name


def _without_identity(row: _Row) -> bool:
    """No number, birth or ID: under a row of the list, the rest of the person above (a second
    phone, more circumstances), often under merged cells."""
    return all(values.cell_text(row.value(name)) == "" for name in ("number", *BIRTH_CELLS, "citizen_id"))


# A kinship word or title before the name ("Chị Lê Thị Hoa"; diacritics matter: "Chu" is a family
# name, "Chú" is not), a row number ("1. …"), a note in brackets, an address after a dash, a year.
_MORE_THAN_A_NAME = re.compile(
    r"^(?:anh|chị|ông|bà|em|cháu|cô|chú|bác|dì|cậu|mợ|thím|o)\s"
    r"|^[0-9]+\s*[.)/:-]|^[0-9]+\s|[()\[\]]|\s[-–—]\s?|[-–—]\s|\b(?:19|20)[0-9]{2}\b",
    re.IGNORECASE,
)


def _birth_and_sex(row: _Row, skip: set[str], today: datetime.date) -> tuple[birth_values.Birth | None, str]:
    births = []
    for name, sex in (("birth", ""), ("birth_male", "male"), ("birth_female", "female")):
        if name in skip:
            continue
        birth = row.attempt(name, birth_values.parse_birth, today)
        if birth is not None:
            for warning in birth.warnings:
                row.add(Severity.WARNING, warning, name)
            if birth.year:  # an age is warned about, not read
                births.append((name, birth, sex))
    if len(births) > 1:
        row.add(Severity.ERROR, _("Two dates of birth for one person; keep one."), births[1][0])
        return None, ""
    birth, sex_from_birth = (births[0][1], births[0][2]) if births else (None, "")
    sex = "" if "sex" in skip else (row.attempt("sex", values.parse_sex) or "")
    marks = [s for n, s in (("sex_male", "male"), ("sex_female", "female")) if row.marked(n)]
    if len(marks) > 1:
        row.add(Severity.ERROR, _("Marked both male and female."), "sex_female")
    for other in (sex_from_birth, *marks[:1]):
        if other and sex and other != sex:
            row.add(Severity.ERROR, _("The sex given in two columns differs."), "sex")
        sex = sex or other
    return birth, sex


def _cross_check_citizen_id(row: _Row, data: dict[str, Any]) -> None:
    citizen_id = data["citizen_id"]
    if not citizen_id:
        return
    if data["birth_year"] and citizen_id_birth_year(citizen_id) != data["birth_year"]:
        row.add(Severity.WARNING, _("This citizen ID does not match the year of birth."), "citizen_id")
    if data["sex"] and citizen_id_sex(citizen_id) != data["sex"]:
        row.add(Severity.WARNING, _("This citizen ID does not match the sex."), "citizen_id")


def _groups(row: _Row, skip: set[str], default_group: str) -> dict[str, dict[str, Any]]:
    if "groups" in skip and row.has_error:
        return {}
    try:
        notes: list[str] = []
        groups = {} if "groups" in skip else values.parse_groups(row.value("groups"), notes)
    except values.CellProblem as problem:
        row.add(Severity.ERROR, problem.message, "groups")
        return {}
    for note in notes:
        row.add(Severity.WARNING, note, "groups")
    kinds: dict[str, str] = {}  # household kind -> the column marked for it
    for name in row.row.cells:
        if name.startswith(GROUP_MARK) and name not in skip and row.marked(name):
            code, kind = mark_group(name)
            groups.setdefault(code, {})
            if kind:
                kinds.setdefault(kind, name)
        elif name.startswith(OTHER_GROUP_MARK) and row.marked(name):
            row.add(
                Severity.WARNING,
                _("This column names no known target group: the mark is not imported."),
                name,
            )
    if len(kinds) == 1:
        groups[TargetGroup.POVERTY].setdefault("household_kind", next(iter(kinds)))
    elif kinds:
        row.add(
            Severity.WARNING,
            _("Marked both a poor and a near-poor household: the household kind is left empty."),
            kinds[HouseholdKind.NEAR_POOR],
        )
    if not groups and default_group:
        groups = {default_group: {}}
    if not groups:
        row.add(
            Severity.ERROR,
            _("No target group: fill the group column, or choose a default target group on the upload form."),
            "groups",
        )
    return groups
