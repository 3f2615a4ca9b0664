"""The CCHC indicators (administrative-procedure dossiers, named as in QĐ 766/QĐ-TTg) computed from imported
dossiers, and the procedure figures units enter (``ProcedureFigure``).

For a period [start, end], a dossier counts when it was received by the end and not finished before the start:
- carried over (``kỳ trước chuyển qua``): received before the start;
- received in the period, online / in person / by post;
- resolved in the period early / on time / late (its status, from its dates against its deadline);
- in progress at the end of the period (not finished by the end), within the deadline (due on or after the end, or
  no deadline) or past it;
- withdrawn, returned in the period;
- the on-time rate: (early + on time) / resolved, in percent half-up one decimal.
All from one aggregate query; the entered procedure figures (of periods within the asked period) from a second.

For a period of whole months (``month_cube.aligned``: a month, quarter, half-year, year) the counts sum the month
cube (``DossierMonth``, :data:`CUBE`) instead of counting the dossiers: the same conditions over its rows give the
same numbers (:func:`conditions` says why, condition by condition). Any other period (a report type's cut-off,
15/12–14/6, or two dates) counts the dossiers. The drill-down always lists the dossiers.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Collection, Sequence
from typing import Any

from django.db.models import Aggregate, Q, QuerySet, Sum

from danvan.core import month_cube
from danvan.core.compiled import count_rows
from danvan.core.month_cube import Month, MonthCube, aligned
from danvan.core.periods import Period
from danvan.reporting.indicators import (
    Grouping,
    IndicatorSource,
    Place,
    Value,
    aggregate,
    aggregate_periods,
    rate,
    register,
)
from danvan.reporting.models import (
    Dossier,
    DossierChannel,
    DossierMonth,
    DossierStatus,
    ImportMapping,
    ProcedureFigure,
)

SOURCE_CODE = "dossiers"

# code, QĐ 766 label, unit of measure — the indicators part seeds its ``Indicator`` rows from this.
CCHC_INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("cchc.handled", "Tổng số hồ sơ tiếp nhận và giải quyết trong kỳ", "hồ sơ"),
    ("cchc.carried_over", "Số hồ sơ từ kỳ trước chuyển qua", "hồ sơ"),
    ("cchc.received", "Số hồ sơ mới tiếp nhận trong kỳ", "hồ sơ"),
    ("cchc.received_online", "Số hồ sơ tiếp nhận trực tuyến", "hồ sơ"),
    ("cchc.received_in_person", "Số hồ sơ tiếp nhận trực tiếp", "hồ sơ"),
    ("cchc.received_post", "Số hồ sơ tiếp nhận qua dịch vụ bưu chính", "hồ sơ"),
    ("cchc.resolved", "Số hồ sơ đã giải quyết", "hồ sơ"),
    ("cchc.resolved_early", "Số hồ sơ giải quyết trước hạn", "hồ sơ"),
    ("cchc.resolved_on_time", "Số hồ sơ giải quyết đúng hạn", "hồ sơ"),
    ("cchc.resolved_late", "Số hồ sơ giải quyết quá hạn", "hồ sơ"),
    ("cchc.in_progress", "Số hồ sơ đang giải quyết", "hồ sơ"),
    ("cchc.in_progress_within", "Số hồ sơ đang giải quyết trong hạn", "hồ sơ"),
    ("cchc.in_progress_past", "Số hồ sơ đang giải quyết quá hạn", "hồ sơ"),
    ("cchc.withdrawn", "Số hồ sơ rút (theo yêu cầu của tổ chức, cá nhân)", "hồ sơ"),
    ("cchc.returned", "Số hồ sơ trả lại, không giải quyết", "hồ sơ"),
    ("cchc.resolved_in_time", "Số hồ sơ giải quyết trước hạn và đúng hạn", "hồ sơ"),
    ("cchc.on_time_rate", "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn", "%"),
    ("cchc.online_rate", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "%"),
    ("cchc.procedures_published", "Số thủ tục hành chính được công bố", "thủ tục"),
    ("cchc.procedures_time_cut", "Số thủ tục được cắt giảm thời gian giải quyết", "thủ tục"),
    ("cchc.days_cut", "Số ngày được cắt giảm", "ngày"),
    ("cchc.online_partial", "Số dịch vụ công trực tuyến một phần", "dịch vụ"),
    ("cchc.online_full", "Số dịch vụ công trực tuyến toàn trình", "dịch vụ"),
)
CODES = tuple(code for code, _label, _unit in CCHC_INDICATORS)
FIGURE_CODES = {
    "cchc.procedures_published": "published",
    "cchc.procedures_time_cut": "time_cut",
    "cchc.days_cut": "days_cut",
    "cchc.online_partial": "online_partial",
    "cchc.online_full": "online_full",
}


# The dossiers by (unit, month received, month finished, deadline bucket, status, channel): the unit path and
# province code are those ``Place.q`` and ``Grouping`` read; the deadline is bucketed by the month of the day after it,
# and left out (NULL) for a dossier finished by that month (it is within its deadline at every month's end it is
# open at: :func:`conditions`).
CUBE = month_cube.register(
    MonthCube(
        name=SOURCE_CODE,
        records=Dossier,
        cube=DossierMonth,
        columns=("unit_path", "province_code", "status", "channel"),
        months=(Month("received_on"), Month("finished_on"), Month("due_on", shift=1, open_until="finished_on")),
        hold_writers=lambda provinces: _hold_imports(provinces),
    )
)


def _hold_imports(provinces: Sequence[str] | None) -> None:
    """Lock the column mappings of the provinces (all when None), as an import of one of them does first: a repair
    and an import never rebuild the same units' cube rows together."""
    mappings = ImportMapping.objects.select_for_update(of=("self",)).order_by("pk")
    if provinces is not None:
        mappings = mappings.filter(province__province_code__in=list(provinces))
    list(mappings.values_list("pk", flat=True))


