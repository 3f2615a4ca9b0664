"""Statistics queries the ORM builds once and the database runs many times.

A statistics aggregate is one query with dozens of conditional counts (``count_rows(Q(…))`` for two
periods). Executing it over a province's records takes a few milliseconds; building and compiling it takes the ORM
15–30 ms of Python (every ``Q`` resolved into a ``WhereNode``, copied, compiled), so the ORM, not the database, was
most of the cost of every statistics page (issue 15: 5–20× one hand-written SQL query for the same figures).

Here the query is built once per *shape* and its SQL kept: the values that change from call to call (the periods'
dates, today, a province code) enter the query as :class:`Slot` expressions — a ``%s`` in the SQL and a named
placeholder in its parameters — and each call fills them in (adapted by the slot's field, as the ORM adapts a value
in a lookup). What fixes the SQL text goes into the key: the unit paths of the subtree filter stay literal, so the
database still answers it from the path indexes (a prefix ``LIKE`` on PostgreSQL, a range on SQLite).

The SQL is exactly the one the ORM would send for the same values, so every figure stays the ORM's; only the Python
that produced the text is skipped. So a builder must put into the SQL nothing but its key and constants: no value
of the call outside a slot, no active time zone (a ``__date`` lookup writes it into the SQL on PostgreSQL) or
language. Keys are bounded (:data:`MAX_QUERIES`, least recently used first out); results are never kept.

A key that misses something the SQL holds would run another unit's query, so under the tests
(``settings.DANVAN_CHECK_COMPILED``, set by the root ``conftest.py``) every reuse is checked: the query is built
and compiled again and must give the same SQL and the same parameters, or :class:`StaleCompiledQuery` is raised
naming the key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import (
    CharField,
    Count,
    DateField,
    DateTimeField,
    Expression,
    Field,
    IntegerField,
    Model,
    Q,
    QuerySet,
    Value,
)

MAX_QUERIES = 256


class _Placeholder:
    """A parameter of the compiled SQL that each call fills in: slot ``name``, adapted by ``field``."""

    __slots__ = ("field", "name")

    def __init__(self, name: str, field: Field[Any, Any]) -> None:
        self.name = name
        self.field = field

    def __repr__(self) -> str:
        return f"<slot {self.name}>"


class Slot(Expression):
    """A value given when the compiled query runs (``Q(received_on__gte=Slot("start", DateField()))``)."""

    def __init__(self, name: str, output_field: Field[Any, Any]) -> None:
        super().__init__(output_field=output_field)
        self.name = name

    def __repr__(self) -> str:
        return f"Slot({self.name!r})"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        return "%s", (_Placeholder(self.name, self.output_field),)

    def get_group_by_cols(self) -> list[Any]:
        return []


def date_slot(name: str) -> Slot:
    return Slot(name, DateField())


def datetime_slot(name: str) -> Slot:
    return Slot(name, DateTimeField())


def text_slot(name: str) -> Slot:
    return Slot(name, CharField())


class _One(Expression):
    """The literal ``1``: what :func:`count_rows` counts."""

    output_field = IntegerField()

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        return "1", ()

    def get_group_by_cols(self) -> list[Any]:
        return []


def count_rows(condition: Q | None = None) -> Count:
    """The rows matching ``condition`` (every row when None), as ``COUNT(1) FILTER (WHERE …)``.

    ``Count("id", filter=…)`` names a column, and a primary key is not in a secondary index on PostgreSQL, so a
    statistics query over a covering index (``recommendation_place_counts``) still read every counted row from the
    table: ~60,000 scattered pages for a province. Counting a constant reads no column, so the index alone answers
    (an index-only scan on PostgreSQL; on SQLite the row id is in every index anyway). Django refuses ``Count("*")``
    with a filter."""
    return Count(_One(), filter=condition) if condition else Count(_One())


def total(queryset: QuerySet[Any, Any], aggregates: Mapping[str, Any]) -> QuerySet[Any, Any]:
    """``queryset.aggregate(**aggregates)`` as a queryset :func:`rows` can compile: one row (none when the filter
    can match nothing), without a GROUP BY."""
    return queryset.order_by().annotate(_all=Value(1)).values("_all").annotate(**aggregates)


class StaleCompiledQuery(AssertionError):
    """A kept query differs from a fresh build of it: its key misses a value the builder puts into the SQL."""


_compiled: OrderedDict[Hashable, tuple[str, tuple[Any, ...]]] = OrderedDict()
_lock = threading.Lock()


def _remember(key: Hashable, entry: tuple[str, tuple[Any, ...]]) -> None:
    with _lock:
        _compiled[key] = entry
        _compiled.move_to_end(key)
        while len(_compiled) > MAX_QUERIES:
            _compiled.popitem(last=False)


def _recall(key: Hashable) -> tuple[str, tuple[Any, ...]] | None:
    with _lock:
        entry = _compiled.get(key)
        if entry is not None:
            _compiled.move_to_end(key)
        return entry


def _template(entry: tuple[str, tuple[Any, ...]]) -> tuple[str, tuple[Any, ...]]:
    """An entry with its slots by name (two builds make equal slots, not the same objects)."""
    sql, params = entry
    return sql, tuple((p.name, type(p.field)) if isinstance(p, _Placeholder) else p for p in params)


def forget() -> None:
    """Drop every compiled query (tests; a schema change)."""
    with _lock:
        _compiled.clear()


def rows(
    model: type[Model],
    key: Hashable | None,
    build: Callable[[], QuerySet[Any, Any]],
    values: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """The rows of the query ``build()`` returns (a ``values(…).annotate(…)`` queryset of ``model``), as dicts
    by column alias, with ``values`` in its slots.

    ``key`` names the query's shape: everything ``build`` puts literally into the SQL (a unit's paths…), not the
    slots' values. The query is built and compiled the first time the key is seen on a database alias, then its
    SQL is reused; None builds it every time (a shape that cannot be named, e.g. an officer's scope filter).
    The database is the one the router gives for reading ``model`` (the replica inside ``reporting_reads``).
    """
    alias = router.db_for_read(model)
    connection = connections[alias]
    full_key = (alias, key) if key is not None else None
    entry = _recall(full_key) if full_key is not None else None
    if entry is None or getattr(settings, "DANVAN_CHECK_COMPILED", False):
        queryset = build()
        try:
            sql, params = queryset.query.get_compiler(using=alias).as_sql()
        except EmptyResultSet:
            return []
        built = (sql, tuple(params))
        if entry is not None and _template(entry) != _template(built):
            raise StaleCompiledQuery(f"compiled query {key!r} differs from a fresh build: its key misses a value")
        entry = built
        if full_key is not None:
            _remember(full_key, entry)
    sql, template = entry
    params = [
        p.field.get_db_prep_value(values[p.name], connection, prepared=False) if isinstance(p, _Placeholder) else p
        for p in template
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
