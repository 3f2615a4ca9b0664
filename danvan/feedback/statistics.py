"""The figures of the feedback channel for a unit subtree (a commune, a province, the country) and a period, beside
the period of the same length before: received, handled, answered on time, the on-time rate, the median time to
answer and the citizens' satisfaction — in total, by category and by channel.

A report counts in the period it was received in (``received_at``, local days); what became of it is read as of
today, so the reports of a quarter show how many were answered on time even when the answer came after the quarter.

- handled: answered (``answered_at`` set), refused or merged into another report;
- answered on time: answered with ``timeliness`` on time; late: answered with ``timeliness`` late;
- overdue: still open and past its due date today;
- on-time rate: answered on time over the reports whose outcome is known (answered, or open past their due date),
  so a unit cannot raise its rate by leaving reports unanswered;
- median time to answer: over the answered reports, from receipt to answer, to the hour;
- satisfaction: the mean rating (1–5) and the share of ratings of 4 or 5, over the rated reports.

Two grouped queries for both periods together, whatever the number of reports: the counts by (period, category,
channel), and the answer times by (period, category, channel, hours) — a histogram the medians are read from, so no
row per report leaves the database. The ranking (``ranking.py``) uses the same counts (:func:`count_aggregates`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Case, Expression, F, Func, IntegerField, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import compiled
from danvan.core.compiled import Slot, count_rows, date_slot, datetime_slot
from danvan.core.db_router import reporting_reads
from danvan.core.formatting import format_number, format_percent
from danvan.core.models import AdministrativeUnit
from danvan.core.periods import Period, change_percent
from danvan.core.selectors import statistics_paths
from danvan.core.subtree import subtree_q
from danvan.feedback.models import Category, Report, ReportChannel, ReportState, Timeliness

HOUR = 3600


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day``, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def received_in(period: Period) -> Q:
    """Reports received on a day of ``period`` (local days)."""
    return Q(received_at__gte=day_start(period.start), received_at__lt=day_start(period.end + dt.timedelta(days=1)))


def count_aggregates(today: dt.date | Slot) -> dict[str, Any]:
    """The per-group aggregates of :class:`Figures` (outcomes as of ``today``)."""
    answered = Q(answered_at__isnull=False)
    return {
        "received": count_rows(),
        "answered": count_rows(answered),
        "on_time": count_rows(answered & Q(timeliness=Timeliness.ON_TIME)),
        "late": count_rows(answered & Q(timeliness=Timeliness.LATE)),
        "refused": count_rows(Q(state=ReportState.REFUSED)),
        "merged": count_rows(Q(state=ReportState.MERGED)),
        "handled": count_rows(answered | Q(state__in=(ReportState.REFUSED, ReportState.MERGED))),
        "overdue": count_rows(Q(is_open=True, due_on__lt=today)),
        "rated": count_rows(Q(rating__isnull=False)),
        "rating_sum": Sum("rating", default=0),
        "satisfied": count_rows(Q(rating__gte=4)),
    }


COUNTS = ("received", "answered", "on_time", "late", "refused", "merged", "handled", "overdue", "rated", "rating_sum",
          "satisfied")  # fmt: skip


class HoursBetween(Func):
    """Whole hours from ``start`` to ``end`` (two datetimes), rounded down."""

    output_field = IntegerField()
    # PostgreSQL: the interval's seconds.
    template = "CAST(FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 3600) AS integer)"
    arg_joiner = " - "

    def __init__(self, end: Any, start: Any) -> None:
        super().__init__(end, start)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # julianday() reads Django's stored text; whole seconds first so 5 h is never 4,9999 h.
        return self.as_sql(
            compiler,
            connection,
            template="(CAST(ROUND((julianday(%(expressions)s)) * 86400) AS integer) / 3600)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, to one decimal; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def median_of(histogram: dict[int, int]) -> Decimal | None:
    """The median of the values counted in ``histogram`` (value → how many); None when empty."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = (total - 1) // 2, total // 2  # the middle one, or the middle two
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        for index in wanted:
            if seen <= index < seen + count:
                found.append(value)
        seen += count
        if len(found) == 2:
            break
    return (Decimal(found[0] + found[1]) / 2).quantize(Decimal("0.1"))


