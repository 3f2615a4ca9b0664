"""The API's one pagination: ``?limit=&offset=`` answering ``{"items": [...], "count": N}``.

Bounds both numbers: ninja's default accepts any offset, and an offset past
2**63 makes SQLite fail with "datatype mismatch" (a 500 that fuzzing finds).
"""

from collections.abc import Sequence
from typing import Any, cast

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Số mục mỗi trang (tối đa 100).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu mục đầu.")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


# --- Pages of big filtered lists ----------------------------------------------------------------------------

SORT_IN_MEMORY_UP_TO = 10_000


def _sort_rows(rows: list[tuple[Any, ...]], order: Sequence[str]) -> None:
    """Sort ``(key1, key2, …, pk)`` rows as the database's ``ORDER BY order`` would, nulls included (largest on
    PostgreSQL, smallest on SQLite)."""
    nulls_largest = connection.features.nulls_order_largest
    for position in reversed(range(len(order))):
        descending = order[position].startswith("-")
        rows.sort(
            key=lambda row: (
                (row[position] is None) == nulls_largest,
                0 if row[position] is None else row[position],  # a null is compared only with nulls
            ),
            reverse=descending,
        )


def sorted_slice(qs: QuerySet[Any], offset: int, limit: int) -> tuple[list[Any], int]:
    """Rows ``offset … offset + limit`` of ``qs`` in its ordering, and how many rows ``qs`` has.

    A planner asked for ``ORDER BY received_on DESC LIMIT 20`` walks the ordered index and filters as it goes,
    expecting the matches spread evenly; when they lie at the far end (overdue cases are old ones) it reads a
    quarter of a million rows for twenty. So while the matches are few (up to ``SORT_IN_MEMORY_UP_TO``), one query
    reads just their sort keys through the filter indexes, Python sorts them, and a second query loads the page by
    primary key; the count is the number of keys read. Beyond that the matches are dense and the database walks
    its index (docs/decisions/0009).
    """
    order = [str(term) for term in qs.query.order_by] or ["pk"]
    fields = [term.lstrip("-") for term in order]
    rows = list(qs.order_by().values_list(*fields, "pk")[: SORT_IN_MEMORY_UP_TO + 1])
    if len(rows) > SORT_IN_MEMORY_UP_TO:
        return list(qs[offset : offset + limit]), qs.count()
    _sort_rows(rows, order)
    ids = [row[-1] for row in rows[offset : offset + limit]]
    by_id = {item.pk: item for item in qs.order_by().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id], len(rows)


class SortedPage(Page):
    """The API's pagination for big filtered lists (see :func:`sorted_slice`); answers as :class:`Page` does."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        items, count = sorted_slice(queryset, pagination.offset, min(pagination.limit, self.max_limit))
        return {"items": items, "count": count}


class SortedPaginator(Paginator):
    """Django's paginator over :func:`sorted_slice` (``object_list`` is a queryset): ``get_page`` as usual."""

    def get_page(self, number: Any) -> DjangoPage:
        queryset = cast("QuerySet[Any]", self.object_list)
        try:
            wanted = max(int(number), 1)
        except (TypeError, ValueError):
            wanted = 1
        items, count = sorted_slice(queryset, (wanted - 1) * self.per_page, self.per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached property: known without another query
        if wanted > self.num_pages:
            wanted = self.num_pages
            items, _count = sorted_slice(queryset, (wanted - 1) * self.per_page, self.per_page)
        return DjangoPage(items, wanted, self)
