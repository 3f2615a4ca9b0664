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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet

from danvan.core.models import AdministrativeUnit
from danvan.core.periods import Period
from danvan.core.selectors import statistics_paths
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


Value = int | Decimal | None


@dataclass(frozen=True)
class IndicatorSource:
    """Several indicators computed together from one app's records.

    ``codes``: the indicator codes it computes. ``compute(place, period)`` returns a value for each code.
    ``records(code, place, period)`` returns the records behind one figure (a queryset the drill-down lists), or
    None when the figure has no records of its own. ``queries`` is the most aggregate queries ``compute`` runs,
    whatever the number of records (tests hold each source to it).
    """

    code: str
    codes: tuple[str, ...]
    compute: Callable[[Place, Period], Mapping[str, Value]]
    records: Callable[[str, Place, Period], QuerySet[Any] | None] = field(default=lambda code, place, period: None)
    queries: int = 2


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
    of them runs once."""
    wanted = set(codes) if codes is not None else computed_codes()
    values: dict[str, Value] = {}
    for source in sources():
        if wanted.intersection(source.codes):
            computed = source.compute(place, period)
            values.update({code: computed.get(code) for code in source.codes if code in wanted})
    return values
