from __future__ import annotations

import re
import time

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Vietnamese unless the user picked another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a phone set to
    English would show English to a commune officer who never asked for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class SessionIdleMiddleware:
    """The idle timeout without a session write on every request.

    SESSION_SAVE_EVERY_REQUEST would write the session row on each page and API call. Instead
    the session is saved (which pushes its expiry SESSION_COOKIE_AGE ahead) when it was last
    saved more than SESSION_REFRESH_SECONDS ago: a signed-in user is signed out between
    SESSION_COOKIE_AGE minus that and SESSION_COOKIE_AGE after the last request. Placed below
    SessionMiddleware, which does the saving.
    """

    KEY = "_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or session.modified:
            return response
        if int(time.time()) - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            mark_refreshed(session)  # marks it modified: SessionMiddleware saves it
        return response


def mark_refreshed(session) -> None:
    session[SessionIdleMiddleware.KEY] = int(time.time())


def refreshed_at_sign_in(sender, request, user, **kwargs) -> None:
    """Signing in saves the session anyway: the next minute's requests need not."""
    if request is not None and hasattr(request, "session"):
        mark_refreshed(request.session)


class NullCharacterMiddleware:
    """A query string or JSON body holding a NUL character answers 400.

    PostgreSQL refuses NUL in text, so such a value reaching a query (a search, the API's sign-in,
    axes' record of it) would be a server error there, though SQLite takes it. Form posts are left
    to the forms, which refuse NUL with a message and keep what was typed. Placed below
    LanguageMiddleware, so the answer is in the user's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return HttpResponseBadRequest(_("The request holds a null character, which no field may contain."))
        return self.get_response(request)


FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def _has_nul(request) -> bool:
    if "\x00" in request.META.get("QUERY_STRING", "") or any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
    ):
        return True
    if request.method in ("GET", "HEAD") or request.content_type in FORM_TYPES:
        return False
    # Any other body (the API reads JSON whatever its declared type): a raw NUL, or a NUL that
    # JSON escapes, "\u0000" not itself preceded by an escaping backslash.
    body = request.body
    return b"\x00" in body or _JSON_NUL.search(body) is not None
