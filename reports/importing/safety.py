"""Checks an uploaded file passes before any spreadsheet library reads it.

An .xlsx is a zip of XML parts. The checks, cheapest first: size; magic bytes (an old .xls, a
CSV or a PDF renamed .xlsx gets a message saying what to do); a zip whose central directory
reads; the xlsx content types; member count; the real uncompressed size of every member and
its compression ratio (zip bombs: openpyxl would expand them in memory); and no DOCTYPE or
ENTITY declaration in any part (entity expansion, external entities). openpyxl also parses
with defusedxml once it is installed (`openpyxl.DEFUSEDXML`), a second line behind the scan.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from reports.importing.report import ImportRejected

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 10 * MB
MAX_MEMBERS = 1000
MAX_UNCOMPRESSED_BYTES = 100 * MB
# Spreadsheet XML packs 5 to 30 times; a member of zeros packs a thousand times.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB  # tiny parts may pack tighter; they cannot hurt
# openpyxl reads every shared string before the first row (about 10 µs each): a small file of
# millions would hold a request for half a minute. "si>" ends and opens each one (with any
# namespace prefix); a list of 10,000 people holds at most a few hundred thousand strings.
MAX_STRING_MARKS = 1_000_000
CHUNK = 256 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",  # .xlsx
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",  # .xltx
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",  # .xlsm: macros are never run
    "application/vnd.ms-excel.template.macroEnabled.main+xml",  # .xltm
}
FORBIDDEN_MARKUP = (b"<!doctype", b"<!entity")
_OVERLAP = max(len(m) for m in FORBIDDEN_MARKUP)


def not_xlsx_message() -> str:
    return _("This is not an .xlsx file. Open it in Excel and save it as Excel Workbook (.xlsx).")


def damaged_message() -> str:
    return _(
        "The file is damaged or incomplete and cannot be read. Open it in Excel, save it again as "
        "Excel Workbook (.xlsx) and upload that copy."
    )


def check_size(size: int) -> None:
    if size == 0:
        raise ImportRejected(_("The file is empty."))
    if size > MAX_UPLOAD_BYTES:
        raise ImportRejected(
            _("The file is larger than %(limit)d MB. Split the list into several files.")
            % {"limit": MAX_UPLOAD_BYTES // MB}
        )


def check_upload(data: bytes) -> None:
    """Raise ImportRejected unless `data` is an .xlsx that is safe to hand to openpyxl."""
    check_size(len(data))
    if data.startswith(OLE2_MAGIC):
        raise ImportRejected(
            _(
                "This is an old Excel 97-2003 file (.xls) or a password-protected workbook. Open it in "
                "Excel, remove any password and save it as Excel Workbook (.xlsx)."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        raise ImportRejected(not_xlsx_message())
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive)
    except ImportRejected:
        raise
    except Exception as exc:
        # zipfile and zlib raise many kinds on hostile input: BadZipFile, EOFError, zlib.error,
        # RuntimeError for encrypted members, NotImplementedError for odd compression methods…
        raise ImportRejected(damaged_message()) from exc


def _check_archive(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportRejected(
            _("The file holds %(count)d parts, far more than a spreadsheet of this kind.") % {"count": len(members)}
        )
    names = {info.filename for info in members}
    if "[Content_Types].xml" not in names:
        raise ImportRejected(not_xlsx_message())
    # Declared sizes first (cheap), then the real ones while scanning: zipfile stops at the
    # declared size and fails the CRC, so a member cannot lie its way past the total.
    declared = sum(info.file_size for info in members)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise _too_big()
    scan_members(archive, members)
    _check_content_types(archive.read("[Content_Types].xml"))


def _too_big() -> ImportRejected:
    return ImportRejected(
        _("The file unpacks to more than %(limit)d MB, far more than a list of this kind needs. It was not read.")
        % {"limit": MAX_UNCOMPRESSED_BYTES // MB}
    )


def _bomb() -> ImportRejected:
    return ImportRejected(_("The file is packed suspiciously tightly (a “zip bomb”) and was not read."))


def _xml_attack() -> ImportRejected:
    return ImportRejected(
        _("The file contains XML declarations (DOCTYPE or ENTITY) that a spreadsheet never needs. It was not read.")
    )


def _too_many_strings() -> ImportRejected:
    return ImportRejected(
        _("The file holds far more distinct texts than a list of this kind (%(count)s). It was not read.")
        % {"count": number_format(MAX_STRING_MARKS // 2, force_grouping=True)}
    )


@dataclass
class _Scanned:
    """What the scan has met so far, across the members."""

    count_strings: bool
    total: int = 0  # uncompressed bytes
    string_marks: int = 0  # "si>": two for each shared string


def scan_members(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], *, workbook: bool = True) -> None:
    """Read every member once: the real total size, each one's packing ratio, no XML
    declarations; for a workbook (`workbook`), not millions of shared strings. Other Office
    files (an initiative's .docx evidence) pass `workbook=False`."""
    scanned = _Scanned(count_strings=workbook)
    for info in members:
        if not info.is_dir():
            _scan_member(archive, info, scanned)


def _scan_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, scanned: _Scanned) -> None:
    size = 0
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            scanned.total += len(chunk)
            if scanned.total > MAX_UNCOMPRESSED_BYTES:
                raise _too_big()
            if size > RATIO_CHECKED_FROM and size > MAX_RATIO * max(info.compress_size, 1):
                raise _bomb()
            window = tail + chunk
            # UTF-16 and UTF-32 parts hide the markup between NUL bytes: look without them too.
            if b"\x00" in window:
                window, tail = window.replace(b"\x00", b""), tail.replace(b"\x00", b"")
            if any(m in window.lower() for m in FORBIDDEN_MARKUP):
                raise _xml_attack()
            if scanned.count_strings:
                # The marks that end in this chunk: those wholly in the tail were counted with it.
                scanned.string_marks += window.count(b"si>") - tail.count(b"si>")
                if scanned.string_marks > MAX_STRING_MARKS:
                    raise _too_many_strings()
            tail = chunk[-_OVERLAP * 4 :]


def _check_content_types(xml: bytes) -> None:
    try:
        root = SafeET.fromstring(xml)
    except Exception as exc:  # defusedxml's and expat's errors alike
        raise ImportRejected(not_xlsx_message()) from exc
    # Excel names the workbook part in an Override; some tools declare it as the Default of the
    # .xml extension instead, which openpyxl reads too.
    types = {element.get("ContentType", "") for element in root.iter() if element.tag.endswith(("Override", "Default"))}
    if not types & WORKBOOK_CONTENT_TYPES:
        raise ImportRejected(not_xlsx_message())
