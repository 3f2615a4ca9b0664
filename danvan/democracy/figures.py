"""The statistics of grassroots democracy are made of figure groups, one per part of the app.

Each part (disclosures, decisions, consultations, meetings and dialogues) registers one :class:`FigureGroup`
from its own module; the statistics page, its XLSX and the API show every registered group for a unit subtree
and a period beside the period before. A group computes its figures for a set of unit paths (the unit and the
legacy units it primarily succeeded, ``core.selectors.statistics_paths``, so that records of units merged in
2025 count for their successor) and one period, with as few aggregate queries as it can (one is the aim).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
