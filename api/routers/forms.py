"""Stub: filled in by the forms work."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["youth"])
