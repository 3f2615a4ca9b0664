"""The registry of computed indicators: every figure a report, the dashboard, a submission or the ranking shows.

An indicator has a stable code (``"reception.visits"``), a Vietnamese label, a unit of measure, how it is computed
and its legal or seed source. Its description lives in the database (``models.Indicator``: an administrator edits
labels and sources); how it is computed lives here: each app's figures are registered as an :class:`IndicatorSource`
(from ``indicator_sources.py``), which computes several indicators at once for a :class:`Place` and a period with a
constant number of aggregate queries, and can name the records behind each figure (the drill-down).

A :class:`Place` is where to count: a unit's path and, for a current unit, the legacy units it primarily succeeded
(``core.selectors.statistics_paths``), so that records of communes merged in 2025 count under their successor and
2022 stays comparable with 2026. Entered figures (by units, ``models.EnteredFigure``) and rates (a numerator over a
denominator, in percent half-up to one decimal) are computed by :func:`compute` too.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Aggregate, Case, CharField, Model, Q, QuerySet, When
from django.db.models.functions import Substr

from danvan.core import month_cube
from danvan.core.db_router import reporting_reads
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import Period
from danvan.core.selectors import statistics_paths, statistics_paths_of
from danvan.core.subtree import subtree_q


@dataclass(frozen=True)
class Place:
    """Where to count: unit-path prefixes and their province codes (an indexed, redundant filter).

    ``unit`` is None for the whole country (:meth:`country`: the roots of the current tree and, with ``legacy``, of
    the legacy tree). ``legacy`` is False when the legacy units a current unit succeeded are left out."""

    unit: AdministrativeUnit | None
    paths: tuple[str, ...]
    provinces: tuple[str, ...]
    legacy: bool = True

    @classmethod
    def of(cls, unit: AdministrativeUnit, *, legacy: bool = True) -> Place:
        """The unit's subtree, with the legacy units it primarily succeeded unless ``legacy`` is False."""
        if not legacy:
            return cls(unit, (unit.path,), (unit.province_code,), legacy=False)
        paths, provinces = statistics_paths(unit)
        return cls(unit, paths, provinces)

    @classmethod
    def of_each(cls, units: Iterable[AdministrativeUnit], *, legacy: bool = True) -> dict[int, Place]:
        """:meth:`of` of each unit (by id), with one query for all of them."""
        units = list(units)
        if not legacy:
            return {unit.pk: cls.of(unit, legacy=False) for unit in units}
        found = statistics_paths_of(units)
        return {unit.pk: cls(unit, *found[unit.pk]) for unit in units}

    @classmethod
    def country(cls, *, legacy: bool = True) -> Place:
        """The whole country: every current unit and, with ``legacy``, every legacy one (records of a legacy unit
        count once, as under its successor's province)."""
        from danvan.core.models import UnitTree

        trees = (UnitTree.CURRENT, UnitTree.LEGACY) if legacy else (UnitTree.CURRENT,)
        provinces = AdministrativeUnit.objects.filter(tree__in=trees, level=1).values_list("province_code", flat=True)
        roots = ("C/", "L/") if legacy else ("C/",)
        return cls(None, roots, tuple(sorted(set(provinces))), legacy=legacy)

    @property
    def is_country(self) -> bool:
        return self.unit is None

    def q(self, field_prefix: str = "", *, field_name: str = "unit_path") -> Q:
        """Records (through ``field_prefix``) whose unit path lies under one of the paths."""
        return subtree_q(self.paths, field_prefix, field=field_name, provinces=self.provinces)

    def cube_q(self, grouping: Grouping | None = None) -> Q:
        """A month cube's rows counting the place's records once: its provinces' rows when it is whole provinces
        (``core.month_cube.place_q``, decision 0038); :meth:`q` for a grouping (its places are told apart by their
        units' paths)."""
        return month_cube.place_q(self.paths, self.provinces) if grouping is None else self.q()

    def rows_of(self, model: type[Model], grouping: Grouping | None = None) -> Q:
        """The place's rows of ``model``: :meth:`cube_q` for a month cube, :meth:`q` for records."""
        return self.cube_q(grouping) if month_cube.is_cube(model) else self.q()


Value = int | Decimal | None


