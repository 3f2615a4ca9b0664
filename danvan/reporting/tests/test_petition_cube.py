"""The petitions' month cube, kept by database triggers (decision 0033): every petition figure of a period of whole
months, summed from the cube (today's states of a period not over yet from the petitions), equals the figure
counted from the petitions alone — for a commune with its legacy predecessor, the province and the country, by
month, quarter, half-year, nine months and year over 2022–2026, with dates on month ends and the days around them;
by child and several periods together too. Every write of a petition (insert, update of a counted column,
delete, in bulk or one by one) keeps the cube exact; the merge folds the triggers' rows without changing a figure;
``migrate`` puts back triggers a migration dropped and recounts the cube."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.cases.models import Case, CaseKind, CaseStatus, DeadlineStep, Timeliness
from danvan.cases.tests.test_statistics import make_case
from danvan.core.models import AdministrativeUnit
from danvan.core.month_cube import keep_cubes
from danvan.core.periods import Period, month_end
from danvan.reporting import rollup
from danvan.reporting.cube_tasks import merge_month_cubes
from danvan.reporting.indicators import Place
from danvan.reporting.models import CaseMonth
from danvan.reporting.sources_cases import (
    CUBE,
    PETITIONS,
    _alive_in,
    _petition_aggregates,
    _petition_values,
    state_day,
)
from danvan.reporting.tests.test_month_cube import edge_days as edge_day
from danvan.reporting.tests.test_month_cube import legacy_predecessor

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 20)
TIMELINESS = ("", Timeliness.ON_TIME, Timeliness.LATE)
STEPS = ("", DeadlineStep.INTAKE, DeadlineStep.RESOLUTION)


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def later(rng: random.Random, day: D) -> D | None:
    """None, the same day, a day at a month's edge a little or much later (at most today)."""
    choice = rng.random()
    if choice < 0.25:
        return None
    if choice < 0.35:
        return min(day, TODAY)
    months = rng.choice((0, 1, 2, 7, 14))
    month = day.month - 1 + months
    candidate = max(day, edge_day(rng, day.year + month // 12, month % 12 + 1))
    return min(candidate, TODAY)


def spread_petitions(cast: Any, units: list[AdministrativeUnit], count: int, seed: int = 33) -> None:
    """``count`` petitions at ``units`` received over 2022 – 20/11/2026 on month edges, in every status, with
    dates of acceptance, intake, resolution, stop and suspension none, the same day or months later, deadlines on
    month ends and the days around them, each timeliness and deadline step."""
    template = make_case(cast, received_on=D(2024, 5, 5))
    Case.objects.filter(pk=template.pk).delete()
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        unit = units[i % len(units)]
        received = min(edge_day(rng, rng.randrange(2022, 2027), rng.randrange(1, 13)), TODAY)
        end = month_end(received.year, received.month)
        due = rng.choice(
            (None, received, end, end - dt.timedelta(days=1), end + dt.timedelta(days=1), later(rng, received))
        )
        rows.append(
            Case(
                code=f"CUBE-{i}",
                unit=unit,
                unit_path=unit.path,
                province_code=unit.province_code,
                kind=rng.choice(CaseKind.values),
                channel=template.channel,
                field_id=template.field_id,
                title="Đơn thư khối tháng",
                summary="Nội dung",
                received_on=received,
                status=rng.choice(CaseStatus.values),
                handled_as_management=rng.random() < 0.2,
                accepted_on=later(rng, received),
                intake_closed_on=later(rng, received),
                intake_timeliness=rng.choice(TIMELINESS),
                resolved_on=later(rng, received),
                resolution_timeliness=rng.choice(TIMELINESS),
                closed_on=later(rng, received),
                suspended_on=later(rng, received),
                due_step=rng.choice(STEPS),
                due_on=due,
            )
        )
    Case.objects.bulk_create(rows, batch_size=500)


@pytest.fixture
def spread(cast):
    commune = cast.dong_xuan
    units = [commune, legacy_predecessor(commune), cast.buon_ma_thuot, cast.ba_dinh]
    spread_petitions(cast, units, 900)
    return units


def from_records(place: Place, period: Period) -> dict[str, Any]:
    """The figures counted from the petitions alone (the source's own aggregates, before the cube)."""
    rows = Case.objects.filter(place.q(), _alive_in(period))
    return _petition_values(rows.order_by().aggregate(**_petition_aggregates(period, state_day(period))))


def whole_month_periods() -> list[Period]:
    periods = [Period(D(2022, 1, 1), D(2026, 12, 31))]
    for year in range(2022, 2027):
        periods += [Period.year(year), Period(D(year, 1, 1), D(year, 6, 30)), Period(D(year, 1, 1), D(year, 9, 30))]
        periods += [Period(D(year, m, 1), month_end(year, m + 2)) for m in (1, 4, 7, 10)]
        periods += [Period(D(year, m, 1), month_end(year, m)) for m in range(1, 13)]
    return [*periods, Period(D(2027, 1, 1), D(2027, 3, 31))]  # and one not begun: its states on today too


def places(cast: Any, units: list[AdministrativeUnit]) -> list[Place]:
    province = AdministrativeUnit.objects.get(pk=cast.dong_xuan.parent_id)
    return [Place.of(units[0]), Place.of(units[1]), Place.of(province), Place.country()]


def test_every_figure_of_whole_months_from_the_cube_equals_the_petitions(cast, spread):
    assert CUBE.differences() == []
    for place in places(cast, spread):
        for period in whole_month_periods():
            assert PETITIONS.compute(place, period) == from_records(place, period), (place, period)


def test_the_cube_is_read_for_closed_months_and_the_petitions_for_today_s_states(cast, spread):
    place = Place.of(spread[0])
    closed, running = Period.year(2025), Period.year(2026)
    with CaptureQueriesContext(connection) as queries:
        PETITIONS.compute(place, closed)
    assert [q["sql"] for q in queries if "cases_case" in q["sql"]] == []
    assert any("reporting_casemonth" in q["sql"] for q in queries)
    # The cube (the flows, and today's states of every petition but this month's), this month's petitions by their
    # latest event and by their deadline — each read through its own index, for a commune and for a province of
    # several unit trees (with its legacy province's), whose paths' ranges SQLite's planner, with the tables'
    # statistics, once preferred to a one-sided range of the latest event (a scan of every petition of the province).
    # SQLite's plan does not depend on the table's size but on those statistics; PostgreSQL's does, and a test table
    # is tiny.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    province = AdministrativeUnit.objects.get(pk=cast.dong_xuan.parent_id)
    assert len(Place.of(province).paths) > 1
    for where in (place, Place.of(province)):
        with CaptureQueriesContext(connection) as queries:
            PETITIONS.compute(where, running)
        assert len(queries) == 3
        assert "reporting_casemonth" in queries[0]["sql"]
        if connection.vendor == "sqlite":
            statements = [query["sql"] for query in queries.captured_queries[1:]]
            expected = (
                "SEARCH cases_case USING INDEX case_latest_event (province_code=? AND <expr>>? AND <expr><?)",
                "SEARCH cases_case USING COVERING INDEX case_due_counts (province_code=? AND due_on>? AND due_on<?)",
            )
            for sql, step in zip(statements, expected, strict=True):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN QUERY PLAN " + sql)
                    plan = [str(row[-1]) for row in cursor.fetchall()]
                assert plan == [step], plan
    with CaptureQueriesContext(connection) as queries:
        PETITIONS.compute(place, Period(D(2025, 12, 15), D(2026, 12, 14)))  # a cut-off year: the petitions
    assert [q["sql"] for q in queries if "reporting_casemonth" in q["sql"]] == []


@pytest.mark.parametrize(
    "today", [D(2026, 10, 31), D(2026, 11, 1), D(2026, 11, 2), D(2026, 11, 15), D(2026, 11, 29), D(2026, 11, 30)]
)
def test_today_s_states_from_the_cube_and_this_month_s_petitions_equal_the_petitions(cast, spread, time_machine, today):
    # The petitions reach 20/11/2026, so on the earlier days some dates lie after today: counted as the records do.
    time_machine.move_to(dt.datetime(today.year, today.month, today.day, 9, 0, tzinfo=dt.UTC), tick=False)
    month = Period(D(today.year, today.month, 1), month_end(today.year, today.month))
    running = (
        Period.year(2026),
        Period(D(2026, 7, 1), D(2026, 12, 31)),
        Period(D(2026, 10, 1), D(2026, 12, 31)),
        month,
    )
    for place in places(cast, spread):
        for period in running:
            assert PETITIONS.compute(place, period) == from_records(place, period), (place, period, today)


def test_by_child_and_periods_together_from_the_cube_equal_the_petitions(cast, spread):
    for unit in (AdministrativeUnit.objects.get(pk=cast.dong_xuan.parent_id), None):
        for period in (Period.year(2025), Period.year(2026), Period(D(2026, 1, 1), D(2026, 6, 30))):
            for code in ("petitions.received", "petitions.overdue", "petitions.to_resolve"):
                for bar in rollup.by_child(unit, period, code):
                    assert bar.value == from_records(Place.of(bar.unit), period)[code], (code, bar.unit.name, period)
    place = Place.of(spread[0])
    periods = [Period.year(2025), Period.year(2026), Period(D(2025, 12, 15), D(2026, 12, 14)), Period.year(2024)]
    assert PETITIONS.compute_periods is not None
    assert PETITIONS.compute_periods(place, periods) == [from_records(place, period) for period in periods]


def cube_rows() -> list[tuple[Any, ...]]:
    return sorted(CaseMonth.objects.values_list("unit_path", "received_on", "status", "records", "merged"), key=str)


def test_every_write_of_a_petition_keeps_the_cube_exact_and_the_merge_folds_it(cast, spread):
    place = Place.of(spread[0])
    before = {period: from_records(place, period) for period in (Period.year(2025), Period.year(2026))}
    some = list(Case.objects.filter(unit=spread[0]).order_by("pk").values_list("pk", flat=True)[:30])
    # One by one, as the services save them; in bulk, as the deadline sweep updates them; moved; deleted.
    for pk in some[:5]:
        case = Case.objects.get(pk=pk)
        case.status, case.resolved_on, case.resolution_timeliness = CaseStatus.RESOLVED, TODAY, Timeliness.LATE
        case.save()
    Case.objects.filter(pk__in=some[5:15]).update(due_on=D(2026, 11, 30), due_step=DeadlineStep.RESOLUTION)
    Case.objects.filter(pk__in=some[15:20]).update(
        unit=spread[2], unit_path=spread[2].path, province_code=spread[2].province_code
    )
    Case.objects.filter(pk__in=some[20:25]).delete()
    Case.objects.filter(pk__in=some[25:30]).update(title="Chỉ sửa trích yếu")  # no counted column: no row
    assert CUBE.differences() == []
    assert CaseMonth.objects.filter(merged=False).exists()
    after = {period: PETITIONS.compute(place, period) for period in before}
    assert after == {period: from_records(place, period) for period in before}
    assert after != before
    # The merge folds the triggers' rows into one merged row per key; no figure changes.
    folded = merge_month_cubes.call()
    assert folded > 0
    assert not CaseMonth.objects.filter(merged=False).exists()
    assert CUBE.differences() == []
    keys = CaseMonth.objects.values_list(*(field.name for field in CaseMonth._meta.fields[1:-2]))
    assert len(list(keys)) == len(set(keys))
    assert not CaseMonth.objects.filter(records=0).exists()
    assert {period: PETITIONS.compute(place, period) for period in before} == after
    assert merge_month_cubes.call() == 0


def test_a_write_that_fails_leaves_the_cube_as_it_was(cast, spread):
    from django.db import transaction

    rows = cube_rows()
    case = Case.objects.filter(unit=spread[0]).first()
    assert case is not None
    with pytest.raises(RuntimeError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.WITHDRAWN, closed_on=TODAY)
        raise RuntimeError("rolled back")
    assert cube_rows() == rows


def test_migrate_puts_back_missing_triggers_and_recounts_and_the_check_sees_a_stale_cube(cast, spread):
    assert CUBE.triggers_current()
    with connection.cursor() as cursor:
        for statement in CUBE.drop_trigger_sql():
            cursor.execute(statement)
    assert not CUBE.triggers_current()
    Case.objects.filter(unit=spread[0]).update(resolved_on=D(2022, 1, 1))  # unseen by the cube
    with pytest.raises(Exception, match="lệch"):
        call_command("rebuild_month_cube", "--check")
    keep_cubes()  # what ``migrate`` runs last
    assert CUBE.triggers_current()
    assert CUBE.differences() == []
    call_command("rebuild_month_cube", "--check")
    # One trigger missing is enough to put them all back.
    update_trigger = next(statement for statement in CUBE.drop_trigger_sql() if "_update" in statement)
    with connection.cursor() as cursor:
        cursor.execute(update_trigger)
    assert not CUBE.triggers_current()
    keep_cubes()
    assert CUBE.triggers_current()
    # A flush (the records and the cube emptied in any order) leaves no row behind.
    Case.objects.all().delete()
    assert sum(CaseMonth.objects.values_list("records", flat=True)) == 0
    keep_cubes()
    assert not CaseMonth.objects.exists()


def test_emptying_the_petitions_empties_the_cube(cast, spread):
    """A ``DELETE`` of every petition nets every key to zero; PostgreSQL's ``TRUNCATE`` (which runs no row
    trigger) empties the cube through its own trigger."""
    assert CaseMonth.objects.exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's transaction has deferred checks pending
            cursor.execute("TRUNCATE cases_case CASCADE")
        assert not CaseMonth.objects.exists()
    else:
        Case.objects.all().delete()
        merge_month_cubes.call()
        assert not CaseMonth.objects.exists()