def alive(period: Period) -> Q:
    """A dossier open at some time in the period: received by its end, not finished before its start."""
    return (Q(finished_on__isnull=True) | Q(finished_on__gte=period.start)) & Q(received_on__lte=period.end)


def handled(place: Place, period: Period) -> QuerySet[Dossier]:
    """The dossiers of the place that were open at some time in the period (received by its end, not finished
    before its start)."""
    return Dossier.objects.filter(place.q(), alive(period))


def conditions(period: Period) -> dict[str, Q]:
    """For each counted indicator, the condition on a handled dossier.

    Over the month cube, for a period of whole months (``start`` a 1st, ``end`` a month's last day), with m(d) the
    first day of d's month: ``received_on`` holds m(received), so ``received_on <= end``, ``>= start`` and
    ``< start`` hold exactly when they hold for the dossier (a date is before a 1st, or after a month's last day,
    exactly when its month is); ``finished_on`` holds m(finished), so ``>= start``, ``<= end`` and ``> end`` are
    exact likewise, and NULL stays NULL; ``due_on`` holds b = m(due + 1 day): ``due < end`` ⇔ ``due + 1 <= end``
    ⇔ the day after lies in ``end``'s month or before ⇔ ``b < end``, and ``due >= end`` ⇔ ``b > end`` ⇔ ``b >= end``
    (b is a 1st, never a month's last day); NULL stays NULL. The deadline counts only with "in progress at the end"
    (finished after ``end``, so ``end`` < m(finished)); b >= m(finished) then gives "within" at every such ``end``,
    as NULL does: the cube stores NULL there (fewer rows). Status and channel are copied."""
    end = period.end
    finished_in = Q(finished_on__lte=end)
    in_progress = Q(finished_on__isnull=True) | Q(finished_on__gt=end)
    return {
        "cchc.handled": Q(),
        "cchc.carried_over": Q(received_on__lt=period.start),
        "cchc.received": Q(received_on__gte=period.start),
        "cchc.received_online": Q(received_on__gte=period.start, channel=DossierChannel.ONLINE),
        "cchc.received_in_person": Q(received_on__gte=period.start, channel=DossierChannel.IN_PERSON),
        "cchc.received_post": Q(received_on__gte=period.start, channel=DossierChannel.POST),
        "cchc.resolved": finished_in & Q(status__in=[DossierStatus.EARLY, DossierStatus.ON_TIME, DossierStatus.LATE]),
        "cchc.resolved_early": finished_in & Q(status=DossierStatus.EARLY),
        "cchc.resolved_on_time": finished_in & Q(status=DossierStatus.ON_TIME),
        "cchc.resolved_late": finished_in & Q(status=DossierStatus.LATE),
        "cchc.resolved_in_time": finished_in & Q(status__in=[DossierStatus.EARLY, DossierStatus.ON_TIME]),
        "cchc.in_progress": in_progress,
        "cchc.in_progress_within": in_progress & (Q(due_on__isnull=True) | Q(due_on__gte=end)),
        "cchc.in_progress_past": in_progress & Q(due_on__lt=end),
        "cchc.withdrawn": finished_in & Q(status=DossierStatus.WITHDRAWN),
        "cchc.returned": finished_in & Q(status=DossierStatus.RETURNED),
    }


