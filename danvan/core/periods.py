"""Periods of the statistics pages (a span of days, both ends included, and the period of the same length
before it) and the change between two counts, shared by the registry's and the petitions' statistics."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

# The one pair of year bounds of the whole project: every year typed, sent or read from a file is checked
# against these (the working-day calendar covers the same years).
MIN_YEAR = 2000
MAX_YEAR = 2099


def year_in_range(year: int | None) -> bool:
    """Whether ``year`` lies within the project's bounds (``MIN_YEAR``–``MAX_YEAR``)."""
    return year is not None and MIN_YEAR <= year <= MAX_YEAR


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
