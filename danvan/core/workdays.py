"""Working days in Vietnam and deadlines that explain how they were computed.

Which days are days off, for a date D, in order of precedence:

1. a ``CalendarNotice`` row for D, edited by the system administrator from the Government's yearly notices:
   ``working_day`` makes D a working day (a make-up Saturday, or a package holiday that was not granted),
   ``day_off`` makes it a day off (a swapped weekday);
2. ``holidays.VN`` (Labor Code 2019 Art. 112: 1/1, Tết, Hùng Kings, 30/4, 1/5, 2/9 and its adjacent day, the
   observed days when a holiday falls on a weekend, and the swaps the package knows). A day the package gives that
   Art. 112 does not list (:data:`SWITCHABLE_PACKAGE_DAYS`: 24/11 "Ngày Văn hóa Việt Nam") is a day off only while
   its switch, an effective-dated ``LegalRule`` row with value 1 and its own legal basis, says so; without a row
   in force it is an ordinary day;
3. Saturday and Sunday, the weekly rest of state bodies, except the package's make-up Saturdays
   (``weekend_workdays``).

Counting conventions (Civil Code 2015 Art. 147–148, as we read them: the first day of a period counted in days is
not counted, and a period whose last day is a day off ends on the next working day):

* ``add_working_days(start, n)`` is the n-th working day *after* ``start`` ("within n working days of receipt":
  the day of receipt is not counted, whether or not it is a working day); ``n = 0`` gives ``start``;
* ``count_working_days(a, b)`` counts the working days in ``(a, b]``, so
  ``count_working_days(start, add_working_days(start, n)) == n``;
* ``calendar_deadline(start, n)`` is ``start + n`` days, moved forward to the next working day when that is a
  day off.

A year after the last year that has a notice (the Government has not yet announced its days off, e.g. 2027 in
December 2026) uses the package's days as they stand; they are marked provisional ("dự kiến") in every reason and
explanation, and the sweep re-applies open deadlines once the notice is entered.

For sweeps over many cases build one :class:`WorkCalendar` with :meth:`WorkCalendar.load` (one query for the
notices) and call its methods; the module-level functions use a shared calendar, kept per process and version
(``CALENDAR_VERSION`` in Django's cache): a notice or rule saved on any node gives every node a new version when
it commits (signal receivers below; docs/decisions/0016-object-storage-and-caches.md).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import holidays
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

from danvan.core.errors import DomainError
from danvan.core.formatting import format_date
from danvan.core.models import CalendarNotice, DayKind, LegalRule, NoticeKind
from danvan.core.periods import MAX_YEAR, MIN_YEAR
from danvan.core.shared_cache import SharedValue, SharedVersion

FIRST_YEAR = MIN_YEAR
LAST_YEAR = MAX_YEAR
SATURDAY = 5
EXPLANATIONS_KEPT = 4096  # deadlines explained and kept per calendar (Deadline.explanation)

SOURCE_NOTICE = "notice"
SOURCE_HOLIDAYS = "holidays"
SOURCE_WEEKEND = "weekend"
SOURCE_RULE = "rule"

LABOUR_CODE_HOLIDAYS = "Bộ luật Lao động 2019, Điều 112"
# Days ``holidays.VN`` gives that Art. 112 of the Labour Code does not list, by (month, day), with the code of the
# LegalRule row that switches each on (value 1) or off (value 0) for a period.
SWITCHABLE_PACKAGE_DAYS: dict[tuple[int, int], str] = {(11, 24): "calendar.vietnam_culture_day"}


WEEKDAY_NAMES = (
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ nhật"),
)


def weekday_name(day: dt.date) -> str:
    """``Thứ Hai`` … ``Chủ nhật`` (only that day's name is translated: a deadline's explanation names a dozen)."""
    return _(WEEKDAY_NAMES[day.weekday()])


@dataclass(frozen=True, slots=True)
class NoticeEntry:
    """One Government notice as the calendar sees it (a ``CalendarNotice`` row, or test data)."""

    kind: str
    title: str
    legal_basis: str = ""


@dataclass(frozen=True, slots=True)
class SwitchEntry:
    """One period of a switchable package day (a ``LegalRule`` row): a day off while ``value`` is 1."""

    value: int
    valid_from: dt.date
    valid_to: dt.date | None
    legal_basis: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Whether a day is worked, and why when that is not obvious from its weekday."""

    day: dt.date
    is_working: bool
    reason: str
    source: str = ""
    legal_basis: str = ""
    provisional: bool = False

    @property
    def weekday(self) -> str:
        return weekday_name(self.day)


