"""Figures of a unit's children and over time: the dashboard's bars, trend and drill-down, and the rules of roll-up.

Rules (documented here, tested in ``test_rollup.py``):

- A unit's figure counts its whole subtree: a province is the sum of its communes for every count (rates are
  recomputed from the counts, never summed).
- Records of legacy units (before 1/7/2025) count under their current successor: ``Place.of(unit, legacy=True)``
  adds the paths of the legacy units the unit *primarily* succeeded (``UnitSuccession.is_primary``).
- A legacy unit split between several successors is apportioned by the primary-successor rule: all its records
  count under its primary successor, none under the others, so a province's sum counts each record once.
- The country (no unit above the provinces): its children are the current provinces, its figure is counted over the
  roots of both trees (:meth:`Place.country`), so every record counts once, as in the sum of the provinces.
- The same report on the legacy tree: :func:`legacy_units` gives the legacy units a current unit succeeded; a report
  of a legacy unit (``Place.of(legacy_unit)``) counts only its own legacy subtree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from danvan.core.db_router import reporting_reads
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitSuccession, UnitTree
from danvan.core.periods import Period
from danvan.core.text import vi_sort_key
from danvan.reporting.indicators import Grouping, Place, Value, compute, source_of
from danvan.reporting.periods import ReportPeriod

__all__ = [
    "ChildFigure",
    "TrendPoint",
    "by_child",
    "children_of",
    "is_additive",
    "legacy_units",
    "place_of",
    "sum_values",
    "trend",
]


@dataclass(frozen=True)
class ChildFigure:
    unit: AdministrativeUnit
    value: Value


@dataclass(frozen=True)
class TrendPoint:
    period: ReportPeriod
    value: Value


def is_additive(measure: str) -> bool:
    """Counts and amounts add up over units; percentages do not."""
    return measure != "%"


def children_of(unit: AdministrativeUnit | None) -> list[AdministrativeUnit]:
    """The unit's children in its own tree (current or legacy), in Vietnamese order; for the country (None), the
    provinces of the current tree (the unit tree has no root above them)."""
    if unit is None:
        children = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE)
    else:
        children = unit.children.filter(tree=unit.tree)
    return sorted(children, key=lambda child: vi_sort_key(child.name))


def place_of(unit: AdministrativeUnit | None, *, legacy: bool = True) -> Place:
    """Where ``unit`` counts (:meth:`Place.of`); the whole country for None (:meth:`Place.country`)."""
    return Place.country(legacy=legacy) if unit is None else Place.of(unit, legacy=legacy)


@reporting_reads()
def by_child(unit: AdministrativeUnit | None, period: Period, code: str, *, legacy: bool = True) -> list[ChildFigure]:
    """The figure ``code`` of each child of ``unit`` (each with its own legacy predecessors unless ``legacy`` is
    False); for the country (None), of each province.

    The children's places are read together (one query) and a source that can count them together
    (``IndicatorSource.compute_by``) does so in as many queries as for one place, grouped by the child's path
    prefix; otherwise each child is counted on its own."""
    children = children_of(unit)
    source = source_of(code)
    if source is None or code not in source.codes:
        return [ChildFigure(child, None) for child in children]
    # The parent's place is read with the children's; the country's union is the roots (each province's place,
    # legacy provinces included, lies under them), so that no query more is needed.
    places = Place.of_each([*children, unit] if unit is not None else children, legacy=legacy)
    within = places.pop(unit.pk) if unit is not None else Place(None, ("C/", "L/") if legacy else ("C/",), ())
    grouping = Grouping.of(places, within=within) if source.compute_by else None
    if source.compute_by is not None and grouping is not None:
        values = (
            source.compute_by(grouping, period, codes=[code])
            if source.takes_codes
            else source.compute_by(grouping, period)
        )
        return [ChildFigure(child, values.get(child.pk, {}).get(code)) for child in children]
    return [ChildFigure(child, compute(places[child.pk], period, [code]).get(code)) for child in children]


@reporting_reads()
def trend(
    unit: AdministrativeUnit | None, periods: Iterable[ReportPeriod], code: str, *, legacy: bool = True
) -> list[TrendPoint]:
    """The figure ``code`` of ``unit`` (None: the country) in each period (oldest first).

    A source that can count several periods together (``IndicatorSource.compute_periods``) reads its rows once for
    all of them, each period's value the one it has on its own; otherwise each period is counted apart."""
    place = place_of(unit, legacy=legacy)
    periods = list(periods)
    source = source_of(code)
    if source is not None and source.compute_periods is not None and code in source.codes:
        spans = [period.period for period in periods]
        values = (
            source.compute_periods(place, spans, codes=[code])
            if source.takes_codes
            else source.compute_periods(place, spans)
        )
        return [TrendPoint(period, value.get(code)) for period, value in zip(periods, values, strict=True)]
    return [TrendPoint(period, compute(place, period.period, [code]).get(code)) for period in periods]


def trend_periods(period: ReportPeriod, count: int = 5) -> list[ReportPeriod]:
    """``period`` and the ``count - 1`` periods of its kind before it, oldest first."""
    periods = [period]
    for _index in range(count - 1):
        periods.append(periods[-1].previous())
    return list(reversed(periods))


def sum_values(values: Iterable[Value]) -> int | Decimal:
    """The sum of a figure over units (None counts as 0)."""
    total: int | Decimal = 0
    for value in values:
        total += value or 0
    return total


def legacy_units(unit: AdministrativeUnit, *, primary_only: bool = True) -> list[AdministrativeUnit]:
    """The legacy units ``unit`` succeeded (those whose records count under it when ``primary_only``)."""
    links = UnitSuccession.objects.filter(successor=unit).select_related("predecessor")
    if primary_only:
        links = links.filter(is_primary=True)
    return sorted((link.predecessor for link in links), key=lambda legacy: vi_sort_key(legacy.name))
