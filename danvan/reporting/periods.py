"""Report periods: the codes reports, pages, the API and the CLI use, on top of ``core.periods``.

Codes: ``"2026-M03"`` (a month), ``"2026-Q1"`` (a quarter), ``"2026-H1"``/``"2026-H2"`` (a half-year), ``"2026-9M"``
(nine months), ``"2026"`` (a year), ``"2021-2025"`` (a term of years), or two dates ``"2026-01-01..2026-03-31"``.
A :class:`ReportPeriod` knows its code, label, the previous period (of the same kind: the quarter before, the
year before; for 9 months and terms: the same length before) and the same period last year. A report type's
cut-off (``models.ReportType.cutoff_day``: the year's report counts 15/12 of the previous year to 14/12) shifts
the calendar period to its cut-off dates with :func:`with_cutoff`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from danvan.core.periods import (
    MAX_PERIOD_DAYS,
    MAX_YEAR,
    MIN_YEAR,
    ROMAN_QUARTERS,
    Period,
    add_months,
    invalid_period,
    month_end,
)

__all__ = ["ReportPeriod", "parse_period", "period_code_for", "with_cutoff"]

_CODE = re.compile(r"^(\d{4})(?:-(M(\d{2})|Q([1-4])|H([12])|9M))?$")
_TERM = re.compile(r"^(\d{4})-(\d{4})$")
_DATES = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True)
class ReportPeriod:
    """A period with its report code and kind ("M", "Q", "H", "9M", "Y", "T" a term, "D" two dates)."""

    code: str
    kind: str
    period: Period
    # A report type's cut-off day (see :func:`with_cutoff`): ``period`` is then shifted from the calendar one.
    cutoff: int | None = None

    @property
    def calendar(self) -> Period:
        """The calendar period the code names (``period`` itself without a cut-off)."""
        if not self.cutoff:
            return self.period
        return parse_period(self.code).period

    @property
    def start(self) -> dt.date:
        return self.period.start

    @property
    def end(self) -> dt.date:
        return self.period.end

    @property
    def year(self) -> int:
        return self.period.end.year

    @property
    def label(self) -> str:
        """ "Tháng 3 năm 2026", "Quý I năm 2026", "6 tháng đầu năm 2026", "9 tháng năm 2026", "Năm 2026",
        "Giai đoạn 2021–2025" or the two dates."""
        start, end = self.calendar.start, self.calendar.end
        if self.kind == "M":
            return _("Tháng %(month)s năm %(year)s") % {"month": start.month, "year": start.year}
        if self.kind == "Q":
            return _("Quý %(q)s năm %(year)s") % {"q": ROMAN_QUARTERS[(start.month - 1) // 3 + 1], "year": start.year}
        if self.kind == "H":
            if start.month == 1:
                return _("6 tháng đầu năm %(year)s") % {"year": start.year}
            return _("6 tháng cuối năm %(year)s") % {"year": start.year}
        if self.kind == "9M":
            return _("9 tháng năm %(year)s") % {"year": start.year}
        if self.kind == "Y":
            return _("Năm %(year)s") % {"year": start.year}
        if self.kind == "T":
            return _("Giai đoạn %(first)s–%(last)s") % {"first": start.year, "last": end.year}
        return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"

    @property
    def against(self) -> str:
        """How a comparison names this period: "năm 2021", "quý I năm 2026", "cùng kỳ năm 2025" is built by the
        caller; the label starts lower-case, two dates read "kỳ 01/01/2026 – 31/03/2026"."""
        if self.kind == "D":
            return _("kỳ %(dates)s") % {"dates": self.label}
        return self.label[:1].lower() + self.label[1:]

    def previous(self) -> ReportPeriod:
        """The period of the same kind just before (the month, quarter, half, year or term before; 9 months and
        two dates: the same number of days before), with the same cut-off."""
        if self.cutoff:
            return with_cutoff(ReportPeriod(self.code, self.kind, self.calendar).previous(), self.cutoff)
        start = self.period.start
        if self.kind == "Y":
            return parse_period(str(start.year - 1))
        if self.kind == "T":
            length = self.period.end.year - start.year + 1
            return parse_period(f"{start.year - length}-{start.year - 1}")
        if self.kind in ("M", "Q", "H"):
            months = {"M": 1, "Q": 3, "H": 6}[self.kind]
            year, month = add_months(start.year, start.month, -months)
            return period_code_for(Period(dt.date(year, month, 1), month_end(*add_months(year, month, months - 1))))
        if self.kind == "9M":
            return parse_period(f"{start.year - 1}-9M")
        previous = self.period.previous()
        return ReportPeriod(_dates_code(previous), "D", previous)

    def same_period_last_year(self) -> ReportPeriod:
        """The same period one year before (29/02 becomes 28/02); a term's is the term before."""
        if self.cutoff:
            calendar = ReportPeriod(self.code, self.kind, self.calendar)
            return with_cutoff(calendar.same_period_last_year(), self.cutoff)
        if self.kind == "T":
            return self.previous()
        start = _year_back(self.period.start)
        end = _year_back(self.period.end)
        if self.kind == "D":
            return ReportPeriod(_dates_code(Period(start, end)), "D", Period(start, end))
        return period_code_for(Period(start, end))


