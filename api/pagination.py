"""Limit/offset pagination with a hook to prepare each page in bulk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class PageInput(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class Page(LimitOffsetPagination):
    """`@paginate(Page, prepare=fn)`: `fn` gets the page's objects as a list, once, after slicing.

    That is where a view fetches what every row needs with one query for the page instead of one
    query per row; a schema resolver only ever sees a single row.
    """

    Input = PageInput  # type: ignore[assignment]  # ninja's own is named "Input" in the OpenAPI document

    def __init__(self, *, prepare: Callable[[list[Any]], None] | None = None, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
        self.prepare = prepare

    def paginate_queryset(self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        if self.prepare and items:
            self.prepare(items)
        page[self.items_attribute] = items
        return page
