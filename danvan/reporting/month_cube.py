"""Monthly pre-aggregation ("month cubes", decision 0030): a record table counted by unit and month, so that a
report over whole months sums a few thousand cube rows instead of counting millions of records.

A :class:`MonthCube` names a record model, its cube model and how each cube row is keyed: plain columns copied as
they are (the unit path and province code :meth:`Place.q <danvan.reporting.indicators.Place.q>` and the groupings
address, the status, the channel) and date columns reduced to the first day of their month — or of the month of the
day after (``shift=1``: a deadline, whose "before the period's end" must hold exactly at a month's last day). The
cube's fields bear the record's names, so a source's own conditions apply to the cube unchanged (:class:`Month`);
each source proves, condition by condition, that they give the records' counts for a period of whole months
(:func:`aligned`), and counts ``Sum(cube.count_field, filter=…)`` there instead of ``COUNT(…)``.

Freshness: the cube is never behind. The services that write the records change it in the same transaction: they
take their records' counts away before writing them and add them back after (:meth:`MonthCube.count_in`: an
``INSERT … SELECT … GROUP BY`` over the records written, signed), then merge the keys they added rows to
(:meth:`MonthCube.mark`, :meth:`MonthCube.compact`); a failed write rolls both back. :meth:`MonthCube.rebuild` counts units again from all
their records (the repair, the migration, bulk generators). ``danvan rebuild_month_cube`` rebuilds (or
``--check`` compares) every cube for repair, and :meth:`MonthCube.differences` is the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models

from danvan.core.periods import Period

# Every statement here is built from the models' own table and column names (quoted) and binds every value: the
# ``noqa: S608`` below.

# Unit paths rebuilt per statement (bound parameters stay well below SQLite's limit).
PATHS_PER_STATEMENT = 400


def aligned(period: Period) -> bool:
    """Whether the period is whole calendar months: it starts on a 1st and ends on a month's last day (a month,
    quarter, half-year, nine months, a year, several years)."""
    return period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _boolean(value: bool) -> str:
    if connection.vendor == "postgresql":
        return "TRUE" if value else "FALSE"
    return "1" if value else "0"


def _literal(value: str) -> str:
    """A constant of the cube's definition (a status code) as an SQL string literal: trigger bodies bind nothing."""
    return "'" + value.replace("'", "''") + "'"


def _month_sql(column: str, shift: int) -> str:
    """The first day of the month of ``column`` (+ ``shift`` days), as a date, on this engine (NULL stays NULL)."""
    if connection.vendor == "postgresql":
        day = f"CAST({column} AS timestamp)" if not shift else f"(CAST({column} AS timestamp) + interval '{shift} day')"
        return f"CAST(date_trunc('month', {day}) AS date)"
    modifiers = f"'+{shift} day', " if shift else ""
    return f"date({column}, {modifiers}'start of month')"


@dataclass(frozen=True)
class Month:
    """A date field of the cube: the first day of the month of the record's date + ``shift`` days. With ``open_until``
    (another date field), the month is kept only while the record is open: NULL when ``open_until`` is set and the
    month is not before ``open_until``'s month — a deadline matters only to "in progress at the period's end", and a
    record closed no later than the month its deadline falls in is within it at every month's end it is open at."""

    field: str
    shift: int = 0
    open_until: str | None = None
    # (another field, its values): the month is kept only while that field holds one of the values, NULL otherwise —
    # a date the source's conditions read only together with that value (a stop's date, with a stopped status).
    kept_if: tuple[str, tuple[str, ...]] | None = None