def figures_within(period: Period) -> Q:
    """Entered procedure figures of periods lying within the asked period."""
    return Q(period_start__gte=period.start, period_end__lte=period.end)


def figures_in(place: Place, period: Period) -> QuerySet[ProcedureFigure]:
    """Entered procedure figures of periods lying within the asked period."""
    return ProcedureFigure.objects.filter(place.q(), figures_within(period))


# Counted figures that are sums of others (computed from them, not counted again).
SUMS: dict[str, tuple[str, ...]] = {
    "cchc.handled": ("cchc.carried_over", "cchc.received"),
    "cchc.resolved": ("cchc.resolved_early", "cchc.resolved_on_time", "cchc.resolved_late"),
    "cchc.resolved_in_time": ("cchc.resolved_early", "cchc.resolved_on_time"),
    "cchc.in_progress": ("cchc.in_progress_within", "cchc.in_progress_past"),
}


# The figures counted from the dossiers (the others are sums of them, rates or entered).
COUNTED = tuple(code for code in conditions(Period.year(2026)) if code not in SUMS)


# The counted figures each figure needs (a sum or a rate: its parts).
NEEDS: dict[str, tuple[str, ...]] = {
    **SUMS,
    "cchc.on_time_rate": SUMS["cchc.resolved"],
    "cchc.online_rate": ("cchc.received_online", "cchc.received"),
}


def _asked(period: Period, codes: Collection[str] | None) -> tuple[set[str], dict[str, Q], dict[str, str]]:
    """The codes asked (all when None), the counts they need (name → condition on a handled dossier) and the
    entered figures they need (code → field)."""
    every = {code: condition for code, condition in conditions(period).items() if code not in SUMS}
    asked = set(CODES) if codes is None else set(codes) & set(CODES)
    needed = {part for code in asked for part in NEEDS.get(code, (code,)) if part in every}
    counted = {code: condition for code, condition in every.items() if code in needed}
    return asked, counted, {code: field for code, field in FIGURE_CODES.items() if code in asked}


def _rows(period: Period, counted: dict[str, Q]) -> Q:
    """The dossiers the counts read: those open in the period, only those one of the counts counts when not all are
    asked (the received ones for the dashboard's "received")."""
    rows = alive(period)
    if counted and len(counted) < len(COUNTED):
        rows &= functools.reduce(operator.or_, counted.values())
    return rows


def _count_aggregates(counted: dict[str, Q], cube: bool = False) -> dict[str, Any]:
    """The counts: ``COUNT`` over the dossiers, the sum of ``records`` over the month cube."""
    count: Any = (lambda condition: Sum("records", filter=condition or None)) if cube else count_rows
    return {code.replace(".", "__"): count(condition) for code, condition in counted.items()}


def _counted_rows(period: Period) -> QuerySet[Any]:
    """Where to count a period: the month cube for whole months, the dossiers otherwise."""
    return DossierMonth.objects.all() if aligned(period) else Dossier.objects.all()


def _figure_aggregates(figure_codes: dict[str, str]) -> dict[str, Any]:
    return {code.replace(".", "__"): Sum(field) for code, field in figure_codes.items()}