@dataclass(frozen=True)
class Grouping:
    """Several disjoint places counted by one grouped query (the dashboard's children): each record goes to the
    place whose path is the prefix of its unit path of that path's length (one length per tree, so the prefix is a
    plain ``SUBSTR`` the database groups by). ``union`` is where to count: the parent's place when it covers every
    child's path, else every child path.

    :meth:`of` gives None when the places do not fit (paths of one tree of several lengths, or a path shared), and
    the caller counts place by place instead."""

    places: Mapping[Any, Place]
    union: Place
    owner: Mapping[str, Any]
    lengths: Mapping[str, int]

    @classmethod
    def of(cls, places: Mapping[Any, Place], within: Place | None = None) -> Grouping | None:
        owner: dict[str, Any] = {}
        lengths: dict[str, int] = {}
        for key, place in places.items():
            for path in place.paths:
                root = path.split("/", 1)[0] + "/"
                if lengths.setdefault(root, len(path)) != len(path) or path in owner:
                    return None
                owner[path] = key
        provinces = {code for place in places.values() for code in place.provinces}
        if within is not None and all(any(path.startswith(p) for p in within.paths) for path in owner):
            union = Place(None, within.paths, tuple(sorted(provinces | set(within.provinces))))
        else:
            union = Place(None, tuple(sorted(owner)), tuple(sorted(provinces)))
        return cls(places, union, owner, lengths)

    def key(self, field: str = "unit_path") -> Any:
        """The expression of a record's place: the prefix of its unit path of its tree's length."""
        if len(self.lengths) == 1:
            return Substr(field, 1, next(iter(self.lengths.values())))
        return Case(
            *(When(**{f"{field}__startswith": root}, then=Substr(field, 1, n)) for root, n in self.lengths.items()),
            output_field=CharField(),
        )

    def place_of(self, prefix: str | None) -> Any:
        """The key of the place a grouped row belongs to (None: none of them, e.g. a record of the parent)."""
        return self.owner.get(prefix or "")


def aggregate(
    queryset: QuerySet[Any], aggregates: Mapping[str, Any], grouping: Grouping | None = None, field: str = "unit_path"
) -> dict[Any, dict[str, Any]]:
    """``queryset.aggregate(**aggregates)`` under the key None; with ``grouping``, one grouped query and the sums
    of its rows by place key (every place present; a sum over no row is None, as ``aggregate`` gives). Only
    additive aggregates (counts, sums) are summed so."""
    if grouping is None:
        return {None: queryset.order_by().aggregate(**aggregates)}
    totals: dict[Any, dict[str, Any]] = {key: dict.fromkeys(aggregates) for key in grouping.places}
    if not grouping.places:
        return totals
    rows = queryset.order_by().annotate(place_key=grouping.key(field)).values("place_key").annotate(**aggregates)
    for row in rows:
        total = totals.get(grouping.place_of(row["place_key"]))
        if total is None:
            continue
        for name in aggregates:
            if row[name] is not None:
                total[name] = (total[name] or 0) + row[name]
    return totals


def restricted(expression: Aggregate, rows: Q) -> Aggregate:
    """``expression`` over the rows matching ``rows`` only (its own filter kept: both must hold)."""
    if not rows:
        return expression
    copy = expression.copy()
    copy.filter = rows & expression.filter if expression.filter is not None else rows
    return copy


def aggregate_periods(
    queryset: QuerySet[Any],
    parts: Sequence[tuple[Q, Mapping[str, Aggregate]]],
    grouping: Grouping | None = None,
    field: str = "unit_path",
) -> list[dict[Any, dict[str, Any]]]:
    """Several periods in one query (the dashboard's trend): ``parts`` gives for each period the rows it reads (a
    condition) and its aggregates. The rows of any period are read once and each period's aggregates count only its
    own rows (a ``FILTER``), so each period's values are those of ``aggregate(queryset.filter(rows), aggregates,
    grouping)`` — a state at a period's end (open, past the deadline) is the period's own condition. A list in the
    order of ``parts``."""
    if not parts:
        return []
    combined: dict[str, Aggregate] = {}
    for index, (rows, aggregates) in enumerate(parts):
        combined.update({f"p{index}_{name}": restricted(value, rows) for name, value in aggregates.items()})
    conditions = [rows for rows, _aggregates in parts]
    if all(conditions):  # an empty condition reads every row: nothing to filter on
        queryset = queryset.filter(functools.reduce(operator.or_, conditions))
    counted = aggregate(queryset, combined, grouping, field)
    return [
        {key: {name: row[f"p{index}_{name}"] for name in aggregates} for key, row in counted.items()}
        for index, (_rows, aggregates) in enumerate(parts)
    ]


Part = tuple[Q, Mapping[str, Aggregate]]


def count_parts(
    place: Place,
    readers: Sequence[tuple[type[Model], bool]],
    parts: Sequence[Sequence[Part | None]],
    grouping: Grouping | None = None,
) -> list[dict[Any, dict[str, Any]]]:
    """Figures of several periods, each counted in parts over several tables (a month cube, its records, a few
    records found by their own index): ``parts`` gives, for each period, one part per reader (the rows it reads and
    its aggregates; None: nothing there), ``readers`` each reader's table and whether the place filters it there (a
    part whose rows are found by a subquery that holds the place is not). Each reader's parts of every period are
    counted in one aggregate (:func:`aggregate_periods`), and each period's values of the same name summed by place
    key — additive aggregates only."""
    rows: list[dict[Any, dict[str, Any]]] = [{} for _period in parts]
    for index, (table, scoped) in enumerate(readers):
        asked = [(position, part[index]) for position, part in enumerate(parts) if part[index] is not None]
        if not asked:
            continue
        records = (
            table._default_manager.filter(place.rows_of(table, grouping)) if scoped else table._default_manager.all()
        )
        counted = aggregate_periods(records, [part for _position, part in asked if part], grouping)
        for (position, _part), by_key in zip(asked, counted, strict=True):
            for key, row in by_key.items():
                found = rows[position].setdefault(key, {})
                for name, value in row.items():
                    found[name] = ((found[name] or 0) + (value or 0)) if name in found else value
    return rows


