"""An official list as .docx (python-docx): A4, Times New Roman, the header row repeated on every page.

python-docx holds the whole document in memory, so the caller caps the row count
(`reports.renderers.ROW_LIMITS`). Table rows are stamped from a prototype row with lxml rather
than through `table.add_row()` and `row.cells`, which re-read the grid on every call and made
a 20,000-row list take minutes.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import IO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from reports.documents import UNION_NAME, Endorsement, OfficialList, OfficialReport, Progress

FONT = "Times New Roman"
PROGRESS_EVERY = 1000
TABLE_STYLE = "VL Table Text"
# Characters XML 1.0 cannot carry (a stray control character pasted from another program).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(document: OfficialList, out: IO[bytes], *, progress: Progress | None = None) -> int:
    """Write `document` to the binary file `out`; return the number of table rows written."""
    doc = Document()
    doc.core_properties.title = document.file_title
    doc.core_properties.subject = document.form_label
    _styles(doc)
    width = _page(doc, document)

    label = doc.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(label, document.form_label, size=10, italic=True)

    header = document.header
    block = _borderless_table(doc, [width * 0.45, width * 0.55])
    left, right = block.rows[0].cells
    _line(left.paragraphs[0], header.line_1)
    _line(left.add_paragraph(), header.line_2, bold=True)
    _line(left.add_paragraph(), "***")
    _line(right.paragraphs[0], UNION_NAME, bold=True, underline=True)
    _line(right.add_paragraph(), header.date_line, italic=True)

    doc.add_paragraph()
    for line in document.title_lines:
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(0)
        _run(title, line, bold=True, size=14)
    doc.add_paragraph()

    count = _table(doc, document, width, progress)

    doc.add_paragraph()
    _signature(doc, document, width)
    doc.save(out)
    if progress is not None:
        progress(count)
    return count


def _table(doc, document: OfficialList, width: float, progress: Progress | None) -> int:
    total_chars = sum(column.width for column in document.columns)
    widths = [width * column.width / total_chars for column in document.columns]
    table = doc.add_table(rows=1, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, cell_width in zip(table.columns, widths, strict=True):
        column.width = Cm(cell_width)
    head = table.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    tr_pr.append(_el("w:tblHeader"))
    for cell, column, cell_width in zip(head.cells, document.columns, widths, strict=True):
        cell.width = Cm(cell_width)
        paragraph = cell.paragraphs[0]
        paragraph.style = doc.styles[TABLE_STYLE]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, column.title, bold=True)

    style_id = doc.styles[TABLE_STYLE].style_id
    centered = [column.center for column in document.columns]
    prototype = _prototype_row(widths, centered, style_id, keep_together=not document.long_rows)
    tbl = table._tbl
    count = 0
    for count, cells in enumerate(document.rows, start=1):
        tr = copy.deepcopy(prototype)
        for tc, value in zip(tr.iterchildren(qn("w:tc")), cells, strict=False):
            _fill(tc, str(value))
        tbl.append(tr)
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    return count


def _prototype_row(widths: list[float], centered: list[bool], style_id: str, *, keep_together: bool = True):
    """`<w:tr><w:tc>…<w:p><w:pPr>style, alignment</w:pPr></w:p></w:tc>…</w:tr>`, no text yet.

    A row kept together (`cantSplit`) that is taller than a page is cut off by Word: documents
    with long rows let them break."""
    tr = _el("w:tr")
    tr_pr = _el("w:trPr")
    if keep_together:
        tr_pr.append(_el("w:cantSplit"))
    tr.append(tr_pr)
    for cell_width, center in zip(widths, centered, strict=True):
        tc = _el("w:tc")
        tc_pr = _el("w:tcPr")
        tc_w = _el("w:tcW")
        tc_w.set(qn("w:w"), str(int(Cm(cell_width).twips)))
        tc_w.set(qn("w:type"), "dxa")
        tc_pr.append(tc_w)
        tc.append(tc_pr)
        p = _el("w:p")
        p_pr = _el("w:pPr")
        style = _el("w:pStyle")
        style.set(qn("w:val"), style_id)
        p_pr.append(style)
        if center:
            jc = _el("w:jc")
            jc.set(qn("w:val"), "center")
            p_pr.append(jc)
        p.append(p_pr)
        tc.append(p)
        tr.append(tc)
    return tr


def _fill(tc, text: str) -> None:
    if not text:
        return
    run = _el("w:r")
    for index, line in enumerate(_XML_ILLEGAL.sub("", text).split("\n")):
        if index:
            run.append(_el("w:br"))
        t = _el("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        run.append(t)
    tc[-1].append(run)


def _signature(doc, document: OfficialList, width: float) -> None:
    signature = document.signature
    block = _borderless_table(doc, [width * 0.45, width * 0.55])
    left, right = block.rows[0].cells
    if signature.endorsement is not None:
        _endorsement(left, signature.endorsement)
    elif signature.recipients:
        paragraph = left.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        _run(paragraph, "Nơi nhận:", bold=True, italic=True, size=12)
        for line in signature.recipients:
            recipient = left.add_paragraph()
            recipient.paragraph_format.space_after = Pt(0)
            _run(recipient, line, size=11)
    _line(right.paragraphs[0], signature.on_behalf, bold=True)
    _line(right.add_paragraph(), signature.title, bold=True)
    for _blank in range(3):
        right.add_paragraph()
    if signature.signer:
        _line(right.add_paragraph(), signature.signer, bold=True)


def _endorsement(cell, endorsement: Endorsement) -> None:
    """The second signature block, laid out as the signature beside it."""
    _line(cell.paragraphs[0], endorsement.heading, bold=True)
    if endorsement.title:
        _line(cell.add_paragraph(), endorsement.title, bold=True)
    for _blank in range(3 if endorsement.title else 4):
        cell.add_paragraph()
    if endorsement.signer:
        _line(cell.add_paragraph(), endorsement.signer, bold=True)
    for note in endorsement.notes:
        _line(cell.add_paragraph(), note, italic=True)


def _borderless_table(doc, widths: list[float]):
    table = doc.add_table(rows=1, cols=len(widths))  # the default table style draws no borders
    table.autofit = False
    for cell, cell_width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = Cm(cell_width)
    return table


def _line(paragraph, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, bold=bold, italic=italic, underline=underline)


def _run(paragraph, text: str, *, bold=False, italic=False, underline=False, size: float | None = None):
    run = paragraph.add_run(_XML_ILLEGAL.sub("", text))
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)
    return run


def _page(doc, document: OfficialList) -> float:
    """A4 with the administrative margins; returns the text width in cm."""
    section = doc.sections[0]
    short, long = Cm(21), Cm(29.7)
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = long, short
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = short, long
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    _page_numbers(section)
    return (29.7 if document.landscape else 21) - 4.5


def _page_numbers(section) -> None:
    """Footer "Trang x/y" from Word's PAGE and NUMPAGES fields."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "Trang ", size=11)
    for index, field in enumerate(("PAGE", "NUMPAGES")):
        if index:
            _run(paragraph, "/", size=11)
        simple = _el("w:fldSimple")
        simple.set(qn("w:instr"), field)
        run = _el("w:r")
        t = _el("w:t")
        t.text = "1"
        run.append(t)
        simple.append(run)
        paragraph._p.append(simple)


