"""Vietnamese is complete, the compiled catalogue matches it, and no string escaped extraction."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
VI_PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"


def test_every_vietnamese_entry_is_translated_and_not_fuzzy():
    catalogue = polib.pofile(str(VI_PO))
    assert catalogue.percent_translated() == 100, [e.msgid for e in catalogue.untranslated_entries()][:10]
    assert catalogue.fuzzy_entries() == []
    assert "nplurals=1" in catalogue.metadata["Plural-Forms"]


def test_the_compiled_catalogue_matches_the_source():
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.pofile(str(VI_PO)).translated_entries()
    }
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in polib.mofile(str(VI_PO.with_suffix(".mo")))
        if e.msgid
    }
    assert compiled == source, "run `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None and not os.environ.get("CI"), reason="gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path, settings, monkeypatch):
    # makemessages writes next to the sources it scans: scan a copy, so the test never edits locale/.
    source = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        source,
        ignore=shutil.ignore_patterns(".*", "var", "static", "tests", "locale", "bench", "node_modules", "__pycache__"),
    )
    (source / "locale").mkdir()
    settings.LOCALE_PATHS = [source / "locale"]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["vi"], no_obsolete=True, no_location=True, verbosity=0)
    extracted = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(source / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    }
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(VI_PO))}
    assert extracted, "makemessages extracted nothing"
    assert extracted - committed == set(), "run `make messages` and translate the new entries"
