"""Indicators of the citizen feedback channel (phản ánh, kiến nghị), wrapping ``feedback.statistics`` — its
aggregates (:func:`~danvan.feedback.statistics.count_aggregates`), its period rule
(:func:`~danvan.feedback.statistics.received_in`) and its derived figures (``Figures``: the on-time rate over the
reports whose outcome is known, the mean rating, the satisfied share) — never counting anew.

As on the feedback statistics page, a report counts in the period it was received in; what became of it is read as
of today (answered, on time, overdue). Codes: ``feedback.received``, ``feedback.handled``, ``feedback.answered``,
``feedback.answered_on_time``, ``feedback.answered_late``, ``feedback.overdue`` (open past its due date),
``feedback.on_time_rate`` (%), ``feedback.rated``, ``feedback.mean_rating`` (1–5) and ``feedback.satisfied_share``
(%, ratings of 4 or 5). One aggregate query."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.core.periods import Period
from danvan.feedback import statistics as feedback_statistics
from danvan.feedback.models import Report, ReportState, Timeliness
from danvan.reporting.indicators import Grouping, IndicatorSource, Place, Value, aggregate, aggregate_periods, register

SOURCE_CODE = "feedback"
# code → the attribute of ``feedback.statistics.Figures``
FIGURES = {
    "feedback.received": "received",
    "feedback.handled": "handled",
    "feedback.answered": "answered",
    "feedback.answered_on_time": "on_time",
    "feedback.answered_late": "late",
    "feedback.overdue": "overdue",
    "feedback.on_time_rate": "on_time_rate",
    "feedback.rated": "rated",
    "feedback.mean_rating": "mean_rating",
    "feedback.satisfied_share": "satisfied_share",
}
CODES = tuple(FIGURES)


def received(place: Place, period: Period) -> QuerySet[Report]:
    """The reports of the place received in the period (local days), as the feedback statistics count them."""
    return Report.objects.filter(place.q()).filter(feedback_statistics.received_in(period))


def _compute(place: Place, period: Period, grouping: Grouping | None = None) -> dict[Any, dict[str, Value]]:
    rows = aggregate(received(place, period), feedback_statistics.count_aggregates(timezone.localdate()), grouping)
    return {key: _values(row) for key, row in rows.items()}


def _values(row: dict[str, Any]) -> dict[str, Value]:
    figures = feedback_statistics.Figures()
    figures.add(row)
    return {code: getattr(figures, name) for code, name in FIGURES.items()}


def compute(place: Place, period: Period) -> dict[str, Value]:
    return _compute(place, period)[None]


def compute_periods(place: Place, periods: Sequence[Period]) -> list[dict[str, Value]]:
    """:func:`compute` of each period in one aggregate (each period's counts over the reports received in it)."""
    today = timezone.localdate()
    counted = aggregate_periods(
        Report.objects.filter(place.q()),
        [(feedback_statistics.received_in(period), feedback_statistics.count_aggregates(today)) for period in periods],
    )
    return [_values(rows[None]) for rows in counted]


def compute_by(grouping: Grouping, period: Period) -> dict[Any, dict[str, Value]]:
    return _compute(grouping.union, period, grouping)


def _conditions() -> dict[str, Q]:
    """The reports behind each figure (the filters of ``count_aggregates``; a rate: its denominator)."""
    today = timezone.localdate()
    answered = Q(answered_at__isnull=False)
    overdue = Q(is_open=True, due_on__lt=today)
    rated = Q(rating__isnull=False)
    return {
        "feedback.received": Q(),
        "feedback.handled": answered | Q(state__in=(ReportState.REFUSED, ReportState.MERGED)),
        "feedback.answered": answered,
        "feedback.answered_on_time": answered & Q(timeliness=Timeliness.ON_TIME),
        "feedback.answered_late": answered & Q(timeliness=Timeliness.LATE),
        "feedback.overdue": overdue,
        "feedback.on_time_rate": answered | overdue,  # the reports whose outcome is known
        "feedback.rated": rated,
        "feedback.mean_rating": rated,
        "feedback.satisfied_share": rated,
    }


def records(code: str, place: Place, period: Period) -> QuerySet[Any] | None:
    condition = _conditions().get(code)
    if condition is None:
        return None
    return received(place, period).filter(condition).order_by("received_at", "pk")


SOURCE = register(
    IndicatorSource(
        code=SOURCE_CODE,
        codes=CODES,
        compute=compute,
        records=records,
        queries=1,
        compute_by=compute_by,
        compute_periods=compute_periods,
    )
)

# (label, English label, unit of measure, method) of each indicator, copied into the indicator seed (migration 0102).
DESCRIPTIONS: dict[str, tuple[str, str, str, str]] = {
    "feedback.received": (
        "Phản ánh, kiến nghị tiếp nhận",
        "Feedback reports received",
        "phản ánh",
        "Phản ánh tiếp nhận trong kỳ (thời điểm tiếp nhận), feedback.statistics",
    ),
    "feedback.handled": (
        "Phản ánh đã xử lý (trả lời, không tiếp nhận, gộp)",
        "Reports handled (answered, refused, merged)",
        "phản ánh",
        "Phản ánh tiếp nhận trong kỳ đã trả lời, không tiếp nhận hoặc gộp vào phản ánh khác (tính đến ngày xem)",
    ),
    "feedback.answered": (
        "Phản ánh đã trả lời",
        "Reports answered",
        "phản ánh",
        "Phản ánh tiếp nhận trong kỳ đã có trả lời (tính đến ngày xem)",
    ),
    "feedback.answered_on_time": (
        "trong đó: trả lời đúng hạn",
        "of which: answered on time",
        "phản ánh",
        "Phản ánh tiếp nhận trong kỳ được trả lời đúng hạn",
    ),
    "feedback.answered_late": (
        "trong đó: trả lời trễ hạn",
        "of which: answered late",
        "phản ánh",
        "Phản ánh tiếp nhận trong kỳ được trả lời trễ hạn",
    ),
    "feedback.overdue": (
        "Phản ánh chưa trả lời, đã quá hạn",
        "Reports unanswered past their due date",
        "phản ánh",
        "Phản ánh tiếp nhận trong kỳ còn mở và đã quá hạn trả lời (tính đến ngày xem)",
    ),
    "feedback.on_time_rate": (
        "Tỷ lệ trả lời phản ánh đúng hạn",
        "Reports answered on time",
        "%",
        "Trả lời đúng hạn / (đã trả lời + chưa trả lời đã quá hạn)",
    ),
    "feedback.rated": (
        "Phản ánh được người dân đánh giá",
        "Reports rated by the citizen",
        "phản ánh",
        "Phản ánh tiếp nhận trong kỳ có đánh giá mức hài lòng",
    ),
    "feedback.mean_rating": (
        "Mức hài lòng trung bình (1–5)",
        "Mean satisfaction (1–5)",
        "điểm",
        "Trung bình mức hài lòng (1–5) của các phản ánh được đánh giá",
    ),
    "feedback.satisfied_share": (
        "Tỷ lệ người dân hài lòng (4–5 sao)",
        "Citizens satisfied (4–5 stars)",
        "%",
        "Số đánh giá 4 hoặc 5 / số phản ánh được đánh giá",
    ),
}
