"""The dry run's reading of a file (`read_report`), kept with the upload so the commit need not
read the workbook again; only what the registry decides is checked again (`check_registry`).

JSON, never pickle: nothing derived from an upload is ever unpickled. The JSON is signed with
an HMAC of the SECRET_KEY and carries what the reading depended on: the file's SHA-256, the
unit, the default group, the day the values were checked against (a date of birth "tomorrow"
or a two-digit year reads differently on another day), the language of the messages and of
the vocabularies, and this format's version. `loads` gives the report back only when all of
these match and the signature holds; otherwise None, and the caller reads the file again.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from youth.importing_report import ImportReport, ParsedRow, Problem, Severity, SheetSummary

# Bump whenever `read_report` reads a file differently (a new check, another message, another
# field): a reading kept by the previous code is then read again rather than trusted.
VERSION = 1
_SALT = "youth.importing_cache"


def dumps(report: ImportReport, *, today: datetime.date) -> bytes | None:
    """`report` as `read_report` left it (before `check_registry`), signed; None if a value
    cannot be kept as JSON (the commit then reads the file again)."""
    sheets = {summary.title: index for index, summary in enumerate(report.sheets)}
    fields = list(report.rows[0].data) if report.rows else []
    payload = {
        "version": VERSION,
        "sha256": report.sha256,
        "unit_id": report.unit_id,
        "default_group": report.default_group,
        "today": today.isoformat(),
        "language": translation.get_language(),
        "file_problems": [_problem(p) for p in report.file_problems],
        "sheets": [
            {
                "title": s.title,
                "header_row": s.header_row,
                "columns": s.columns,
                "problems": [_problem(p) for p in s.problems],
            }
            for s in report.sheets
        ],
        "fields": fields,
        "rows": [
            [
                sheets[row.sheet],
                row.row,
                [row.data[name] for name in fields],
                row.groups,
                row.needs,
                row.birth_text,
                row.has_error,
            ]
            for row in report.rows
        ],
    }
    try:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_date).encode()
    except (TypeError, ValueError, KeyError):
        return None
    return _signature(body).encode() + b"\n" + body


def loads(blob: bytes | None, *, sha256: str, unit_id: int, default_group: str, filename: str) -> ImportReport | None:
    """The report `dumps` kept, if intact and read under today's conditions; else None."""
    if not blob or b"\n" not in blob:
        return None
    signature, body = blob.split(b"\n", 1)
    if not constant_time_compare(signature, _signature(body).encode()):
        return None
    try:
        payload = json.loads(body, object_hook=_read_date)
        expected = {
            "version": VERSION,
            "sha256": sha256,
            "unit_id": unit_id,
            "default_group": default_group,
            "today": timezone.localdate().isoformat(),
            "language": translation.get_language(),
        }
        if any(payload[key] != value for key, value in expected.items()):
            return None
        return _report(payload, filename=filename)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None


def _signature(body: bytes) -> str:
    return salted_hmac(_SALT, body, algorithm="sha256").hexdigest()


# A parsed row holds text, numbers, flags, None and dates (of birth, in group details): JSON
# has all but dates, which go as {"$date": "yyyy-mm-dd"}.
def _date(value: Any) -> dict[str, str]:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot keep {type(value).__name__}")


def _read_date(item: dict[str, Any]) -> Any:
    if len(item) == 1 and "$date" in item:
        return datetime.date.fromisoformat(item["$date"])
    return item


def _problem(problem: Problem) -> list[Any]:
    return [str(problem.severity), problem.message, problem.sheet, problem.row, problem.column, problem.header]


def _read_problem(item: list[Any]) -> Problem:
    severity, message, sheet, row, column, header = item
    return Problem(Severity(severity), message, sheet, row, column, header)


def _report(payload: dict[str, Any], *, filename: str) -> ImportReport:
    report = ImportReport(
        filename=filename,
        sha256=payload["sha256"],
        unit_id=payload["unit_id"],
        default_group=payload["default_group"],
        checked_at=timezone.now(),
        file_problems=[_read_problem(p) for p in payload["file_problems"]],
    )
    for sheet in payload["sheets"]:
        summary = SheetSummary(sheet["title"], sheet["header_row"])
        summary.columns = [(letter, header, label) for letter, header, label in sheet["columns"]]
        summary.problems = [_read_problem(p) for p in sheet["problems"]]
        report.sheets.append(summary)
    titles = [summary.title for summary in report.sheets]
    fields = payload["fields"]
    for sheet_index, number, values, groups, needs, birth_text, has_error in payload["rows"]:
        if len(values) != len(fields) or not 0 <= sheet_index < len(titles):
            raise ValueError("a row of another shape")
        report.rows.append(
            ParsedRow(
                sheet=titles[sheet_index],
                row=number,
                data=dict(zip(fields, values, strict=True)),
                groups=groups,
                needs=needs,
                birth_text=birth_text,
                has_error=has_error,
            )
        )
    return report
