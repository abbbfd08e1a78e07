"""An official list as .xlsx, streamed: XlsxWriter in constant_memory mode writes each row to a
temporary file as soon as the next one starts, so memory stays flat however long the list.

constant_memory accepts rows in order only, so the sheet is written top to bottom: the header
block, the title, the table, then the signature block. Text goes in with `write_string` (never
a formula, whatever it starts with) and is neutralised for CSV as well (`neutralise`).
"""

from __future__ import annotations

from typing import IO

import xlsxwriter

from reports.documents import UNION_NAME, OfficialList, OfficialReport, Progress, neutralise

FONT = "Times New Roman"
PROGRESS_EVERY = 1000
CM = 1 / 2.54  # XlsxWriter takes margins in inches


def render(
    document: OfficialList, out: IO[bytes], *, progress: Progress | None = None, tmpdir: str | None = None
) -> int:
    """Write `document` to the binary file `out`; return the number of table rows written."""
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "tmpdir": tmpdir,
        },
    )
    workbook.set_properties({"title": document.file_title, "subject": document.form_label})
    sheet = workbook.add_worksheet(document.form_label[:31])
    fmt = _formats(workbook)
    columns = document.columns
    last = len(columns) - 1
    split = max(1, len(columns) // 2)  # the header block's left half: columns [0, split)

    for index, column in enumerate(columns):
        sheet.set_column(index, index, column.width)
    _page_setup(sheet, document)

    row = 0
    sheet.write_string(row, last, document.form_label, fmt["form_label"])
    row += 1
    header = document.header
    _pair(sheet, row, split, last, header.line_1, fmt["left"], UNION_NAME, fmt["union"])
    _pair(sheet, row + 1, split, last, header.line_2, fmt["left_bold"], header.date_line, fmt["date"])
    _pair(sheet, row + 2, split, last, "***", fmt["left"], "", fmt["plain"])
    row += 4
    for line in document.title_lines:
        sheet.merge_range(row, 0, row, last, line, fmt["title"])
        row += 1
    row += 1

    header_row = row
    for index, column in enumerate(columns):
        sheet.write_string(header_row, index, column.title, fmt["th"])
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 0)

    cell_formats = [fmt["td_center"] if column.center else fmt["td"] for column in columns]
    # The undecorated writers: the public ones parse their arguments again on every cell (for
    # A1 notation), which a long list pays for on each of its cells.
    write_string, write_number = sheet._write_string, sheet._write_number
    count = 0
    for count, cells in enumerate(document.rows, start=1):
        row = header_row + count
        for index, value in enumerate(cells):
            if isinstance(value, int):
                write_number(row, index, value, cell_formats[index])
            else:
                write_string(row, index, neutralise(value), cell_formats[index])
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)

    row = header_row + count + 2
    _signature(sheet, row, split, last, document, fmt)
    workbook.close()
    if progress is not None:
        progress(count)
    return count


def _pair(sheet, row: int, split: int, last: int, left: str, left_fmt, right: str, right_fmt) -> None:
    """One line of a two-column block: `left` over columns [0, split), `right` over [split, last]."""
    _span(sheet, row, 0, split - 1, left, left_fmt)
    _span(sheet, row, split, last, right, right_fmt)


def _span(sheet, row: int, first: int, last: int, text: str, cell_format) -> None:
    if last > first:
        sheet.merge_range(row, first, row, last, text, cell_format)
    else:
        sheet.write_string(row, first, text, cell_format)


def _signature(sheet, row: int, split: int, last: int, document: OfficialList, fmt) -> None:
    signature = document.signature
    endorsement = signature.endorsement
    right = [signature.on_behalf, signature.title, "", "", "", signature.signer]
    if endorsement is not None:
        # Laid out as the signature beside it: heading and title, room to sign, name, notes.
        left = [endorsement.heading, endorsement.title, "", "", "", endorsement.signer, *endorsement.notes]
        left_fmts = [fmt["signer"]] * 2 + [fmt["plain"]] * 3 + [fmt["signer"]] + [fmt["date"]] * len(endorsement.notes)
    else:
        left = ["Nơi nhận:", *signature.recipients] if signature.recipients else []
        left_fmts = [fmt["recipients_label"]] + [fmt["recipients"]] * len(signature.recipients)
    for offset in range(max(len(left), len(right))):
        left_text = left[offset] if offset < len(left) else ""
        right_text = right[offset] if offset < len(right) else ""
        left_fmt = left_fmts[offset] if offset < len(left_fmts) else fmt["recipients"]
        right_fmt = fmt["signer"] if offset < 2 or offset == 5 else fmt["plain"]
        _pair(sheet, row + offset, split, last, left_text, left_fmt, right_text, right_fmt)


