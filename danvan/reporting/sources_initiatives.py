"""Indicators of the "Dân vận khéo" registry by the rules of ``initiatives.statistics`` (its own conditions —
never counted anew), for the period asked only and without the breakdowns the statistics page shows: one aggregate
of the initiatives, one of the commendations.

Codes: ``initiatives.registered``, ``initiatives.maintained``, ``initiatives.recognized``,
``initiatives.replicated``, ``initiatives.commended_collectives``, ``initiatives.commended_individuals``,
``initiatives.funds_total`` and ``initiatives.registered.<level>`` (models and exemplars by level)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Q, QuerySet, Sum

from danvan.core.compiled import count_rows
from danvan.core.db_router import reporting_reads
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.periods import Period
from danvan.initiatives import statistics as initiative_statistics_rules
from danvan.initiatives.models import Commendation, HonoreeType, Initiative, InitiativeLevel
from danvan.reporting.indicators import Grouping, IndicatorSource, Place, Value, aggregate, aggregate_periods, register

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


def _initiative_parts(period: Period) -> tuple[Q, dict[str, Any]]:
    """The initiatives the period reads (registered, recognized or maintained in it) and its aggregates."""
    registered = initiative_statistics_rules._between("registered_on", period)
    recognized = initiative_statistics_rules._between("recognized_on", period)
    maintained = initiative_statistics_rules._maintained_q(period)
    aggregates: dict[str, Any] = {
        "registered": count_rows(registered),
        "recognized": count_rows(recognized),
        "maintained": count_rows(maintained),
        "replicated": count_rows(registered & Q(origin__isnull=False)),
        "funds_total": Sum("funds_total", filter=registered),
    }
    for level in InitiativeLevel.values:
        aggregates[f"level_{level}"] = count_rows(registered & Q(level=level))
    return registered | recognized | maintained, aggregates


COMMENDATION_AGGREGATES: dict[str, Any] = {
    "commended_collectives": count_rows(Q(recipient_type=HonoreeType.COLLECTIVE)),
    "commended_individuals": count_rows(Q(recipient_type=HonoreeType.INDIVIDUAL)),
}


def _values(row: dict[str, Any]) -> dict[str, Value]:
    values: dict[str, Value] = {f"initiatives.{name}": int(row[name] or 0) for name in FIGURES}
    for level in InitiativeLevel.values:
        values[f"initiatives.registered.{level}"] = int(row[f"level_{level}"] or 0)
    return values


@reporting_reads()
def _compute(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, Value]]:
    """The registry's figures of the period only, by ``initiatives.statistics``' own rules (registered, recognized
    and maintained in the period; commendations awarded in it): one aggregate over the initiatives, one over the
    commendations."""
    rows, aggregates = _initiative_parts(period)
    counted = aggregate(Initiative.objects.filter(place.q()).filter(rows), aggregates, grouping)
    awarded = initiative_statistics_rules._between("awarded_on", period)
    commendations = Commendation.objects.filter(place.q("initiative__")).filter(awarded)
    commended = aggregate(commendations, COMMENDATION_AGGREGATES, grouping, field="initiative__unit_path")
    return {key: _values({**row, **commended[key]}) for key, row in counted.items()}


@reporting_reads()
def _compute_periods(
    place: Place, periods: Sequence[Period], grouping: Grouping | None = None
) -> list[dict[Any, dict[str, Value]]]:
    """:func:`_compute` of each period, the initiatives read once for all of them and the commendations once."""
    counted = aggregate_periods(
        Initiative.objects.filter(place.q()), [_initiative_parts(period) for period in periods], grouping
    )
    commended = aggregate_periods(
        Commendation.objects.filter(place.q("initiative__")),
        [(initiative_statistics_rules._between("awarded_on", period), COMMENDATION_AGGREGATES) for period in periods],
        grouping,
        field="initiative__unit_path",
    )
    return [
        {key: _values({**row, **awarded[key]}) for key, row in rows.items()}
        for rows, awarded in zip(counted, commended, strict=True)
    ]


def _provinces(place: Place) -> tuple[dict[Any, Place], Grouping | None]:
    """The country's provinces (its figures are their sums) and their grouping (None: they do not fit one)."""
    provinces = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE)
    places = Place.of_each(provinces, legacy=place.legacy)
    return places, Grouping.of(places, within=place)


def _total(by_province: Iterable[Mapping[str, Value]]) -> dict[str, Value]:
    totals: dict[str, Value] = dict.fromkeys(CODES, 0)
    for values in by_province:
        for code, value in values.items():
            totals[code] = (totals[code] or 0) + (value or 0)
    return totals


def compute(place: Place, period: Period) -> dict[str, Value]:
    """The registry's figures of ``place`` (a unit with the legacy units it primarily succeeded, unless the place
    leaves them out) for ``period``; the country's are the sum of its provinces' (every figure here is a count or
    an amount), counted by one grouped query."""
    if place.unit is not None:
        return _compute(place, period)[None]
    places, grouping = _provinces(place)
    by_province = (
        compute_by(grouping, period)
        if grouping is not None
        else {key: _compute(each, period)[None] for key, each in places.items()}
    )
    return _total(by_province.values())


def compute_periods(place: Place, periods: Sequence[Period]) -> list[dict[str, Value]]:
    """:func:`compute` of each period, each table read once for all of them (the country: by province, summed)."""
    if place.unit is not None:
        return [rows[None] for rows in _compute_periods(place, periods)]
    _places, grouping = _provinces(place)
    if grouping is None:
        return [compute(place, period) for period in periods]
    return [_total(rows.values()) for rows in _compute_periods(grouping.union, periods, grouping)]


def compute_by(grouping: Grouping, period: Period) -> dict[Any, dict[str, Value]]:
    return _compute(grouping.union, period, grouping)


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


SOURCE = register(
    IndicatorSource(
        code="initiatives",
        codes=CODES,
        compute=compute,
        records=records,
        queries=2,
        compute_by=compute_by,
        compute_periods=compute_periods,
    )
)

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