def _values(asked: set[str], row: dict[str, Any], sums: dict[str, Any] | None) -> dict[str, Value]:
    """The figures asked from a row of counts and one of entered sums (None: none asked)."""
    values: dict[str, Value] = {code: int(row.get(code.replace(".", "__")) or 0) for code in COUNTED}
    for code, parts in SUMS.items():
        values[code] = sum(int(values[part] or 0) for part in parts)
    values["cchc.on_time_rate"] = rate(values["cchc.resolved_in_time"], values["cchc.resolved"])  # type: ignore[arg-type]
    values["cchc.online_rate"] = rate(values["cchc.received_online"], values["cchc.received"])  # type: ignore[arg-type]
    for code in FIGURE_CODES:
        if code in asked and sums is not None:
            value = sums[code.replace(".", "__")]
            values[code] = int(value) if value is not None else None
    return {code: value for code, value in values.items() if code in asked}


def _compute(
    place: Place, period: Period, grouping: Grouping | None = None, codes: Collection[str] | None = None
) -> dict[Any, dict[str, Value]]:
    """The figures of ``codes`` (all when None): one aggregate of exactly the counts they need over the dossiers
    behind them, and one of the entered procedure figures when one is asked."""
    asked, counted, figure_codes = _asked(period, codes)
    table = _counted_rows(period)
    rows = (
        aggregate(
            table.filter(place.rows_of(table.model, grouping), _rows(period, counted)),
            _count_aggregates(counted, cube=aligned(period)),
            grouping,
        )
        if counted
        else {key: {} for key in (grouping.places if grouping else (None,))}
    )
    sums = aggregate(figures_in(place, period), _figure_aggregates(figure_codes), grouping) if figure_codes else {}
    return {key: _values(asked, row, sums[key] if figure_codes else None) for key, row in rows.items()}


def compute(place: Place, period: Period, codes: Collection[str] | None = None) -> dict[str, Value]:
    return _compute(place, period, codes=codes)[None]


def compute_by(grouping: Grouping, period: Period, codes: Collection[str] | None = None) -> dict[Any, dict[str, Value]]:
    return _compute(grouping.union, period, grouping, codes)


def compute_periods(
    place: Place, periods: Sequence[Period], codes: Collection[str] | None = None
) -> list[dict[str, Value]]:
    """:func:`compute` of each period, with the dossiers read once for all of them (each period's counts over its
    own rows: ``aggregate_periods``) and the entered figures once."""
    asked = [_asked(period, codes) for period in periods]
    counts: list[dict[Any, dict[str, Any]]] = [{None: {}} for _period in periods]
    for cube in (True, False):  # the periods of whole months from the cube, the others from the dossiers, together
        indexes = [
            index
            for index, (period, (_a, counted, _f)) in enumerate(zip(periods, asked, strict=True))
            if counted and aligned(period) == cube
        ]
        if not indexes:
            continue
        parts: list[tuple[Q, dict[str, Aggregate]]] = [
            (_rows(periods[index], asked[index][1]), _count_aggregates(asked[index][1], cube=cube)) for index in indexes
        ]
        table = DossierMonth.objects.all() if cube else Dossier.objects.all()
        for index, count in zip(
            indexes, aggregate_periods(table.filter(place.rows_of(table.model)), parts), strict=True
        ):
            counts[index] = count
    sums = (
        aggregate_periods(
            ProcedureFigure.objects.filter(place.q()),
            [
                (figures_within(period), _figure_aggregates(figure_codes))
                for period, (_a, _c, figure_codes) in zip(periods, asked, strict=True)
            ],
        )
        if any(figure_codes for _a, _c, figure_codes in asked)
        else [{None: {}} for _period in periods]
    )
    return [
        _values(codes_asked, count[None], total[None] if figure_codes else None)
        for (codes_asked, _c, figure_codes), count, total in zip(asked, counts, sums, strict=True)
    ]


def records(code: str, place: Place, period: Period) -> QuerySet[Any] | None:
    """The dossiers behind a counted indicator (the on-time rate: the resolved ones), the figure rows behind an
    entered one."""
    if code in FIGURE_CODES:
        return figures_in(place, period)
    counted = conditions(period)
    if code == "cchc.on_time_rate":
        code = "cchc.resolved"
    elif code == "cchc.online_rate":
        code = "cchc.received"
    if code not in counted:
        return None
    return handled(place, period).filter(counted[code]).order_by("-received_on", "-id")


SOURCE = register(
    IndicatorSource(
        code=SOURCE_CODE,
        codes=CODES,
        compute=compute,
        records=records,
        queries=2,
        compute_by=compute_by,
        takes_codes=True,
        compute_periods=compute_periods,
    )
)
