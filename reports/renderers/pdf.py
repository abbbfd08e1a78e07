"""An official list as .pdf: WeasyPrint lays out `reports/official_list.html`.

Pango would silently fall back to DejaVu for the Vietnamese letters that Debian's
Liberation 1.x lacks, so the template loads the bundled Liberation Serif 2 (metric-compatible
with Times New Roman) with @font-face, and the URL fetcher reads nothing but those files: no
network, no other file of the machine, whatever the rows contain.

WeasyPrint lays the whole document out in memory: the caller caps the row count
(`reports.renderers.ROW_LIMITS`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from django.template.loader import render_to_string

from reports.documents import UNION_NAME, Cell, OfficialList, OfficialReport, Progress

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "reports" / "fonts"
PROGRESS_EVERY = 1000


def render(document: OfficialList, out: IO[bytes], *, progress: Progress | None = None) -> int:
    """Write `document` to the binary file `out`; return the number of table rows written."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    counter = _Counter(document.rows, progress)
    total_width = sum(column.width for column in document.columns)
    html = render_to_string(
        "reports/official_list.html",
        {
            "document": document,
            "union_name": UNION_NAME,
            "columns": [
                {"title": c.title, "percent": f"{100 * c.width / total_width:.2f}", "center": c.center}
                for c in document.columns
            ],
            "centered": [index for index, c in enumerate(document.columns, start=1) if c.center],
            "rows": counter,
            "page_size": "A4 landscape" if document.landscape else "A4 portrait",
        },
    )
    fonts = FontConfiguration()
    HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_bundled_files_only()).write_pdf(
        out, font_config=fonts
    )
    if progress is not None:
        progress(counter.count)
    return counter.count


class _Counter:
    """Counts the rows as the template reads them, reporting progress on the way."""

    def __init__(self, rows, progress: Progress | None):
        self.rows, self.progress, self.count = rows, progress, 0

    def __iter__(self) -> Iterator[Sequence[Cell]]:
        for row in self.rows:
            self.count += 1
            if self.progress is not None and self.count % PROGRESS_EVERY == 0:
                self.progress(self.count)
            yield row


def _bundled_files_only():
    from weasyprint.urls import URLFetcher

    class BundledFiles(URLFetcher):
        def fetch(self, url, headers=None):
            root = FONT_DIR.as_uri() + "/"
            if not url.startswith(root) or ".." in url:
                raise ValueError(f"refused: {url}")
            return super().fetch(url, headers)

    return BundledFiles(allowed_protocols={"file"})


def render_report(document: OfficialReport, out: IO[bytes]) -> int:
    """A report of several titled tables, laid out by `reports/official_report.html`; returns the table rows."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    sections = []
    for section in document.sections:
        total_width = sum(column.width for column in section.columns) or 1
        sections.append(
            {
                "heading": section.heading,
                "columns": [
                    {"title": c.title, "percent": f"{100 * c.width / total_width:.2f}", "center": c.center}
                    for c in section.columns
                ],
                "centered": [index for index, c in enumerate(section.columns, start=1) if c.center],
                "rows": section.rows,
                "notes": section.notes,
            }
        )
    html = render_to_string(
        "reports/official_report.html",
        {
            "document": document,
            "union_name": UNION_NAME,
            "sections": sections,
            "page_size": "A4 landscape" if document.landscape else "A4 portrait",
        },
    )
    HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_bundled_files_only()).write_pdf(
        out, font_config=FontConfiguration()
    )
    return sum(len(section.rows) for section in document.sections)