def _page_setup(sheet, document: OfficialList) -> None:
    sheet.set_paper(9)  # A4
    if document.landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_margins(left=3 * CM, right=1.5 * CM, top=2 * CM, bottom=2 * CM)
    sheet.center_horizontally()
    sheet.fit_to_pages(1, 0)  # as wide as one page, as many pages down as needed
    sheet.set_footer(f'&C&"{FONT},Regular"&11Trang &P/&N')


def _formats(workbook) -> dict:
    def make(**props):
        return workbook.add_format({"font_name": FONT, "font_size": 13, "valign": "top", **props})

    center = {"align": "center", "text_wrap": True}
    cell = {"font_size": 12, "border": 1, "text_wrap": True}
    return {
        "plain": make(),
        "form_label": make(font_size=10, italic=True, align="right"),
        "left": make(**center),
        "left_bold": make(bold=True, **center),
        "union": make(bold=True, underline=1, **center),
        "date": make(italic=True, **center),
        "title": make(bold=True, font_size=14, **center),
        "th": make(bold=True, valign="vcenter", align="center", **cell),
        "td": make(**cell),
        "td_center": make(align="center", **cell),
        "recipients_label": make(font_size=12, bold=True, italic=True),
        "recipients": make(font_size=11),
        "signer": make(bold=True, **center),
    }


def render_report(document: OfficialReport, out: IO[bytes], *, tmpdir: str | None = None) -> int:
    """A report of several titled tables on one sheet, top to bottom; returns the table rows written.

    The sheet's columns are as many as the widest section's; each column is as wide as the
    widest section needs it."""
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "tmpdir": tmpdir,
        },
    )
    workbook.set_properties({"title": document.file_title, "subject": document.form_label})
    sheet = workbook.add_worksheet(document.form_label[:31])
    fmt = _formats(workbook)
    fmt |= {
        "paragraph": workbook.add_format({"font_name": FONT, "font_size": 13, "text_wrap": True, "valign": "top"}),
        "heading": workbook.add_format({"font_name": FONT, "font_size": 13, "bold": True, "valign": "top"}),
        "note": workbook.add_format(
            {"font_name": FONT, "font_size": 12, "italic": True, "text_wrap": True, "valign": "top"}
        ),
    }
    count = max([len(section.columns) for section in document.sections] + [2])
    last = count - 1
    split = max(1, count // 2)
    widths = [0.0] * count
    for section in document.sections:
        for index, column in enumerate(section.columns):
            widths[index] = max(widths[index], column.width)
    for index, width in enumerate(widths):
        sheet.set_column(index, index, width or 10)
    _page_setup(sheet, document)
    line_chars = max(sum(widths), 40)

    def text_line(row: int, text: str, cell_format, size: float = 13) -> None:
        # A merged cell does not grow with its text: give the row the height its lines need.
        lines = max(1, -(-len(text) // int(line_chars * 12 / size)))
        sheet.set_row(row, size * 1.45 * lines)
        _span(sheet, row, 0, last, text, cell_format)

    row = 0
    sheet.write_string(row, last, document.form_label, fmt["form_label"])
    row += 1
    header = document.header
    _pair(sheet, row, split, last, header.line_1, fmt["left"], UNION_NAME, fmt["union"])
    _pair(sheet, row + 1, split, last, header.line_2, fmt["left_bold"], header.date_line, fmt["date"])
    _pair(sheet, row + 2, split, last, "***", fmt["left"], "", fmt["plain"])
    row += 4
    for line in document.title_lines:
        sheet.merge_range(row, 0, row, last, line, fmt["title"])
        row += 1
    row += 1
    for paragraph in document.intro:
        text_line(row, paragraph, fmt["paragraph"])
        row += 1
    written = 0
    for section in document.sections:
        row += 1
        text_line(row, section.heading, fmt["heading"])
        row += 1
        for index, column in enumerate(section.columns):
            sheet.write_string(row, index, column.title, fmt["th"])
        cell_formats = [fmt["td_center"] if column.center else fmt["td"] for column in section.columns]
        for cells in section.rows:
            row += 1
            written += 1
            for index, value in enumerate(cells):
                if isinstance(value, int):
                    sheet.write_number(row, index, value, cell_formats[index])
                else:
                    sheet.write_string(row, index, neutralise(value), cell_formats[index])
        row += 1
        for note in section.notes:
            text_line(row, note, fmt["note"], size=12)
            row += 1
    _signature(sheet, row + 1, split, last, document, fmt)
    workbook.close()
    return written
