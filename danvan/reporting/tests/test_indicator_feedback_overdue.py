"""The feedback channel's indicators (the feedback statistics' own figures, each equal to a hand-written SQL count,
the drill-down, merged communes under their successor), "Đơn thư quá hạn" (petitions past their deadline at the
period's end, drilled down to the cases) and the records of ``petitions.to_resolve``, the registry kept in step with
the code after ``migrate``, and the dashboard with a cut-off, without legacy units and for the whole country."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from danvan.cases.models import Case, CaseStatus, DeadlineStep, Timeliness
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.periods import Period, period_of_year
from danvan.feedback.models import Report, ReportState
from danvan.feedback.statistics import day_start, feedback_statistics
from danvan.reporting import indicators, rollup
from danvan.reporting.indicator_services import report_figures
from danvan.reporting.indicators import IndicatorSource, Place, compute
from danvan.reporting.models import Indicator
from danvan.reporting.periods import parse_period
from danvan.reporting.sources_feedback import CODES as FEEDBACK_CODES
from danvan.reporting.tests import golden
from danvan.reporting.tests.test_indicator_sources import merged_commune, predecessors, sql_count

pytestmark = pytest.mark.django_db
D = dt.date
API = "/api/v1/reporting"
PAGES = "/backoffice/reporting"
Q2 = period_of_year(2026, "q2")


def _move(report: Report, unit: AdministrativeUnit) -> None:
    Report.objects.filter(pk=report.pk).update(unit=unit, unit_path=unit.path, province_code=unit.province_code)


@pytest.fixture
def feedback(cast, time_machine):
    """The feedback statistics' own test data (Q2 2026 at Đồng Xuân, read on 15/7/2026), one of its answered reports
    recorded under Đồng Xuân's legacy commune, plus reports elsewhere and outside the quarter."""
    from danvan.demo.feedback import at, report_with_outcome

    time_machine.move_to(dt.datetime(2026, 7, 15, 9, 0, tzinfo=dt.UTC), tick=False)
    dx, legacy = cast.dong_xuan, predecessors(cast.dong_xuan)[0]
    d = D(2026, 4, 6)
    report_with_outcome(dx, at(d), answer_hours=10, rating=5)
    report_with_outcome(dx, at(d), answer_hours=20, rating=4, category="waste")
    moved = report_with_outcome(dx, at(d), answer_hours=30, late=True, rating=2)
    _move(moved, legacy)
    report_with_outcome(dx, at(d), answer_hours=40, category="waste")
    report_with_outcome(dx, at(d), state=ReportState.REFUSED, category="other")
    report_with_outcome(dx, at(d), state=ReportState.MERGED)
    report_with_outcome(dx, at(D(2026, 6, 30), 23), state=ReportState.ACCEPTED, due_on=D(2026, 7, 10))
    report_with_outcome(dx, at(D(2026, 6, 29)), state=ReportState.NEW, due_on=D(2026, 7, 20))
    report_with_outcome(dx, at(D(2026, 3, 31), 23), state=ReportState.ACCEPTED, due_on=D(2026, 4, 14))  # Q1
    report_with_outcome(cast.buon_ma_thuot, at(d), answer_hours=100, rating=1)
    report_with_outcome(cast.ba_dinh, at(d), answer_hours=1, rating=5)  # another province
    report_with_outcome(dx, at(D(2026, 7, 1), 0), answer_hours=1, rating=5)  # Q3
    return cast