@dataclass
class Figures:
    """The figures of one slice (everything, a category or a channel) in one period."""

    received: int = 0
    answered: int = 0
    on_time: int = 0
    late: int = 0
    refused: int = 0
    merged: int = 0
    handled: int = 0
    overdue: int = 0
    rated: int = 0
    rating_sum: int = 0
    satisfied: int = 0
    hours: dict[int, int] = field(default_factory=dict)  # hours to answer → number of reports

    def add(self, row: dict[str, Any]) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + int(row[name] or 0))

    def add_hours(self, hours: int, count: int) -> None:
        self.hours[hours] = self.hours.get(hours, 0) + count

    @property
    def judged(self) -> int:
        """The reports whose outcome is known: answered, or open past their due date."""
        return self.answered + self.overdue

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.judged)

    @property
    def median_hours(self) -> Decimal | None:
        return median_of(self.hours)

    @property
    def median_days(self) -> Decimal | None:
        hours = self.median_hours
        return None if hours is None else (hours / 24).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def mean_rating(self) -> Decimal | None:
        if not self.rated:
            return None
        return (Decimal(self.rating_sum) / self.rated).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def satisfied_share(self) -> Decimal | None:
        return percent(self.satisfied, self.rated)


# The rows of the table, in order: (attribute, label, kind). Kinds: count, percent, hours, rating.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("received", "Phản ánh tiếp nhận trong kỳ", "count"),
    ("handled", "Đã xử lý (trả lời, không tiếp nhận, gộp)", "count"),
    ("answered", "trong đó: đã trả lời", "count"),
    ("on_time", "trong đó: trả lời đúng hạn", "count"),
    ("late", "trong đó: trả lời trễ hạn", "count"),
    ("refused", "Không tiếp nhận", "count"),
    ("merged", "Gộp vào phản ánh khác", "count"),
    ("overdue", "Chưa trả lời, đã quá hạn", "count"),
    ("on_time_rate", "Tỷ lệ đúng hạn (trên số đã trả lời hoặc đã quá hạn)", "percent"),
    ("median_hours", "Thời gian trả lời (trung vị)", "hours"),
    ("rated", "Phản ánh được người dân đánh giá", "count"),
    ("mean_rating", "Mức hài lòng trung bình (1–5)", "rating"),
    ("satisfied_share", "Tỷ lệ hài lòng (4–5 sao)", "percent"),
)


def figure_text(value: Any, kind: str) -> str:
    """A figure as shown: 1.234; 51,1%; 30 giờ (1,3 ngày); 4,25; "–" when there is none."""
    if value is None:
        return "–"
    if kind == "percent":
        return format_percent(value)
    if kind == "hours":
        days = (Decimal(value) / 24).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return _("%(hours)s giờ (%(days)s ngày)") % {"hours": format_number(value, 1 if value % 1 else 0),
                                                      "days": format_number(days, 1)}  # fmt: skip
    if kind == "rating":
        return format_number(value, 2)
    return format_number(value)


@dataclass(frozen=True)
class FigureRow:
    code: str
    label: str
    kind: str
    current: Any
    previous: Any

    @property
    def current_text(self) -> str:
        return figure_text(self.current, self.kind)

    @property
    def previous_text(self) -> str:
        return figure_text(self.previous, self.kind)

    @property
    def change(self) -> Decimal | None:
        """The change in percent for counts; in points for rates; None otherwise or without a figure before."""
        if self.current is None or self.previous is None:
            return None
        if self.kind == "count":
            return change_percent(self.current, self.previous)
        return Decimal(self.current) - Decimal(self.previous)

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return ""
        if change == 0:
            return _("không đổi")
        word = _("tăng") if change > 0 else _("giảm")
        if self.kind == "count":
            return f"{word} {format_percent(abs(change))}"
        if self.kind == "percent":
            return _("%(word)s %(points)s điểm %%") % {"word": word, "points": format_number(abs(change), 1)}
        if self.kind == "hours":
            return _("%(word)s %(hours)s giờ") % {"word": word, "hours": format_number(abs(change), 1)}
        return f"{word} {format_number(abs(change), 2)}"


def figure_rows(current: Figures, previous: Figures) -> list[FigureRow]:
    return [
        FigureRow(code, _(label), kind, getattr(current, code), getattr(previous, code)) for code, label, kind in ROWS
    ]


@dataclass(frozen=True)
class Slice:
    """A category or a channel: its figures in the period and the one before."""

    code: str
    label: str
    current: Figures
    previous: Figures

    @property
    def texts(self) -> dict[str, str]:
        """The figures the breakdown tables show, as text."""
        kinds = {code: kind for code, _label, kind in ROWS}
        texts = {code: figure_text(getattr(self.current, code), kinds[code]) for code in kinds}
        for code in ("received", "on_time_rate"):
            texts[f"{code}_before"] = figure_text(getattr(self.previous, code), kinds[code])
        return texts


