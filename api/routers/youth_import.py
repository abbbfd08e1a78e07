"""Stub: filled in by the youth_import work."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["youth"])
