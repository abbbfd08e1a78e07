"""Helpers for model fields that any app's models may use."""

from __future__ import annotations

from typing import Any


def fit(model: Any, field: str, value: str) -> str:
    """`value` cut to the length of `model`'s column `field`. Derived keys (a search fold, a
    collation key) can outgrow the text they come from ("ß" folds to "ss", a Vietnamese letter
    takes several characters of a collation key), and PostgreSQL refuses a value too long."""
    return value[: model._meta.get_field(field).max_length]