@dataclass(frozen=True)
class MonthCube:
    """A record model counted by month into ``cube`` (a model with the fields of ``columns`` and ``months`` named as
    the record's, and ``count_field``)."""

    name: str
    records: type[models.Model]
    cube: type[models.Model]
    columns: tuple[str, ...]
    months: tuple[Month, ...]
    count_field: str = "records"
    # Called first in a repair's transaction with its provinces (None: all): locks what the record writers lock, so
    # that none rebuilds the same units' rows at the same time (``danvan rebuild_month_cube``).
    hold_writers: Callable[[Sequence[str] | None], None] | None = None
    # A cube the database keeps (:meth:`trigger_sql`): the boolean field marking the rows :meth:`merge` wrote; the
    # triggers' signed rows are unmerged until it runs. None: the record writers keep the cube (the dossier import).
    merged_field: str | None = None

    def _month(self, month: Month, alias: str = "") -> str:
        """The SQL of a cube date from the record's (its columns prefixed by ``alias``: a trigger's ``NEW.``)."""
        value = _month_sql(self._column(month.field, alias), month.shift)
        if month.kept_if is not None:
            field, values = month.kept_if
            listed = ", ".join(_literal(value) for value in values)
            value = f"CASE WHEN {self._column(field, alias)} IN ({listed}) THEN {value} ELSE NULL END"
        if month.open_until is None:
            return value
        until = self._column(month.open_until, alias)
        own = self._column(month.field, alias)
        closed = f"{until} IS NOT NULL AND ({own} IS NULL OR {value} >= {_month_sql(until, 0)})"
        return f"CASE WHEN {closed} THEN NULL ELSE {value} END"

    def _keys(self, alias: str = "") -> list[str]:
        """The SQL of the cube key from a record: its columns, then its months."""
        return [self._column(name, alias) for name in self.columns] + [
            self._month(month, alias) for month in self.months
        ]

    def _table(self, model: type[models.Model]) -> str:
        return _quoted(model._meta.db_table)

    def _column(self, name: str, alias: str = "") -> str:
        return alias + _quoted(str(self.records._meta.get_field(name).column))  # type: ignore[union-attr]

    def _cube_column(self, name: str) -> str:
        return _quoted(str(self.cube._meta.get_field(name).column))  # type: ignore[union-attr]

    def _where(self, provinces: Sequence[str] | None, paths: Sequence[str] | None) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        if provinces is not None:
            parts.append(f"{_quoted('province_code')} IN ({', '.join(['%s'] * len(provinces))})")
            params.extend(provinces)
        if paths is not None:
            parts.append(f"{_quoted('unit_path')} IN ({', '.join(['%s'] * len(paths))})")
            params.extend(paths)
        return (" WHERE " + " AND ".join(parts) if parts else ""), params

    def _grouped_sql(self, where: str, count: str = "COUNT(*)", table: str | None = None) -> str:
        """The records (of ``table``: a trigger's transition table) grouped by cube key: the key columns (``k0``,
        ``k1``…), then the count (``n``)."""
        keys = self._keys()
        named = ", ".join(f"{key} AS k{i}" for i, key in enumerate(keys))
        positions = ", ".join(str(i + 1) for i in range(len(keys)))
        source = table or self._table(self.records)
        return f"SELECT {named}, {count} AS n FROM {source}{where} GROUP BY {positions}"  # noqa: S608

    def _cube_columns(self) -> list[str]:
        return [self._cube_column(name) for name in (*self.columns, *(month.field for month in self.months))]

    def _insert_columns(self, *, merged: bool) -> tuple[str, str]:
        """The cube columns an ``INSERT`` of grouped records fills (the key, the count, the merged flag if any), and
        the flag's value to select after the grouped columns (empty without one)."""
        columns = [*self._cube_columns(), self._cube_column(self.count_field)]
        if self.merged_field is None:
            return ", ".join(columns), ""
        return ", ".join([*columns, self._cube_column(self.merged_field)]), f", {_boolean(merged)}"

    def rebuild(self, *, provinces: Iterable[str] | None = None, paths: Iterable[str] | None = None) -> None:
        """Count again, from the records, the cube rows of the units at ``paths`` (all units when None) within
        ``provinces`` (all when None): their rows deleted, then one ``INSERT … SELECT … GROUP BY`` over their
        records. Run it in the transaction that changed the records (and serialized with other writers of the same
        units: the dossier import holds its province's mapping row)."""
        province_list = sorted(set(provinces)) if provinces is not None else None
        if province_list == []:
            return
        path_list = sorted(set(paths)) if paths is not None else None
        if path_list == []:
            return
        chunks: list[list[str] | None] = (
            [path_list[i : i + PATHS_PER_STATEMENT] for i in range(0, len(path_list), PATHS_PER_STATEMENT)]
            if path_list is not None
            else [None]
        )
        columns, flag = self._insert_columns(merged=True)
        with connection.cursor() as cursor:
            for chunk in chunks:
                where, params = self._where(province_list, chunk)
                cursor.execute(f"DELETE FROM {self._table(self.cube)}{where}", params)  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {self._table(self.cube)} ({columns}) "  # noqa: S608
                    f"SELECT grouped.*{flag} FROM ({self._grouped_sql(where)}) AS grouped",
                    params,
                )

    def count_in(self, *, sign: int, provinces: Sequence[str], field: str, values: Sequence[Any]) -> None:
        """Add to the cube (``sign`` 1) or take away from it (-1) the records of ``provinces`` whose ``field`` is
        one of ``values``, grouped by key, as rows of their own: a writer takes its records away before changing
        them and adds them back after, then :meth:`compact` merges the touched units' rows. Work proportional to the
        records written, not to those the units hold."""
        if not values or not provinces:
            return
        where = (
            f" WHERE {_quoted('province_code')} IN ({', '.join(['%s'] * len(provinces))})"
            f" AND {self._column(field)} IN ({', '.join(['%s'] * len(values))})"
        )
        columns, flag = self._insert_columns(merged=False)
        grouped = self._grouped_sql(where, "COUNT(*)" if sign > 0 else "-COUNT(*)")
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self._table(self.cube)} ({columns}) SELECT grouped.*{flag} FROM ({grouped}) AS grouped",  # noqa: S608
                [*provinces, *values],
            )

    def mark(self) -> int:
        """The largest cube row id (0 when empty): the rows :meth:`count_in` adds after it are the writer's."""
        table, pk = self._table(self.cube), _quoted(str(self.cube._meta.pk.column))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({pk}) FROM {table}")  # noqa: S608
            (last,) = cursor.fetchone()
        return int(last or 0)

    def compact(self, since: int) -> None:
        """Merge into one row per key, dropping keys that sum to zero, every key that got rows after id ``since``
        (:meth:`mark`, then :meth:`count_in`): the rows of each unit and month (the first of ``months``) those rows
        are in — a few months of the touched units, not their history."""
        table, pk = self._table(self.cube), _quoted(str(self.cube._meta.pk.column))
        keys = self._cube_columns()
        positions = ", ".join(str(i + 1) for i in range(len(keys)))
        count = self._cube_column(self.count_field)
        month = self._cube_column(self.months[0].field)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT {_quoted('province_code')}, {_quoted('unit_path')}, {month} "  # noqa: S608
                f"FROM {table} WHERE {pk} > %s",
                [since],
            )
            parts: dict[tuple[str, Any], list[str]] = {}
            for province, path, day in cursor.fetchall():
                parts.setdefault((province, day), []).append(path)
            if not parts:
                return
            cursor.execute(f"SELECT MAX({pk}) FROM {table}")  # noqa: S608
            (last,) = cursor.fetchone()
            # One statement pair per province and set of units: the months any of them got rows in.
            by_paths: dict[tuple[str, tuple[str, ...]], set[Any]] = {}
            for (province, day), unit_paths in parts.items():
                by_paths.setdefault((province, tuple(sorted(unit_paths))), set()).add(day)
            for (province, units), days in by_paths.items():
                for start in range(0, len(units), PATHS_PER_STATEMENT):
                    where, params = self._where([province], list(units[start : start + PATHS_PER_STATEMENT]))
                    where += f" AND {month} IN ({', '.join(['%s'] * len(days))})"
                    params += sorted(days)
                    cursor.execute(
                        f"INSERT INTO {table} ({', '.join(keys)}, {count}) "  # noqa: S608
                        f"SELECT {', '.join(keys)}, SUM({count}) FROM {table}{where} "
                        f"GROUP BY {positions} HAVING SUM({count}) <> 0",
                        params,
                    )
                    cursor.execute(f"DELETE FROM {table}{where} AND {pk} <= %s", [*params, last])  # noqa: S608

    # --- Kept by the database ---------------------------------------------------------------------------------------

    def _trigger_name(self) -> str:
        return f"{self.cube._meta.db_table}_count"

    def _watched_fields(self) -> list[str]:
        """The record fields a cube key is computed from: an update of any other leaves the cube as it is."""
        names = list(self.columns)
        for month in self.months:
            names += [month.field, *([month.open_until] if month.open_until else [])]
            names += [month.kept_if[0]] if month.kept_if else []
        return list(dict.fromkeys(names))

    def trigger_sql(self) -> list[str]:
        """The statements that make this engine's database keep the cube on every write of the records: each
        inserted record adds a row counting 1 under its key, each deleted one a row counting -1, an update that
        changes a key both (unmerged rows, :meth:`merge` folds them). PostgreSQL: one trigger per statement over its
        transition tables (a bulk insert adds a row per key, not per record); SQLite: one per row."""
        assert self.merged_field is not None, "only a cube with a merged flag is kept by the database"
        table, name = self._table(self.records), self._trigger_name()
        columns, flag = self._insert_columns(merged=False)
        insert = f"INSERT INTO {self._table(self.cube)} ({columns})"
        if connection.vendor == "postgresql":
            positions = ", ".join(f"k{i}" for i in range(len(self._keys())))
            added = f"SELECT grouped.*{flag} FROM ({self._grouped_sql('', table='new_rows')}) AS grouped"  # noqa: S608
            taken = f"SELECT grouped.*{flag} FROM ({self._grouped_sql('', '-COUNT(*)', table='old_rows')}) AS grouped"  # noqa: S608
            changed = (
                f"SELECT {positions}, SUM(n){flag} FROM ({self._grouped_sql('', '-COUNT(*)', table='old_rows')} "  # noqa: S608
                f"UNION ALL {self._grouped_sql('', table='new_rows')}) AS changed "
                f"GROUP BY {positions} HAVING SUM(n) <> 0"
            )
            function = (
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
                f"BEGIN\n"
                f"  IF TG_OP = 'INSERT' THEN\n    {insert} {added};\n"
                f"  ELSIF TG_OP = 'DELETE' THEN\n    {insert} {taken};\n"
                f"  ELSE\n    {insert} {changed};\n"
                f"  END IF;\n  RETURN NULL;\nEND\n$body$"
            )
            return [
                *self.drop_trigger_sql(),
                function,
                f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
                f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows "
                f"NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
                f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
        new, old = ", ".join(self._keys("NEW.")), ", ".join(self._keys("OLD."))
        added, taken = f"VALUES ({new}, 1{flag})", f"VALUES ({old}, -1{flag})"
        watched = ", ".join(self._column(field) for field in self._watched_fields())
        return [
            *self.drop_trigger_sql(),
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {insert} {added}; END",
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {insert} {taken}; END",
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {watched} ON {table} "
            f"WHEN ({old}) IS NOT ({new}) BEGIN {insert} {taken}; {insert} {added}; END",
        ]

    def drop_trigger_sql(self) -> list[str]:
        name, table = self._trigger_name(), self._table(self.records)
        if connection.vendor == "postgresql":
            drops = [f"DROP TRIGGER IF EXISTS {name}_{event} ON {table}" for event in ("insert", "update", "delete")]
            return [*drops, f"DROP FUNCTION IF EXISTS {name}()"]
        return [f"DROP TRIGGER IF EXISTS {name}_{event}" for event in ("insert", "update", "delete")]

    def triggers_installed(self) -> bool:
        """Whether the database has this cube's three triggers."""
        name = self._trigger_name()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_trigger WHERE tgname IN (%s, %s, %s) AND NOT tgisinternal",
                    [f"{name}_insert", f"{name}_update", f"{name}_delete"],
                )
            else:
                cursor.execute(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s)",
                    [f"{name}_insert", f"{name}_update", f"{name}_delete"],
                )
            (count,) = cursor.fetchone()
        return int(count) == 3

    def install_triggers(self) -> None:
        with connection.cursor() as cursor:
            for statement in self.trigger_sql():
                cursor.execute(statement)

    def merge(self) -> int:
        """Fold the triggers' unmerged rows into one merged row per key (dropping keys that sum to zero), for the
        (unit, month) pairs they fall in — the first of ``months``: a few months of the units written since the last
        merge, not their history. Returns the number of unmerged rows folded.

        Safe beside writers: on PostgreSQL one statement deletes the pairs' rows it sees and inserts their sums
        (``WITH gone AS (DELETE … RETURNING …) INSERT … SELECT … FROM gone``), so a row committed meanwhile is
        neither deleted nor summed; SQLite has one writer at a time."""
        assert self.merged_field is not None
        table, pk = self._table(self.cube), _quoted(str(self.cube._meta.pk.column))
        keys = self._cube_columns()
        key_list = ", ".join(keys)
        positions = ", ".join(str(i + 1) for i in range(len(keys)))
        count, merged = self._cube_column(self.count_field), self._cube_column(self.merged_field)
        pair = f"{_quoted('province_code')}, {_quoted('unit_path')}, {self._cube_column(self.months[0].field)}"
        columns, flag = self._insert_columns(merged=True)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"WITH touched AS (SELECT DISTINCT {pair} FROM {table} WHERE NOT {merged}), "  # noqa: S608
                    f"gone AS (DELETE FROM {table} WHERE ({pair}) IN (SELECT {pair} FROM touched) "
                    f"RETURNING {key_list}, {count}, {merged}), "
                    f"added AS (INSERT INTO {table} ({columns}) SELECT {key_list}, SUM({count}){flag} FROM gone "
                    f"GROUP BY {positions} HAVING SUM({count}) <> 0) "
                    f"SELECT COUNT(*) FROM gone WHERE NOT {merged}"
                )
                (folded,) = cursor.fetchone()
                return int(folded)
            cursor.execute(f"SELECT COUNT(*), MAX({pk}) FROM {table} WHERE NOT {merged}")  # noqa: S608
            folded, last = cursor.fetchone()
            if not folded:
                return 0
            # Every row up to the last unmerged one (an id of a merged row above it is one of this fold's).
            touched = f"({pair}) IN (SELECT {pair} FROM {table} WHERE NOT {merged} AND {pk} <= %s)"  # noqa: S608
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {key_list}, SUM({count}){flag} FROM {table} "  # noqa: S608
                f"WHERE {pk} <= %s AND {touched} GROUP BY {positions} HAVING SUM({count}) <> 0",
                [last, last],
            )
            cursor.execute(f"DELETE FROM {table} WHERE {pk} <= %s AND {touched}", [last, last])  # noqa: S608
            return int(folded)

    def differences(self, *, provinces: Iterable[str] | None = None) -> list[tuple[Any, ...]]:
        """The cube keys whose count differs from the records' (the key's values, then records minus cube): empty
        when the cube is exact."""
        province_list = sorted(set(provinces)) if provinces is not None else None
        where, params = self._where(province_list, None)
        keys = self._cube_columns()
        names = ", ".join(f"k{i}" for i in range(len(keys)))
        positions = ", ".join(str(i + 1) for i in range(len(keys)))
        cube = (
            f"SELECT {', '.join(keys)}, -SUM({self._cube_column(self.count_field)}) "  # noqa: S608
            f"FROM {self._table(self.cube)}{where} GROUP BY {positions}"
        )
        sql = (
            f"SELECT {names}, SUM(n) FROM ({self._grouped_sql(where)} UNION ALL {cube}) AS both_counts "  # noqa: S608
            f"GROUP BY {names} HAVING SUM(n) <> 0"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params * 2)
            return [tuple(row) for row in cursor.fetchall()]

    def size(self) -> int:
        """The number of cube rows."""
        return self.cube._default_manager.count()


_CUBES: dict[str, MonthCube] = {}


def register(cube: MonthCube) -> MonthCube:
    _CUBES[cube.name] = cube
    return cube


def cubes() -> list[MonthCube]:
    return [_CUBES[name] for name in sorted(_CUBES)]
