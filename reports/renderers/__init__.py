"""The formats an official list renders to: how to write each one and what it can hold.

`render(fmt, document, out, progress=…)` writes the document to the binary file `out` and
returns the number of table rows written. An `OfficialReport` (several titled tables) is laid
out by each format's `render_report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from reports.documents import OfficialList, OfficialReport, Progress


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    # Rows beyond which this format is refused: None streams in constant memory (xlsx);
    # python-docx and WeasyPrint hold the whole document in memory.
    row_limit: int | None


FORMATS = {
    "xlsx": Format("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
    "docx": Format("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 20_000),
    "pdf": Format("pdf", "application/pdf", 5_000),
}


def render(fmt: str, document: OfficialList, out: IO[bytes], *, progress: Progress | None = None) -> int:
    if fmt == "xlsx":
        from reports.renderers import xlsx as module
    elif fmt == "docx":
        from reports.renderers import docx as module  # type: ignore[no-redef]
    elif fmt == "pdf":
        from reports.renderers import pdf as module  # type: ignore[no-redef]
    else:
        raise ValueError(f"unknown format {fmt!r}")
    if isinstance(document, OfficialReport):
        return module.render_report(document, out)
    return module.render(document, out, progress=progress)
