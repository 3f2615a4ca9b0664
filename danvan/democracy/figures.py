"""The statistics of grassroots democracy are made of figure groups, one per part of the app.

Each part (disclosures, decisions, consultations, meetings and dialogues) registers one :class:`FigureGroup`
from its own module; the statistics page, its XLSX and the API show every registered group for a unit subtree
and a period beside the period before. A group computes its figures for a set of unit paths (the unit and the
legacy units it primarily succeeded, ``core.selectors.statistics_paths``, so that records of units merged in
2025 count for their successor) and one period, with as few aggregate queries as it can (one is the aim).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Q

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


@dataclass(frozen=True)
class FigureGroup:
    """A group of figures: ``figures`` are (code, label) in display order; ``compute(place, period)`` returns
    a value for each code (an int; breakdowns use codes such as ``"by_matter.1"``). ``queries`` is the most
    aggregate queries ``compute`` runs for one period — a constant, whatever the number of records (one per table it
    reads; the statistics test holds every group to its word)."""

    code: str
    label: Any
    figures: tuple[tuple[str, Any], ...]
    compute: Callable[[Place, Period], dict[str, int]]
    order: int = 100
    queries: int = 2


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


def once(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, or what it gave for the same ``key`` earlier in the :func:`shared_reads` block."""
    memo = _SHARED.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]
