"""Report periods (codes, previous period, same period last year, cut-off) and the Vietnamese phrasing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from danvan.core.errors import DomainError
from danvan.reporting.indicators import rate
from danvan.reporting.periods import dates_period, parse_period, with_cutoff
from danvan.reporting.phrasing import change_phrase, difference_phrase, figure_phrase, rate_phrase, ratio_phrase
from danvan.reporting.tests import golden

D = dt.date


@pytest.mark.parametrize(
    ("code", "start", "end", "label", "previous", "last_year"),
    [
        ("2026-M03", D(2026, 3, 1), D(2026, 3, 31), "Tháng 3 năm 2026", "2026-M02", "2025-M03"),
        ("2026-M01", D(2026, 1, 1), D(2026, 1, 31), "Tháng 1 năm 2026", "2025-M12", "2025-M01"),
        ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31), "Quý I năm 2026", "2025-Q4", "2025-Q1"),
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), "6 tháng đầu năm 2026", "2025-H2", "2025-H1"),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31), "6 tháng cuối năm 2026", "2026-H1", "2025-H2"),
        ("2026-9M", D(2026, 1, 1), D(2026, 9, 30), "9 tháng năm 2026", "2025-9M", "2025-9M"),
        ("2026", D(2026, 1, 1), D(2026, 12, 31), "Năm 2026", "2025", "2025"),
        ("2021-2025", D(2021, 1, 1), D(2025, 12, 31), "Giai đoạn 2021–2025", "2016-2020", "2016-2020"),
    ],
)
def test_codes(code, start, end, label, previous, last_year):
    period = parse_period(code)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.previous().code == previous
    assert period.same_period_last_year().code == last_year


def test_custom_dates_and_leap_day():
    period = parse_period("2024-02-10..2024-02-29")
    assert period.kind == "D" and period.label == "10/02/2024 – 29/02/2024"
    assert period.previous().period.end == D(2024, 2, 9) and period.previous().period.days == 20
    assert period.same_period_last_year().period.end == D(2023, 2, 28)
    assert parse_period("2026-01-01..2026-03-31").code == "2026-Q1"  # two dates that are a quarter


@pytest.mark.parametrize(
    "code", ["2026-03-31..2026-01-01", "2025-2021", "2026-M13", "2026-Q5", "abc", "", "1999", "2026-01-01..2032-01-01"]
)
def test_bad_periods(code):
    with pytest.raises(DomainError) as error:
        parse_period(code)
    assert error.value.code == "invalid_period" and error.value.status == 422


def test_period_ending_before_it_starts():
    with pytest.raises(DomainError) as error:
        dates_period(D(2026, 5, 1), D(2026, 4, 30))
    assert "trước khi bắt đầu" in str(error.value.message)


def test_cutoff():
    year = with_cutoff(parse_period("2026"), 14)
    assert (year.start, year.end, year.label) == (D(2025, 12, 15), D(2026, 12, 14), "Năm 2026")
    half = with_cutoff(parse_period("2026-H1"), 14)
    assert (half.start, half.end) == (D(2025, 12, 15), D(2026, 6, 14))
    assert with_cutoff(parse_period("2026"), None).start == D(2026, 1, 1)
    assert (year.previous().start, year.previous().end) == (D(2024, 12, 15), D(2025, 12, 14))
    quarter = with_cutoff(parse_period("2026-Q1"), 14)
    assert (quarter.start, quarter.end, quarter.label) == (D(2025, 12, 15), D(2026, 3, 14), "Quý I năm 2026")
    assert quarter.same_period_last_year().start == D(2024, 12, 15)


def test_golden_phrases():
    assert change_phrase(golden.VISITS_2022, golden.VISITS_2021) == golden.VISITS_CHANGE
    assert change_phrase(137, 184, against="năm 2021") == golden.VISITS_SENTENCE
    assert rate(golden.CCHC_ON_TIME, golden.CCHC_RECEIVED) == Decimal(golden.CCHC_RATE)
    assert rate_phrase(rate(golden.CCHC_ON_TIME, golden.CCHC_RECEIVED)) == golden.CCHC_SENTENCE
    assert ratio_phrase(golden.CCHC_ON_TIME, golden.CCHC_RECEIVED) == golden.CCHC_RATIO


def test_phrases():
    assert change_phrase(9, 8) == "tăng 12,5%"
    assert change_phrase(5, 5, against="năm 2025") == "bằng năm 2025"
    assert change_phrase(5, 5) == "bằng"
    assert change_phrase(3, 0) == ""  # nothing before: no percentage
    assert difference_phrase(57, 54, "mô hình") == "tăng 3 mô hình"
    assert difference_phrase(52, 54, "mô hình", against="năm 2025") == "giảm 2 mô hình so với năm 2025"
    assert figure_phrase(33838, "hồ sơ") == "33.838 hồ sơ"
    assert figure_phrase(Decimal("12.5"), "ngày") == "12,5 ngày"
    assert figure_phrase(Decimal("77.8"), "%") == "77,8%"
    # half-up: 0,05 rounds up
    assert rate(1, 2000) == Decimal("0.1")
    assert rate(1, 0) is None
