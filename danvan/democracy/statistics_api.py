"""API of the statistics of grassroots democracy: /api/v1/democracy/statistics — every figure group for a unit
subtree and a period, beside the period before. No ``from __future__ import annotations`` (django-ninja)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from danvan.core.periods import period_from
from danvan.core.schemas import ErrorOut
from danvan.democracy import access
from danvan.democracy.meeting_schemas import StatisticsFilter, StatisticsOut
from danvan.democracy.recommendation_ranking import BodyRank, recommendation_ranking
from danvan.democracy.statistics import DemocracyStats, democracy_statistics
from danvan.democracy.statistics_schemas import BodyRankOut

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


def body_rank_out(body: BodyRank) -> dict[str, Any]:
    return {
        "rank": body.rank,
        "organization_id": body.organization_id,
        "name": body.name,
        "unit_name": body.unit_name,
        "raised": body.raised,
        "on_time": body.on_time,
        "late": body.late,
        "overdue": body.overdue,
        "pending": body.pending,
        "share_on_time": float(body.share) if body.share is not None else None,
        "share_text": body.share_text,
    }


@router.get(
    "/democracy/statistics/ranking",
    response={200: list[BodyRankOut], 404: ErrorOut, 422: ErrorOut},
    summary="Xếp hạng cơ quan theo tỷ lệ trả lời kiến nghị đúng hạn",
    description="Các cơ quan có thẩm quyền trả lời thuộc đơn vị và các đơn vị trực thuộc (tỉnh: cơ quan cấp tỉnh và "
    "của các xã), với số kiến nghị nêu trong kỳ gửi đến và kết quả tính đến hôm nay; tỷ lệ đúng hạn trên số đã biết "
    "kết quả. Kỳ như `/democracy/statistics`.",
)
@paginate
def ranking_endpoint(request: HttpRequest, filters: Query[StatisticsFilter]) -> Any:
    unit = access.access_statistics_unit(request.user, filters.unit)
    period = period_from(year=filters.year, period=filters.period, start=filters.start, end=filters.end)
    return [body_rank_out(body) for body in recommendation_ranking(unit=unit, period=period).bodies]
