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

:func:`instances` does the same for a look-up on a hot path (an Open311 submission's key, category, commune and
handler): the instances the ORM would give, from SQL compiled once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, router, transaction
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
from django.db.models.query import get_related_populators
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery, UpdateQuery

MAX_QUERIES = 256
M = TypeVar("M", bound=Model)


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


class Joined(Expression):
    """Column ``column`` of the subquery or table ``table`` that the SQL of :func:`statement_rows` joins after the
    ORM's (``Joined("found", "found_key", CharField())`` renders ``"found"."found_key"``)."""

    def __init__(self, table: str, column: str, output_field: Field[Any, Any]) -> None:
        super().__init__(output_field=output_field)
        self.table = table
        self.column = column

    def __repr__(self) -> str:
        return f"Joined({self.table!r}, {self.column!r})"

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        quote = connection.ops.quote_name
        return f"{quote(self.table)}.{quote(self.column)}", ()

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
        _shapes.clear()
        _inserts.clear()


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
    return _run(alias, key, lambda: sql_of(build(), alias), values)


def statement_rows(
    model: type[Model],
    key: Hashable,
    compile_sql: Callable[[str], tuple[str, tuple[Any, ...]] | None],
    values: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """The rows of a statement assembled from compiled querysets (``compile_sql(alias)``: its SQL and parameters,
    None when it can match nothing; see :func:`sql_of` and :func:`union_sql`), as :func:`rows` gives them: kept
    under ``key``, ``values`` in its slots, checked against a fresh compile under the tests."""
    alias = router.db_for_read(model)
    return _run(alias, key, lambda: compile_sql(alias), values)


def sql_of(queryset: QuerySet[Any, Any], alias: str) -> tuple[str, tuple[Any, ...]] | None:
    """The SQL and parameters the ORM sends for ``queryset`` on ``alias``; None when it can match nothing."""
    try:
        sql, params = queryset.query.get_compiler(using=alias).as_sql()
    except EmptyResultSet:
        return None
    return sql, tuple(params)


def update_returning(queryset: QuerySet[Any, Any], **values: Any) -> list[Any]:
    """``queryset.update(**values)`` as the one statement the ORM sends, answering which rows it changed: their
    primary keys, from ``UPDATE … RETURNING`` (SQLite ≥ 3.35, PostgreSQL). A conditional UPDATE that claims rows
    then tells its caller exactly the rows it took, where a row count says only how many."""
    alias = queryset.db
    query = cast(UpdateQuery, queryset.query.chain(UpdateQuery))
    query.add_update_values(values)
    try:
        sql, params = query.get_compiler(using=alias).as_sql()
    except EmptyResultSet:
        return []
    if not sql:
        return []
    pk = connections[alias].ops.quote_name(str(queryset.model._meta.pk.column))
    with transaction.mark_for_rollback_on_error(using=alias), connections[alias].cursor() as cursor:
        cursor.execute(f"{sql} RETURNING {pk}", params)
        return [row[0] for row in cursor.fetchall()]


def union_sql(querysets: Sequence[QuerySet[Any, Any]], alias: str) -> tuple[str, tuple[Any, ...]] | None:
    """``UNION ALL`` of the querysets' SQL, each as a subquery (``SELECT * FROM (…)``), so each keeps its own
    ORDER BY and LIMIT — SQLite refuses them in a bare member of a compound SELECT, PostgreSQL takes both forms.
    The querysets select the same columns in the same order (the first one's names are the rows' keys); one that
    can match nothing is left out; None when all are."""
    quote = connections[alias].ops.quote_name
    parts: list[str] = []
    params: list[Any] = []
    for index, queryset in enumerate(querysets):
        built = sql_of(queryset, alias)
        if built is not None:
            parts.append(f"SELECT * FROM ({built[0]}) {quote(f'u{index}')}")  # noqa: S608
            params += built[1]
    return (" UNION ALL ".join(parts), tuple(params)) if parts else None


def _run(
    alias: str,
    key: Hashable | None,
    compile_sql: Callable[[], tuple[str, tuple[Any, ...]] | None],
    values: Mapping[str, Any],
) -> list[dict[str, Any]]:
    """Run the statement kept under ``key`` (compiled by ``compile_sql`` the first time, and checked against a
    fresh compile under the tests) with ``values`` in its slots; its rows as dicts by column alias."""
    connection = connections[alias]
    full_key = (alias, key) if key is not None else None
    entry = _recall(full_key) if full_key is not None else None
    if entry is None or getattr(settings, "DANVAN_CHECK_COMPILED", False):
        built = compile_sql()
        if built is None:
            return []
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


# --- Look-ups: model instances from a query compiled once ------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
    """A compiled look-up: its SQL and parameters, and how a row becomes instances (as ``ModelIterable`` does)."""

    sql: str
    params: tuple[Any, ...]
    model: type[Model]
    init_list: list[str]
    start: int
    end: int
    related: list[Any]  # django.db.models.query.RelatedPopulator
    annotations: dict[str, int]
    converters: list[tuple[int, list[Any], Any]]  # (column, converters, expression)


_shapes: OrderedDict[Hashable, _Shape] = OrderedDict()


def _shape(queryset: QuerySet[Any, Any], alias: str) -> _Shape | None:
    compiler = queryset.query.get_compiler(using=alias)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    select, klass_info = compiler.select, compiler.klass_info
    assert klass_info is not None, "instances() needs a queryset of model instances, not values()"
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    # The converters depend on the fields and the alias's backend, not on a connection's state: kept with the SQL.
    converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
    return _Shape(
        sql=sql,
        params=tuple(params),
        model=klass_info["model"],
        init_list=[column[0].target.attname for column in select[start:end]],
        start=start,
        end=end,
        related=get_related_populators(klass_info, select, alias),  # type: ignore[call-arg]  # stubs: Django 6
        annotations=dict(compiler.annotation_col_map or {}),
        converters=[(index, found, expression) for index, (found, expression) in converters.items()],
    )


def instances(
    model: type[M],
    key: Hashable,
    build: Callable[[], QuerySet[M, M]],
    values: Mapping[str, Any],
) -> list[M]:
    """The instances ``build()`` gives (a queryset of ``model``; ``select_related`` and annotations as the ORM
    sets them), with ``values`` in its slots — for a look-up on a hot path, where the ORM spends 20–40 times the
    statement's own cost building and compiling it (an Open311 submission's key, category and commune: issue 13).

    ``key`` names the query's shape, as for :func:`rows`; the database is the one the router gives for reading
    ``model``. Converters apply as in the ORM (SQLite's booleans, dates and decimals); the instances come ``from_db``
    as the ORM's do, so saving one later writes as usual."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    full_key = (alias, key)
    with _lock:
        shape = _shapes.get(full_key)
        if shape is not None:
            _shapes.move_to_end(full_key)
    if shape is None or getattr(settings, "DANVAN_CHECK_COMPILED", False):
        fresh = _shape(build(), alias)
        if fresh is None:
            return []
        if shape is not None and _template((shape.sql, shape.params)) != _template((fresh.sql, fresh.params)):
            raise StaleCompiledQuery(f"compiled look-up {key!r} differs from a fresh build: its key misses a value")
        shape = fresh
        with _lock:
            _shapes[full_key] = shape
            _shapes.move_to_end(full_key)
            while len(_shapes) > MAX_QUERIES:
                _shapes.popitem(last=False)
    params = [
        p.field.get_db_prep_value(values[p.name], connection, prepared=False) if isinstance(p, _Placeholder) else p
        for p in shape.params
    ]
    with connection.cursor() as cursor:
        cursor.execute(shape.sql, params)
        fetched = cursor.fetchall()
    found: list[M] = []
    for raw in fetched:
        row = list(raw)
        for index, converters, expression in shape.converters:
            value = row[index]
            for converter in converters:
                value = converter(value, expression, connection)
            row[index] = value
        instance = shape.model.from_db(alias, shape.init_list, row[shape.start : shape.end])
        for populator in shape.related:
            populator.populate(row, instance)
        for name, index in shape.annotations.items():
            setattr(instance, name, row[index])
        found.append(instance)  # type: ignore[arg-type]
    return found


# --- Inserts: a new row's INSERT compiled once per model -------------------------------------------------------

_inserts: dict[tuple[str, type[Model]], tuple[str, list[Any], list[Any]]] = {}


def _insert_statement(model: type[Model], alias: str) -> tuple[str, list[Any], list[Any]]:
    """The INSERT of a new ``model`` row as ``save()`` writes it (every concrete column but an automatic primary
    key), its columns' fields and the fields it returns."""
    meta = model._meta
    connection = connections[alias]
    fields = [f for f in meta.local_concrete_fields if not f.generated and f is not meta.auto_field]
    returning = list(meta.db_returning_fields)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(str(f.column)) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    if returning:
        sql += " RETURNING " + ", ".join(f"{quote(meta.db_table)}.{quote(str(f.column))}" for f in returning)
    return sql, fields, returning


def insert(instance: M) -> M:
    """Save a new ``instance`` as ``instance.save()`` does — each field's ``pre_save`` (``auto_now_add``…), the
    ``pre_save`` and ``post_save`` signals, the primary key read back — with the INSERT written once per model and
    database: the ORM compiles it again on every save, a third of an insert's cost on a submission's six rows.

    For a plain model (no parent model, a database-made primary key), a row not saved yet and plain values (no
    expression, no ``db_default`` left to the database: the ORM writes those into the SQL). Under the tests
    (``DANVAN_CHECK_COMPILED``) the statement is compared with the one the ORM compiles, which catches either."""
    model = type(instance)
    meta = model._meta
    assert not meta.parents and not meta.proxy and meta.auto_field is not None, f"{model.__name__}: not a plain model"
    assert instance._state.adding and instance.pk is None, "insert() is for a new row"
    alias = router.db_for_write(model, instance=instance)
    connection = connections[alias]
    statement = _inserts.get((alias, model))
    if statement is None:
        statement = _inserts[(alias, model)] = _insert_statement(model, alias)
    sql, fields, returning = statement
    cast(Any, instance)._prepare_related_fields_for_save(operation_name="save")
    pre_save.send(sender=model, instance=instance, raw=False, using=alias, update_fields=None)
    if getattr(settings, "DANVAN_CHECK_COMPILED", False):  # before our pre_save: the ORM's compile runs it too
        query = InsertQuery(model)
        query.insert_values(fields, [instance])
        compiler: Any = query.get_compiler(using=alias)
        compiler.returning_fields = returning
        orm_sql = compiler.as_sql()[0][0]
        if orm_sql != sql:
            raise StaleCompiledQuery(f"{model.__name__}: the INSERT differs from the ORM's: {orm_sql}")
    params = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with transaction.mark_for_rollback_on_error(using=alias), connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone() if returning else None
    for value, field in zip(row or (), returning, strict=False):
        for converter in field.get_db_converters(connection):
            value = converter(value, field, connection)
        setattr(instance, field.attname, value)
    instance._state.adding = False
    instance._state.db = alias
    post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False, using=alias)
    return instance
