"""Request and response shapes, one set per operation. Field descriptions feed the OpenAPI document."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from accounts.models import Membership, Role, User
from units.models import UnitKind


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: list[dict] = Field(description="One entry per invalid field: where (`loc`), what (`type`, `msg`).")


# The errors any authenticated operation may answer, besides its own.
AUTH_ERRORS: dict[int, type[Schema]] = {401: ErrorOut}


# POST /auth/token


class TokenIn(Schema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=4096)


class TokenOut(Schema):
    token: str = Field(description="Send as `Authorization: Bearer <token>`. Shown only once.")
    expires_at: datetime


# GET /me


class MembershipOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    unit_code: str
    role: Role

    @staticmethod
    def resolve_unit_name(membership: Membership) -> str:
        return membership.unit.name

    @staticmethod
    def resolve_unit_code(membership: Membership) -> str:
        return membership.unit.code


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_memberships(user: User) -> list[Membership]:
        # Loaded once per request with their units; scoping reads the same list.
        return user.active_memberships


# GET /units and GET /units/{unit_id}


class UnitFilters(Schema):
    kind: UnitKind | None = None
    parent: int | None = Field(None, description="Only the direct children of this unit.")
    at: date | None = Field(None, description="Only the units in force on this day (YYYY-MM-DD). Default: today.")
    q: str | None = Field(
        None, max_length=100, description="Search in names and codes, without regard to case or diacritics."
    )


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    depth: int
    valid_from: date | None
    valid_to: date | None


class UnitDetailOut(UnitOut):
    header_line_1: str
    header_line_2: str
    place_name: str
    successor_ids: list[int] = Field(description="The units this one went into at a restructuring.")
    predecessor_ids: list[int] = Field(description="The units that went into this one.")
