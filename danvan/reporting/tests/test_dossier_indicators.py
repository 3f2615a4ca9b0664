"""The CCHC indicators (QĐ 766/QĐ-TTg) from dossier rows: the golden figure 33.838 of 43.479 → 77,8 %, every
counted figure equal to a hand-written SQL count, the drill-down records, merged communes, entered figures."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db import connection

from danvan.core.formatting import format_percent
from danvan.core.models import UnitSuccession
from danvan.core.periods import Period
from danvan.reporting import indicators
from danvan.reporting.indicators import Place
from danvan.reporting.models import Dossier, ProcedureFigure
from danvan.reporting.sources_dossiers import CODES, CUBE, SOURCE, conditions
from danvan.reporting.tests.dossier_helpers import make_dossiers

pytestmark = pytest.mark.django_db
YEAR = Period.year(2026)


def test_golden_on_time_rate_33838_of_43479_is_77_8_percent(cast):
    """The seed figure: 33.838 dossiers resolved early or on time of 43.479 resolved gives "đạt 77,8%"."""
    make_dossiers(cast.dong_xuan, 20_000, prefix="E", status="early")
    make_dossiers(cast.dong_xuan, 13_838, prefix="O", status="on_time", finished_on=dt.date(2026, 1, 10))
    make_dossiers(cast.buon_ma_thuot, 9_641, prefix="L", status="late", finished_on=dt.date(2026, 1, 12))
    values = indicators.compute(Place.of(cast.dak_lak), YEAR, ["cchc.on_time_rate", "cchc.resolved"])
    assert values["cchc.resolved"] == 43_479
    assert values["cchc.on_time_rate"] == Decimal("77.8")
    assert format_percent(values["cchc.on_time_rate"]) == "77,8%"
    assert indicators.compute(Place.of(cast.dong_xuan), YEAR, ["cchc.on_time_rate"])["cchc.on_time_rate"] == 100


def test_period_arithmetic_carried_over_received_in_progress(cast):
    q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    unit = cast.dong_xuan
    # Received in December, resolved in January: carried over into Q1 and resolved in it.
    make_dossiers(unit, 2, prefix="C", received_on=dt.date(2025, 12, 20), due_on=dt.date(2026, 1, 5),
                  finished_on=dt.date(2026, 1, 4))  # fmt: skip
    # Finished in December: not handled in Q1 at all.
    make_dossiers(unit, 3, prefix="D", received_on=dt.date(2025, 12, 1), finished_on=dt.date(2025, 12, 5),
                  due_on=dt.date(2025, 12, 10))  # fmt: skip
    # Received in March, still open (due in April: within; due in March: past).
    make_dossiers(unit, 4, prefix="W", received_on=dt.date(2026, 3, 20), due_on=dt.date(2026, 4, 2),
                  finished_on=None, status="in_progress", channel="post")  # fmt: skip
    make_dossiers(unit, 5, prefix="P", received_on=dt.date(2026, 3, 2), due_on=dt.date(2026, 3, 9),
                  finished_on=None, status="in_progress", channel="in_person")  # fmt: skip
    # Resolved in April (after Q1): in progress at the end of Q1, past its March deadline.
    make_dossiers(unit, 1, prefix="A", received_on=dt.date(2026, 3, 25), due_on=dt.date(2026, 3, 30),
                  finished_on=dt.date(2026, 4, 3), status="late")  # fmt: skip
    make_dossiers(unit, 6, prefix="R", received_on=dt.date(2026, 2, 2), finished_on=dt.date(2026, 2, 3),
                  due_on=dt.date(2026, 2, 9), status="withdrawn")  # fmt: skip
    make_dossiers(unit, 7, prefix="T", received_on=dt.date(2026, 2, 2), finished_on=dt.date(2026, 2, 3),
                  due_on=dt.date(2026, 2, 9), status="returned")  # fmt: skip
    values = indicators.compute(Place.of(unit), q1, CODES)
    assert values["cchc.carried_over"] == 2
    assert values["cchc.received"] == 4 + 5 + 1 + 6 + 7
    assert values["cchc.received_post"] == 4 and values["cchc.received_in_person"] == 5
    assert values["cchc.received_online"] == 1 + 6 + 7
    assert values["cchc.handled"] == 2 + 23
    assert values["cchc.resolved"] == values["cchc.resolved_early"] == 2
    assert values["cchc.in_progress"] == 10
    assert (values["cchc.in_progress_within"], values["cchc.in_progress_past"]) == (4, 6)
    assert (values["cchc.withdrawn"], values["cchc.returned"]) == (6, 7)
    assert values["cchc.on_time_rate"] == 100
    # The identity of QĐ 766's table: handled = resolved + in progress + withdrawn + returned.
    assert values["cchc.handled"] == sum(
        int(values[c] or 0) for c in ("cchc.resolved", "cchc.in_progress", "cchc.withdrawn", "cchc.returned")
    )
    # No dossiers: counts are zero, rates are None (not 0 %), entered figures None.
    empty = indicators.compute(Place.of(cast.ba_dinh), q1, CODES)
    assert empty["cchc.received"] == 0 and empty["cchc.on_time_rate"] is None
    assert empty["cchc.procedures_published"] is None


def _random_dossiers(units, count: int, seed: int = 14) -> None:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        unit = rng.choice(units)
        received = dt.date(2025, 10, 1) + dt.timedelta(days=rng.randrange(300))
        due = received + dt.timedelta(days=rng.choice([0, 3, 5, 10, 15]))
        status = rng.choice(["early", "on_time", "late", "in_progress", "withdrawn", "returned"])
        finished = None
        if status == "early":
            finished = received + dt.timedelta(days=max(0, (due - received).days - 1))
            status = "early" if finished < due else "on_time"
        elif status == "on_time":
            finished = due
        elif status == "late":
            finished = due + dt.timedelta(days=rng.randrange(1, 20))
        elif status in ("withdrawn", "returned"):
            finished = received + dt.timedelta(days=rng.randrange(5))
        rows.append(
            Dossier(
                unit=unit,
                unit_path=unit.path,
                province_code=unit.province_code,
                number=f"R-{i}",
                search_text=f"r-{i} thu tuc",
                procedure_name="Thủ tục",
                received_on=received,
                channel=rng.choice(["online", "in_person", "post"]),
                due_on=due if rng.random() > 0.05 else None,
                finished_on=finished,
                status=status,
            )
        )
    Dossier.objects.bulk_create(rows, batch_size=2000)
    # Written around the import service: the units' month cube counted again, as the import does.
    CUBE.rebuild(provinces=[u.province_code for u in units], paths=[u.path for u in units])


HAND_SQL = """
SELECT
  SUM(CASE WHEN received_on < %(start)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN received_on >= %(start)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN received_on >= %(start)s AND channel = 'online' THEN 1 ELSE 0 END),
  SUM(CASE WHEN received_on >= %(start)s AND channel = 'in_person' THEN 1 ELSE 0 END),
  SUM(CASE WHEN received_on >= %(start)s AND channel = 'post' THEN 1 ELSE 0 END),
  SUM(CASE WHEN finished_on <= %(end)s AND status = 'early' THEN 1 ELSE 0 END),
  SUM(CASE WHEN finished_on <= %(end)s AND status = 'on_time' THEN 1 ELSE 0 END),
  SUM(CASE WHEN finished_on <= %(end)s AND status = 'late' THEN 1 ELSE 0 END),
  SUM(CASE WHEN (finished_on IS NULL OR finished_on > %(end)s)
            AND (due_on IS NULL OR due_on >= %(end)s) THEN 1 ELSE 0 END),
  SUM(CASE WHEN (finished_on IS NULL OR finished_on > %(end)s) AND due_on < %(end)s THEN 1 ELSE 0 END),
  SUM(CASE WHEN finished_on <= %(end)s AND status = 'withdrawn' THEN 1 ELSE 0 END),
  SUM(CASE WHEN finished_on <= %(end)s AND status = 'returned' THEN 1 ELSE 0 END)