@functools.lru_cache(maxsize=128)
def _package_year(year: int) -> tuple[Mapping[dt.date, str], frozenset[dt.date]]:
    """``holidays.VN`` for one year: days off with their Vietnamese names, and make-up Saturdays."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    names = MappingProxyType({day: str(name) for day, name in calendar.items() if day.year == year})
    workdays = frozenset(day for day in getattr(calendar, "weekend_workdays", ()) if day.year == year)
    return names, workdays


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            "date_out_of_range",
            _("Chỉ tính được ngày trong các năm %(first)s–%(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            status=422,
        )


@dataclass(frozen=True, slots=True)
class _Span:
    """Working-day flags for consecutive whole years, with a prefix count for O(1) adding and counting."""

    first_year: int
    last_year: int
    first: int  # ordinal of 1 January of first_year
    flags: bytes  # 1 = working day, indexed by ordinal - first
    prefix: array[int]  # prefix[i] = working days with index < i
    ordinals: array[int]  # ordinals of the working days, ascending

    def covers(self, first_year: int, last_year: int) -> bool:
        return self.first_year <= first_year and last_year <= self.last_year


@dataclass(frozen=True)
class RuleRef:
    """The legal rule a deadline was computed from, as the explanation shows it."""

    code: str
    name: str
    legal_basis: str
    note: str = ""


@dataclass(frozen=True)
class Deadline:
    """A computed due date that can explain itself: the rule, the start, each skipped day and why."""

    start: dt.date
    value: int
    day_kind: str
    due_on: dt.date
    nominal_on: dt.date  # before moving off a day off (calendar days); equals due_on for working days
    calendar: WorkCalendar = field(repr=False, compare=False)
    rule: RuleRef | None = None

    @property
    def is_moved(self) -> bool:
        return self.due_on != self.nominal_on

    @property
    def legal_basis(self) -> str:
        return self.rule.legal_basis if self.rule else ""

    @property
    def due_weekday(self) -> str:
        return weekday_name(self.due_on)

    def skipped_days(self) -> list[DayStatus]:
        """Days off passed over: in ``(start, due_on]`` for working days, ``[nominal_on, due_on)`` for calendar days."""
        if self.day_kind == DayKind.WORKING:
            return self.calendar.days_off_between(self.start, self.due_on)
        return self.calendar.days_off_between(self.nominal_on - dt.timedelta(days=1), self.due_on)

    def counted_special_days(self) -> list[DayStatus]:
        """Working days counted although a weekend or a package holiday (make-up days, cancelled holidays)."""
        if self.day_kind != DayKind.WORKING:
            return []
        return self.calendar.special_working_days_between(self.start, self.due_on)

    @property
    def explanation(self) -> list[str]:
        """Lines in Vietnamese, in reading order, ending with the due date.

        Kept by the calendar per deadline and language: every report filed on a day in one category has the same
        explanation, and working it out (each skipped day named) cost a submission ~0.2 ms."""
        key = (self, get_language())
        lines = self.calendar._explanations.get(key)
        if lines is None:
            lines = tuple(self._explain())
            if len(self.calendar._explanations) >= EXPLANATIONS_KEPT:
                self.calendar._explanations.clear()
            self.calendar._explanations[key] = lines
        return list(lines)

    def _explain(self) -> list[str]:
        lines: list[str] = []
        kind_label = _("ngày làm việc") if self.day_kind == DayKind.WORKING else _("ngày lịch")
        if self.rule:
            lines.append(
                _("Quy định: %(name)s – %(value)s %(kind)s (%(basis)s).")
                % {"name": self.rule.name, "value": self.value, "kind": kind_label, "basis": self.rule.legal_basis}
            )
            if self.rule.note:
                lines.append(_("Lưu ý: %(note)s") % {"note": self.rule.note})
        else:
            lines.append(_("Thời hạn: %(value)s %(kind)s.") % {"value": self.value, "kind": kind_label})
        lines.append(
            _("Ngày bắt đầu: %(date)s (%(weekday)s); ngày này không được tính.")
            % {"date": format_date(self.start), "weekday": weekday_name(self.start)}
        )
        if self.day_kind == DayKind.WORKING:
            lines.extend(self._working_lines())
        else:
            lines.extend(self._calendar_lines())
        provisional_years = sorted({status.day.year for status in self.skipped_days() if status.provisional})
        for year in provisional_years:
            lines.append(
                _(
                    "Năm %(year)s chưa có thông báo chính thức về lịch nghỉ lễ, tết: các ngày nghỉ năm này là dự "
                    "kiến; hạn sẽ được tính lại khi có thông báo."
                )
                % {"year": year}
            )
        lines.append(
            _("Hạn: %(date)s (%(weekday)s).") % {"date": format_date(self.due_on), "weekday": self.due_weekday}
        )
        return lines

    def _working_lines(self) -> list[str]:
        lines = []
        skipped = self.skipped_days()
        if skipped:
            lines.append(
                ngettext("Không tính %(count)s ngày nghỉ:", "Không tính %(count)s ngày nghỉ:", len(skipped))
                % {"count": len(skipped)}
            )
            lines.extend(_describe(status) for status in skipped)
        for status in self.counted_special_days():
            lines.append(
                _("Có tính %(day)s là ngày làm việc: %(reason)s") % {"day": _label(status.day), "reason": status.reason}
            )
        return lines

    def _calendar_lines(self) -> list[str]:
        lines = [
            _("%(start)s cộng %(value)s ngày là %(nominal)s.")
            % {"start": format_date(self.start), "value": self.value, "nominal": _label(self.nominal_on)}
        ]
        if self.is_moved:
            lines.append(_("Ngày cuối của thời hạn rơi vào ngày nghỉ, nên lùi sang ngày làm việc tiếp theo:"))
            lines.extend(_describe(status) for status in self.skipped_days())
        return lines


def _label(day: dt.date) -> str:
    return f"{format_date(day)} ({weekday_name(day)})"


def _describe(status: DayStatus) -> str:
    if status.day.weekday() >= SATURDAY:
        return f"{format_date(status.day)}: {status.reason}"
    return f"{_label(status.day)}: {status.reason}"


class WorkCalendar:
    """Days off and working days from ``holidays.VN`` with the notices on top; see the module docstring."""

    def __init__(
        self,
        notices: Mapping[dt.date, NoticeEntry] | None = None,
        switches: Mapping[str, Iterable[SwitchEntry]] | None = None,
    ) -> None:
        self._notices: Mapping[dt.date, NoticeEntry] = MappingProxyType(dict(notices or {}))
        self._switches: Mapping[str, tuple[SwitchEntry, ...]] = MappingProxyType(
            {code: tuple(entries) for code, entries in (switches or {}).items()}
        )
        # Years after the last one with a notice have no official schedule yet: the package's days are provisional.
        self._last_notified_year = max((day.year for day in self._notices), default=None)
        self._year_flags: dict[int, bytes] = {}
        self._span: _Span | None = None
        self._lock = threading.Lock()
        self._explanations: dict[tuple[Deadline, str | None], tuple[str, ...]] = {}  # Deadline.explanation
        # day_status per (day, language): explaining the deadlines of a few thousand plans at once (the sweep after
        # a day off) names the same days again and again. A few thousand entries; the calendar is rebuilt when a
        # notice or a switch changes, so an entry never goes stale.
        self._statuses: dict[tuple[dt.date, str | None], DayStatus] = {}
        self._unusual: dict[int, frozenset[dt.date]] = {}  # _unusual_days, per year

    @classmethod
    def load(cls, years: Iterable[int] | None = None) -> WorkCalendar:
        """A calendar with every notice (one query; the table holds a few rows a year), years pre-built."""
        calendar = cls(*_calendar_rows())
        wanted = sorted(set(years or ()))
        if wanted:
            calendar._ensure(wanted[0], wanted[-1])
        return calendar

    @property
    def notices(self) -> Mapping[dt.date, NoticeEntry]:
        return self._notices

    # --- building -------------------------------------------------------------------------------------------

    def _flags_for_year(self, year: int) -> bytes:
        flags = self._year_flags.get(year)
        if flags is None:
            names, package_workdays = _package_year(year)
            day = dt.date(year, 1, 1)
            values = bytearray()
            while day.year == year:
                values.append(1 if self._compute_is_working(day, names, package_workdays) else 0)
                day += dt.timedelta(days=1)
            flags = self._year_flags[year] = bytes(values)
        return flags

    def _compute_is_working(
        self, day: dt.date, names: Mapping[dt.date, str], package_workdays: frozenset[dt.date]
    ) -> bool:
        notice = self._notices.get(day)
        if notice is not None:
            return notice.kind == NoticeKind.WORKING_DAY
        if day in names and self._package_day_is_off(day):
            return False
        return day.weekday() < SATURDAY or day in package_workdays

    def _switch(self, day: dt.date) -> tuple[str, SwitchEntry | None] | None:
        """For a package day outside Art. 112: its rule code and the switch in force that day (``None``: none)."""
        code = SWITCHABLE_PACKAGE_DAYS.get((day.month, day.day))
        if code is None:
            return None
        return code, next((entry for entry in self._switches.get(code, ()) if entry.covers(day)), None)

    def _package_day_is_off(self, day: dt.date) -> bool:
        switch = self._switch(day)
        return switch is None or (switch[1] is not None and switch[1].value == 1)

    def is_provisional_year(self, year: int) -> bool:
        """True when no Government notice has been entered for ``year`` or a later year (package days only)."""
        return self._last_notified_year is not None and year > self._last_notified_year

    def _ensure(self, first_year: int, last_year: int) -> _Span:
        span = self._span
        if span is not None and span.covers(first_year, last_year):
            return span
        _check_year(first_year)
        _check_year(last_year)
        with self._lock:
            span = self._span
            if span is not None:
                first_year, last_year = min(first_year, span.first_year), max(last_year, span.last_year)
            flags = b"".join(self._flags_for_year(year) for year in range(first_year, last_year + 1))
            first = dt.date(first_year, 1, 1).toordinal()
            prefix = array("l", [0])
            ordinals = array("l")
            count = 0
            for index, working in enumerate(flags):
                if working:
                    count += 1
                    ordinals.append(first + index)
                prefix.append(count)
            span = _Span(first_year, last_year, first, flags, prefix, ordinals)
            self._span = span
        return span

    # --- questions ------------------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        span = self._ensure(day.year, day.year)
        return bool(span.flags[day.toordinal() - span.first])

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after ``start`` (``start`` itself is never counted); ``start`` when ``n == 0``."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return start
        last_year = min(start.year + n // 200 + 1, LAST_YEAR)
        while True:
            span = self._ensure(start.year, last_year)
            index = span.prefix[start.toordinal() - span.first + 1] + n - 1
            if index < len(span.ordinals):
                return dt.date.fromordinal(span.ordinals[index])
            if last_year >= LAST_YEAR:
                _check_year(last_year + 1)
            last_year += 1

    def count_working_days(self, a: dt.date, b: dt.date) -> int:
        """Working days in ``(a, b]``; negative when ``b`` is before ``a``."""
        low, high = (a, b) if a <= b else (b, a)
        span = self._ensure(low.year, high.year)
        count = span.prefix[high.toordinal() - span.first + 1] - span.prefix[low.toordinal() - span.first + 1]
        return count if a <= b else -count

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def past_due_from(self, on: dt.date) -> dt.date:
        """A deadline (a date) before the day returned is past on ``on``. A deadline falling on a day off runs to the
        end of the next working day (Civil Code 2015 Art. 148(5)), so the days off just before ``on`` are not past
        yet: on Monday 9/3/2026 a deadline of Saturday 7/3 is still due, one of Friday 6/3 is past."""
        day = on - dt.timedelta(days=1)
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day + dt.timedelta(days=1)

    def day_status(self, day: dt.date) -> DayStatus:
        """Why ``day`` is (or is not) a working day: a notice, a holiday, a weekend, or nothing special."""
        return self._statuses_of((day,), working=None)[0]

    def _statuses_of(self, days: Iterable[dt.date], *, working: bool | None) -> list[DayStatus]:
        """The status of each of ``days`` that is a working day (``working``), a day off (not ``working``), or
        either (None); each worked out once per calendar and language."""
        language = get_language()
        kept = self._statuses
        statuses = []
        for day in days:
            if working is not None and self.is_working_day(day) is not working:
                continue
            status = kept.get((day, language))
            if status is None:
                status = kept[(day, language)] = self._work_out_status(day)
            statuses.append(status)
        return statuses

    def _work_out_status(self, day: dt.date) -> DayStatus:
        is_working = self.is_working_day(day)
        names, package_workdays = _package_year(day.year)
        notice = self._notices.get(day)
        weekend = day.weekday() >= SATURDAY
        if notice is not None:
            reason = f"{weekday_name(day)}, {notice.title}" if weekend and not is_working else notice.title
            return DayStatus(day, is_working, reason, SOURCE_NOTICE, notice.legal_basis)
        if day in names:
            switch = self._switch(day)
            if switch is not None:
                entry = switch[1]
                basis = entry.legal_basis if entry is not None and entry.value == 1 else ""
                if is_working:
                    reason = _("%(name)s: không phải ngày nghỉ lễ theo quy định đang áp dụng") % {"name": names[day]}
                    return DayStatus(day, is_working, reason, SOURCE_RULE)
                reason = f"{weekday_name(day)}, {names[day]}" if weekend else names[day]
                return DayStatus(day, is_working, reason, SOURCE_RULE, basis)
            provisional = self.is_provisional_year(day.year)
            reason = f"{weekday_name(day)}, {names[day]}" if weekend else names[day]
            if provisional:
                reason = _("%(reason)s (dự kiến)") % {"reason": reason}
            return DayStatus(day, is_working, reason, SOURCE_HOLIDAYS, LABOUR_CODE_HOLIDAYS, provisional)
        if day in package_workdays:
            provisional = self.is_provisional_year(day.year)
            reason = _("Ngày làm việc bù (dự kiến)") if provisional else _("Ngày làm việc bù")
            return DayStatus(day, is_working, reason, SOURCE_HOLIDAYS, provisional=provisional)
        if weekend:
            return DayStatus(day, is_working, weekday_name(day), SOURCE_WEEKEND)
        return DayStatus(day, is_working, "")

    def days_off_between(self, a: dt.date, b: dt.date) -> list[DayStatus]:
        """Days off in ``(a, b]`` with their reasons."""
        if b <= a:
            return []
        span = self._ensure(a.year, b.year)
        first, end = a.toordinal() + 1 - span.first, b.toordinal() + 1 - span.first
        days_off = []
        index = span.flags.find(0, first, end)  # the flags are bytes: found in C, not a day at a time
        while index != -1:
            days_off.append(dt.date.fromordinal(span.first + index))
            index = span.flags.find(0, index + 1, end)
        return self._statuses_of(days_off, working=None)

    def special_working_days_between(self, a: dt.date, b: dt.date) -> list[DayStatus]:
        """Working days in ``(a, b]`` that a weekend or a package holiday would otherwise make days off."""
        if b <= a:
            return []
        unusual = sorted(day for year in range(a.year, b.year + 1) for day in self._unusual_days(year) if a < day <= b)
        return [status for status in self._statuses_of(unusual, working=True) if status.source]

    def _unusual_days(self, year: int) -> frozenset[dt.date]:
        """The days of ``year`` a notice, a holiday or a make-up day concerns: the only ones that can be working days
        with a reason (a weekend is worked only by a notice or a make-up day)."""
        days = self._unusual.get(year)
        if days is None:
            names, package_workdays = _package_year(year)
            notices = (day for day in self._notices if day.year == year)
            days = self._unusual[year] = frozenset({*names, *package_workdays, *notices})
        return days

    def special_days(self, year: int) -> list[DayStatus]:
        """Every day of ``year`` that is not an ordinary weekday or weekend: holidays, notices, make-up days."""
        _check_year(year)
        return self._statuses_of(sorted(self._unusual_days(year)), working=None)

    # --- deadlines ------------------------------------------------------------------------------------------

    def working_deadline(self, start: dt.date, n: int) -> Deadline:
        due_on = self.add_working_days(start, n)
        return Deadline(start, n, DayKind.WORKING, due_on, due_on, self)

    def calendar_deadline(self, start: dt.date, n_days: int) -> Deadline:
        if n_days < 0:
            raise ValueError("n_days must not be negative")
        nominal = start + dt.timedelta(days=n_days)
        return Deadline(start, n_days, DayKind.CALENDAR, self.next_working_day(nominal), nominal, self)

    def compute_deadline(self, start: dt.date, value: int, day_kind: str) -> Deadline:
        """Dispatch on :class:`DayKind`; ``none`` is not a deadline and is refused."""
        if value < 0:
            raise DomainError("invalid_days", _("Số ngày không được âm."), status=422)
        if day_kind == DayKind.WORKING:
            return self.working_deadline(start, value)
        if day_kind == DayKind.CALENDAR:
            return self.calendar_deadline(start, value)
        raise DomainError("not_a_deadline", _("Loại ngày này không dùng để tính hạn."), status=422)


def _days(a: dt.date, b: dt.date) -> Iterable[dt.date]:
    """The days of ``(a, b]``."""
    day = a + dt.timedelta(days=1)
    while day <= b:
        yield day
        day += dt.timedelta(days=1)


# --- the shared calendar ------------------------------------------------------------------------------------

# Notices and rules change a few times a year; every process shares the version of what it built from them through
# Django's cache (core/shared_cache.py, docs/decisions/0016-object-storage-and-caches.md). The deadline clock (cases/clock.py) uses it as well.
CALENDAR_VERSION = SharedVersion("calendar")


def _calendar_rows(part: str = "") -> tuple[dict[dt.date, NoticeEntry], dict[str, list[SwitchEntry]]]:
    """What a calendar is built from: the notices and the switches of the package days (two small queries)."""
    notices = {
        row.date: NoticeEntry(kind=row.kind, title=row.title, legal_basis=row.legal_basis)
        for row in CalendarNotice.objects.all()
    }
    switches: dict[str, list[SwitchEntry]] = {}
    for rule in LegalRule.objects.filter(code__in=set(SWITCHABLE_PACKAGE_DAYS.values())):
        switches.setdefault(rule.code, []).append(
            SwitchEntry(rule.value, rule.valid_from, rule.valid_to, rule.legal_basis)
        )
    return notices, switches


_shared: SharedValue[WorkCalendar] = SharedValue(
    CALENDAR_VERSION, "calendar:rows", _calendar_rows, lambda rows: WorkCalendar(*rows)
)


def default_calendar() -> WorkCalendar:
    """The shared calendar: built once per process and version, rebuilt on every node after a notice changes."""
    return _shared.get()


def invalidate_calendar_cache() -> None:
    """A new calendar version for every process; this one reloads the notices on its next call."""
    CALENDAR_VERSION.bump()
    CALENDAR_VERSION.forget_local()
    _shared.forget_local()


@receiver([post_save, post_delete], sender=CalendarNotice, dispatch_uid="danvan.core.workdays.invalidate")
@receiver([post_save, post_delete], sender=LegalRule, dispatch_uid="danvan.core.workdays.invalidate_rules")
def _notice_changed(sender: type[CalendarNotice | LegalRule], **kwargs: Any) -> None:
    # This thread sees its own change at once; every process gets a new version when the transaction commits
    # (a calendar built before the commit could have read a row that is then rolled back).
    CALENDAR_VERSION.changed()


def is_working_day(day: dt.date) -> bool:
    return default_calendar().is_working_day(day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    return default_calendar().add_working_days(start, n)


def count_working_days(a: dt.date, b: dt.date) -> int:
    return default_calendar().count_working_days(a, b)


def next_working_day(day: dt.date) -> dt.date:
    return default_calendar().next_working_day(day)


def past_due_from(on: dt.date) -> dt.date:
    return default_calendar().past_due_from(on)


def working_deadline(start: dt.date, n: int) -> Deadline:
    return default_calendar().working_deadline(start, n)


def calendar_deadline(start: dt.date, n_days: int) -> Deadline:
    return default_calendar().calendar_deadline(start, n_days)


def compute_deadline(start: dt.date, value: int, day_kind: str) -> Deadline:
    return default_calendar().compute_deadline(start, value, day_kind)
