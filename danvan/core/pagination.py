"""The pages of lists: the API's one pagination (``?limit=&offset=`` answering ``{"items": [...], "count": N}``)
and the list pages' paginator, both reading a page with :func:`page_rows`.

Bounds both numbers: ninja's default accepts any offset, and an offset past
2**63 makes SQLite fail with "datatype mismatch" (a 500 that fuzzing finds).

A page and its count are planned for their values on PostgreSQL (``db_router.planned_per_call``): the matches of a
filtered list range from a handful to tens of thousands, and a prepared statement's generic plan, fit for neither,
read half a million rows for a page of twenty (decision 0040).
"""

import inspect
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, cast

from django.core.paginator import Page as DjangoPage
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.inspect import method_has_no_args
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from danvan.core.db_router import planned_per_call

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000


TOTAL = "_danvan_total"  # the count beside each key (page_and_count)


def paged_by_key(qs: Any) -> bool:
    """Whether ``qs`` is paged by key first: a queryset of model rows that joins its related rows
    (``select_related``). The database then sorts and cuts the matching keys without the joins, and the page's rows
    are loaded with them. Asked for everything at once, PostgreSQL joins every match — 11,000 initiatives of a
    common word with their units and organizations, hashed whole — before it sorts and keeps twenty."""
    if not isinstance(qs, QuerySet):
        return False
    query = qs.query
    return (
        bool(query.select_related) and not (query.distinct or query.combinator) and qs._iterable_class is ModelIterable
    )


def _rows_by_key(qs: QuerySet[Any], ids: list[Any]) -> list[Any]:
    """The rows of ``qs`` with these keys, in their order."""
    if not ids:
        return []
    by_id = {row.pk: row for row in qs.order_by().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def page_rows(qs: Any, offset: int, limit: int) -> list[Any]:
    """Rows ``offset … offset + limit`` of ``qs`` (a queryset or a list) in its order (by key first:
    :func:`paged_by_key`)."""
    if not paged_by_key(qs):
        return list(qs[offset : offset + limit])
    return _rows_by_key(qs, list(qs.values_list("pk", flat=True)[offset : offset + limit]))


def count_rows(rows: Any) -> int:
    """How many rows ``rows`` has: its own ``count()`` (a queryset's, one query), else its length — as Django's
    paginator counts."""
    count = getattr(rows, "count", None)
    if callable(count) and not inspect.isbuiltin(count) and method_has_no_args(count):
        return int(count())
    return len(rows)


def planned(qs: Any) -> AbstractContextManager[None]:
    """The reads of ``qs`` planned for their values (``db_router.planned_per_call`` on its database)."""
    return planned_per_call(qs.db if isinstance(qs, QuerySet) else DEFAULT_DB_ALIAS)


def page_and_count(qs: Any, offset: int, limit: int) -> tuple[list[Any], int]:
    """A page (:func:`page_rows`) and how many rows ``qs`` has, both planned for their values.

    Paged by key, one statement gives the page's keys and the count (``COUNT(*) OVER ()`` beside each key): the
    matches are read once, not once for the page and again for the count. Only a page past the end asks the count
    apart."""
    with planned(qs):
        if not paged_by_key(qs):
            return page_rows(qs, offset, limit), count_rows(qs)
        keys = list(qs.annotate(**{TOTAL: Window(Count("pk"))}).values_list("pk", TOTAL)[offset : offset + limit])
        count = keys[0][1] if keys else (qs.count() if offset else 0)
        return _rows_by_key(qs, [pk for pk, _count in keys]), count


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Số mục mỗi trang (tối đa 100).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu mục đầu.")

    # How a page and the count are read: (queryset, offset, limit) -> (rows, count).
    read = staticmethod(page_and_count)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        items, count = self.read(queryset, pagination.offset, min(pagination.limit, self.max_limit))
        return {"items": items, "count": count}


class ListPaginator(Paginator):
    """Django's paginator for the list pages, its page read by :func:`page_rows` and planned as the API's."""

    def page(self, number: Any) -> DjangoPage:
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        end = offset + self.per_page
        if end + self.orphans >= self.count:
            end = self.count  # Django's rule: a last page short of ``orphans`` rows joins the page before
        with planned(self.object_list):
            return DjangoPage(page_rows(self.object_list, offset, end - offset), number, self)

    @cached_property
    def count(self) -> int:
        with planned(self.object_list):
            return count_rows(self.object_list)


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
    with planned(qs):
        order = [str(term) for term in qs.query.order_by] or ["pk"]
        fields = [term.lstrip("-") for term in order]
        rows = list(qs.order_by().values_list(*fields, "pk")[: SORT_IN_MEMORY_UP_TO + 1])
        if len(rows) > SORT_IN_MEMORY_UP_TO:
            return page_and_count(qs, offset, limit)
        _sort_rows(rows, order)
        return _rows_by_key(qs, [row[-1] for row in rows[offset : offset + limit]]), len(rows)


class SortedPage(Page):
    """The API's pagination for big filtered lists (see :func:`sorted_slice`); answers as :class:`Page` does."""

    read = staticmethod(sorted_slice)


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
