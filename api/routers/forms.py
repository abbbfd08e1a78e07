"""GET /forms/02.{fmt}: Biểu mẫu 02 of a unit's subtree as xlsx, docx or pdf."""

# No `from __future__ import annotations`: ninja reads the Literal of `fmt` at run time.

from typing import Literal

from django.http import HttpRequest
from ninja import Router

from api.api import error
from api.schemas import AUTH_ERRORS, ErrorOut, InvalidOut
from reports.renderers import FORMATS
from units.models import Unit
from units.scoping import get_for_user
from youth import exports

router = Router(tags=["forms"])

_FILE = {"schema": {"type": "string", "format": "binary"}}


@router.get(
    "/forms/02.{fmt}",
    response={**AUTH_ERRORS, 404: ErrorOut, 422: InvalidOut},
    summary="Biểu mẫu 02 as xlsx, docx or pdf",
    openapi_extra={
        "responses": {
            200: {
                "description": "The document, as an attachment named `bieu-mau-02_<unit code>_<yyyymmdd>.<fmt>`.",
                "content": {spec.content_type: _FILE for spec in FORMATS.values()},
            }
        }
    },
)
def form02(request: HttpRequest, fmt: Literal["xlsx", "docx", "pdf"], unit: int):
    """Biểu mẫu 02 (the list of disadvantaged youth) of `unit` and the units below it, in the
    union's document format.

    The same rows as the registry: youth who withdrew their consent are left out, and the
    sensitive columns are masked unless the caller is an officer of the records' units. Each
    export is recorded (who, when, which records). A .docx holds at most 20,000 rows and a .pdf
    5,000 (422 beyond); .xlsx has no limit and streams in constant memory.
    """
    target = get_for_user(Unit, request.user, unit)
    try:
        exports.check_size(fmt, exports.count_rows(request.user, target))
    except exports.TooManyRows as exc:
        return error(
            request, 422, exc.message, errors=[{"loc": ["path", "fmt"], "type": "row_limit", "msg": exc.message}]
        )
    return exports.response(request.user, target, fmt)
