from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from youth import services

FORM02_TODAY = datetime.date(2026, 5, 1)  # the day the import tests' dry runs are made


@pytest.fixture
def make_youth(persona, unit):
    """make_youth("Nguyễn Văn Ân", code="18073", groups={"poverty": {}}, **fields) -> a saved record."""

    def make(full_name: str, *, code: str = "18073", groups=None, by: str = "officer_a", **fields):
        data = {"full_name": full_name, "birth_year": 2004, **fields}
        return services.create_youth(
            unit(code), data, groups=groups or {"poverty": {"household_kind": "poor"}}, by=persona(by)
        )

    return make


@pytest.fixture
def english():
    """The messages in English, for the modules that compare them (pytest.mark.usefixtures)."""
    with translation.override("en"):
        yield


@pytest.fixture
def check(persona, unit):
    """check(xlsx bytes, default_group=, code=) -> the dry run's report of a Biểu mẫu 02 import by
    officer_a on FORM02_TODAY. Modules that need another define their own."""
    from youth.importing import build_report

    def run(data: bytes, *, default_group: str = "poverty", code: str = "18073"):
        return build_report(
            data,
            filename="ds.xlsx",
            unit=unit(code),
            user=persona("officer_a"),
            default_group=default_group,
            today=FORM02_TODAY,
        )

    return run
