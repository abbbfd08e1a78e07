"""POST /auth/token: a username and password for a bearer token."""

from __future__ import annotations

import math

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Router, Status

from accounts.models import ApiToken
from api.schemas import ErrorOut, InvalidOut, TokenIn, TokenOut
from core.vntext import nfc

router = Router(tags=["auth"])


def _lockout_message(request: HttpRequest, response: HttpResponse) -> str:
    cool_off = get_cool_off(request)
    if not cool_off:
        return _("Too many failed attempts. Ask an administrator to unlock your account.")
    minutes = math.ceil(cool_off.total_seconds() / 60)
    response["Retry-After"] = str(minutes * 60)
    return ngettext(
        "Too many failed attempts. Try again in %(minutes)d minute.",
        "Too many failed attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


@router.post("/token", auth=None, response={200: TokenOut, 401: ErrorOut, 422: InvalidOut, 429: ErrorOut})
def issue_token(request: HttpRequest, payload: TokenIn, response: HttpResponse):
    """Exchange a username and password for a bearer token (shown once).

    Failures count towards the same lockout as the sign-in page: after 5 (configurable) for one
    username from one address, that pair is refused with 429 until the cool-off has passed, even
    with the right password. Other usernames from that address are not affected.
    """
    user = authenticate(request, username=nfc(payload.username), password=payload.password)
    # Set by axes when this attempt was refused, or was the one that reached the limit.
    if getattr(request, "axes_locked_out", False):
        # Answered here, in JSON: left set, AxesMiddleware would swap in the HTML lockout page.
        request.axes_locked_out = False  # type: ignore[attr-defined]
        return Status(429, {"detail": _lockout_message(request, response)})
    if user is None:  # wrong password, unknown username or deactivated account: the same answer
        return Status(401, {"detail": _("Wrong username or password.")})
    token, secret = ApiToken.issue(user)
    # A sign-in like the page's: axes clears this pair's failures, last_login is stamped.
    user_logged_in.send(sender=type(user), request=request, user=user)
    return {"token": secret, "expires_at": token.expires_at}