@dataclass(frozen=True)
class FeedbackStats:
    unit: AdministrativeUnit
    period: Period
    previous_period: Period
    today: dt.date
    current: Figures
    previous: Figures
    by_category: list[Slice]
    by_channel: list[Slice]

    @property
    def rows(self) -> list[FigureRow]:
        return figure_rows(self.current, self.previous)


def unit_q(unit: AdministrativeUnit) -> Q:
    """The reports of ``unit``'s subtree and of the legacy units it primarily succeeded."""
    paths, provinces = statistics_paths(unit)
    return subtree_q(paths, provinces=provinces)


def _slices(keys: Iterable[str], labels: dict[str, str], now: dict[str, Figures], before: dict[str, Figures]) -> list[
        Slice]:  # fmt: skip
    return [
        Slice(key, labels.get(key, key), now.get(key, Figures()), before.get(key, Figures()))
        for key in keys
        if key in now or key in before
    ]


def _counts(where: Q) -> Any:
    """The counts by (period, category, channel), with the category's names and order; dates and today as slots."""
    return (
        Report.objects.filter(where, received_at__gte=datetime_slot("low"), received_at__lt=datetime_slot("high"))
        .annotate(in_period=_is_current())
        .values("in_period", "category", "category__sort_order", "category__name", "category__name_en", "channel")
        .annotate(**count_aggregates(date_slot("today")))
        .order_by()
    )


def _hours(where: Q) -> Any:
    """The answer-time histogram by (period, category, channel, whole hours)."""
    hours: Expression = HoursBetween(F("answered_at"), F("received_at"))
    return (
        Report.objects.filter(where, received_at__gte=datetime_slot("low"), received_at__lt=datetime_slot("high"))
        .filter(answered_at__isnull=False)
        .annotate(in_period=_is_current(), hours=hours)
        .values("in_period", "category", "channel", "hours")
        .annotate(n=count_rows())
        .order_by()
    )


def _is_current() -> Case:
    return Case(
        When(received_at__gte=datetime_slot("split"), then=Value(1)), default=Value(0), output_field=IntegerField()
    )


@reporting_reads()
def feedback_statistics(*, unit: AdministrativeUnit, period: Period, today: dt.date | None = None) -> FeedbackStats:
    """The figures of ``unit``'s subtree for the reports received in ``period`` and in the period before (outcomes
    as of ``today``): two grouped queries (see the module's docstring), built once per subtree and run with the
    dates (``core.compiled``)."""
    today = today or timezone.localdate()
    previous = period.previous()
    paths, provinces = statistics_paths(unit)
    values = {
        "low": day_start(previous.start),
        "split": day_start(period.start),
        "high": day_start(period.end + dt.timedelta(days=1)),
        "today": today,
    }
    where = subtree_q(paths, provinces=provinces)
    totals = {1: Figures(), 0: Figures()}
    categories: dict[int, dict[str, Figures]] = {1: {}, 0: {}}
    channels: dict[int, dict[str, Figures]] = {1: {}, 0: {}}
    known: dict[int, Category] = {}
    for row in compiled.rows(Report, ("feedback.counts", paths, provinces), lambda: _counts(where), values):
        which = row["in_period"]
        totals[which].add(row)
        categories[which].setdefault(str(row["category"]), Figures()).add(row)
        channels[which].setdefault(row["channel"], Figures()).add(row)
        if row["category"] is not None and row["category"] not in known:
            known[row["category"]] = Category(
                pk=row["category"],
                sort_order=row["category__sort_order"],
                name=row["category__name"],
                name_en=row["category__name_en"],
            )
    for bucket in compiled.rows(Report, ("feedback.hours", paths, provinces), lambda: _hours(where), values):
        which, n, value = bucket["in_period"], bucket["n"], max(int(bucket["hours"]), 0)
        totals[which].add_hours(value, n)
        categories[which][str(bucket["category"])].add_hours(value, n)
        channels[which][bucket["channel"]].add_hours(value, n)
    ordered = sorted(known.values(), key=lambda category: (category.sort_order, category.name))
    category_labels = {str(category.pk): category.label for category in ordered}  # in the page's language
    channel_labels = {value: str(label) for value, label in ReportChannel.choices}
    return FeedbackStats(
        unit=unit,
        period=period,
        previous_period=previous,
        today=today,
        current=totals[1],
        previous=totals[0],
        by_category=_slices(category_labels, category_labels, categories[1], categories[0]),
        by_channel=_slices(ReportChannel.values, channel_labels, channels[1], channels[0]),
    )
