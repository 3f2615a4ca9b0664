"""Statistics API of reception and petitions: figures of a unit subtree for a period, beside the period before.

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``).
No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time.
"""

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from danvan.cases import statistics
from danvan.cases.models import CaseKind, Channel
from danvan.cases.schemas import CountOut, FiguresOut, PeriodOut, StatisticsFilter, StatisticsOut
from danvan.core.periods import period_from
from danvan.core.schemas import ErrorOut, UnitRef
from danvan.office.access import access_statistics_unit, required_statistics_unit

router = Router(tags=["cases"])


def _counts(values: Mapping[Any, int], labels: Mapping[Any, Any]) -> list[CountOut]:
    rows = [CountOut(key=str(key), label=str(labels.get(key, key)), count=count) for key, count in values.items()]
    return sorted(rows, key=lambda row: (-row.count, row.label))


def _figures(comparison: statistics.Comparison, figures: statistics.Figures) -> FiguresOut:
    values = {name: getattr(figures, name) for name in statistics.FIGURE_NAMES}
    rate = figures.resolution_rate
    return FiguresOut(
        **values,
        received_by_kind=_counts(figures.received_by_kind, dict(CaseKind.choices)),
        received_by_channel=_counts(figures.received_by_channel, dict(Channel.choices)),
        received_by_field=_counts(figures.received_by_field, comparison.field_names),
        to_resolve=figures.to_resolve,
        resolution_rate=float(rate) if rate is not None else None,
        resolution_text=statistics.resolution_text(figures),
    )


def _period(period: statistics.Period) -> PeriodOut:
    return PeriodOut(start=period.start, end=period.end, label=statistics.period_label(period))


def statistics_out(comparison: statistics.Comparison) -> StatisticsOut:
    unit = comparison.unit
    changes = {name: comparison.change(name) for name in statistics.FIGURE_NAMES}
    return StatisticsOut(
        unit=UnitRef(id=unit.pk, code=unit.code, name=unit.name, tree=unit.tree),
        period=_period(comparison.period),
        previous_period=_period(comparison.previous_period),
        current=_figures(comparison, comparison.current),
        previous=_figures(comparison, comparison.previous),
        change={name: float(value) if value is not None else None for name, value in changes.items()},
        change_text={name: comparison.change_text(name) for name in statistics.FIGURE_NAMES},
    )


@router.get(
    "/cases/statistics",
    response={200: StatisticsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thống kê tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo",
    description="Số liệu của một đơn vị và các đơn vị trực thuộc (kể cả đơn vị cũ trước 01/7/2025 mà đơn vị này "
    "kế thừa) trong một kỳ — theo năm (`year`), kỳ trong năm (`period`: h1, h2, q1–q4, m1–m12) hoặc khoảng ngày "
    "(`start`, `end`) — kèm kỳ liền trước cùng độ dài và tỷ lệ tăng, giảm. 404 với đơn vị ngoài phạm vi.",
    url_name="case_statistics",
)
def case_statistics(request: HttpRequest, filters: Query[StatisticsFilter]) -> StatisticsOut:
    unit_id = filters.unit
    if unit_id is None:
        unit_id = required_statistics_unit(request.user).pk
    unit, scope = access_statistics_unit(request.user, unit_id)
    period = period_from(year=filters.year, period=filters.period, start=filters.start, end=filters.end)
    return statistics_out(statistics.compare_in_scope(unit=unit, period=period, scope=scope))
