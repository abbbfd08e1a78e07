"""GET /me: the caller and the roles they hold."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from api.schemas import AUTH_ERRORS, MeOut

router = Router(tags=["me"])


@router.get("/me", response={200: MeOut, **AUTH_ERRORS})
def me(request: HttpRequest):
    """The signed-in user and their memberships (a role at a unit, valid over its whole subtree)."""
    return request.user
