from __future__ import annotations

import pytest

from youth import services


@pytest.fixture
def make_youth(persona, unit):
    """make_youth("Nguyễn Văn Ân", code="18073", groups={"poverty": {}}, **fields) -> a saved record."""

    def make(full_name: str, *, code: str = "18073", groups=None, by: str = "officer_a", **fields):
        data = {"full_name": full_name, "birth_year": 2004, **fields}
        return services.create_youth(
            unit(code), data, groups=groups or {"poverty": {"household_kind": "poor"}}, by=persona(by)
        )

    return make
