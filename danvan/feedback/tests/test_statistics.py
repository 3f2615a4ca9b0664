"""The feedback figures: exact numbers for a quarter and the quarter before, by category and channel, in two
grouped queries whatever the number of reports."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.core.periods import Period, period_of_year
from danvan.demo.feedback import at, report_with_outcome
from danvan.feedback.models import ReportChannel, ReportState
from danvan.feedback.statistics import feedback_statistics, median_of

Q2 = period_of_year(2026, "q2")  # 1/4–30/6/2026; the quarter before: 1/1–31/3/2026
TODAY = dt.date(2026, 7, 15)


@pytest.fixture
def planted(cast):
    """At Đồng Xuân, in Q2: 8 reports; in Q1: 3; one at Buôn Ma Thuột (same province) and one in July (outside)."""
    dx = cast.dong_xuan
    d = dt.date(2026, 4, 6)
    # Q2 — answered: 10 h (on time, rated 5), 20 h (on time, rated 4), 30 h (late, rated 2), 40 h (on time, no
    # rating, via Open311); refused; merged; open past due (overdue); open not yet due.
    report_with_outcome(dx, at(d), answer_hours=10, rating=5)
    report_with_outcome(dx, at(d), answer_hours=20, rating=4, category="waste")
    report_with_outcome(dx, at(d), answer_hours=30, late=True, rating=2)
    report_with_outcome(dx, at(d), answer_hours=40, channel=ReportChannel.OPEN311, category="waste")
    report_with_outcome(dx, at(d), state=ReportState.REFUSED, category="other")
    report_with_outcome(dx, at(d), state=ReportState.MERGED)
    report_with_outcome(dx, at(dt.date(2026, 6, 30), 23), state=ReportState.ACCEPTED, due_on=dt.date(2026, 7, 10))
    report_with_outcome(dx, at(dt.date(2026, 6, 29)), state=ReportState.NEW, due_on=dt.date(2026, 7, 20))
    # Q1 — answered 5 h on time rated 3, 15 h late; one received 31/3 at 23:00 (still Q1 in local time), open, due.
    report_with_outcome(dx, at(dt.date(2026, 2, 2)), answer_hours=5, rating=3)
    report_with_outcome(dx, at(dt.date(2026, 3, 2)), answer_hours=15, late=True, channel=ReportChannel.API)
    report_with_outcome(dx, at(dt.date(2026, 3, 31), 23), state=ReportState.ACCEPTED, due_on=dt.date(2026, 4, 14))
    # Elsewhere or outside the periods.
    report_with_outcome(cast.buon_ma_thuot, at(d), answer_hours=100, rating=1)
    report_with_outcome(dx, at(dt.date(2026, 7, 1), 0), answer_hours=1, rating=5)
    return cast


def test_the_commune_figures_of_a_quarter_and_the_quarter_before(planted, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # paths of the unit, two grouped figure queries (with category names)
        stats = feedback_statistics(unit=planted.dong_xuan, period=Q2, today=TODAY)
    now, before = stats.current, stats.previous
    assert stats.previous_period == Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert (now.received, now.answered, now.on_time, now.late) == (8, 4, 3, 1)
    assert (now.refused, now.merged, now.handled, now.overdue) == (1, 1, 6, 1)
    assert now.on_time_rate == Decimal("60.0")  # 3 on time of 4 answered + 1 overdue
    assert now.median_hours == Decimal("25.0") and now.median_days == Decimal("1.0")
    assert (now.rated, now.mean_rating, now.satisfied_share) == (3, Decimal("3.67"), Decimal("66.7"))
    assert (before.received, before.answered, before.on_time, before.late, before.overdue) == (3, 2, 1, 1, 1)
    assert before.on_time_rate == Decimal("33.3") and before.median_hours == Decimal("10.0")
    assert (before.rated, before.mean_rating, before.satisfied_share) == (1, Decimal("3.00"), Decimal("0.0"))
    rows = {row.code: row for row in stats.rows}
    assert rows["received"].change_text == "tăng 166,7%"
    assert rows["on_time_rate"].current_text == "60,0%" and rows["on_time_rate"].change == Decimal("26.7")
    assert rows["median_hours"].current_text == "25 giờ (1,0 ngày)"


def test_the_queries_are_built_once_and_every_period_counts_as_a_fresh_build(planted, django_assert_num_queries):
    """Issue 15: the two grouped queries are compiled once per subtree (``core.compiled``) and run with each
    period's instants and today; the figures, slices and labels are those of a fresh build."""
    from danvan.core import compiled

    calls = [(Q2, TODAY), (period_of_year(2026, "q1"), TODAY), (Q2, dt.date(2026, 7, 1))]
    fresh = []
    for period, today in calls:
        compiled.forget()
        fresh.append(feedback_statistics(unit=planted.dong_xuan, period=period, today=today))
    for (period, today), expected in zip(calls, fresh, strict=True):
        with django_assert_num_queries(3):
            again = feedback_statistics(unit=planted.dong_xuan, period=period, today=today)
        assert again == expected
    assert (fresh[0].current.received, fresh[1].current.received) == (8, 3)
    assert fresh[0].current.overdue == 1 and fresh[2].current.overdue == 0  # due 10/7: not yet on 1/7


def test_the_breakdowns_by_category_and_channel(planted):
    stats = feedback_statistics(unit=planted.dong_xuan, period=Q2, today=TODAY)
    categories = {item.label: item for item in stats.by_category}
    flooding = categories["Ngập úng, thoát nước"]
    assert (flooding.current.received, flooding.current.on_time, flooding.current.late) == (5, 1, 1)
    assert flooding.current.median_hours == Decimal("20.0") and flooding.previous.received == 3
    waste = next(item for item in stats.by_category if item.current.received == 2)
    assert waste.current.median_hours == Decimal("30.0") and waste.previous.received == 0
    channels = {item.code: item for item in stats.by_channel}
    assert channels["web"].current.received == 7 and channels["open311"].current.answered == 1
    assert channels["open311"].current.median_hours == Decimal("40.0")
    assert channels["api"].current.received == 0 and channels["api"].previous.answered == 1
    assert "officer" not in channels


def test_the_province_counts_its_communes(planted):
    stats = feedback_statistics(unit=planted.dak_lak, period=Q2, today=TODAY)
    assert stats.current.received == 9 and stats.current.answered == 5
    assert stats.current.median_hours == Decimal("30.0")  # 10, 20, 30, 40, 100
    assert stats.current.mean_rating == Decimal("3.00")  # 5, 4, 2, 1
    other = feedback_statistics(unit=planted.ba_dinh, period=Q2, today=TODAY)
    assert other.current.received == 0 and other.current.on_time_rate is None and other.rows[0].current_text == "0"


def test_an_empty_period_shows_dashes():
    from danvan.feedback.statistics import Figures, figure_rows

    rows = {row.code: row for row in figure_rows(Figures(), Figures())}
    assert rows["median_hours"].current_text == "–" and rows["median_hours"].change_text == ""
    assert rows["received"].change_text == ""


@pytest.mark.parametrize(
    ("histogram", "median"),
    [({}, None), ({7: 1}, Decimal("7.0")), ({1: 1, 4: 1}, Decimal("2.5")), ({1: 3, 9: 1}, Decimal("1.0")),
     ({2: 2, 3: 2}, Decimal("2.5")), ({0: 1, 5: 2, 6: 2}, Decimal("5.0"))],
)  # fmt: skip
def test_the_median_of_a_histogram(histogram, median):
    assert median_of(histogram) == median
