"""Statistics API of the registry: figures of a unit subtree for a period, beside the period before.

Authentication comes from the router's registration (``api.add_router("/", router, auth=api_auth)``).
No ``from __future__ import annotations`` here: django-ninja reads the annotations at import time.
"""

from django.http import HttpRequest
from ninja import Query, Router

from danvan.core.periods import Period, period_from
from danvan.core.schemas import ErrorOut, UnitRef
from danvan.initiatives.schemas import (
    BreakdownRowOut,
    BreakdownsOut,
    ChangeOut,
    FiguresOut,
    PeriodOut,
    StatisticsFilter,
    StatisticsOut,
)
from danvan.initiatives.statistics import (
    FIGURE_NAMES,
    BreakdownRow,
    Figures,
    InitiativeStats,
    initiative_statistics,
)
from danvan.office.access import access_statistics_unit

router = Router(tags=["initiatives"])


def _period(period: Period) -> PeriodOut:
    return PeriodOut(start=period.start, end=period.end, label=period.label)


def _figures(figures: Figures) -> FiguresOut:
    return FiguresOut(**{name: getattr(figures, name) for name in FIGURE_NAMES})


def _rows(rows: list[BreakdownRow]) -> list[BreakdownRowOut]:
    return [
        BreakdownRowOut(
            key=row.key,
            label=row.label,
            registered=row.registered,
            registered_previous=row.registered_previous,
            recognized=row.recognized,
            recognized_previous=row.recognized_previous,
            funds_total=row.funds_total,
            change=float(row.change) if row.change is not None else None,
        )
        for row in rows
    ]


def statistics_out(stats: InitiativeStats) -> StatisticsOut:
    changes = {c.name: float(c.change) if c.change is not None else None for c in stats.comparisons}
    return StatisticsOut(
        unit=UnitRef(id=stats.unit.pk, code=stats.unit.code, name=stats.unit.name, tree=stats.unit.tree),
        period=_period(stats.period),
        previous_period=_period(stats.previous_period),
        current=_figures(stats.current),
        previous=_figures(stats.previous),
        change=ChangeOut(**changes),
        breakdowns=BreakdownsOut(
            level=_rows(stats.by_level),
            field=_rows(stats.by_field),
            kind=_rows(stats.by_kind),
            status=_rows(stats.by_status),
            organization_kind=_rows(stats.by_organization_kind),
        ),
    )


@router.get(
    "/initiatives/statistics",
    response={200: StatisticsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thống kê mô hình, điển hình “Dân vận khéo”",
    description="Số liệu của một đơn vị và các đơn vị trực thuộc (kể cả đơn vị cũ trước 01/7/2025 mà đơn vị này "
    "kế thừa) trong một kỳ: theo năm (`year`), nửa năm (`year` và `half` = 1 hoặc 2) hoặc khoảng ngày "
    "(`start`, `end`); kèm kỳ liền trước và tỷ lệ thay đổi (%).",
    url_name="initiative_statistics",
)
def initiative_statistics_endpoint(request: HttpRequest, filters: Query[StatisticsFilter]) -> StatisticsOut:
    unit, scope = access_statistics_unit(request.user, filters.unit)
    period = period_from(year=filters.year, half=filters.half, start=filters.start, end=filters.end)
    return statistics_out(initiative_statistics(unit=unit, period=period, scope=scope))
