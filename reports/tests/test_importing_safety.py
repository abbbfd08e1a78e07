"""The checks an upload passes before openpyxl reads it: workbooks other tools write still pass."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.utils import translation

from reports.importing import safety
from reports.importing.report import ImportRejected
from reports.importing.safety import check_upload
from youth.tests import import_files as files

WORKBOOK = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
TEMPLATE_WITH_MACROS = b"application/vnd.ms-excel.template.macroEnabled.main+xml"


def with_content_types(data: bytes, edit) -> bytes:
    return files.replace_member(data, "[Content_Types].xml", edit(files.member(data, "[Content_Types].xml")))


def test_the_workbook_declared_as_the_default_type_of_xml_parts_passes():
    """Some tools declare the workbook part through `<Default Extension="xml">` instead of an
    `<Override>`; openpyxl reads such a file, so the check must let it through."""
    data = files.form02_bytes([files.person(1)])

    def as_default(xml: bytes) -> bytes:
        xml = re.sub(rb'<Override PartName="/xl/workbook.xml" ContentType="[^"]+"/>', b"", xml)
        return xml.replace(
            b'<Default Extension="xml" ContentType="application/xml"/>',
            b'<Default Extension="xml" ContentType="' + WORKBOOK + b'"/>',
        )

    moved = with_content_types(data, as_default)
    assert b"/xl/workbook.xml" not in files.member(moved, "[Content_Types].xml")
    check_upload(moved)
    assert openpyxl.load_workbook(io.BytesIO(moved), read_only=True).worksheets


def test_a_macro_enabled_template_passes_its_macros_never_run():
    data = with_content_types(
        files.form02_bytes([files.person(1)]), lambda xml: xml.replace(WORKBOOK, TEMPLATE_WITH_MACROS)
    )
    check_upload(data)


def test_a_zip_without_a_workbook_type_is_still_refused():
    data = with_content_types(
        files.form02_bytes([files.person(1)]), lambda xml: xml.replace(WORKBOOK, b"application/xml")
    )
    with pytest.raises(ImportRejected):
        check_upload(data)


def shared_strings(count: int, *, prefix: bytes = b"") -> bytes:
    """A shared-strings part of `count` strings (with a namespace prefix if given)."""
    ns = (
        b"xmlns"
        + (b":" + prefix[:-1] if prefix else b"")
        + b'="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    )
    items = b"".join(b"<%ssi><%st>s%d</%st></%ssi>" % (prefix, prefix, i, prefix, prefix) for i in range(count))
    return b"<%ssst %s>%s</%ssst>" % (prefix, ns, items, prefix)


@pytest.mark.parametrize("prefix", [b"", b"x:"])
def test_a_file_of_millions_of_shared_strings_is_refused_before_openpyxl_reads_them(monkeypatch, prefix):
    """openpyxl reads every shared string before the first row: a small file holding millions
    would hold the request for half a minute. Counted across chunk boundaries, with or without
    a namespace prefix."""
    monkeypatch.setattr(safety, "MAX_STRING_MARKS", 2 * 1000)
    monkeypatch.setattr(safety, "CHUNK", 1000)  # many chunk boundaries, some inside a mark
    data = files.form02_bytes([files.person(1)])
    check_upload(files.with_shared_strings(data, shared_strings(990, prefix=prefix)))
    with (
        translation.override("en"),
        pytest.raises(ImportRejected, match=r"distinct texts than a list of this kind \(1,000\)"),
    ):
        check_upload(files.with_shared_strings(data, shared_strings(1010, prefix=prefix)))