def test_feedback_figures_are_the_feedback_statistics(feedback):
    """Every figure is the one the feedback statistics page shows for the commune (with its legacy commune)."""
    values = compute(Place.of(feedback.dong_xuan), Q2, FEEDBACK_CODES)
    stats = feedback_statistics(unit=feedback.dong_xuan, period=Q2).current
    assert values == {
        "feedback.received": 8,
        "feedback.handled": 6,
        "feedback.answered": 4,
        "feedback.answered_on_time": 3,
        "feedback.answered_late": 1,
        "feedback.overdue": 1,
        "feedback.on_time_rate": Decimal("60.0"),  # 3 on time of 4 answered + 1 overdue
        "feedback.rated": 3,
        "feedback.mean_rating": Decimal("3.67"),
        "feedback.satisfied_share": Decimal("66.7"),
    }
    assert (stats.received, stats.on_time, stats.overdue, stats.on_time_rate, stats.mean_rating) == (
        8,
        3,
        1,
        Decimal("60.0"),
        Decimal("3.67"),
    )
    row = report_figures(feedback.dong_xuan, parse_period("2026-Q2"), ["feedback.on_time_rate"]).row(
        "feedback.on_time_rate"
    )
    assert row is not None and row.text == "đạt 60,0%" and row.label == "Tỷ lệ trả lời phản ánh đúng hạn"


def test_feedback_figures_equal_hand_sql_and_drill_down(feedback):
    place = Place.of(feedback.dong_xuan)
    values = compute(place, Q2, FEEDBACK_CODES)
    table = Report._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    received = "received_at >= %s AND received_at < %s"
    between: list[Any] = [adapt(day_start(Q2.start)), adapt(day_start(Q2.end + dt.timedelta(days=1)))]
    today = D(2026, 7, 15)

    def count(where: str, params: list[Any] | None = None) -> int:
        return sql_count(table, place.paths, f"{received} AND {where}", [*between, *(params or [])])

    expected = {
        "feedback.received": count("1 = 1"),
        "feedback.handled": count("(answered_at IS NOT NULL OR state IN (%s, %s))", ["refused", "merged"]),
        "feedback.answered": count("answered_at IS NOT NULL"),
        "feedback.answered_on_time": count("answered_at IS NOT NULL AND timeliness = %s", ["on_time"]),
        "feedback.answered_late": count("answered_at IS NOT NULL AND timeliness = %s", ["late"]),
        "feedback.overdue": count("is_open AND due_on < %s", [today]),
        "feedback.rated": count("rating IS NOT NULL"),
    }
    assert {code: values[code] for code in expected} == expected
    with connection.cursor() as cursor:
        under = " OR ".join(["unit_path LIKE %s"] * len(place.paths))
        cursor.execute(
            f"SELECT SUM(rating), COUNT(rating), SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) FROM {table} "  # noqa: S608
            f"WHERE ({under}) AND {received}",
            [*(f"{path}%" for path in place.paths), *between],
        )
        total, rated, satisfied = cursor.fetchone()
    assert values["feedback.mean_rating"] == (Decimal(total) / rated).quantize(Decimal("0.01"))
    assert values["feedback.satisfied_share"] == indicators.rate(satisfied, rated)
    # The drill-down lists exactly the reports counted (a rate: its denominator).
    source = indicators.source_of("feedback.received")
    assert source is not None and source.queries == 2  # the month cube, the reports due this month
    for code in ("feedback.received", "feedback.answered_late", "feedback.overdue", "feedback.handled"):
        records = source.records(code, place, Q2)
        assert records is not None and records.count() == values[code], code
    judged = source.records("feedback.on_time_rate", place, Q2)
    assert judged is not None and judged.count() == 5  # 4 answered + 1 overdue
    assert Indicator.objects.get(code="feedback.overdue").label_en == "Reports unanswered past their due date"


