"""Import Biểu mẫu 01 (the registrations of a year) from an .xlsx, as communes keep it, or the
richer template this site offers (`initiatives.importing_template`).

Two steps, one code path, as the registry's import (`youth.importing`): `build_report` reads
and checks the whole file and writes nothing, listing every problem by sheet, row and column;
`commit_import` writes the ready rows of a report without errors, all or none, and the
import's audit row. What every import shares (the file checks before any parsing, the
workbook read sheet by sheet, the report's problems and totals) is `reports.importing`.

Decisions, for the record:
- Each row becomes a **draft** of the unit and the year chosen on the upload form: the
  commune reviews it and submits it to the union above itself (the lifecycle's first step),
  so nothing reaches the union above unseen. The "Đơn vị triển khai" cell does not choose the
  unit; when it names another one, its text is kept in the content, with a warning.
- Form 01 has no name column: the name is the first line of "Nội dung giải pháp, mô hình"
  (the template's "Tên mô hình, giải pháp" column when present), the content the rest. Its
  bullet, numbering ("1.", "a)") and label ("Tên mô hình:") are left out; a label alone on the
  first line names the line under it.
- Domain and kind come from the template's columns when present; otherwise the domain is the
  one the section heading above the row names ("II. Lĩnh vực chăm sóc sức khỏe"), else they are
  guessed from the words of the name and content (and said so), then from the upload form's
  default domain; a row whose domain cannot be told is an error.
- "Đối tượng thụ hưởng" is free text, kept in the content. A beneficiary is linked to a
  registry record only when a phone number written there belongs to exactly one record the
  importing user may see whose full name is written beside it; otherwise nobody is linked.
  Target groups come from the template's column, else from the usual words ("khuyết tật",
  "hộ nghèo", …) of that text, the name and the content.
- "Thời gian thực hiện" and "Kinh phí" have no field of their own (the dates are the template's
  columns): their text is added to the content as labelled lines, so nothing typed is lost.
- "Đơn vị phối hợp": each part naming a union unit in force of the province exactly is a
  coordinating unit; the other parts are kept as outside partners.
- A row's identity is its unit, year, name, content and expected results
  (`source_key`): a row already imported (its draft not deleted) is skipped, so importing a
  file twice adds nothing.
- Formulas are never evaluated: a formula's text in a text column is kept as written with a
  warning; in a date, phone, domain, kind or group column it is an error. An Excel error value
  ("#N/A", "#REF!", …) is never taken as text: as the content or name it is an error, in any
  other column it is left out with a warning.
"""

from __future__ import annotations

import hashlib
import re
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.vntext import fold
from initiatives import importing_values as values
from initiatives import services
from initiatives.choices import Domain, Kind
from initiatives.form_records import ImportedInitiative, InitiativeAccess
from initiatives.forms import date_errors
from initiatives.importing_report import Form01Report, InitiativeRow
from initiatives.importing_sheets import (
    AREA,
    BUDGET,
    CONTENT,
    DOMAIN,
    END,
    EXPECTED,
    GROUPS,
    IMPLEMENTER,
    KIND,
    NAME,
    NUMBER,
    PARTNERS,
    PEOPLE,
    PERSON,
    PERSON_PHONE,
    SECTION,
    START,
    TIME_FRAME,
    field_label,
    read_sheet,
)
from reports.importing.commit import check_committable, lock_unit
from reports.importing.report import ImportRejected, Problem, Severity, SheetSummary, count_sheets, note_row
from reports.importing.sheets import SheetTable, is_blank, problem_at, read_workbook, summarise
from units.models import Unit
from youth.importing_values import CellProblem, cell_text, parse_groups, parse_phone
from youth.models import Youth

__all__ = ["Form01Report", "ImportRejected", "build_report", "commit_import"]

