"""Working days and deadlines: Tết 2025 and 2026, make-up Saturdays, 30/4–1/5, 2/9, and properties."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core import workdays
from danvan.core.errors import DomainError
from danvan.core.models import CalendarNotice, DayKind, NoticeKind
from danvan.core.workdays import NoticeEntry, WorkCalendar

D = dt.date


@pytest.fixture(autouse=True)
def fresh_calendar():
    """The shared calendar must not leak notices created inside a rolled-back test."""
    workdays.invalidate_calendar_cache()
    yield
    workdays.invalidate_calendar_cache()


# --- against the seeded notices (migration core 0004) ------------------------------------------------------

WORKING_DAY_CASES = [
    # Tết Ất Tỵ 2025: off Sat 25/01 – Sun 02/02, 27/01 swapped for Sat 08/02
    (D(2025, 1, 24), True),
    (D(2025, 1, 25), False),
    (D(2025, 1, 27), False),
    (D(2025, 1, 28), False),
    (D(2025, 1, 29), False),
    (D(2025, 1, 31), False),
    (D(2025, 2, 1), False),
    (D(2025, 2, 3), True),
    (D(2025, 2, 8), True),  # make-up Saturday the package misses
    (D(2025, 2, 9), False),
    # Tết Bính Ngọ 2026: 16–20/02 (Mon–Fri), nine days off with the weekends, no swap
    (D(2026, 2, 13), True),
    (D(2026, 2, 14), False),
    (D(2026, 2, 16), False),
    (D(2026, 2, 17), False),
    (D(2026, 2, 20), False),
    (D(2026, 2, 21), False),
    (D(2026, 2, 23), True),
    # 30/4–1/5
    (D(2024, 4, 29), False),  # swapped
    (D(2024, 5, 4), True),  # make-up Saturday
    (D(2025, 4, 26), True),  # make-up Saturday
    (D(2025, 5, 2), False),  # swapped
    (D(2026, 4, 27), False),  # Hùng Kings on Sunday 26/04, observed Monday
    (D(2026, 4, 28), True),
    (D(2026, 4, 30), False),
    (D(2026, 5, 1), False),
    # 2/9
    (D(2024, 9, 2), False),
    (D(2024, 9, 3), False),
    (D(2025, 9, 1), False),
    (D(2025, 9, 2), False),
    (D(2025, 9, 3), True),
    (D(2026, 8, 22), True),  # make-up Saturday
    (D(2026, 8, 31), False),  # swapped
    (D(2026, 9, 1), False),
    (D(2026, 9, 2), False),
    (D(2026, 9, 3), True),
    # ordinary days
    (D(2026, 3, 10), True),
    (D(2026, 3, 14), False),
    (D(2026, 3, 15), False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "expected"), WORKING_DAY_CASES)
def test_is_working_day(day, expected):
    assert workdays.is_working_day(day) is expected


ADD_CASES = [
    # start, n working days, due (start itself never counted)
    (D(2025, 1, 24), 1, D(2025, 2, 3)),  # over Tết 2025
    (D(2025, 1, 24), 5, D(2025, 2, 7)),
    (D(2025, 1, 24), 6, D(2025, 2, 8)),  # lands on the make-up Saturday
    (D(2025, 1, 24), 7, D(2025, 2, 10)),
    (D(2025, 1, 25), 1, D(2025, 2, 3)),  # received on a day off
    (D(2026, 2, 13), 1, D(2026, 2, 23)),  # over Tết 2026
    (D(2026, 2, 12), 10, D(2026, 3, 5)),
    (D(2026, 2, 16), 7, D(2026, 3, 3)),  # received during Tết
    (D(2024, 4, 26), 1, D(2024, 5, 2)),
    (D(2024, 5, 3), 1, D(2024, 5, 4)),  # make-up Saturday 2024
    (D(2025, 4, 25), 1, D(2025, 4, 26)),  # make-up Saturday 2025
    (D(2025, 4, 29), 1, D(2025, 5, 5)),
    (D(2026, 4, 24), 3, D(2026, 5, 4)),  # Hùng Kings observed, 30/4, 1/5
    (D(2025, 8, 29), 1, D(2025, 9, 3)),
    (D(2026, 8, 21), 1, D(2026, 8, 22)),  # make-up Saturday 2026
    (D(2026, 8, 28), 1, D(2026, 9, 3)),
    (D(2026, 6, 30), 10, D(2026, 7, 14)),
    (D(2026, 3, 10), 0, D(2026, 3, 10)),
    (D(2024, 12, 31), 1, D(2025, 1, 2)),  # across a year end and New Year's Day
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "n", "due"), ADD_CASES)
def test_add_and_count_working_days(start, n, due):
    assert workdays.add_working_days(start, n) == due
    assert workdays.count_working_days(start, due) == n


CALENDAR_CASES = [
    # start, n calendar days, due (moved forward off a day off)
    (D(2025, 1, 14), 15, D(2025, 2, 3)),  # 29/01/2025 is Tết
    (D(2026, 1, 17), 30, D(2026, 2, 23)),  # 16/02/2026 is Tết
    (D(2025, 1, 9), 30, D(2025, 2, 8)),  # the make-up Saturday is a working day: not moved
    (D(2026, 4, 1), 29, D(2026, 5, 4)),  # 30/04/2026
    (D(2025, 8, 3), 30, D(2025, 9, 3)),  # 02/09/2025
    (D(2026, 3, 1), 9, D(2026, 3, 10)),  # an ordinary Tuesday
    (D(2026, 3, 5), 9, D(2026, 3, 16)),  # Saturday → Monday
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "n", "due"), CALENDAR_CASES)
def test_calendar_deadline(start, n, due):
    deadline = workdays.calendar_deadline(start, n)
    assert deadline.due_on == due
    assert deadline.nominal_on == start + dt.timedelta(days=n)
    assert deadline.is_moved is (due != deadline.nominal_on)


@pytest.mark.django_db
def test_working_deadline_explains_skipped_days_and_make_up_saturday():
    deadline = workdays.working_deadline(D(2025, 1, 24), 7)
    lines = deadline.explanation
    text = "\n".join(lines)
    assert deadline.due_on == D(2025, 2, 10)
    assert lines[0] == "Thời hạn: 7 ngày làm việc."
    assert "Ngày bắt đầu: 24/01/2025 (Thứ Sáu); ngày này không được tính." in lines
    assert "25/01/2025: Thứ Bảy" in lines
    assert "26/01/2025: Chủ nhật" in lines
    assert "27/01/2025 (Thứ Hai): Nghỉ Tết Nguyên đán Ất Tỵ (hoán đổi, làm bù thứ Bảy 08/02/2025)" in lines
    assert "29/01/2025 (Thứ Tư): Tết Nguyên Đán" in lines
    assert "01/02/2025: Thứ Bảy, Mùng bốn Tết Nguyên Đán" in lines
    assert "Có tính 08/02/2025 (Thứ Bảy) là ngày làm việc" in text
    assert lines[-1] == "Hạn: 10/02/2025 (Thứ Hai)."
    assert [status.day for status in deadline.skipped_days()] == [
        D(2025, 1, 25), D(2025, 1, 26), D(2025, 1, 27), D(2025, 1, 28), D(2025, 1, 29), D(2025, 1, 30),
        D(2025, 1, 31), D(2025, 2, 1), D(2025, 2, 2), D(2025, 2, 9),
    ]  # fmt: skip


@pytest.mark.django_db
def test_calendar_deadline_on_a_holiday_explains_the_move():
    deadline = workdays.calendar_deadline(D(2026, 1, 17), 30)
    lines = deadline.explanation
    assert lines[0] == "Thời hạn: 30 ngày lịch."
    assert "17/01/2026 cộng 30 ngày là 16/02/2026 (Thứ Hai)." in lines
    assert "16/02/2026 (Thứ Hai): Tết Nguyên đán Bính Ngọ 2026 (Giao thừa)" in lines
    assert "21/02/2026: Thứ Bảy" in lines
    assert lines[-1] == "Hạn: 23/02/2026 (Thứ Hai)."


@pytest.mark.django_db
def test_an_explanation_is_kept_per_deadline_and_language():
    from django.utils import translation

    calendar = workdays.default_calendar()
    first = calendar.working_deadline(D(2025, 1, 24), 7).explanation
    first.append("changed by a caller")
    again = calendar.working_deadline(D(2025, 1, 24), 7).explanation
    assert again == first[:-1] and again[-1] == "Hạn: 10/02/2025 (Thứ Hai)."
    assert calendar.working_deadline(D(2025, 1, 24), 8).explanation[-1] == "Hạn: 11/02/2025 (Thứ Ba)."
    with translation.override("en"):
        english = calendar.working_deadline(D(2025, 1, 24), 7).explanation
    assert english != again and "10/02/2025" in english[-1]
    # another calendar (a notice changed) works it out again
    assert WorkCalendar().working_deadline(D(2025, 1, 24), 7).explanation != again


@pytest.mark.django_db
def test_compute_deadline_dispatches_on_day_kind():
    assert workdays.compute_deadline(D(2026, 2, 13), 1, DayKind.WORKING).due_on == D(2026, 2, 23)
    assert workdays.compute_deadline(D(2026, 2, 13), 1, DayKind.CALENDAR).due_on == D(2026, 2, 23)
    assert workdays.compute_deadline(D(2026, 2, 9), 3, DayKind.CALENDAR).due_on == D(2026, 2, 12)
    with pytest.raises(DomainError) as error:
        workdays.compute_deadline(D(2026, 2, 13), 1, DayKind.NONE)
    assert error.value.code == "not_a_deadline"


@pytest.mark.django_db
def test_dates_outside_the_supported_years_are_refused():
    with pytest.raises(DomainError) as error:
        workdays.is_working_day(D(1990, 1, 1))
    assert error.value.code == "date_out_of_range"
    assert "2000" in str(error.value.message)


@pytest.mark.django_db
def test_a_new_notice_applies_at_once():
    assert workdays.is_working_day(D(2026, 3, 10))
    CalendarNotice.objects.create(
        date=D(2026, 3, 10), kind=NoticeKind.DAY_OFF, title="Nghỉ đột xuất (thử)", legal_basis="Thông báo thử"
    )
    assert not workdays.is_working_day(D(2026, 3, 10))
    assert workdays.add_working_days(D(2026, 3, 9), 1) == D(2026, 3, 11)
    assert workdays.working_deadline(D(2026, 3, 9), 1).skipped_days()[0].reason == "Nghỉ đột xuất (thử)"
    CalendarNotice.objects.filter(date=D(2026, 3, 10)).delete()
    assert workdays.is_working_day(D(2026, 3, 10))


@pytest.mark.django_db
def test_special_days_of_2026_list_holidays_and_notices():
    days = {status.day: status for status in workdays.default_calendar().special_days(2026)}
    assert not days[D(2026, 2, 17)].is_working
    assert days[D(2026, 8, 22)].is_working
    assert days[D(2026, 8, 22)].source == workdays.SOURCE_NOTICE
    assert days[D(2026, 8, 22)].legal_basis.startswith("Thông báo của Chính phủ")
    assert "[" not in days[D(2026, 8, 22)].legal_basis


# --- properties, on a calendar built without the database ------------------------------------------------

NOTICES = {
    D(2025, 1, 27): NoticeEntry(NoticeKind.DAY_OFF, "Nghỉ hoán đổi"),
    D(2025, 2, 8): NoticeEntry(NoticeKind.WORKING_DAY, "Làm việc bù"),
    D(2026, 11, 24): NoticeEntry(NoticeKind.WORKING_DAY, "Không nghỉ (thử: ghi đè ngày lễ của gói)"),
    D(2027, 3, 3): NoticeEntry(NoticeKind.DAY_OFF, "Nghỉ đột xuất (thử)"),
}
CALENDAR = WorkCalendar(NOTICES)
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))
counts = st.integers(min_value=0, max_value=400)


def expected_is_working(day: dt.date) -> bool:
    """The precedence rules, restated directly from the package (the oracle for the prefix arrays)."""
    if day in NOTICES:
        return NOTICES[day].kind == NoticeKind.WORKING_DAY
    package = holidays.country_holidays("VN", years=day.year, language="vi")
    if day in package and (day.month, day.day) not in workdays.SWITCHABLE_PACKAGE_DAYS:
        return False  # a package day outside Art. 112 is off only when switched on (none here)
    return day.weekday() < 5 or day in getattr(package, "weekend_workdays", set())


def test_notices_override_the_package():
    assert not CALENDAR.is_working_day(D(2027, 3, 3))
    assert CALENDAR.is_working_day(D(2026, 11, 24))  # a package holiday a notice cancels
    assert CALENDAR.is_working_day(D(2025, 2, 8))


@settings(max_examples=200, deadline=None)
@given(start=dates, n=counts)
def test_adding_then_counting_gives_n(start, n):
    assert CALENDAR.count_working_days(start, CALENDAR.add_working_days(start, n)) == n


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=400))
def test_added_day_is_a_working_day_after_start(start, n):
    due = CALENDAR.add_working_days(start, n)
    assert due > start
    assert CALENDAR.is_working_day(due)
    assert CALENDAR.count_working_days(start, due - dt.timedelta(days=1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(start=dates, n=counts)
def test_calendar_deadline_is_the_first_working_day_on_or_after_start_plus_n(start, n):
    deadline = CALENDAR.calendar_deadline(start, n)
    nominal = start + dt.timedelta(days=n)
    assert deadline.due_on >= nominal
    assert CALENDAR.is_working_day(deadline.due_on)
    assert CALENDAR.count_working_days(nominal - dt.timedelta(days=1), deadline.due_on) == 1
    assert all(not status.is_working for status in deadline.skipped_days())


@settings(max_examples=200, deadline=None)
@given(a=dates, b=dates, c=dates)
def test_counting_is_antisymmetric_and_additive(a, b, c):
    assert CALENDAR.count_working_days(a, b) == -CALENDAR.count_working_days(b, a)
    assert CALENDAR.count_working_days(a, b) + CALENDAR.count_working_days(b, c) == CALENDAR.count_working_days(a, c)


@settings(max_examples=200, deadline=None)
@given(day=dates)
def test_is_working_day_matches_the_precedence_rules(day):
    assert CALENDAR.is_working_day(day) is expected_is_working(day)


@settings(max_examples=100, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=60))
def test_add_working_days_matches_counting_day_by_day(start, n):
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += expected_is_working(day)
    assert CALENDAR.add_working_days(start, n) == day


@pytest.mark.django_db
def test_a_deadline_on_a_day_off_is_past_only_after_the_next_working_day():
    from danvan.core.workdays import past_due_from

    assert past_due_from(dt.date(2026, 3, 9)) == dt.date(
        2026, 3, 7
    )  # Monday: Friday's deadline is past, Saturday's not
    assert past_due_from(dt.date(2026, 3, 10)) == dt.date(2026, 3, 10)  # Tuesday: Monday's is past
    assert past_due_from(dt.date(2026, 5, 4)) == dt.date(2026, 4, 30)  # after 30/4, 1/5 and the weekend: still due
    assert past_due_from(dt.date(2026, 5, 5)) == dt.date(2026, 5, 5)
    assert past_due_from(dt.date(2026, 5, 2)) == dt.date(2026, 4, 30)  # on a day off, nothing new is past


@settings(max_examples=200, deadline=None)
@given(a=dates, span=st.integers(min_value=-5, max_value=800))
def test_the_days_off_and_special_working_days_of_a_window_are_those_found_day_by_day(a, span):
    """``days_off_between`` finds the days off in the flags and ``special_working_days_between`` looks only at the
    days a notice, a holiday or a make-up day concerns: both give what asking each day of ``(a, b]`` gives."""
    b = a + dt.timedelta(days=span)
    each_day = [a + dt.timedelta(days=k) for k in range(1, span + 1)]
    assert CALENDAR.days_off_between(a, b) == [
        CALENDAR.day_status(day) for day in each_day if not CALENDAR.is_working_day(day)
    ]
    assert CALENDAR.special_working_days_between(a, b) == [
        status for status in map(CALENDAR.day_status, each_day) if status.is_working and status.source
    ]