def test_feedback_of_merged_communes_rolls_into_the_successor(cast, time_machine):
    """Reports recorded under three old communes count under their successor, once in the province, and not
    without the legacy units."""
    from danvan.demo.feedback import at, report_with_outcome

    time_machine.move_to(dt.datetime(2026, 7, 15, 9, 0, tzinfo=dt.UTC), tick=False)

    successor, olds = merged_commune()
    for old in olds:
        _move(report_with_outcome(successor, at(D(2026, 4, 2)), answer_hours=5, rating=5), old)
    codes = ["feedback.received", "feedback.answered", "feedback.satisfied_share"]
    assert compute(Place.of(successor), Q2, codes) == {
        "feedback.received": 3,
        "feedback.answered": 3,
        "feedback.satisfied_share": Decimal("100.0"),
    }
    assert compute(Place.of(successor, legacy=False), Q2, codes)["feedback.received"] == 0
    for old in olds:
        assert compute(Place.of(old), Q2, ["feedback.received"]) == {"feedback.received": 1}
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=successor.province_code, level=1)
    by_child = rollup.by_child(province, Q2, "feedback.received")
    assert compute(Place.of(province), Q2, ["feedback.received"])["feedback.received"] == rollup.sum_values(
        child.value for child in by_child
    )


def _case(cast: Any, **fields: Any) -> Case:
    from danvan.cases.tests.test_statistics import make_case

    return make_case(cast, **fields)


@pytest.fixture
def petitions(cast, time_machine):
    """Petitions at Đồng Xuân (one under its legacy commune) read on 20/11/2026 for 2026-H1 (ends 30/6)."""
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
    legacy = predecessors(cast.dong_xuan)[0]
    accepted = {
        "status": CaseStatus.ACCEPTED,
        "accepted_on": D(2026, 2, 1),
        "intake_closed_on": D(2026, 2, 1),
        "due_step": DeadlineStep.RESOLUTION,
    }
    past = _case(cast, received_on=D(2026, 1, 20), due_on=D(2026, 5, 1), **accepted)  # open, past its deadline
    within = _case(cast, received_on=D(2026, 1, 21), due_on=D(2026, 8, 1), **accepted)  # open, within
    later_late = _case(  # resolved late in August: on 30/6 it was open past its deadline
        cast,
        received_on=D(2026, 1, 22),
        **{**accepted, "status": CaseStatus.RESOLVED},
        resolved_on=D(2026, 8, 10),
        resolution_timeliness=Timeliness.LATE,
        due_on=None,
    )
    old = _case(cast, received_on=D(2026, 1, 23), due_on=D(2026, 4, 1), at=legacy, **accepted)
    resolved = _case(  # resolved in the period: to resolve, not overdue
        cast,
        received_on=D(2026, 1, 24),
        **{**accepted, "status": CaseStatus.RESOLVED},
        resolved_on=D(2026, 3, 1),
        resolution_timeliness=Timeliness.ON_TIME,
        due_on=None,
    )
    intake_late = _case(  # never classified: its intake deadline passed
        cast, received_on=D(2026, 5, 2), due_step=DeadlineStep.INTAKE, due_on=D(2026, 5, 20)
    )
    paused = _case(  # suspended: its deadline does not run
        cast,
        received_on=D(2026, 1, 25),
        **{**accepted, "status": CaseStatus.SUSPENDED},
        suspended_on=D(2026, 4, 1),
        due_on=D(2026, 4, 20),
    )
    _case(cast, received_on=D(2026, 7, 2), due_step=DeadlineStep.INTAKE, due_on=D(2026, 7, 5))  # after the period
    _case(cast, received_on=D(2026, 1, 26), due_on=D(2026, 4, 1), at=cast.ba_dinh, **accepted)  # elsewhere
    return {
        "past": past,
        "within": within,
        "later_late": later_late,
        "old": old,
        "resolved": resolved,
        "intake_late": intake_late,
        "paused": paused,
    }