@dataclass(frozen=True)
class IndicatorSource:
    """Several indicators computed together from one app's records.

    ``codes``: the indicator codes it computes. ``compute(place, period)`` returns a value for each code.
    ``records(code, place, period)`` returns the records behind one figure (a queryset the drill-down lists), or
    None when the figure has no records of its own. ``queries`` is the most aggregate queries ``compute`` runs,
    whatever the number of records (tests hold each source to it). ``compute_by(grouping, period)``, when given,
    computes the same values for each place of a :class:`Grouping` in as many queries (the dashboard's children).
    ``takes_codes``: both also take ``codes=`` (the codes asked: the source computes those only, a lean
    aggregate; all when None). ``shared_reads``, when given, is entered once around the sources :func:`compute`
    runs together, so that reads several of them share run once (the democracy groups' recommendations).
    ``compute_periods(place, periods)``, when given, computes the values of each period (a list in their order) in
    as many queries as ``compute`` for one, each table read once (the dashboard's trend; ``aggregate_periods``);
    each period's values are those ``compute`` gives for it alone.
    """

    code: str
    codes: tuple[str, ...]
    compute: Callable[..., Mapping[str, Value]]
    records: Callable[[str, Place, Period], QuerySet[Any] | None] = field(default=lambda code, place, period: None)
    queries: int = 2
    compute_by: Callable[..., Mapping[Any, Mapping[str, Value]]] | None = None
    takes_codes: bool = False
    shared_reads: Callable[[], AbstractContextManager[None]] | None = None
    compute_periods: Callable[..., Sequence[Mapping[str, Value]]] | None = None


_SOURCES: dict[str, IndicatorSource] = {}


def register(source: IndicatorSource) -> IndicatorSource:
    """Add (or replace, on reload) a source of computed indicators."""
    _SOURCES[source.code] = source
    return source


def sources() -> list[IndicatorSource]:
    return sorted(_SOURCES.values(), key=lambda source: source.code)


def source_of(code: str) -> IndicatorSource | None:
    """The source that computes indicator ``code``."""
    for source in _SOURCES.values():
        if code in source.codes:
            return source
    return None


def computed_codes() -> set[str]:
    return {code for source in _SOURCES.values() for code in source.codes}


def rate(numerator: int | None, denominator: int | None) -> Decimal | None:
    """numerator / denominator in percent, half-up to one decimal (33.838 of 43.479 → 77,8); None over zero."""
    if not denominator or numerator is None:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def compute(place: Place, period: Period, codes: Iterable[str] | None = None) -> dict[str, Value]:
    """The computed indicators (all, or those of ``codes``) for ``place`` and ``period``: each source that holds one
    of them runs once (within the sources' ``shared_reads``)."""
    return compute_many(place, [period], codes)[0]


def compute_many(place: Place, periods: Sequence[Period], codes: Iterable[str] | None = None) -> list[dict[str, Value]]:
    """:func:`compute` for each of ``periods`` (a list in their order). A source that can count several periods
    together (``compute_periods``) reads its rows once for all of them, each period's values the ones it has alone
    (a report's period and the one before: half the reads); the others run once a period."""
    wanted = set(codes) if codes is not None else computed_codes()
    running = [source for source in sources() if wanted.intersection(source.codes)]
    results: list[dict[str, Value]] = [{} for _period in periods]
    with ExitStack() as stack:
        # Figures: from the replica when there is one, each statement planned for its values (core.db_router).
        stack.enter_context(reporting_reads())
        for shared in dict.fromkeys(source.shared_reads for source in running if source.shared_reads):
            if shared is not None:
                stack.enter_context(shared())
        for source in running:
            lean = source.takes_codes and codes is not None
            asked = wanted & set(source.codes)
            per_period: Sequence[Mapping[str, Value]]
            if source.compute_periods is not None and len(periods) > 1:
                spans = list(periods)
                per_period = (
                    source.compute_periods(place, spans, codes=sorted(asked))
                    if lean
                    else source.compute_periods(place, spans)
                )
            else:
                per_period = [
                    source.compute(place, period, codes=asked) if lean else source.compute(place, period)
                    for period in periods
                ]
            for values, computed in zip(results, per_period, strict=True):
                values.update({code: computed.get(code) for code in source.codes if code in wanted})
    return results