FROM reporting_dossier
WHERE unit_path LIKE %(prefix)s AND received_on <= %(end)s AND (finished_on IS NULL OR finished_on >= %(start)s)
"""
HAND_CODES = (
    "cchc.carried_over",
    "cchc.received",
    "cchc.received_online",
    "cchc.received_in_person",
    "cchc.received_post",
    "cchc.resolved_early",
    "cchc.resolved_on_time",
    "cchc.resolved_late",
    "cchc.in_progress_within",
    "cchc.in_progress_past",
    "cchc.withdrawn",
    "cchc.returned",
)


@pytest.mark.parametrize(
    "period",
    [Period.year(2026), Period.half(2026, 1), Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)), Period.year(2025)],
    ids=str,
)
def test_every_counted_figure_equals_a_hand_written_sql_count(cast, period, django_assert_max_num_queries):
    _random_dossiers([cast.dong_xuan, cast.buon_ma_thuot, cast.dak_lak, cast.ba_dinh], 3_000)
    for unit in (cast.dak_lak, cast.dong_xuan):
        place = Place.of(unit, legacy=False)
        with django_assert_max_num_queries(SOURCE.queries):
            values = SOURCE.compute(place, period)
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, {"start": period.start, "end": period.end, "prefix": unit.path + "%"})
            counted = [int(v or 0) for v in cursor.fetchone()]
        assert {code: values[code] for code in HAND_CODES} == dict(zip(HAND_CODES, counted, strict=True))
        assert values["cchc.resolved"] == sum(counted[5:8])
        assert values["cchc.in_progress"] == counted[8] + counted[9]
        # The drill-down lists exactly the records counted.
        for code in conditions(period):
            listed = SOURCE.records(code, place, period)
            assert listed is not None and listed.count() == values[code], code


def test_records_of_the_rate_are_the_resolved_dossiers(cast):
    make_dossiers(cast.dong_xuan, 3, prefix="E")
    make_dossiers(cast.dong_xuan, 1, prefix="L", status="late", finished_on=dt.date(2026, 1, 12))
    place = Place.of(cast.dong_xuan)
    resolved = SOURCE.records("cchc.on_time_rate", place, YEAR)
    assert resolved is not None and resolved.count() == 4
    assert SOURCE.records("cchc.unknown", place, YEAR) is None
    assert indicators.source_of("cchc.on_time_rate") is SOURCE


def test_dossiers_of_merged_communes_count_under_the_successor(cast):
    predecessors = list(
        UnitSuccession.objects.filter(successor=cast.dong_xuan, is_primary=True).select_related("predecessor")
    )
    assert predecessors, "Xã Đồng Xuân succeeded legacy communes"
    for i, link in enumerate(predecessors):
        make_dossiers(link.predecessor, 2, prefix=f"Old{i}", received_on=dt.date(2024, 3, 1),
                      due_on=dt.date(2024, 3, 5), finished_on=dt.date(2024, 3, 4))  # fmt: skip
    year_2024 = Period.year(2024)
    assert indicators.compute(Place.of(cast.dong_xuan), year_2024, ["cchc.received"])["cchc.received"] == 2 * len(
        predecessors
    )
    legacy_free = indicators.compute(Place.of(cast.dong_xuan, legacy=False), year_2024, ["cchc.received"])
    assert legacy_free["cchc.received"] == 0


def test_entered_procedure_figures_sum_over_units_within_the_period(cast):
    for unit, published in ((cast.dong_xuan, 120), (cast.buon_ma_thuot, 80)):
        ProcedureFigure.objects.create(
            unit=unit, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30), published=published,
            time_cut=10, days_cut=25, online_partial=40, online_full=30,
        )  # fmt: skip
    values = indicators.compute(Place.of(cast.dak_lak), Period.half(2026, 1), CODES)
    assert values["cchc.procedures_published"] == 200
    assert values["cchc.online_full"] == 60 and values["cchc.days_cut"] == 50
    # A quarter does not contain the half-year's entry.
    q1 = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert indicators.compute(Place.of(cast.dak_lak), q1, ["cchc.online_full"])["cchc.online_full"] is None
