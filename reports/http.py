"""Serving a rendered document: the download headers and a file streamed from disk."""

from __future__ import annotations

import re
from typing import IO
from urllib.parse import quote

from django.http import FileResponse

from core.vntext import fold

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9._-]+")
_UNSAFE_UNICODE = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')


def file_names(stem: str, readable: str, extension: str) -> tuple[str, str]:
    """(Unicode, ASCII) download names: `Biểu mẫu 02 - Đoàn xã Cẩm Bình.xlsx`, `bieu-mau-02_…xlsx`."""
    ascii_name = _UNSAFE_ASCII.sub("-", fold(stem)).strip("-") or "document"
    unicode_name = _UNSAFE_UNICODE.sub("-", readable).strip() or ascii_name
    return f"{unicode_name}.{extension}", f"{ascii_name}.{extension}"


def content_disposition(unicode_name: str, ascii_name: str) -> str:
    """An ASCII `filename` for old clients and the Vietnamese one as RFC 5987 `filename*`."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(unicode_name, safe='')}"


def file_response(file: IO[bytes], content_type: str, names: tuple[str, str]) -> FileResponse:
    """Serve `file` (an open binary file, rewound here) in blocks: memory stays flat whatever its size."""
    size = file.seek(0, 2)
    file.seek(0)
    response = FileResponse(file, content_type=content_type)
    response["Content-Length"] = str(size)
    response["Content-Disposition"] = content_disposition(*names)
    response["Cache-Control"] = "private, no-store"
    return response