def _year_back(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    if day.month == 2 and day.day == 28 and (day + dt.timedelta(days=1)).month == 3:
        return month_end(day.year - 1, 2)
    return day.replace(year=day.year - 1)


def _dates_code(period: Period) -> str:
    return f"{period.start:%Y-%m-%d}..{period.end:%Y-%m-%d}"


def _check_year(year: int, field_name: str = "period") -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise invalid_period(
            _("Năm phải từ %(first)s đến %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}, field_name
        )


def parse_period(code: str, *, field_name: str = "period") -> ReportPeriod:
    """The period of a code (see the module docstring); a 422 ``DomainError("invalid_period")`` otherwise — a
    period that ends before it starts included."""
    code = (code or "").strip()
    match = _CODE.match(code)
    if match:
        year = int(match.group(1))
        _check_year(year, field_name)
        if match.group(3):
            month = int(match.group(3))
            if not 1 <= month <= 12:
                raise invalid_period(_("Tháng không hợp lệ."), field_name)
            return ReportPeriod(code, "M", Period(dt.date(year, month, 1), month_end(year, month)))
        if match.group(4):
            first = 3 * (int(match.group(4)) - 1) + 1
            return ReportPeriod(code, "Q", Period(dt.date(year, first, 1), month_end(year, first + 2)))
        if match.group(5):
            return ReportPeriod(code, "H", Period.half(year, int(match.group(5))))
        if code.endswith("-9M"):
            return ReportPeriod(code, "9M", Period(dt.date(year, 1, 1), dt.date(year, 9, 30)))
        return ReportPeriod(code, "Y", Period.year(year))
    match = _TERM.match(code)
    if match:
        first, last = int(match.group(1)), int(match.group(2))
        _check_year(first, field_name)
        _check_year(last, field_name)
        if last < first:
            raise invalid_period(_("Kỳ kết thúc trước khi bắt đầu."), field_name)
        if last - first >= 10:
            raise invalid_period(_("Giai đoạn quá dài (tối đa 10 năm)."), field_name)
        return ReportPeriod(code, "T", Period(dt.date(first, 1, 1), dt.date(last, 12, 31)))
    match = _DATES.match(code)
    if match:
        try:
            start, end = dt.date.fromisoformat(match.group(1)), dt.date.fromisoformat(match.group(2))
        except ValueError:
            raise invalid_period(_("Ngày không hợp lệ."), field_name) from None
        return dates_period(start, end, field_name=field_name)
    raise invalid_period(_("Mã kỳ không hợp lệ (ví dụ: 2026-Q1, 2026-H1, 2026-9M, 2026, 2021-2025)."), field_name)


def dates_period(start: dt.date, end: dt.date, *, field_name: str = "end") -> ReportPeriod:
    """Two dates as a period: refused when it ends before it starts, is too long or outside the years."""
    if end < start:
        raise invalid_period(_("Kỳ kết thúc trước khi bắt đầu."), field_name)
    _check_year(start.year, field_name)
    _check_year(end.year, field_name)
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise invalid_period(_("Khoảng thời gian quá dài (tối đa 5 năm)."), field_name)
    period = Period(start, end)
    return period_code_for(period)


def period_code_for(period: Period) -> ReportPeriod:
    """The report code of a period: a named one ("2026-Q1") when it is exactly one, else two dates."""
    start, end = period.start, period.end
    if start.day == 1 and end == month_end(end.year, end.month):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if start.year == end.year:
            if months == 1:
                return ReportPeriod(f"{start.year}-M{start.month:02d}", "M", period)
            if months == 3 and start.month % 3 == 1:
                return ReportPeriod(f"{start.year}-Q{(start.month - 1) // 3 + 1}", "Q", period)
            if months == 6 and start.month in (1, 7):
                return ReportPeriod(f"{start.year}-H{1 if start.month == 1 else 2}", "H", period)
            if months == 9 and start.month == 1:
                return ReportPeriod(f"{start.year}-9M", "9M", period)
            if months == 12:
                return ReportPeriod(str(start.year), "Y", period)
        elif start.month == 1 and end.month == 12:
            return ReportPeriod(f"{start.year}-{end.year}", "T", period)
    return ReportPeriod(_dates_code(period), "D", period)


def with_cutoff(report_period: ReportPeriod, cutoff_day: int | None) -> ReportPeriod:
    """The period a report type with a cut-off counts: from the day after the cut-off of the month before the
    period to the cut-off of its last month (year 2026 with cut-off 14: 15/12/2025 – 14/12/2026). Unchanged
    without a cut-off."""
    if not cutoff_day:
        return report_period
    period = report_period.calendar
    end_day = min(cutoff_day, month_end(period.end.year, period.end.month).day)
    end = period.end.replace(day=end_day)
    year, month = add_months(period.start.year, period.start.month, -1)
    start_day = min(cutoff_day, month_end(year, month).day)
    start = dt.date(year, month, start_day) + dt.timedelta(days=1)
    shifted = Period(start, end)
    return ReportPeriod(report_period.code, report_period.kind, shifted, cutoff_day)
