"""GET /forms/01.{fmt} and /forms/03.{fmt}: Biểu mẫu 01 and 03 of a unit's subtree for a year."""

# No `from __future__ import annotations`: ninja reads the Literal of `fmt` at run time.

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from api.api import error
from api.schemas import AUTH_ERRORS, ErrorOut, InvalidOut
from initiatives import exports
from reports.renderers import FORMATS
from units.models import Unit
from units.scoping import get_for_user

router = Router(tags=["forms"])

_FILE = {"schema": {"type": "string", "format": "binary"}}
_YEAR = Query(..., ge=2000, le=2100, description="The year the initiatives are registered for (YYYY).")


def _responses(form: str) -> dict:
    return {
        "responses": {
            200: {
                "description": (
                    f"The document, as an attachment named `bieu-mau-{form}_<unit code>_<year>_<yyyymmdd>.<fmt>`."
                ),
                "content": {spec.content_type: _FILE for spec in FORMATS.values()},
            }
        }
    }


def _download(request: HttpRequest, form: str, fmt: str, unit: int, year: int):
    target = get_for_user(Unit, request.user, unit)
    try:
        exports.check_size(fmt, exports.count_rows(form, request.user, target, year))
    except exports.TooManyRows as exc:
        return error(
            request, 422, exc.message, errors=[{"loc": ["path", "fmt"], "type": "row_limit", "msg": exc.message}]
        )
    return exports.response(form, request.user, target, year, fmt)


@router.get(
    "/forms/01.{fmt}",
    response={**AUTH_ERRORS, 404: ErrorOut, 422: InvalidOut},
    summary="Biểu mẫu 01 as xlsx, docx or pdf",
    openapi_extra=_responses("01"),
)
def form01(request: HttpRequest, fmt: Literal["xlsx", "docx", "pdf"], unit: int, year: int = _YEAR):
    """Biểu mẫu 01 (the initiatives registered for `year`, drafts left out) of `unit` and the
    units below it, in the union's document format.

    Beneficiaries are named only when the caller may see their registry record and they have not
    withdrawn their consent; the others are counted. Each export is recorded (who, when, which
    initiatives and records). A .docx holds at most 20,000 rows and a .pdf 5,000 (422 beyond).
    """
    return _download(request, exports.FORM01, fmt, unit, year)


@router.get(
    "/forms/03.{fmt}",
    response={**AUTH_ERRORS, 404: ErrorOut, 422: InvalidOut},
    summary="Biểu mẫu 03 as xlsx, docx or pdf",
    openapi_extra=_responses("03"),
)
def form03(request: HttpRequest, fmt: Literal["xlsx", "docx", "pdf"], unit: int, year: int = _YEAR):
    """Biểu mẫu 03 (the initiatives of `year` whose results the local government confirmed, with
    their content, results, beneficiaries and evidence, and the confirmation and signature
    blocks) of `unit` and the units below it.

    Beneficiaries are named as in Form 01; the outcome for each person is masked unless the
    caller is an officer of that person's unit or above. Each export is recorded.
    """
    return _download(request, exports.FORM03, fmt, unit, year)
