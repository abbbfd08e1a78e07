"""The rows of an import together, against each other and the registry: rows already imported
earlier (skipped), the same person twice in the file, and likely duplicates anywhere in the
unit's province, as `youth.services.find_duplicates` defines them (warnings: the officer decides).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from reports.importing.report import note_row
from units.models import Unit
from units.scoping import Capability
from youth import services
from youth.importing_commit import already_imported, existing_source_keys
from youth.importing_report import ParsedRow, Severity, SheetSummary
from youth.models import Youth

QUERY_CHUNK = 500


def skip_already_imported(rows: list[ParsedRow], unit: Unit, summaries: dict[str, SheetSummary]) -> None:
    existing = existing_source_keys(unit)
    for row in rows:
        data = row.data
        row.source = services.source_key(unit, data["full_name"], row.birth_text, data["phone"], data["citizen_id"])
        if already_imported(row, existing) and not row.has_error:
            row.skipped = True
            note_row(summaries, row, Severity.INFO, _("Already imported earlier: skipped."))


def _reasons(*, same_id: bool, same_phone: bool, same_name: bool, both_dated: bool) -> str:
    reasons = []
    if same_id:
        reasons.append(_("same citizen ID"))
    if same_phone:
        reasons.append(_("same phone"))
    if same_name:
        reasons.append(_("same name and date of birth") if both_dated else _("same name and year of birth"))
    return ", ".join(reasons)


def _same_person(a: dict[str, Any], name_key: str, b: dict[str, Any], b_name_key: str) -> tuple[bool, bool]:
    """(same folded name and birth, both with a full date): the rule of services.find_duplicates."""
    year = a["birth_year"]
    if not (name_key and year) or name_key != b_name_key or year != b["birth_year"]:
        return False, False
    both_dated = a["birth_date"] is not None and b["birth_date"] is not None
    return not (both_dated and a["birth_date"] != b["birth_date"]), both_dated


def flag_duplicates_in_file(rows: list[ParsedRow], summaries: dict[str, SheetSummary]) -> None:
    by_source: dict[str, ParsedRow] = {}
    by_id: dict[str, ParsedRow] = {}
    by_phone: dict[str, ParsedRow] = {}
    by_name: dict[tuple[str, int], list[ParsedRow]] = {}
    for row in rows:
        if row.skipped or row.has_error:
            continue
        data, name_key = row.data, row.name_key
        identity = row.source
        if (first := by_source.get(identity)) is not None:
            row.skipped = True
            note_row(
                summaries,
                row,
                Severity.WARNING,
                _("The same person as row %(row)d of sheet “%(sheet)s” (same name, birth, phone and ID): skipped.")
                % {"row": first.row, "sheet": first.sheet},
            )
            continue
        by_source[identity] = row
        matches: dict[int, tuple[ParsedRow, str]] = {}
        candidates = [by_id.get(data["citizen_id"]), by_phone.get(data["phone"])]
        candidates += by_name.get((name_key, data["birth_year"]), [])
        for other in candidates:
            if other is None or id(other) in matches:
                continue
            same_name, both_dated = _same_person(data, name_key, other.data, other.name_key)
            reasons = _reasons(
                same_id=bool(data["citizen_id"]) and data["citizen_id"] == other.data["citizen_id"],
                same_phone=bool(data["phone"]) and data["phone"] == other.data["phone"],
                same_name=same_name,
                both_dated=both_dated,
            )
            if reasons:
                matches[id(other)] = (other, reasons)
        for other, reasons in matches.values():
            note_row(
                summaries,
                row,
                Severity.WARNING,
                _("Possibly the same person as row %(row)d of sheet “%(sheet)s” (%(reasons)s).")
                % {"row": other.row, "sheet": other.sheet, "reasons": reasons},
            )
        if data["citizen_id"]:
            by_id.setdefault(data["citizen_id"], row)
        if data["phone"]:
            by_phone.setdefault(data["phone"], row)
        if name_key and data["birth_year"]:
            by_name.setdefault((name_key, data["birth_year"]), []).append(row)


def _chunks(items: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(items)
    for start in range(0, len(items), QUERY_CHUNK):
        yield items[start : start + QUERY_CHUNK]


def flag_duplicates_in_registry(rows: list[ParsedRow], unit: Unit, user, summaries: dict[str, SheetSummary]) -> None:
    """`services.find_duplicates` for every row at once: a few queries, then matching in memory."""
    rows = [row for row in rows if not row.skipped and not row.has_error]
    if not rows:
        return
    live = Youth.objects.filter(unit_path__startswith=unit.path[: unit.steplen], deleted_at__isnull=True)
    fields = ("pk", "unit__name", "unit__path", "name_key", "birth_year", "birth_date", "phone", "citizen_id")
    records: dict[int, dict[str, Any]] = {}
    lookups = {
        "citizen_id__in": {row.data["citizen_id"] for row in rows} - {""},
        "phone__in": {row.data["phone"] for row in rows} - {""},
        "name_key__in": {row.name_key for row in rows if row.data["birth_year"]} - {""},
    }
    for lookup, wanted in lookups.items():
        for chunk in _chunks(wanted):
            for record in live.filter(**{lookup: chunk}).values(*fields):
                records[record["pk"]] = record
    if not records:
        return
    index: dict[tuple[str, Any], list[dict[str, Any]]] = {}
    for record in records.values():
        index.setdefault(("id", record["citizen_id"]), []).append(record)
        index.setdefault(("phone", record["phone"]), []).append(record)
        index.setdefault(("name", (record["name_key"], record["birth_year"])), []).append(record)
    readable = user.scope_paths(Capability.READ)
    for row in rows:
        data, name_key = row.data, row.name_key
        found: dict[int, str] = {}
        keys = [("id", data["citizen_id"]), ("phone", data["phone"])]
        if name_key and data["birth_year"]:
            keys.append(("name", (name_key, data["birth_year"])))
        for key in keys:
            for record in index.get(key, []) if key[1] else []:
                if record["pk"] in found:
                    continue
                same_name, both_dated = _same_person(data, name_key, record, record["name_key"])
                reasons = _reasons(
                    same_id=bool(data["citizen_id"]) and data["citizen_id"] == record["citizen_id"],
                    same_phone=bool(data["phone"]) and data["phone"] == record["phone"],
                    same_name=same_name,
                    both_dated=both_dated,
                )
                if reasons:
                    found[record["pk"]] = _describe_record(record, reasons, readable)
        if found:
            note_row(
                summaries,
                row,
                Severity.WARNING,
                _("Possibly already in the registry: %(records)s.") % {"records": "; ".join(list(found.values())[:3])},
            )


def _describe_record(record: dict[str, Any], reasons: str, readable: list[str]) -> str:
    # Only a record the user may open is named; others are only said to exist.
    if any(record["unit__path"].startswith(path) for path in readable):
        return _("record #%(id)d of %(unit)s (%(reasons)s)") % {
            "id": record["pk"],
            "unit": record["unit__name"],
            "reasons": reasons,
        }
    return _("a record of another unit (%(reasons)s)") % {"reasons": reasons}