def test_overdue_petitions_at_the_period_end_and_their_cases(cast, petitions):
    from danvan.cases import statistics as case_statistics

    period = parse_period("2026-H1").period
    place = Place.of(cast.dong_xuan)
    values = compute(place, period, ["petitions.overdue", "petitions.to_resolve"])
    expected = {petitions[name].pk for name in ("past", "later_late", "old", "intake_late")}
    assert values["petitions.overdue"] == len(expected) == 4
    # The figure of the petitions statistics page ("Quá hạn" under "Đang xử lý, giải quyết cuối kỳ").
    comparison = case_statistics.compare(unit=cast.dong_xuan, start=period.start, end=period.end)
    assert comparison.current.in_progress_overdue == 4
    # A hand-written count of the same rule on the same table.
    where = (
        "received_on <= %(d)s AND (resolved_on IS NULL OR resolved_on > %(d)s)"
        " AND (status NOT IN ('transferred', 'guided', 'filed') OR intake_closed_on > %(d)s)"
        " AND (status NOT IN ('withdrawn', 'terminated') OR closed_on > %(d)s)"
        " AND (((intake_closed_on IS NULL OR intake_closed_on > %(d)s)"
        "       AND ((intake_closed_on IS NULL AND due_step = 'intake' AND due_on < %(d)s)"
        "            OR (intake_closed_on > %(d)s AND intake_timeliness = 'late')))"
        "   OR (intake_closed_on <= %(d)s"
        "       AND ((resolved_on IS NULL AND due_step = 'resolution' AND due_on < %(d)s)"
        "            OR (resolved_on > %(d)s AND resolution_timeliness = 'late'))))"
        " AND NOT (status = 'suspended' AND suspended_on IS NOT NULL AND suspended_on <= %(d)s)"
    ).replace("%(d)s", "%s")
    hand = sql_count(Case._meta.db_table, place.paths, where, [period.end] * where.count("%s"))
    assert hand == 4
    # The drill-down: exactly those cases.
    source = indicators.source_of("petitions.overdue")
    assert source is not None
    records = source.records("petitions.overdue", place, period)
    assert records is not None and set(records.values_list("pk", flat=True)) == expected
    # To resolve: resolved in the period and accepted, still being resolved at its end.
    to_resolve = source.records("petitions.to_resolve", place, period)
    assert to_resolve is not None and to_resolve.count() == values["petitions.to_resolve"]
    assert petitions["resolved"].pk in set(to_resolve.values_list("pk", flat=True))
    assert petitions["intake_late"].pk not in set(to_resolve.values_list("pk", flat=True))
    # For the year, not over yet, the state is today's: the one resolved in August no longer counts; the one due in
    # August and the one received in July (intake due 5/7) do.
    assert compute(place, Period.year(2026), ["petitions.overdue"])["petitions.overdue"] == 5
    indicator = Indicator.objects.get(code="petitions.overdue")
    assert (indicator.label, indicator.label_en, indicator.kind) == (
        "Đơn thư quá hạn",
        "Petitions past their deadline",
        "computed",
    )


def test_the_province_report_drills_from_overdue_petitions_to_the_cases(client, cast, petitions):
    client.force_login(cast.carol)
    page = client.get(f"{PAGES}/", {"unit": cast.dak_lak.pk, "period": "2026-H1"}).content.decode()
    assert "Đơn thư quá hạn" in page
    response = client.get(
        f"{PAGES}/dashboard/", {"unit": cast.dak_lak.pk, "period": "2026-H1", "code": "petitions.overdue"}
    )
    assert response.status_code == 200 and 'data-figure="petitions.overdue">4<' in response.content.decode()
    response = client.get(
        f"{PAGES}/records/", {"unit": cast.dak_lak.pk, "period": "2026-H1", "code": "petitions.overdue"}
    )
    page = response.content.decode()
    assert page.count("data-record=") == 4 and f'data-record="{petitions["past"].pk}"' in page
    assert f"/backoffice/cases/{petitions['past'].pk}/" in page  # each case opens its page
    body = client.get(f"{API}/records", {"unit": cast.dak_lak.pk, "period": "2026-H1", "code": "petitions.overdue"})
    assert body.json()["total"] == 4


