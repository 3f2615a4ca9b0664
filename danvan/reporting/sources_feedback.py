"""Indicators of the citizen feedback channel (phản ánh, kiến nghị), wrapping ``feedback.statistics`` — its
aggregates (:func:`~danvan.feedback.statistics.count_aggregates`), its period rule
(:func:`~danvan.feedback.statistics.received_in`) and its derived figures (``Figures``: the on-time rate over the
reports whose outcome is known, the mean rating, the satisfied share). Over the month cube its counts are restated
as sums of the cube's rows (:func:`_cube_aggregates`, condition by condition), which ``test_feedback_cube`` holds
equal to the records' on both engines.

As on the feedback statistics page, a report counts in the period it was received in; what became of it is read as
of today (answered, on time, overdue). Codes: ``feedback.received``, ``feedback.handled``, ``feedback.answered``,
``feedback.answered_on_time``, ``feedback.answered_late``, ``feedback.overdue`` (open past its due date),
``feedback.on_time_rate`` (%), ``feedback.rated``, ``feedback.mean_rating`` (1–5) and ``feedback.satisfied_share``
(%, ratings of 4 or 5).

A period of whole months sums the reports' month cube (``CUBE``, kept by database triggers: decisions 0033, 0037)
— but "open past the due date today" for the reports due this month before today, counted from the reports through
their own index (``report_open_due``); any other period counts the reports (one aggregate query)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Aggregate, F, Q, QuerySet, Sum
from django.utils import timezone

from danvan.core.compiled import count_rows
from danvan.core.db_router import reporting_reads
from danvan.core.month_cube import Derived, Month, MonthCube, aligned, hold_table, kept_where, one_of
from danvan.core.month_cube import register as register_cube
from danvan.core.periods import Period
from danvan.feedback import statistics as feedback_statistics
from danvan.feedback.models import Report, ReportState, Timeliness
from danvan.reporting.indicators import Grouping, IndicatorSource, Part, Place, Value, count_parts, register
from danvan.reporting.models import FeedbackMonth

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


# The reports by unit, month received (of the local day), answer, timeliness, rating, refusal or merger and, while
# open, the month of their due date (decision 0037): what a figure reads only together with an answer (timeliness),
# a refusal or merger (state), an open report (the due month) is kept only there — fewer rows, the same counts.
ANSWERED = "{answered_at} IS NOT NULL"
CLOSING_STATES = (ReportState.REFUSED, ReportState.MERGED)
CUBE = register_cube(
    MonthCube(
        name="feedback",
        records=Report,
        cube=FeedbackMonth,
        columns=(
            "unit_path",
            "province_code",
            Derived("answered", ANSWERED),
            Derived("timeliness", kept_where(ANSWERED, "timeliness")),
            Derived("state", kept_where(one_of("state", CLOSING_STATES), "state")),
            "rating",
        ),
        months=(Month("received_at"), Month("due_on", kept_if="{is_open}")),
        hold_writers=hold_table(Report),
        merged_field="merged",
    )
)


def _cube_aggregates(today: dt.date) -> dict[str, Aggregate]:
    """``feedback.statistics.count_aggregates`` over the month cube (sums of its ``records``), but "open past the
    due date" only for the reports due before this month (the due month is kept only for an open report): those due
    this month before ``today`` are counted from the reports (:func:`_due_this_month`)."""

    def count(condition: Q | None = None) -> Sum:
        return Sum("records", filter=condition)

    answered = Q(answered=True)
    return {
        "received": count(),
        "answered": count(answered),
        "on_time": count(answered & Q(timeliness=Timeliness.ON_TIME)),
        "late": count(answered & Q(timeliness=Timeliness.LATE)),
        "refused": count(Q(state=ReportState.REFUSED)),
        "merged": count(Q(state=ReportState.MERGED)),
        "handled": count(answered | Q(state__in=CLOSING_STATES)),
        "overdue": count(Q(due_on__lt=today.replace(day=1))),
        "rated": count(Q(rating__isnull=False)),
        "rating_sum": Sum(F("rating") * F("records"), default=0),
        "satisfied": count(Q(rating__gte=4)),
    }


def _due_this_month(place: Place, today: dt.date) -> Q | None:
    """The open reports due this month before ``today`` (found through ``report_open_due``, by id: the subquery
    holds the place); None on a month's first day."""
    month = today.replace(day=1)
    if month == today:
        return None
    due = Report.objects.filter(place.q(), is_open=True, due_on__gte=month, due_on__lt=today)
    return Q(pk__in=due.values("pk"))


# The tables the parts of :func:`_parts` are counted over, in order, and whether filtered by the place there: the
# cube, the reports, the reports due this month (found by a subquery that holds the place).
READERS: tuple[tuple[type[FeedbackMonth] | type[Report], bool], ...] = (
    (FeedbackMonth, True),
    (Report, True),
    (Report, False),
)


def _parts(place: Place, period: Period, today: dt.date) -> list[Part | None]:
    """Where a period's figures are counted (:data:`READERS`), each the rows it reads and its aggregates."""
    if not aligned(period):
        return [None, (feedback_statistics.received_in(period), feedback_statistics.count_aggregates(today)), None]
    months = Q(received_at__gte=period.start, received_at__lte=period.end)
    due = _due_this_month(place, today)
    overdue = (feedback_statistics.received_in(period) & due, {"overdue": count_rows()}) if due else None
    return [(months, _cube_aggregates(today)), None, overdue]


@reporting_reads()
def _rows(
    place: Place, periods: Sequence[Period], grouping: Grouping | None = None
) -> list[dict[Any, dict[str, Value]]]:
    """The figures of each period, by place key: each reader's parts of every period in one aggregate."""
    today = timezone.localdate()
    counted = count_parts(place, READERS, [_parts(place, period, today) for period in periods], grouping)
    return [{key: _values(row) for key, row in by_key.items()} for by_key in counted]


def _values(row: dict[str, Any]) -> dict[str, Value]:
    figures = feedback_statistics.Figures()
    figures.add({name: row.get(name) for name in feedback_statistics.COUNTS})
    return {code: getattr(figures, name) for code, name in FIGURES.items()}


def compute(place: Place, period: Period) -> dict[str, Value]:
    return _rows(place, [period])[0][None]


def compute_periods(place: Place, periods: Sequence[Period]) -> list[dict[str, Value]]:
    """:func:`compute` of each period: the periods of whole months summed from the month cube together, the rest
    counted from the reports together (each period's counts over the reports received in it)."""
    return [by_key[None] for by_key in _rows(place, periods)]


def compute_by(grouping: Grouping, period: Period) -> dict[Any, dict[str, Value]]:
    return _rows(grouping.union, [period], grouping)[0]


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
        queries=2,  # the month cube, then the reports due this month before today
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
