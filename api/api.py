"""The NinjaAPI instance: how callers authenticate, the shape of every error, the routers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from accounts.models import ApiToken, User


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` with a token from POST /auth/token."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = ApiToken.objects.usable().select_related("user").filter(key_hash=ApiToken.hash(token)).first()
        if api_token is None:
            return None
        api_token.touch()
        # Scoping reads request.user, so a token caller is the same user as a signed-in one.
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="Vươn Lên API",
    version="1.0",
    description=(
        "The JSON API of Vươn Lên. Get a token from `POST /auth/token` and send it as "
        "`Authorization: Bearer <token>`; in a browser signed in to the site, the session works too "
        "(with the CSRF token on writes). Every list is limited to the caller's units; a unit outside "
        "them answers 404, exactly like a missing one."
    ),
    urls_namespace="api",
    # The token first: a caller that sends one is judged by it, whatever cookies it also carries.
    auth=[BearerToken(), SessionAuth()],
)


def error(request: HttpRequest, status: int, detail: str, **extra: object) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error(request, 401, _("Sign in required: send a valid API token or sign in to the site."))
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # The same words for "missing" and "outside your units", whatever DEBUG says.
    return error(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error(request, 403, _("You do not have permission to do this."))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error(request, 422, _("The request is not valid."), errors=exc.errors)


api.add_router("/auth", "api.routers.auth.router")
api.add_router("", "api.routers.me.router")
api.add_router("", "api.routers.units.router")
# /youth/import before /youth/{youth_id}: the first route whose path matches answers.
api.add_router("", "api.routers.youth_import.router")
api.add_router("", "api.routers.youth.router")
api.add_router("", "api.routers.initiatives.router")
api.add_router("", "api.routers.forms.router")
api.add_router("", "api.routers.initiative_forms.router")
