"""Indicators of the "Dân vận khéo" registry, wrapping ``initiatives.statistics`` (never counting anew).

Codes: ``initiatives.registered``, ``initiatives.maintained``, ``initiatives.recognized``,
``initiatives.replicated``, ``initiatives.commended_collectives``, ``initiatives.commended_individuals``,
``initiatives.funds_total`` and ``initiatives.registered.<level>`` (models and exemplars by level)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.accounts.access import Scope
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.periods import Period
from danvan.initiatives.models import Initiative, InitiativeLevel
from danvan.initiatives.statistics import initiative_statistics
from danvan.reporting.indicators import IndicatorSource, Place, Value, register

FIGURES = (
    "registered",
    "maintained",
    "recognized",
    "replicated",
    "commended_collectives",
    "commended_individuals",
    "funds_total",
)
LEVEL_CODES = tuple(f"initiatives.registered.{value}" for value in InitiativeLevel.values)
CODES = (*(f"initiatives.{name}" for name in FIGURES), *LEVEL_CODES)


def _of_unit(unit: AdministrativeUnit, period: Period, *, legacy: bool) -> dict[str, Value]:
    # Without the legacy units, the statistics are narrowed to the unit's own subtree (their ``scope``).
    scope = None if legacy else Scope(paths=(unit.path,))
    stats = initiative_statistics(unit=unit, period=period, scope=scope)
    values: dict[str, Value] = {f"initiatives.{name}": getattr(stats.current, name) for name in FIGURES}
    by_level = {row.key: row.registered for row in stats.by_level}
    for value in InitiativeLevel.values:
        values[f"initiatives.registered.{value}"] = by_level.get(value, 0)
    return values


def compute(place: Place, period: Period) -> dict[str, Value]:
    """The registry's figures of ``place.unit`` (with the legacy units it primarily succeeded, unless the place
    leaves them out) for ``period``; the country's are the sum of its provinces' (every figure here is a count or
    an amount)."""
    if place.unit is not None:
        return _of_unit(place.unit, period, legacy=place.legacy)
    totals: dict[str, Value] = dict.fromkeys(CODES, 0)
    for province in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE):
        for code, value in _of_unit(province, period, legacy=place.legacy).items():
            totals[code] = (totals[code] or 0) + (value or 0)
    return totals


def records(code: str, place: Place, period: Period) -> QuerySet[Any] | None:
    initiatives = Initiative.objects.filter(place.q())
    if code.startswith("initiatives.registered") or code == "initiatives.replicated":
        initiatives = initiatives.filter(registered_on__gte=period.start, registered_on__lte=period.end)
        if code == "initiatives.replicated":
            initiatives = initiatives.filter(origin__isnull=False)
        elif code.count(".") == 2:
            initiatives = initiatives.filter(level=code.rsplit(".", 1)[1])
        return initiatives.order_by("registered_on", "pk")
    if code == "initiatives.recognized":
        return initiatives.filter(recognized_on__gte=period.start, recognized_on__lte=period.end).order_by(
            "recognized_on", "pk"
        )
    return None


SOURCE = register(IndicatorSource(code="initiatives", codes=CODES, compute=compute, records=records, queries=4))

# (label, unit of measure, method) of each indicator, copied into the indicator seed (``models.Indicator``).
DESCRIPTIONS: dict[str, tuple[str, str, str]] = {
    "initiatives.registered": ("Mô hình, điển hình đăng ký mới", "mô hình", "Đăng ký trong kỳ (ngày đăng ký)"),
    "initiatives.maintained": ("Mô hình, điển hình duy trì", "mô hình", "initiatives.statistics"),
    "initiatives.recognized": ("Mô hình, điển hình được công nhận", "mô hình", "Công nhận trong kỳ"),
    "initiatives.replicated": ("Mô hình nhân rộng", "mô hình", "Đăng ký trong kỳ, nhân rộng từ mô hình khác"),
    "initiatives.commended_collectives": ("Tập thể được khen thưởng", "tập thể", "Khen thưởng trong kỳ"),
    "initiatives.commended_individuals": ("Cá nhân được khen thưởng", "cá nhân", "Khen thưởng trong kỳ"),
    "initiatives.funds_total": ("Kinh phí mô hình đăng ký mới", "đồng", "Tổng kinh phí các mô hình đăng ký"),
    "initiatives.registered.province": ("trong đó: cấp tỉnh", "mô hình", "Đăng ký trong kỳ, cấp tỉnh"),
    "initiatives.registered.district": ("trong đó: cấp huyện (cũ)", "mô hình", "Đăng ký trong kỳ, cấp huyện"),
    "initiatives.registered.commune": ("trong đó: cấp xã", "mô hình", "Đăng ký trong kỳ, cấp xã"),
    "initiatives.registered.village": ("trong đó: thôn, tổ dân phố", "mô hình", "Đăng ký trong kỳ, cấp thôn"),
}
