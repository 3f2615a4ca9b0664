"""The public ranking of units by how they answer citizens' reports (as Hồ Chí Minh City's 1022 portal publishes):
the communes of a province, or the provinces of the country, for the reports received in a period.

A unit is ranked by its on-time rate (answered on time over the reports whose outcome is known — answered, or open
past their due date; ``statistics.py``), then by its citizens' satisfaction (the mean rating; a unit without a
rating comes after those with one); units equal on both share a rank (1, 2, 2, 4) and are listed in Vietnamese
alphabetical order. A unit with fewer reports of known outcome than the rule ``feedback.ranking_min_reports`` is
listed after the ranked ones, unranked. Outcomes are read as of today.

One grouped query over the report table (by commune for a province, with the communes' codes and names; by province
for the country, then one for the provinces' names) carrying the threshold rule as a scalar subquery, whatever the
number of units, built once and run with the dates (``core.compiled``); no loop over units. The public page and API read it through
:func:`public_ranking`, kept in the shared cache for ``CACHE_SECONDS`` (the country's ranking reads a year of every
report; anyone may ask for it) and recomputed as soon as a report is filed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Subquery
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from danvan.core import compiled, counters
from danvan.core.compiled import date_slot, datetime_slot, text_slot
from danvan.core.db_router import reporting_reads
from danvan.core.models import AdministrativeUnit, LegalRule, UnitLevel, UnitTree
from danvan.core.periods import Period
from danvan.core.rules import rule_value
from danvan.core.text import vi_sort_key
from danvan.feedback.models import Report
from danvan.feedback.statistics import Figures, count_aggregates, day_start

MIN_REPORTS_RULE = "feedback.ranking_min_reports"
CACHE_SECONDS = 600


@dataclass
class UnitRank:
    """One unit's figures in the period and its place (None: not ranked)."""

    unit_id: int
    code: str
    name: str
    figures: Figures
    rank: int | None = None

    @property
    def score(self) -> tuple[Decimal, Decimal]:
        """What the ranking orders by, best first when sorted descending."""
        rate, rating = self.figures.on_time_rate, self.figures.mean_rating
        return (rate if rate is not None else Decimal(-1), rating if rating is not None else Decimal(-1))


@dataclass
class Ranking:
    """The ranking of the communes of ``province`` (the provinces of the country when None) for ``period``."""

    province: AdministrativeUnit | None
    period: Period
    today: dt.date
    min_reports: int
    units: list[UnitRank]

    @property
    def ranked(self) -> list[UnitRank]:
        return [unit for unit in self.units if unit.rank is not None]

    @property
    def unranked(self) -> list[UnitRank]:
        return [unit for unit in self.units if unit.rank is None]


def rank_units(units: list[UnitRank], min_reports: int) -> list[UnitRank]:
    """``units`` ordered and ranked (see the module's docstring): ties share a rank, names break the order."""
    eligible = [unit for unit in units if unit.figures.judged >= min_reports and unit.figures.judged > 0]
    others = [unit for unit in units if unit not in eligible]
    eligible.sort(key=lambda unit: vi_sort_key(unit.name))
    eligible.sort(key=lambda unit: unit.score, reverse=True)  # stable: equal scores keep the alphabetical order
    previous: tuple[Decimal, Decimal] | None = None
    for position, unit in enumerate(eligible, start=1):
        unit.rank = position if unit.score != previous else eligible[position - 2].rank
        previous = unit.score
    for unit in others:
        unit.rank = None
    others.sort(key=lambda unit: vi_sort_key(unit.name))
    return eligible + others


def current_provinces() -> list[AdministrativeUnit]:
    """Today's provinces and centrally-run cities, in Vietnamese alphabetical order (the page's picker)."""
    provinces = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE)
    return sorted(provinces, key=lambda unit: vi_sort_key(unit.name))