MAX_ROWS = 2_000
MAX_SHEETS = 50
MAX_PHYSICAL_ROWS = 200_000
LIMITS = {NAME: 255, PERSON: 150, AREA: 255}
FORMULA_ERRORS = frozenset({DOMAIN, KIND, GROUPS, PERSON_PHONE, START, END})
# What Excel shows in a cell whose formula failed; a file keeps it as the cell's value.
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)


def build_report(data: bytes, *, filename: str, unit: Unit, user, year: int, default_domain: str = "") -> Form01Report:
    """Read and check the whole file; write nothing. Raises ImportRejected for unreadable files."""
    if default_domain and default_domain not in Domain.values:
        raise ValueError(f"unknown domain {default_domain!r}")
    tables = read_workbook(
        data, read_sheet, max_sheets=MAX_SHEETS, max_rows=MAX_ROWS, max_physical_rows=MAX_PHYSICAL_ROWS
    )
    report = Form01Report(
        filename=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        unit_id=unit.pk,
        year=year,
        default_domain=default_domain,
        checked_at=timezone.now(),
    )
    units = _union_units(unit)
    for table in tables:
        summary = summarise(table, field_label)
        report.sheets.append(summary)
        for name, label in _KEPT_IN_CONTENT.items():
            if column := table.column(name):
                summary.problems.append(
                    problem_at(
                        table.title,
                        Severity.INFO,
                        _(
                            "The initiative has no field for this column: its text is added to the content, as "
                            "“%(label)s: …”."
                        )
                        % {"label": label},
                        column=column,
                    )
                )
        for sheet_row in table.rows:
            parsed = _Row(table, sheet_row.number, sheet_row.cells, summary, year).parse(unit, units, default_domain)
            if parsed is not None:
                report.rows.append(parsed)
    _file_notes(report, tables)
    summaries = {summary.title: summary for summary in report.sheets}
    _link_beneficiaries(report.rows, user, summaries)
    for row in report.rows:
        row.source = source_key(unit, year, row.data.get("_raw_content", ""), row.data.get("expected_results", ""))
        row.data.pop("_raw_content", None)
    _skip_repeats(report.rows, summaries)
    count_sheets(report)
    return report


def _file_notes(report: Form01Report, tables: list[SheetTable]) -> None:
    if not any(table.header_row for table in tables):
        report.file_problems.append(
            Problem(
                Severity.ERROR,
                _(
                    "No sheet has a header row with “Nội dung giải pháp, mô hình”. Use Biểu mẫu 01 or the "
                    "template: one header row (TT, Đơn vị triển khai, …), then one row per initiative."
                ),
            )
        )
    elif not report.rows:
        report.file_problems.append(
            Problem(Severity.ERROR, _("The list is empty: there are no rows under the header."))
        )
    elif not any(table.column(PERSON) for table in tables if table.header_row):
        report.file_problems.append(
            Problem(
                Severity.INFO,
                _(
                    "The initiatives are imported as drafts. Form 01 names no person in charge: add one on each "
                    "draft, check its domain and kind, then submit it to the union above."
                ),
            )
        )


def source_key(unit: Unit, year: int, typed: str, expected: str) -> str:
    """The identity an imported row gives its initiative, so importing the same file twice adds
    nothing: from the name and content cells as typed and the expected results."""
    raw = "|".join([str(unit.pk), str(year), values.key(typed), values.key(expected)])
    return hashlib.sha256(raw.encode()).hexdigest()


def _union_units(unit: Unit) -> dict[str, int]:
    """Folded name -> id of the union units in force in `unit`'s province (names used once only)."""
    found: dict[str, int] = {}
    repeated: set[str] = set()
    for pk, name in (
        Unit.objects.in_force().filter(path__startswith=unit.path[: Unit.steplen]).values_list("pk", "name")
    ):
        folded = values.key(name)
        if folded in found:
            repeated.add(folded)
        found[folded] = pk
    return {name: pk for name, pk in found.items() if name not in repeated}


# --- One row ----------------------------------------------------------------------------------