def _styles(doc) -> None:
    """Times New Roman for every script: Word picks the East-Asian or complex-script font slot
    for some Vietnamese letters, so all four slots are set, not just `font.name`."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    _all_slots(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    table_text = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(12)
    table_text.paragraph_format.space_before = Pt(2)
    table_text.paragraph_format.space_after = Pt(2)


def _all_slots(r_pr) -> None:
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _el(tag: str):
    return OxmlElement(tag)


def render_report(document: OfficialReport, out: IO[bytes]) -> int:
    """A report of several titled tables, each with its own columns; returns the table rows written."""
    doc = Document()
    doc.core_properties.title = document.file_title
    doc.core_properties.subject = document.form_label
    _styles(doc)
    width = _page(doc, document)

    label = doc.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(label, document.form_label, size=10, italic=True)

    header = document.header
    block = _borderless_table(doc, [width * 0.45, width * 0.55])
    left, right = block.rows[0].cells
    _line(left.paragraphs[0], header.line_1)
    _line(left.add_paragraph(), header.line_2, bold=True)
    _line(left.add_paragraph(), "***")
    _line(right.paragraphs[0], UNION_NAME, bold=True, underline=True)
    _line(right.add_paragraph(), header.date_line, italic=True)

    doc.add_paragraph()
    for line in document.title_lines:
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(0)
        _run(title, line, bold=True, size=14)
    doc.add_paragraph()

    for text in document.intro:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)
        _run(paragraph, text)
    count = 0
    for section in document.sections:
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before = Pt(6)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
        _run(heading, section.heading, bold=True)
        count += _table(doc, replace(document, columns=section.columns, rows=section.rows), width, None)
        for note in section.notes:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(2)
            _run(paragraph, note, italic=True, size=12)

    doc.add_paragraph()
    _signature(doc, document, width)
    doc.save(out)
    return count
