"""The API's URLs, exempt from LoginRequiredMiddleware: every operation authenticates itself
and answers 401 in JSON, where the middleware would redirect to the HTML sign-in page.

The Swagger page stays behind the site's sign-in: it is a page, and its "Try it out" runs on
the session. The OpenAPI document is public; it describes the API, not its data.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, include, path, re_path
from django.utils.translation import gettext as _

from api.api import api, error


@login_not_required
def unknown_path(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """An unknown path under the API answers in JSON, like everything else there."""
    return error(request, 404, _("Not found."))


# Not unpacked into `app_name`: Django reads that module attribute as this urlconf's namespace.
_patterns, _ninja_app, _namespace = api.urls
for _pattern in _patterns:
    if not isinstance(_pattern, URLPattern):
        continue
    if _pattern.name == "api-root":  # kept for ninja's reverse(); its own view answers in HTML
        _pattern.callback = unknown_path
    elif _pattern.name != "openapi-view":
        login_not_required(_pattern.callback)

_patterns.append(re_path(r"^", unknown_path, name="not-found"))

urlpatterns = [path("", include((_patterns, _ninja_app), namespace=_namespace))]