# Columns the initiative has no field for, kept as labelled lines of its content.
_KEPT_IN_CONTENT = {TIME_FRAME: "Thời gian thực hiện", BUDGET: "Kinh phí"}
_BULLET = re.compile(r"^[\s\-+•*·–]+")
# "1. ", "2) ", "a) ", "b. " before a name ("1.5 triệu" keeps its number; "A." may be a section mark, kept).
_LIST_MARK = re.compile(r"^(?:[0-9]{1,2}[.)](?![0-9])|[a-zđ][.)]\s)\s*")
# "Mô hình:", "Tên giải pháp:", "Mô hình, giải pháp:" before a name, folded.
_NAME_LABEL = re.compile(r"(?:ten\s+)?(?:mo hinh|giai phap)(?:\s*[,/]?\s*(?:va\s+)?(?:mo hinh|giai phap))?\s*:\s*")


class _Row:
    """Parses one sheet row, collecting its problems into its sheet's summary."""

    def __init__(self, table: SheetTable, number: int, cells: dict[str, Any], summary: SheetSummary, year: int) -> None:
        self.table, self.number, self.cells, self.summary, self.year = table, number, cells, summary, year
        self.result = InitiativeRow(sheet=table.title, row=number)

    def add(self, severity: Severity, message: str, name: str = "") -> None:
        column = self.table.column(name) if name else None
        self.summary.problems.append(problem_at(self.table.title, severity, message, self.number, column))
        if severity == Severity.ERROR:
            self.result.has_error = True

    def value(self, name: str) -> Any:
        """The cell's value; a formula's text is kept (text columns) or refused (the others)."""
        value = self.cells.get(name)
        if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
            if name in (CONTENT, NAME):
                self.add(
                    Severity.ERROR,
                    _("The cell shows the Excel error %(error)s instead of a text. Type the text itself.")
                    % {"error": value.strip()},
                    name,
                )
            else:
                self.add(
                    Severity.WARNING,
                    _("The cell shows the Excel error %(error)s: it is left out.") % {"error": value.strip()},
                    name,
                )
            return None
        if isinstance(value, str) and len(value) > 1 and value.startswith("="):
            if name in FORMULA_ERRORS:
                self.add(
                    Severity.ERROR,
                    _("The cell holds a formula (%(formula)s); formulas are not calculated. Type the value itself.")
                    % {"formula": value},
                    name,
                )
                return None
            self.add(
                Severity.WARNING,
                _("The cell holds a formula; its text %(formula)s is imported as written, never calculated.")
                % {"formula": value},
                name,
            )
        return value

    def text(self, name: str) -> str:
        return values.text_of(self.value(name))

    def attempt(self, name: str, parse) -> Any:
        try:
            return parse(self.value(name))
        except CellProblem as problem:
            self.add(Severity.ERROR, problem.message, name)
            return None

    def parse(self, unit: Unit, units: dict[str, int], default_domain: str) -> InitiativeRow | None:
        content_text, name_text = self.text(CONTENT), self.text(NAME)
        if self.result.has_error:
            return self.result  # an Excel error where the content should be
        if not content_text and not name_text:
            filled = sum(not is_blank(v) for k, v in self.cells.items() if k not in (NUMBER, SECTION))
            if filled <= 1 and is_blank(self.cells.get(EXPECTED)):
                self.table.note(Severity.INFO, _("A heading or an empty numbered row, not read."), row=self.number)
                return None
            self.add(Severity.ERROR, _("Missing the content of the initiative."), CONTENT)
            return self.result
        data = self.result.data
        # The row's identity comes from the cells as typed, not from what is derived from them (the
        # name's extraction may change; a file imported before must still be recognised).
        data["_raw_content"] = "\n".join(filter(None, [name_text, content_text]))
        data["name"], content = self._name_and_content(name_text, content_text)
        notes = []
        kept = [f"{label}: {text}" for name, label in _KEPT_IN_CONTENT.items() if (text := self._kept_text(name))]
        if kept:
            notes.append("\n".join(kept))
        implementer = self.text(IMPLEMENTER)
        if implementer and not _names_unit(implementer, unit):
            self.add(
                Severity.WARNING,
                _("The file names “%(name)s” as the implementing unit; the initiative is imported for %(unit)s.")
                % {"name": implementer, "unit": unit.name},
                IMPLEMENTER,
            )
            notes.append(f"Đơn vị triển khai (theo Biểu mẫu 01): {implementer}")
        people = self.text(PEOPLE)
        if people:
            notes.append(f"Đối tượng thụ hưởng (theo Biểu mẫu 01): {people}")
            self.result.people_text = people
        data["content"] = "\n\n".join([content, *notes])
        data["expected_results"] = self.text(EXPECTED)
        if not data["expected_results"]:
            self.add(
                Severity.WARNING, _("No expected results: fill them in on the draft before submitting it."), EXPECTED
            )
        self._partners(units, unit)
        self._domain_and_kind(default_domain)
        self._groups(f"{data['name']}\n{people}\n{content}")
        self._details()
        return self.result

    def _name_and_content(self, name_text: str, content_text: str) -> tuple[str, str]:
        whole = content_text or name_text
        if name_text and (content_text or "\n" not in name_text):
            name, content = name_text, whole
        else:
            # The content's first line; a name column of several lines and no content (a header
            # "Tên giải pháp, mô hình" over the whole text) is read the same way.
            lines = [line.strip() for line in whole.splitlines() if line.strip()]
            # A label alone on the first line ("Tên mô hình:") names the line under it.
            first = 1 if len(lines) > 1 and not _bare_name(lines[0]) else 0
            name, content = lines[first], "\n".join(lines[first + 1 :]) or whole
        name = _bare_name(name) or name
        if len(name) > LIMITS[NAME]:
            cut = name[: LIMITS[NAME] - 1].rsplit(" ", 1)[0]
            self.add(
                Severity.WARNING,
                _("The name is cut to %(limit)d characters; the whole text is kept in the content.")
                % {"limit": LIMITS[NAME]},
                NAME if name_text else CONTENT,
            )
            content = whole
            name = cut + "…"
        return name, content

    def _kept_text(self, name: str) -> str:
        value = self.value(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            return f"{int(value):,}".replace(",", ".")  # an amount as written in Vietnamese: 5.000.000
        return values.text_of(value)

    def _partners(self, units: dict[str, int], unit: Unit) -> None:
        text = self.text(PARTNERS)
        outside = []
        for piece in re.split(r"[;,\n]", text):
            piece = _BULLET.sub("", piece).strip()
            if not piece:
                continue
            pk = units.get(values.key(piece))
            if pk is None:
                outside.append(piece)
            elif pk != unit.pk and pk not in self.result.coordinating_unit_ids:
                self.result.coordinating_unit_ids.append(pk)
        self.result.data["partners"] = "; ".join(outside)

    def _domain_and_kind(self, default_domain: str) -> None:
        data = self.result.data
        domain = self.attempt(DOMAIN, values.parse_domain) or ""
        raw_kind = self.value(KIND)
        kind_text = cell_text(raw_kind).strip()
        kind = ""
        if kind_text:
            try:
                kind = values.parse_kind(raw_kind)
            except CellProblem:
                kind = Kind.OTHER
                data["kind_other"] = kind_text[:150]
                self.add(
                    Severity.INFO,
                    _("“%(value)s” is not one of the guideline's kinds: kept as “other”.") % {"value": kind_text},
                    KIND,
                )
        if not domain and (heading := self.cells.get(SECTION)):
            from_heading = values.section_domain(heading)
            if from_heading and (kind in ("", Kind.OTHER) or values.domain_of(kind) == from_heading):
                domain = from_heading
                self.add(
                    Severity.INFO,
                    _("Domain read from the section heading “%(heading)s”: %(domain)s. Check it on the draft.")
                    % {"heading": heading, "domain": Domain(domain).label},
                )
        words = f"{data['name']}\n{data.get('content', '')}"
        if not kind:
            guessed = values.guess_kind(words)
            if guessed and (not domain or values.domain_of(guessed) == domain):
                kind = guessed
                self.add(
                    Severity.INFO,
                    _("Kind read from the words of the content: %(kind)s. Check it on the draft.")
                    % {"kind": Kind(kind).label},
                    CONTENT,
                )
            else:
                kind = Kind.OTHER
        domain = domain or values.domain_of(kind)
        if not domain and (guessed_domain := values.guess_domain(words)):
            domain = guessed_domain
            self.add(
                Severity.INFO,
                _("Domain read from the words of the content: %(domain)s. Check it on the draft.")
                % {"domain": Domain(domain).label},
                CONTENT,
            )
        domain = domain or default_domain
        if not domain:
            self.add(
                Severity.ERROR,
                _(
                    "The domain of this initiative cannot be told: choose a default domain on the upload form, or "
                    "add a column “Lĩnh vực”."
                ),
                DOMAIN if self.table.column(DOMAIN) else CONTENT,
            )
        elif kind != Kind.OTHER and values.domain_of(kind) != domain:
            self.add(Severity.ERROR, _("This kind of initiative belongs to another domain."), KIND)
        data["domain"], data["kind"] = domain, kind

    def _groups(self, words: str) -> None:
        """From the template's column, else the usual words of the name, beneficiaries and content
        (the name is the content's first line, often the only one naming the group)."""
        if self.table.column(GROUPS) and not is_blank(self.cells.get(GROUPS)):
            groups = self.attempt(GROUPS, parse_groups)
            self.result.groups = list(groups or {})
        else:
            self.result.groups = values.groups_named_in(words)

    def _details(self) -> None:
        data = self.result.data
        for name in (PERSON, AREA):
            data[name] = self.text(name)
            if len(data[name]) > LIMITS[name]:
                self.add(Severity.ERROR, _("Too long: at most %(limit)d characters.") % {"limit": LIMITS[name]}, name)
        data["person_in_charge_phone"] = ""
        if not is_blank(self.cells.get(PERSON_PHONE)):
            phone = self.attempt(PERSON_PHONE, parse_phone)
            if phone:
                data["person_in_charge_phone"] = phone[0]
                for warning in phone[1]:
                    self.add(Severity.WARNING, warning, PERSON_PHONE)
        data["start_date"] = self.attempt(START, partial(values.parse_date, year=self.year))
        data["end_date"] = self.attempt(END, partial(values.parse_date, end=True, year=self.year))
        for name, message in date_errors(data["start_date"], data["end_date"], [self.year]).items():
            self.add(Severity.ERROR, message, START if name == "start_date" else END)


def _bare_name(line: str) -> str:
    """The line without its bullet, list mark ("1.", "a)") and label ("Tên mô hình:")."""
    return _without_label(_LIST_MARK.sub("", _BULLET.sub("", line)).strip())


def _without_label(name: str) -> str:
    """The name without a label before it, whatever its case and diacritics."""
    folded = fold(name)
    match = _NAME_LABEL.match(folded)
    # Folding keeps one letter for one letter in Vietnamese; the check keeps any other text whole.
    if match and len(folded) == len(name):
        return name[match.end() :].strip()
    return name


def _names_unit(text: str, unit: Unit) -> bool:
    """Does the cell name `unit` ("Đoàn phường Thành Sen", "BCH Đoàn phường Thành Sen", "Thành Sen")?"""
    written = f" {values.key(text)} "
    return any(f" {values.key(name)} " in written for name in (unit.name, unit.place_name) if name)


# --- The rows together ------------------------------------------------------------------------


def _link_beneficiaries(rows: list[InitiativeRow], user, summaries: dict[str, SheetSummary]) -> None:
    """Link a registry record only on an exact match: its phone and its full name, written
    together, and no other visible record with that phone and name."""
    wanted = [
        (row, phone, segment)
        for row in rows
        if not row.has_error
        for phone, segment in values.phones_in(row.people_text)
    ]
    phones = sorted({phone for _row, phone, _segment in wanted})
    records: dict[str, list[tuple[int, str, str]]] = {}
    for start in range(0, len(phones), 500):
        found = Youth.objects.visible_to(user).filter(phone__in=phones[start : start + 500])
        for pk, phone, name in found.values_list("pk", "phone", "full_name"):
            records.setdefault(phone, []).append((pk, values.key(name), name))
    for row, phone, segment in wanted:
        written = f" {values.key(segment)} "
        matches = [(pk, name) for pk, folded, name in records.get(phone, []) if folded and f" {folded} " in written]
        if len(matches) == 1 and matches[0][0] not in row.youth_ids:
            row.youth_ids.append(matches[0][0])
            note_row(
                summaries,
                row,
                Severity.INFO,
                _("%(name)s (%(phone)s) is linked to the registry record of that name.")
                % {"name": matches[0][1], "phone": phone},
            )
        elif len(matches) > 1:
            note_row(
                summaries,
                row,
                Severity.INFO,
                _("Several registry records match %(phone)s: nobody is linked; link the person on the draft.")
                % {"phone": phone},
            )


def _skip_repeats(rows: list[InitiativeRow], summaries: dict[str, SheetSummary]) -> None:
    keys = [row.source for row in rows]
    existing: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        existing |= set(ImportedInitiative.objects.filter(key__in=chunk).values_list("key", flat=True))
    seen: dict[str, InitiativeRow] = {}
    for row in rows:
        if row.has_error:
            continue
        if row.source in existing:
            row.skipped = True
            note_row(summaries, row, Severity.INFO, _("Already imported earlier: skipped."))
        elif (first := seen.get(row.source)) is not None:
            row.skipped = True
            note_row(
                summaries,
                row,
                Severity.WARNING,
                _("The same initiative as row %(row)d of sheet “%(sheet)s”: skipped.")
                % {"row": first.row, "sheet": first.sheet},
            )
        else:
            seen[row.source] = row


# --- Writing ----------------------------------------------------------------------------------


def commit_import(report: Form01Report, *, unit: Unit, by) -> list[int]:
    """Write the ready rows of `report` as drafts of `unit` for the report's year, all or none;
    return the new initiatives' ids. Each is created by `services.create_initiative` (so in the
    audit log with its author); the import's own audit row names them all."""
    check_committable(report, unit)
    with transaction.atomic():
        lock_unit(unit)
        rows = report.ready_rows
        existing = set(
            ImportedInitiative.objects.filter(key__in=[r.source for r in rows]).values_list("key", flat=True)
        )
        partners = Unit.objects.in_bulk({pk for row in rows for pk in row.coordinating_unit_ids})
        ids = []
        for row in rows:
            if row.source in existing:
                continue
            initiative = services.create_initiative(
                unit,
                row.data,
                by=by,
                groups=row.groups,
                years=[report.year],
                coordinating_units=[partners[pk] for pk in row.coordinating_unit_ids if pk in partners],
            )
            ImportedInitiative.objects.create(
                initiative=initiative,
                key=row.source,
                filename=report.filename[:200],
                sheet=row.sheet[:100],
                row=row.row,
            )
            if row.youth_ids:
                people = services.linkable_youth(by, row.youth_ids)
                services.add_beneficiaries(initiative, people, by=by, touch_version=False)
            ids.append(initiative.pk)
        if ids:
            InitiativeAccess.objects.create(
                action=InitiativeAccess.Action.IMPORT,
                user=by,
                unit=unit,
                detail=f"{report.year}: {report.filename}"[:255],
                record_count=len(ids),
                record_ids=ids,
            )
    report.created_ids = ids
    return ids
