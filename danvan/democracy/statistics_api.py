"""API of the statistics of grassroots democracy: /api/v1/democracy/statistics — every figure group for a unit
subtree and a period, beside the period before. No ``from __future__ import annotations`` (django-ninja)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from danvan.core.periods import period_from
from danvan.core.schemas import ErrorOut
from danvan.democracy import access
from danvan.democracy.meeting_schemas import StatisticsFilter, StatisticsOut
from danvan.democracy.statistics import DemocracyStats, democracy_statistics

router = Router(tags=["democracy"])


def statistics_out(stats: DemocracyStats) -> dict[str, Any]:
    def period(span: Any) -> dict[str, Any]:
        return {"start": span.start, "end": span.end, "label": span.label}

    return {
        "unit": {"id": stats.unit.pk, "code": stats.unit.code, "name": stats.unit.name, "tree": stats.unit.tree},
        "period": period(stats.period),
        "previous_period": period(stats.previous_period),
        "groups": [
            {
                "code": group.code,
                "label": group.label,
                "figures": [
                    {
                        "code": row.code,
                        "label": row.label,
                        "current": row.current,
                        "previous": row.previous,
                        "change": float(row.change) if row.change is not None else None,
                        "change_text": row.change_text,
                    }
                    for row in group.rows
                ],
            }
            for group in stats.groups
        ],
    }


@router.get(
    "/democracy/statistics",
    response={200: StatisticsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thống kê thực hiện dân chủ ở cơ sở",
    description="Số liệu của một đơn vị và các đơn vị trực thuộc (kể cả đơn vị cũ trước 01/7/2025 mà đơn vị này kế "
    "thừa) theo từng nhóm (công khai, bàn và quyết định, lấy ý kiến, hội nghị…) trong một kỳ: năm (`year`), kỳ trong "
    "năm (`period` = h1, h2, q1…q4, m1…m12) hoặc khoảng ngày (`start`, `end`); kèm kỳ liền trước.",
)
def statistics_endpoint(request: HttpRequest, filters: Query[StatisticsFilter]) -> Any:
    unit = access.access_statistics_unit(request.user, filters.unit)
    period = period_from(year=filters.year, period=filters.period, start=filters.start, end=filters.end)
    return statistics_out(democracy_statistics(unit=unit, period=period))
