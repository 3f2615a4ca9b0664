"""API of the feedback figures: /api/v1/feedback/statistics (officers: a unit of their scope) and
/api/v1/feedback/ranking (public). No ``from __future__ import annotations`` (django-ninja)."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from danvan.core.periods import MAX_YEAR, MIN_YEAR, Period, period_from
from danvan.core.routing import public
from danvan.core.schemas import ErrorOut
from danvan.feedback.ranking import Ranking, public_ranking
from danvan.feedback.ranking_views import ranking_scope
from danvan.feedback.statistics import ROWS as FIGURE_ROWS
from danvan.feedback.statistics import FeedbackStats, Figures, Slice, feedback_statistics
from danvan.feedback.statistics_views import statistics_unit

router = Router(tags=["feedback"])

PERIOD_HELP = "Kỳ trong năm: h1, h2, q1…q4, m1…m12; trống: cả năm."


class FeedbackStatisticsFilter(Schema):
    unit: int | None = Field(None, ge=1, description="Đơn vị (mặc định: đơn vị đầu tiên của cán bộ).")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    period: str | None = Field(None, max_length=3, description=PERIOD_HELP)
    start: dt.date | None = Field(None, description="Hoặc khoảng ngày tùy chọn: từ ngày …")
    end: dt.date | None = Field(None, description="… đến ngày (tối đa 5 năm).")


class FeedbackPeriodOut(Schema):
    start: dt.date
    end: dt.date
    label: str


class FeedbackFiguresOut(Schema):
    received: int
    handled: int
    answered: int
    on_time: int
    late: int
    refused: int
    merged: int
    overdue: int
    on_time_rate: float | None = Field(None, description="Phần trăm, một chữ số thập phân.")
    median_hours: float | None = Field(None, description="Trung vị thời gian từ tiếp nhận đến trả lời (giờ).")
    median_days: float | None
    rated: int
    mean_rating: float | None
    satisfied_share: float | None = Field(None, description="Phần trăm đánh giá 4–5 sao.")


class FeedbackFigureRowOut(Schema):
    code: str
    label: str
    current: float | None
    previous: float | None
    current_text: str
    previous_text: str
    change_text: str


class FeedbackSliceOut(Schema):
    code: str
    label: str
    current: FeedbackFiguresOut
    previous: FeedbackFiguresOut


class FeedbackUnitOut(Schema):
    id: int
    code: str
    name: str


class FeedbackStatisticsOut(Schema):
    unit: FeedbackUnitOut
    period: FeedbackPeriodOut
    previous_period: FeedbackPeriodOut
    today: dt.date
    current: FeedbackFiguresOut
    previous: FeedbackFiguresOut
    rows: list[FeedbackFigureRowOut]
    by_category: list[FeedbackSliceOut]
    by_channel: list[FeedbackSliceOut]


class FeedbackRankingFilter(Schema):
    province: str | None = Field(None, pattern=r"^\d{2}$", description="Mã tỉnh hiện hành; trống: xếp hạng các tỉnh.")
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    period: str | None = Field(None, max_length=3, description=PERIOD_HELP)


class FeedbackUnitRankOut(Schema):
    rank: int | None
    unit_id: int
    code: str
    name: str
    figures: FeedbackFiguresOut


class FeedbackRankingOut(Schema):
    province: FeedbackUnitOut | None
    period: FeedbackPeriodOut
    today: dt.date
    min_reports: int
    units: list[FeedbackUnitRankOut]


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def period_out(period: Period) -> dict[str, Any]:
    return {"start": period.start, "end": period.end, "label": period.label}


def figures_out(figures: Figures) -> dict[str, Any]:
    out: dict[str, Any] = {code: _number(getattr(figures, code)) for code, _label, _kind in FIGURE_ROWS}
    for code, _label, kind in FIGURE_ROWS:
        if kind == "count":
            out[code] = getattr(figures, code)
    out["median_days"] = _number(figures.median_days)
    return out


def slice_out(item: Slice) -> dict[str, Any]:
    return {
        "code": item.code,
        "label": item.label,
        "current": figures_out(item.current),
        "previous": figures_out(item.previous),
    }


def statistics_out(stats: FeedbackStats) -> dict[str, Any]:
    return {
        "unit": {"id": stats.unit.pk, "code": stats.unit.code, "name": stats.unit.name},
        "period": period_out(stats.period),
        "previous_period": period_out(stats.previous_period),
        "today": stats.today,
        "current": figures_out(stats.current),
        "previous": figures_out(stats.previous),
        "rows": [
            {
                "code": row.code,
                "label": row.label,
                "current": _number(row.current),
                "previous": _number(row.previous),
                "current_text": row.current_text,
                "previous_text": row.previous_text,
                "change_text": row.change_text,
            }
            for row in stats.rows
        ],
        "by_category": [slice_out(item) for item in stats.by_category],
        "by_channel": [slice_out(item) for item in stats.by_channel],
    }


def ranking_out(ranking: Ranking) -> dict[str, Any]:
    province = ranking.province
    return {
        "province": {"id": province.pk, "code": province.code, "name": province.name} if province else None,
        "period": period_out(ranking.period),
        "today": ranking.today,
        "min_reports": ranking.min_reports,
        "units": [
            {
                "rank": unit.rank,
                "unit_id": unit.unit_id,
                "code": unit.code,
                "name": unit.name,
                "figures": figures_out(unit.figures),
            }
            for unit in ranking.units
        ],
    }


@router.get(
    "/feedback/statistics",
    response={200: FeedbackStatisticsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Thống kê phản ánh, kiến nghị",
    description="Số liệu phản ánh của một đơn vị và các đơn vị trực thuộc (tiếp nhận, đã xử lý, đúng hạn, tỷ lệ đúng "
    "hạn, trung vị thời gian trả lời, mức hài lòng), theo lĩnh vực và kênh, trong một kỳ: năm (`year`), kỳ trong năm "
    "(`period`) hoặc khoảng ngày (`start`, `end`); kèm kỳ liền trước. Kết quả xử lý tính đến hôm nay.",
)
def statistics_endpoint(request: HttpRequest, filters: Query[FeedbackStatisticsFilter]) -> Any:
    unit = statistics_unit(request.user, filters.unit)
    period = period_from(year=filters.year, period=filters.period, start=filters.start, end=filters.end)
    return statistics_out(feedback_statistics(unit=unit, period=period))


@public(
    router.get,
    "/feedback/ranking",
    response={200: FeedbackRankingOut, 422: ErrorOut},
    summary="Xếp hạng đơn vị giải quyết phản ánh (công khai)",
    description="Các xã, phường của một tỉnh (`province`), hoặc các tỉnh, thành phố của cả nước, xếp theo tỷ lệ trả "
    "lời đúng hạn rồi mức hài lòng, với phản ánh tiếp nhận trong kỳ (`year`, `period`). Đơn vị có ít phản ánh hơn "
    "ngưỡng `min_reports` không được xếp hạng (`rank` rỗng).",
)
def ranking_endpoint(request: HttpRequest, filters: Query[FeedbackRankingFilter]) -> Any:
    province, period = ranking_scope(filters.dict())
    return ranking_out(public_ranking(province=province, period=period))
