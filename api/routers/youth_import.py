"""POST /youth/import: the import page's check and commit, as one call."""

# No `from __future__ import annotations`: ninja reads these annotations at import time.

from typing import Literal, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, UploadedFile
from ninja import Status as Answer

from accounts.models import User
from api.schemas import AUTH_ERRORS, ErrorOut, InvalidOut
from reports.importing.safety import check_size
from units.models import Unit
from units.scoping import Capability, get_for_user
from youth.choices import TargetGroup
from youth.importing import ImportRejected, ImportReport, build_report, commit_import

router = Router(tags=["youth"])


class ImportProblemOut(Schema):
    sheet: str = Field(description="The sheet's name; empty for a problem of the whole file.")
    row: int | None = Field(description="The row number as Excel shows it.")
    column: str = Field(description="The column letter as Excel shows it; empty if none.")
    header: str = Field(description="That column's header in the file.")
    severity: Literal["error", "warning", "info"] = Field(
        description="`error` blocks the import; `warning` (a likely duplicate…) and `info` do not."
    )
    message: str


class ImportOut(Schema):
    dry_run: bool
    rows_read: int = Field(description="Rows read as people, in every sheet.")
    ready: int = Field(description="Rows that are (or, in a dry run, would be) created.")
    created: int = Field(description="Records created: 0 in a dry run or when there are errors.")
    skipped: int = Field(description="Rows already imported earlier, or repeated in the file.")
    errors: list[ImportProblemOut] = Field(description="Every problem found, of every severity.")


def _first_writable_unit(user: User) -> Unit | None:
    paths = user.scope_paths(Capability.WRITE)
    for membership in user.active_memberships:
        if any(membership.unit.path.startswith(path) for path in paths) and membership.unit.is_in_force():
            return membership.unit
    return None


def _out(report: ImportReport, *, dry_run: bool) -> dict:
    return {
        "dry_run": dry_run,
        "rows_read": report.rows_read,
        "ready": report.ready,
        "created": len(report.created_ids),
        "skipped": report.skipped,
        "errors": [
            {
                "sheet": p.sheet,
                "row": p.row,
                "column": p.column,
                "header": p.header,
                "severity": str(p.severity),
                "message": p.message,
            }
            for p in report.problems
        ],
    }


@router.post(
    "/youth/import",
    response={200: ImportOut, **AUTH_ERRORS, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut},
)
def import_youth(
    request: HttpRequest,
    file: File[UploadedFile | None] = None,
    unit: Form[int | None] = None,
    default_group: Form[TargetGroup | None] = None,
    dry_run: Form[bool] = True,
):
    """Import a list of disadvantaged youth from an .xlsx (Biểu mẫu 02 or the site's template).

    Send `multipart/form-data` with `file`. `unit`: the unit to import into (one where the caller
    may write; default: the caller's first such unit). `default_group`: the target group of rows
    without one. With `dry_run=true` (the default) nothing is written; with `dry_run=false` every
    row is written, or none when `errors` holds any problem of severity `error`. Importing the
    same file again creates nothing. A file that cannot be read at all answers 400.
    """
    user = cast(User, request.user)  # the API's authentication admits only signed-in users
    if not user.scope_paths(Capability.WRITE):
        return Answer(403, {"detail": _("You do not have permission to do this.")})
    target = get_for_user(Unit, user, unit, write=Capability.WRITE) if unit is not None else None
    target = target or _first_writable_unit(user)
    if file is None or target is None:
        detail = _("Send the .xlsx file in the field “file”.") if file is None else _("Choose a unit.")
        return Answer(422, {"detail": _("The request is not valid."), "errors": [{"msg": detail}]})
    try:
        check_size(file.size or 0)
        report = build_report(
            file.read(),
            filename=file.name or "",
            unit=target,
            user=user,
            default_group=default_group or "",
        )
        if not dry_run and report.can_commit:
            commit_import(report, unit=target, by=user)
    except ImportRejected as rejected:
        return Answer(400, {"detail": rejected.message})
    return Answer(200, _out(report, dry_run=dry_run))
