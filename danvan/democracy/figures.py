"""The statistics of grassroots democracy are made of figure groups, one per part of the app.

Each part (disclosures, decisions, consultations, meetings and dialogues) registers one :class:`FigureGroup`
from its own module; the statistics page, its XLSX and the API show every registered group for a unit subtree
and a period beside the period before. A group computes its figures for a set of unit paths (the unit and the
legacy units it primarily succeeded, ``core.selectors.statistics_paths``, so that records of units merged in
2025 count for their successor) and one period, with as few aggregate queries as it can (one is the aim).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.db.models import Q, QuerySet

from danvan.core import month_cube
from danvan.core.periods import Period
from danvan.core.subtree import subtree_q


@dataclass(frozen=True)
class Place:
    """Where to count: unit-path prefixes and their province codes (an indexed, redundant filter)."""

    paths: tuple[str, ...]
    provinces: tuple[str, ...]

    def q(self, field_prefix: str = "") -> Q:
        """Records (through ``field_prefix``) whose ``unit_path`` lies under one of the paths."""
        return subtree_q(self.paths, field_prefix, provinces=self.provinces)

    def cube_q(self, grouping: Grouping | None = None) -> Q:
        """A month cube's rows counting the place's records once: its provinces' rows when it is whole provinces
        (``core.month_cube.place_q``, decision 0038); :meth:`q` for a grouping (its places are told apart by their
        units' paths)."""
        return month_cube.place_q(self.paths, self.provinces) if grouping is None else self.q()


class Grouping(Protocol):
    """Several disjoint places counted in one grouped query (a dashboard's children; ``reporting.indicators.Grouping``
    is one): each record goes to the place whose path is the prefix of its unit path that :meth:`key` gives."""

    @property
    def places(self) -> Mapping[Any, Any]:
        """The places, by key."""
        ...

    @property
    def owner(self) -> Mapping[str, Any]:
        """The key of the place of each path."""
        ...

    def key(self, field: str = "unit_path") -> Any:
        """The expression of a record's prefix (through ``field``)."""
        ...

    def place_of(self, prefix: str | None) -> Any:
        """The key of the place a prefix belongs to (None: none)."""
        ...


def grouping_key(grouping: Grouping | None) -> Hashable:
    """What tells one grouping from another (for :func:`once`)."""
    return None if grouping is None else tuple(sorted(grouping.owner.items()))


def totals(
    queryset: QuerySet[Any], aggregates: Mapping[str, Any], grouping: Grouping | None = None, field: str = "unit_path"
) -> dict[Any, dict[str, Any]]:
    """``queryset.aggregate(**aggregates)`` under the key None; with ``grouping``, one query grouped by the records'
    prefixes and the sums of its rows by place (every place present; a sum over no row is None, as ``aggregate``
    gives). Only additive aggregates (counts, sums) are summed so."""
    if grouping is None:
        return {None: queryset.order_by().aggregate(**aggregates)}
    found: dict[Any, dict[str, Any]] = {key: dict.fromkeys(aggregates) for key in grouping.places}
    if not grouping.places:
        return found
    rows = queryset.order_by().annotate(place_key=grouping.key(field)).values("place_key").annotate(**aggregates)
    for row in rows:
        total = found.get(grouping.place_of(row["place_key"]))
        if total is None:
            continue
        for name in aggregates:
            if row[name] is not None:
                total[name] = (total[name] or 0) + row[name]
    return found


def rows_by(
    queryset: QuerySet[Any],
    by: str,
    aggregates: Mapping[str, Any],
    grouping: Grouping | None = None,
    field: str = "unit_path",
) -> dict[Any, list[dict[str, Any]]]:
    """``queryset.values(by).annotate(**aggregates)`` (a breakdown) under the key None; with ``grouping``, the same
    grouped by place too, the rows of each place (a place's rows of one ``by`` value from several prefixes are
    summed)."""
    if grouping is None:
        return {None: list(queryset.values(by).annotate(**aggregates).order_by())}
    found: dict[Any, dict[Any, dict[str, Any]]] = {key: {} for key in grouping.places}
    if grouping.places:
        grouped = (
            queryset.annotate(place_key=grouping.key(field)).values("place_key", by).annotate(**aggregates).order_by()
        )
        for row in grouped:
            place = found.get(grouping.place_of(row["place_key"]))
            if place is None:
                continue
            total = place.setdefault(row[by], {by: row[by], **dict.fromkeys(aggregates, 0)})
            for name in aggregates:
                total[name] += row[name] or 0
    return {key: list(rows.values()) for key, rows in found.items()}


@dataclass(frozen=True)
class FigureGroup:
    """A group of figures: ``figures`` are (code, label) in display order; ``compute(place, period)`` returns
    a value for each code (an int; breakdowns use codes such as ``"by_matter.1"``). ``queries`` is the most
    aggregate queries ``compute`` runs for one period — a constant, whatever the number of records (one per table it
    reads; the statistics test holds every group to its word). ``compute_by(place, period, grouping)``, when given,
    computes the figures of every place of ``grouping`` (``place`` is where they all lie) in as many queries, each
    place's figures those ``compute`` gives it alone (the reports' dashboard of a democracy figure by child).
    ``read_ahead(place, periods)``, when given, reads within :func:`shared_reads` what ``compute`` (and the groups
    sharing its reads) will count for each of ``periods`` in one go, so that each ``compute`` then finds its figures
    (the statistics page: a period and the one before); outside the block it does nothing."""

    code: str
    label: Any
    figures: tuple[tuple[str, Any], ...]
    compute: Callable[[Place, Period], dict[str, int]]
    order: int = 100
    queries: int = 2
    compute_by: Callable[[Place, Period, Grouping], dict[Any, dict[str, int]]] | None = None
    read_ahead: Callable[[Place, Sequence[Period]], None] | None = None


_GROUPS: dict[str, FigureGroup] = {}


def register(group: FigureGroup) -> FigureGroup:
    """Add (or replace, on reload) a figure group."""
    _GROUPS[group.code] = group
    return group


def groups() -> list[FigureGroup]:
    """The registered groups in display order."""
    return sorted(_GROUPS.values(), key=lambda group: (group.order, group.code))


T = TypeVar("T")
_SHARED: ContextVar[dict[Hashable, Any] | None] = ContextVar("democracy_shared_reads", default=None)


@contextmanager
def shared_reads() -> Iterator[None]:
    """Within this block, a read several groups share (:func:`once`: the recommendations of four groups) runs once
    for each place and period; outside it, each group reads for itself. The block spans one computation (a
    statistics page, a report's figures), so nothing read is kept beyond it."""
    if _SHARED.get() is not None:  # already inside one: share with it
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def sharing() -> bool:
    """Whether a :func:`shared_reads` block is open (what is read ahead is kept for the groups)."""
    return _SHARED.get() is not None


def once(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or what it gave for the same ``key`` earlier in the :func:`shared_reads` block."""
    memo = _SHARED.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]