def test_sync_indicators_after_migrate_adds_a_row_for_a_new_code(monkeypatch):
    from django.core.management.sql import emit_post_migrate_signal

    source = IndicatorSource(code="zz_test", codes=("zz_test.count",), compute=lambda place, period: {})
    monkeypatch.setitem(indicators._SOURCES, "zz_test", source)
    assert not Indicator.objects.filter(code="zz_test.count").exists()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    row = Indicator.objects.get(code="zz_test.count")
    assert (row.label, row.group, row.kind, row.is_active) == ("zz_test.count", "zz_test", "computed", True)
    # Every registered code has its row, and the seeded ones keep their labels.
    assert indicators.computed_codes() <= set(Indicator.objects.values_list("code", flat=True))
    assert Indicator.objects.get(code="feedback.received").label == "Phản ánh, kiến nghị tiếp nhận"


@pytest.fixture
def visits(cast, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)
    old = predecessors(cast.dong_xuan)[0]
    golden.make_visits([cast.dong_xuan, old], 2022, golden.VISITS_2022)  # 69 at the commune, 68 at the old one
    golden.make_visits([cast.dong_xuan], 2021, 10, on=(12, 20))  # 20/12/2021: in 2022 with the state cut-off
    golden.make_visits([cast.buon_ma_thuot], 2022, 7)
    golden.make_visits([cast.ba_dinh], 2022, 50)  # Hà Nội


def test_dashboard_api_takes_a_cut_off_and_leaves_legacy_units_out(client, cast, visits):
    client.force_login(cast.carol)
    query = {"unit": cast.dak_lak.pk, "period": "2022", "code": "reception.visits"}
    body = client.get(f"{API}/dashboard", query).json()
    assert (body["value"], body["legacy"], body["national"]) == (144, True, False)
    body = client.get(f"{API}/dashboard", {**query, "legacy": "false"}).json()
    children = {child["unit"]["code"]: child["value"] for child in body["children"]}
    assert body["legacy"] is False and children["22081"] == 69 and body["value"] == 69 + 7
    body = client.get(f"{API}/dashboard", {**query, "report_type": "state-year"}).json()
    assert (body["period"]["start"], body["period"]["end"]) == ("2021-12-15", "2022-12-14")
    assert body["value"] == 144 + 10 and body["trend"][-1]["period"]["start"] == "2021-12-15"
    assert client.get(f"{API}/dashboard", {**query, "report_type": "nope"}).status_code == 422
    records = client.get(f"{API}/records", {**query, "unit": cast.dong_xuan.pk, "legacy": "false"}).json()
    assert records["total"] == 69


def test_national_dashboard_for_a_system_wide_viewer(client, cast, visits):
    provinces = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE).count()
    assert provinces == 34
    client.force_login(cast.root)
    body = client.get(f"{API}/dashboard", {"period": "2022", "code": "reception.visits"}).json()
    assert body["national"] is True and body["unit"] is None
    assert len(body["children"]) == 34
    by_code = {child["unit"]["code"]: child["value"] for child in body["children"]}
    assert by_code["66"] == 144 and by_code["01"] == 50
    assert body["value"] == 194 == sum(value or 0 for value in by_code.values())
    assert body["trend"][-2]["value"] == 10
    records = client.get(f"{API}/records", {"period": "2022", "code": "reception.visits"}).json()
    assert records["total"] == 194
    page = client.get(f"{PAGES}/dashboard/", {"period": "2022", "code": "reception.visits"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-figure="reception.visits">194<' in text and "Toàn quốc" in text
    assert f"unit={cast.dak_lak.pk}" in text  # a province's bar opens its dashboard
    province = client.get(f"{PAGES}/dashboard/", {"unit": cast.dak_lak.pk, "period": "2022"}).content.decode()
    assert "Toàn quốc" in province  # the way back up
    # Anyone else without a unit: their own first unit, as before; a province's leader never sees the country.
    client.force_login(cast.carol)
    body = client.get(f"{API}/dashboard", {"period": "2022", "code": "reception.visits"}).json()
    assert body["national"] is False and body["unit"]["code"] == "66"
