"""The feedback reports' month cube, kept by database triggers (decision 0037): every feedback figure of a period of
whole months, summed from the cube (and "open past the due date today" from the reports due this month), equals the
figure counted from the reports alone — for a commune with its legacy predecessor, the province and the country, by
month, quarter, half-year, nine months and year over 2024–2026, with reports received in the first and last hour of
a local month (the day before, or the same day, in UTC) and due around today; by child and several periods
together; on several todays around a month's first day. Every write of a report keeps the cube exact."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.core.models import AdministrativeUnit
from danvan.core.month_cube import UNIT_ROWS
from danvan.core.periods import Period, month_end
from danvan.demo.feedback import report_with_outcome
from danvan.feedback import statistics as feedback_statistics
from danvan.feedback.models import OPEN_STATES, Report, ReportState, Timeliness
from danvan.reporting import rollup
from danvan.reporting.cube_tasks import merge_month_cubes
from danvan.reporting.indicators import Grouping, Place
from danvan.reporting.models import FeedbackMonth
from danvan.reporting.sources_feedback import CUBE, FIGURES, SOURCE
from danvan.reporting.tests.test_month_cube import legacy_predecessor

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 20)
STATES = tuple(ReportState.values)


def frozen_on(time_machine: Any, day: D) -> None:
    time_machine.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.UTC), tick=False)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    frozen_on(time_machine, TODAY)


def local(day: D, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def edge_moment(rng: random.Random) -> dt.datetime:
    """A moment of 2024 – 20/11/2026 in the first or last hour of a local month (a month's first local hours are
    the day before in UTC), or mid-month."""
    year, month = rng.randrange(2024, 2027), rng.randrange(1, 13)
    first, last = D(year, month, 1), month_end(year, month)
    moment = rng.choice(
        (local(first, 0, 30), local(first, 7, 30), local(last, 23, 59), local(last, 6), local(first, 12))
    )
    return min(moment, local(TODAY, 8))


def spread_reports(units: list[AdministrativeUnit], count: int, seed: int = 37) -> None:
    """``count`` reports at ``units`` (filed through the service), then re-dated and re-stated in bulk: received on
    month edges, answered or not, on time or late, refused, merged or open, rated or not, due on dates around
    today and around month ends."""
    for i in range(count):
        report_with_outcome(units[i % len(units)], local(D(2026, 1, 5), 9))
    rng = random.Random(seed)
    reports = list(Report.objects.order_by("pk"))
    for report in reports:
        received = edge_moment(rng)
        report.received_at = received
        report.state = rng.choice(STATES)
        report.is_open = report.state in OPEN_STATES
        answered = rng.random() < 0.5
        report.answered_at = received + dt.timedelta(hours=rng.randrange(1, 900)) if answered else None
        report.timeliness = rng.choice(("", Timeliness.ON_TIME, Timeliness.LATE))
        report.rating = rng.choice((None, None, 1, 2, 3, 4, 5))
        due_days = (TODAY - D(2026, 11, 1)).days
        report.due_on = rng.choice(
            (
                received.date() + dt.timedelta(days=15),
                TODAY.replace(day=1) + dt.timedelta(days=rng.randrange(-2, 32)),
                TODAY - dt.timedelta(days=rng.randrange(0, due_days + 3)),
                month_end(received.year, received.month),
            )
        )
    Report.objects.bulk_update(
        reports, ["received_at", "state", "is_open", "answered_at", "timeliness", "rating", "due_on"], batch_size=200
    )


@pytest.fixture
def spread(cast):
    commune = cast.dong_xuan
    units = [commune, legacy_predecessor(commune), cast.buon_ma_thuot, cast.ba_dinh]
    spread_reports(units, 160)
    return units


def from_records(place: Place, period: Period) -> dict[str, Any]:
    """The figures counted from the reports alone (the feedback statistics' own aggregates and figures)."""
    rows = Report.objects.filter(place.q(), feedback_statistics.received_in(period))
    figures = feedback_statistics.Figures()
    figures.add(rows.order_by().aggregate(**feedback_statistics.count_aggregates(timezone.localdate())))
    return {code: getattr(figures, name) for code, name in FIGURES.items()}


def whole_month_periods() -> list[Period]:
    periods = [Period(D(2024, 1, 1), D(2026, 12, 31))]
    for year in range(2024, 2027):
        periods += [Period.year(year), Period(D(year, 1, 1), D(year, 6, 30)), Period(D(year, 1, 1), D(year, 9, 30))]
        periods += [Period(D(year, m, 1), month_end(year, m + 2)) for m in (1, 4, 7, 10)]
        periods += [Period(D(year, m, 1), month_end(year, m)) for m in range(1, 13)]
    return [*periods, Period(D(2027, 1, 1), D(2027, 3, 31))]


def places(cast: Any, units: list[AdministrativeUnit]) -> list[Place]:
    province = AdministrativeUnit.objects.get(pk=cast.dong_xuan.parent_id)
    return [Place.of(units[0]), Place.of(units[1]), Place.of(province), Place.country()]


def test_the_reports_cover_every_case_the_cube_must_tell_apart(cast, spread):
    reports = Report.objects.all()
    month = TODAY.replace(day=1)
    assert reports.filter(is_open=True, due_on__gte=month, due_on__lt=TODAY).count() >= 5  # due this month
    assert reports.filter(is_open=True, due_on=month).exists()
    assert reports.filter(is_open=True, due_on__lt=month).count() >= 5  # due before it
    assert reports.filter(is_open=True, due_on__gte=TODAY).exists()  # not yet due
    assert reports.filter(is_open=False, due_on__lt=month).exists()  # closed, its due date long past
    assert reports.filter(answered_at__isnull=False, timeliness=Timeliness.LATE).exists()
    assert reports.filter(answered_at__isnull=True).exclude(timeliness="").exists()  # kept only when answered
    assert reports.filter(state__in=(ReportState.REFUSED, ReportState.MERGED)).exists()
    first_hours = [
        moment
        for moment in reports.values_list("received_at", flat=True)
        if moment.day != timezone.localtime(moment).day
    ]
    assert first_hours  # the day before in UTC
    assert from_records(Place.of(spread[0]), Period.year(2026))["feedback.overdue"] > 0


def test_every_figure_of_whole_months_from_the_cube_equals_the_reports(cast, spread):
    assert CUBE.triggers_current()
    assert CUBE.differences() == []
    assert FeedbackMonth.objects.exists()
    for place in places(cast, spread):
        for period in whole_month_periods():
            assert SOURCE.compute(place, period) == from_records(place, period), (place, period)


def test_a_report_counts_in_the_month_of_its_local_day(cast):
    report_with_outcome(cast.dong_xuan, local(D(2026, 7, 1), 0, 30))  # 30/6 17:30 UTC
    report_with_outcome(cast.dong_xuan, local(D(2026, 6, 30), 23, 59))  # 30/6 16:59 UTC
    # The last instant of June, stored with its microseconds (SQLite would round 59.9996 s up to the next day).
    last = local(D(2026, 6, 30), 23, 59) + dt.timedelta(seconds=59, microseconds=999_600)
    report_with_outcome(cast.dong_xuan, last)
    months = dict(FeedbackMonth.objects.filter(UNIT_ROWS).values_list("received_at").annotate(n=Sum("records")))
    assert months == {D(2026, 7, 1): 1, D(2026, 6, 1): 2}
    place = Place.of(cast.dong_xuan)
    assert SOURCE.compute(place, Period(D(2026, 7, 1), D(2026, 7, 31)))["feedback.received"] == 1
    assert SOURCE.compute(place, Period(D(2026, 4, 1), D(2026, 6, 30)))["feedback.received"] == 2
    assert CUBE.differences() == []


def test_a_time_zone_with_summer_time_is_refused_on_sqlite(settings):
    from django.core.exceptions import ImproperlyConfigured

    from danvan.core.month_cube import _local_offset

    assert _local_offset() == 7 * 3600
    settings.TIME_ZONE = "Europe/Paris"
    with pytest.raises(ImproperlyConfigured, match="summer time"):
        _local_offset()


# Around a month's first day (the cube alone on the 1st), a day in the month, and its last day.
@pytest.mark.parametrize("today", [D(2026, 10, 31), D(2026, 11, 1), D(2026, 11, 2), D(2026, 11, 20), D(2026, 11, 30)])
def test_open_past_the_due_date_today_from_the_cube_and_this_month_s_reports(cast, spread, time_machine, today):
    frozen_on(time_machine, today)
    periods = (
        Period.year(2026),
        Period.year(2025),
        Period(D(2026, 10, 1), D(2026, 12, 31)),
        Period(D(2026, 11, 1), D(2026, 11, 30)),
    )
    for place in places(cast, spread):
        for period in periods:
            assert SOURCE.compute(place, period) == from_records(place, period), (place, period, today)


def test_the_cube_is_read_and_this_month_s_reports_through_their_index(cast, spread):
    place = Place.of(spread[0])
    with CaptureQueriesContext(connection) as queries:
        SOURCE.compute(place, Period.year(2025))
    assert len(queries) == 2
    assert "reporting_feedbackmonth" in queries[0]["sql"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + queries.captured_queries[1]["sql"])
            plan = [str(row[-1]) for row in cursor.fetchall()]
        assert plan[0] == "SEARCH feedback_report USING INTEGER PRIMARY KEY (rowid=?)", plan
        assert any("USING INDEX report_open_due" in step for step in plan), plan
    with CaptureQueriesContext(connection) as queries:
        SOURCE.compute(place, Period(D(2025, 12, 15), D(2026, 12, 14)))  # a cut-off year: the reports
    assert len(queries) == 1
    assert "reporting_feedbackmonth" not in queries[0]["sql"]


def test_by_child_and_periods_together_from_the_cube_equal_the_reports(cast, spread):
    province = AdministrativeUnit.objects.get(pk=cast.dong_xuan.parent_id)
    children = {unit.pk: Place.of(unit) for unit in AdministrativeUnit.objects.filter(parent=province)}
    grouping = Grouping.of(children, within=Place.of(province))
    assert grouping is not None and SOURCE.compute_by is not None
    for period in (Period.year(2025), Period.year(2026)):
        by_child = SOURCE.compute_by(grouping, period)
        assert by_child.keys() == children.keys()
        for key, values in by_child.items():
            assert values == from_records(children[key], period), (key, period)
    for unit in (province, None):
        for period in (Period.year(2025), Period.year(2026), Period(D(2026, 1, 1), D(2026, 6, 30))):
            for code in ("feedback.received", "feedback.overdue", "feedback.on_time_rate", "feedback.mean_rating"):
                for bar in rollup.by_child(unit, period, code):
                    assert bar.value == from_records(Place.of(bar.unit), period)[code], (code, bar.unit.name, period)
    place = Place.of(spread[0])
    periods = [Period.year(2025), Period.year(2026), Period(D(2025, 12, 15), D(2026, 12, 14)), Period.year(2024)]
    assert SOURCE.compute_periods is not None
    assert SOURCE.compute_periods(place, periods) == [from_records(place, period) for period in periods]


def test_every_write_of_a_report_keeps_the_cube_exact_and_the_merge_folds_it(cast, spread):
    place = Place.of(spread[0])
    periods = (Period.year(2025), Period.year(2026))
    before = {period: from_records(place, period) for period in periods}
    some = list(Report.objects.filter(unit=spread[0]).order_by("pk").values_list("pk", flat=True)[:25])
    assert len(some) == 25
    for pk in some[:5]:  # answered and rated, one by one
        report = Report.objects.get(pk=pk)
        report.state, report.is_open = ReportState.CLOSED, False
        report.answered_at, report.timeliness, report.rating = local(TODAY, 8), Timeliness.LATE, 5
        report.save()
    Report.objects.filter(pk__in=some[5:10]).update(is_open=True, answered_at=None, due_on=D(2026, 11, 3))  # reopened
    Report.objects.filter(pk__in=some[10:15]).update(
        unit=spread[2], unit_path=spread[2].path, province_code=spread[2].province_code
    )
    Report.objects.filter(pk__in=some[15:20]).update(received_at=local(D(2025, 3, 31), 23, 30))
    Report.objects.filter(pk__in=some[20:23]).delete()
    rows = FeedbackMonth.objects.count()
    Report.objects.filter(pk__in=some[23:25]).update(description="Chỉ sửa nội dung")  # no counted column: no row
    assert FeedbackMonth.objects.count() == rows
    assert CUBE.differences() == []
    after = {period: SOURCE.compute(place, period) for period in periods}
    assert after == {period: from_records(place, period) for period in periods}
    assert after != before
    assert merge_month_cubes.call() > 0
    assert not FeedbackMonth.objects.filter(merged=False).exists()
    assert CUBE.differences() == []
    assert {period: SOURCE.compute(place, period) for period in periods} == after
