"""Periods and years: the one place that says which years are valid and what period a request asks for.

A period is a span of days, both ends included (with the period of the same length before it, for comparisons).
Every page, API and export that takes a period — a year, a half-year, a quarter, a month, a week or two dates —
turns its parameters into a :class:`Period` with :func:`period_from`, and checks a year with
:func:`year_in_range` / :func:`latest_year`; the change between two counts is :func:`change_percent`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core.errors import DomainError
from danvan.core.formatting import MONTH_NAMES

# The one pair of year bounds of the whole project: every year typed, sent or read from a file is checked
# against these (the working-day calendar covers the same years).
MIN_YEAR = 2000
MAX_YEAR = 2099


def latest_year(today: dt.date | None = None) -> int:
    """The latest year figures, registrations and imports may name: next year (plans made ahead), within
    ``MAX_YEAR``."""
    return min((today or timezone.localdate()).year + 1, MAX_YEAR)


def year_in_range(year: int | None, *, latest: int = MAX_YEAR) -> bool:
    """Whether ``year`` lies within the project's bounds (``MIN_YEAR``–``MAX_YEAR``), or up to ``latest``
    (e.g. :func:`latest_year`) when given."""
    return year is not None and MIN_YEAR <= year <= min(latest, MAX_YEAR)


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` of ``year``."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` calendar months after (before, when negative) the given one."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Period ends before it starts")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        if half not in (1, 2):
            raise ValueError("half must be 1 or 2")
        return (
            cls(dt.date(year, 1, 1), dt.date(year, 6, 30))
            if half == 1
            else cls(dt.date(year, 7, 1), dt.date(year, 12, 31))
        )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def _whole_months(self) -> int | None:
        """The number of calendar months covered, when the period is exactly whole months."""
        if self.start.day != 1 or self.end != month_end(self.end.year, self.end.month):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        """The period of the same length just before: the previous year, half-year, quarter or month
        for whole months; otherwise the same number of days."""
        months = self._whole_months()
        if months is not None:
            year, month = add_months(self.start.year, self.start.month, -months)
            end_year, end_month = add_months(self.start.year, self.start.month, -1)
            return Period(dt.date(year, month, 1), month_end(end_year, end_month))
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    @property
    def label(self) -> str:
        months = self._whole_months()
        if months == 12 and self.start.month == 1:
            return str(_("Năm %(year)s") % {"year": self.start.year})
        if months == 6 and self.start.month == 1:
            return str(_("6 tháng đầu năm %(year)s") % {"year": self.start.year})
        if months == 6 and self.start.month == 7:
            return str(_("6 tháng cuối năm %(year)s") % {"year": self.start.year})
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


def change_percent(current: int, previous: int) -> Decimal | None:
    """(current − previous) / previous in percent, to one decimal; None when there was nothing before."""
    if previous == 0:
        return None
    value = Decimal(current - previous) * 100 / Decimal(previous)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- Parsing the period a request asks for ---------------------------------------------------------------------

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
MAX_PERIOD_DAYS = 366 * 5
# The period codes of a year: "" (the whole year), "h1"/"h2", "q1"…"q4", "m1"…"m12".
PERIOD_CHOICES: list[tuple[str, Any]] = [
    ("", gettext_lazy("Cả năm")),
    ("h1", gettext_lazy("6 tháng đầu năm")),
    ("h2", gettext_lazy("6 tháng cuối năm")),
    *((f"q{q}", format_lazy("{} {}", gettext_lazy("Quý"), ROMAN_QUARTERS[q])) for q in range(1, 5)),
    *((f"m{m}", MONTH_NAMES[m - 1]) for m in range(1, 13)),
]
PERIOD_CODES = frozenset(code for code, _label in PERIOD_CHOICES)


def invalid_period(message: Any, field_name: str | None = None) -> DomainError:
    """The one error of a period that cannot be: a 422 ``invalid_period`` naming the parameter at fault."""
    return DomainError("invalid_period", message, status=422, field=field_name)


def week_of(day: dt.date) -> Period:
    """The ISO week (Monday to Sunday) that contains ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return Period(monday, monday + dt.timedelta(days=6))


def month_of(day: dt.date) -> Period:
    """The calendar month that contains ``day``."""
    return Period(day.replace(day=1), month_end(day.year, day.month))


def period_of_year(year: int, code: str = "") -> Period:
    """The period ``code`` (see ``PERIOD_CHOICES``) of ``year``; a ``ValueError`` for an unknown code."""
    if code not in PERIOD_CODES:
        raise ValueError(f"unknown period code {code!r}")
    if not code:
        return Period.year(year)
    number = int(code[1:])
    if code[0] == "h":
        return Period.half(year, number)
    if code[0] == "q":
        first = 3 * (number - 1) + 1
        return Period(dt.date(year, first, 1), month_end(year, first + 2))
    return Period(dt.date(year, number, 1), month_end(year, number))


def period_from(
    *,
    year: int | None = None,
    period: str | None = None,
    half: int | None = None,
    month: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    today: dt.date | None = None,
    latest: int | None = None,
) -> Period:
    """The period a page, API or export asks for.

    Either two dates ``start`` and ``end`` (at most five years, none before ``MIN_YEAR``), or a ``year`` (this
    year when none is given) narrowed by one of: ``period`` (a code of ``PERIOD_CHOICES``), ``half`` (1 or 2) or
    ``month`` (1–12). The year must lie between ``MIN_YEAR`` and ``latest`` (by default :func:`latest_year`, i.e.
    next year). Anything else: a 422 ``DomainError("invalid_period")`` naming the parameter at fault.
    """
    today = today or timezone.localdate()
    if start is not None or end is not None:
        if start is None or end is None:
            raise invalid_period(
                gettext("Hãy nhập cả ngày bắt đầu và ngày kết thúc."), "start" if start is None else "end"
            )
        if year is not None or period or half is not None or month is not None:
            raise invalid_period(gettext("Chọn theo năm, kỳ hoặc theo khoảng ngày, không cả hai."))
        if end < start:
            raise invalid_period(gettext("Ngày kết thúc phải sau ngày bắt đầu."), "end")
        if (end - start).days >= MAX_PERIOD_DAYS or start.year < MIN_YEAR or end.year > MAX_YEAR:
            raise invalid_period(gettext("Khoảng thời gian quá dài (tối đa 5 năm)."))
        return Period(start, end)
    last = latest_year(today) if latest is None else min(latest, MAX_YEAR)
    year = today.year if year is None else year
    if not MIN_YEAR <= year <= last:
        raise invalid_period(gettext("Năm phải từ %(first)s đến %(last)s.") % {"first": MIN_YEAR, "last": last}, "year")
    if sum(value is not None and value != "" for value in (period, half, month)) > 1:
        raise invalid_period(gettext("Kỳ thống kê không hợp lệ."), "period")
    if half is not None:
        if half not in (1, 2):
            raise invalid_period(gettext("Nửa năm phải là 1 hoặc 2."), "half")
        return Period.half(year, half)
    if month is not None:
        if not 1 <= month <= 12:
            raise invalid_period(gettext("Kỳ không hợp lệ."), "month")
        return period_of_year(year, f"m{month}")
    code = period or ""
    if code not in PERIOD_CODES:
        raise invalid_period(gettext("Kỳ thống kê không hợp lệ."), "period")
    return period_of_year(year, code)