@reporting_reads()
def feedback_ranking(*, province: AdministrativeUnit | None, period: Period, today: dt.date | None = None) -> Ranking:
    """The ranking of ``province``'s communes (the country's provinces when None) for the reports received in
    ``period``, outcomes as of ``today``."""
    today = today or timezone.localdate()
    values: dict[str, Any] = {
        "start": day_start(period.start),
        "end": day_start(period.end + dt.timedelta(days=1)),
        "today": today,
    }
    names: list[tuple[Any, int, str, str]]
    if province is not None:
        # By commune, with its code and name: one query built once and run with the dates (``core.compiled``).
        values["province"] = province.province_code
        rows = [row for row in compiled.rows(Report, "feedback.ranking.communes", _by_commune, values) if row["unit"]]
        rows.sort(key=lambda row: (row["unit__tree"], row["unit__path"]))  # the units' own order, as a query gives
        figures = {row["unit"]: _figures(row) for row in rows}
        names = [(row["unit"], row["unit"], row["unit__code"], row["unit__name"]) for row in rows]
    else:
        rows = compiled.rows(Report, "feedback.ranking.provinces", _by_province, values)
        figures = {row["province_code"]: _figures(row) for row in rows}
        names = list(
            AdministrativeUnit.objects.filter(
                tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE, code__in=list(figures)
            ).values_list("code", "pk", "code", "name")
        )
    # The threshold rule comes with every row (a scalar subquery): one query, not one more for the rule; read on its
    # own only when there is no row, or no rule (which raises).
    found = rows[0]["min_reports"] if rows else None
    min_reports = int(found) if found is not None else rule_value(MIN_REPORTS_RULE, today)
    units = [UnitRank(unit_id=pk, code=code, name=name, figures=figures[group]) for group, pk, code, name in names]
    return Ranking(
        province=province,
        period=period,
        today=today,
        min_reports=min_reports,
        units=rank_units(units, min_reports),
    )


def _received() -> Any:
    return Report.objects.filter(received_at__gte=datetime_slot("start"), received_at__lt=datetime_slot("end"))


def _min_reports() -> Subquery:
    rule = LegalRule.objects.in_force(date_slot("today")).filter(code=MIN_REPORTS_RULE)  # type: ignore[arg-type]
    return Subquery(rule.order_by("-valid_from").values("value")[:1])


def _by_commune() -> Any:
    reports = _received().filter(province_code=text_slot("province"))
    return (
        reports.values("unit", "unit__tree", "unit__path", "unit__code", "unit__name")
        .annotate(**count_aggregates(date_slot("today")), min_reports=_min_reports())
        .order_by()
    )


def _by_province() -> Any:
    return (
        _received()
        .values("province_code")
        .annotate(**count_aggregates(date_slot("today")), min_reports=_min_reports())
        .order_by()
    )


def _figures(row: dict[str, Any]) -> Figures:
    figures = Figures()
    figures.add(row)
    return figures


# Every save of a report (filed, answered, rated, reopened…) starts a new generation of cached rankings, so the
# public ranking moves at once; a shared counter (core.counters: one statement, the database's) holds the number for
# every node.
GENERATION_KEY = "feedback:ranking:generation"


@receiver(post_save, sender=Report, dispatch_uid="feedback.ranking.generation")
def _report_saved(**kwargs: Any) -> None:
    # After the commit: the generation is one row every submission writes, so bumping it inside the submission's
    # transaction would hold that row's lock until the commit and queue concurrent submissions behind it; and a
    # rolled-back save moves nothing. Several saves in one transaction move it once.
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    counters.add(GENERATION_KEY)


def public_ranking(*, province: AdministrativeUnit | None, period: Period) -> Ranking:
    """:func:`feedback_ranking` as of today, from the shared cache when computed in the last ``CACHE_SECONDS``
    since a report was last saved (the generation number is part of the key)."""
    today = timezone.localdate()
    scope = province.code if province is not None else "VN"
    generation = counters.value(GENERATION_KEY)
    key = f"feedback:ranking:{scope}:{period.start:%Y%m%d}:{period.end:%Y%m%d}:{today:%Y%m%d}:{generation}"
    ranking = cache.get(key)
    if not isinstance(ranking, Ranking):
        ranking = feedback_ranking(province=province, period=period, today=today)
        cache.set(key, ranking, CACHE_SECONDS)
    return ranking
