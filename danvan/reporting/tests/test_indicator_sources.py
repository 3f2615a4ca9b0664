"""Computed indicators: the seed's golden figures, every figure equal to a hand-written SQL count on the same records,
merged communes (2024 records of the old communes roll into the 2025 successor), the province as the sum of its
communes, the legacy tree, the registry seeded for every computed code, and constant queries per source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from danvan.cases.models import Case, CaseKind, CaseStatus, Timeliness
from danvan.core.models import AdministrativeUnit, UnitSuccession, UnitTree
from danvan.core.periods import Period
from danvan.democracy.models import Disclosure
from danvan.initiatives.models import Initiative, InitiativeLevel
from danvan.reception.models import Visit
from danvan.reporting import indicators, rollup
from danvan.reporting.indicator_services import report_figures, sync_indicators
from danvan.reporting.indicators import Place, compute, computed_codes
from danvan.reporting.models import Indicator
from danvan.reporting.periods import parse_period
from danvan.reporting.tests import golden

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC), tick=False)


def predecessors(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    return [
        link.predecessor
        for link in UnitSuccession.objects.filter(successor=unit, is_primary=True).select_related("predecessor")
    ]


def merged_commune() -> tuple[AdministrativeUnit, list[AdministrativeUnit]]:
    """A current commune that primarily succeeded three (or more) legacy communes."""
    for successor_id in (
        UnitSuccession.objects.filter(is_primary=True, successor__level=3)
        .values_list("successor", flat=True)
        .order_by("successor")
    ):
        unit = AdministrativeUnit.objects.get(pk=successor_id)
        olds = [old for old in predecessors(unit) if old.tree == UnitTree.LEGACY and old.level == 3]
        if len(olds) >= 3:
            return unit, olds[:3]
    raise AssertionError("no commune merged from three")


def sql_count(table: str, paths: tuple[str, ...], where: str, params: list[Any]) -> int:
    """A hand-written count: rows under one of the unit paths, and ``where``."""
    under = " OR ".join(["unit_path LIKE %s"] * len(paths))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE ({under}) AND {where}",  # noqa: S608 (table names are ours)
            [f"{path}%" for path in paths] + params,
        )
        return int(cursor.fetchone()[0])


def make_case(unit: AdministrativeUnit, template: Case, **fields: Any) -> Case:
    copy = Case.objects.get(pk=template.pk)
    copy.pk = None
    for name in ("code", "submission_key", "import_key"):
        if hasattr(copy, name):
            setattr(copy, name, None if name != "code" else f"{template.code}-{Case.objects.count()}")
    copy.unit, copy.unit_path, copy.province_code = unit, unit.path, unit.province_code
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def test_registry_seeded_for_every_computed_indicator():
    seeded = set(Indicator.objects.values_list("code", flat=True))
    assert computed_codes() <= seeded
    assert Indicator.objects.filter(kind="entered").count() >= 5
    assert Indicator.objects.get(code="reception.visits").measure == "lượt"
    assert Indicator.objects.get(code="reception.visits_reported").checked_against == "reception.visits"
    assert sync_indicators() == []


def test_golden_visits_merged_communes(cast):
    """Seed 003: 184 visits in 2021, 137 in 2022 → "giảm 25,5% so với năm 2021"; the 2021 visits were recorded
    at three old communes, the 2022 ones too: all count under their successor."""
    successor, olds = merged_commune()
    golden.make_visits(olds, 2021, golden.VISITS_2021)
    golden.make_visits(olds, 2022, golden.VISITS_2022)
    report = report_figures(successor, parse_period("2022"), ["reception.visits"])
    row = report.row("reception.visits")
    assert row is not None
    assert (row.value, row.previous) == (137, 184)
    assert row.change_previous == golden.VISITS_SENTENCE
    assert row.text == "137 lượt"
    # Each old commune on the legacy tree counts only its own.
    per_old = [compute(Place.of(old), Period.year(2022), ["reception.visits"])["reception.visits"] or 0 for old in olds]
    assert sum(per_old) == 137 and all(value > 0 for value in per_old)
    # Without the legacy units the successor has none.
    assert compute(Place.of(successor, legacy=False), Period.year(2022), ["reception.visits"])["reception.visits"] == 0


def test_merged_commune_2024_records_roll_into_successor(cast):
    """2024 records of three old communes (visits, initiatives, disclosures) count under the 2025 successor, and
    once in the province."""
    from danvan.cases.tests.test_statistics import make_case as make_petition
    from danvan.democracy.tests.test_disclosure_figures import _make as make_disclosure

    successor, olds = merged_commune()
    golden.make_visits(olds, 2024, 9)
    for old in olds:
        make_petition(cast, received_on=D(2024, 4, 1), at=old)
        moved = make_disclosure(cast, cast.dong_xuan, 3, D(2024, 3, 3), D(2024, 4, 15), issued=D(2024, 3, 2))
        Disclosure.objects.filter(pk=moved.pk).update(unit=old, unit_path=old.path, province_code=old.province_code)
    period = Period.year(2024)
    codes = ["reception.visits", "petitions.received", "democracy.disclosures.count"]
    expected = {"reception.visits": 9, "petitions.received": 3, "democracy.disclosures.count": 3}
    assert compute(Place.of(successor), period, codes) == expected
    for old in olds:  # the legacy tree: each old commune its own
        assert compute(Place.of(old), period, codes) == {
            "reception.visits": 3,
            "petitions.received": 1,
            "democracy.disclosures.count": 1,
        }
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=successor.province_code, level=1)
    assert compute(Place.of(province), period, codes) == expected
    report = report_figures(successor, parse_period("2024"), codes)
    assert [row.value for row in report.rows] == [9, 3, 3]


def test_golden_initiatives_h1(cast):
    """Seed 000: "6 tháng đầu năm, có 54 mô hình … cấp huyện và 137 mô hình mới cấp xã"."""
    from danvan.initiatives.tests.test_statistics import make

    template = make(cast, registered_on=D(2026, 2, 1))
    Initiative.objects.filter(pk=template.pk).update(registered_on=D(2025, 2, 1))  # outside 2026-H1
    golden.make_initiatives(template, InitiativeLevel.DISTRICT, golden.MODELS_DISTRICT_H1, D(2026, 3, 1))
    golden.make_initiatives(template, InitiativeLevel.COMMUNE, golden.MODELS_COMMUNE_H1, D(2026, 4, 1))
    values = compute(Place.of(cast.dong_xuan), parse_period("2026-H1").period)
    assert values["initiatives.registered.district"] == 54
    assert values["initiatives.registered.commune"] == 137
    assert values["initiatives.registered"] == 191
    paths = Place.of(cast.dong_xuan).paths
    table = Initiative._meta.db_table
    assert values["initiatives.registered"] == sql_count(
        table, paths, "registered_on BETWEEN %s AND %s", [D(2026, 1, 1), D(2026, 6, 30)]
    )
    assert values["initiatives.registered.commune"] == sql_count(
        table, paths, "registered_on BETWEEN %s AND %s AND level = %s", [D(2026, 1, 1), D(2026, 6, 30), "commune"]
    )
    source = indicators.source_of("initiatives.registered")
    assert source is not None
    records = source.records(
        "initiatives.registered.district", Place.of(cast.dong_xuan), parse_period("2026-H1").period
    )
    assert records is not None and records.count() == 54


def test_every_computed_figure_equals_hand_sql(cast):
    """Visits, heads' days, petitions by kind and outcome and disclosures at Đồng Xuân (and its legacy commune)
    against hand-written SQL on the same tables."""
    from danvan.cases.tests.test_statistics import make_case as make_petition
    from danvan.democracy.tests.test_disclosure_figures import _make as make_disclosure

    legacy = predecessors(cast.dong_xuan)[0]
    golden.make_visits([cast.dong_xuan, legacy], 2026, 11)
    Visit.objects.filter(pk__in=Visit.objects.values("pk")[:2]).update(is_refused=True)
    make_petition(cast, received_on=D(2026, 3, 1))
    make_petition(cast, received_on=D(2026, 3, 2), kind=CaseKind.RECOMMENDATION)
    make_petition(
        cast,
        received_on=D(2026, 2, 1),
        status=CaseStatus.RESOLVED,
        accepted_on=D(2026, 2, 5),
        resolved_on=D(2026, 4, 1),
        resolution_timeliness=Timeliness.ON_TIME,
    )
    make_petition(
        cast,
        received_on=D(2025, 12, 1),
        status=CaseStatus.RESOLVED,
        accepted_on=D(2025, 12, 5),
        resolved_on=D(2026, 5, 1),
        resolution_timeliness=Timeliness.LATE,
        at=legacy,
    )
    make_petition(cast, received_on=D(2025, 6, 1))  # outside the period
    make_disclosure(cast, cast.dong_xuan, 3, D(2026, 3, 3), D(2026, 4, 15))
    make_disclosure(cast, cast.dong_xuan, 3, D(2026, 3, 20), D(2026, 4, 30))  # late
    moved = make_disclosure(cast, cast.dong_xuan, 2, D(2026, 3, 3), D(2026, 4, 15))
    Disclosure.objects.filter(pk=moved.pk).update(
        unit=legacy, unit_path=legacy.path, province_code=legacy.province_code
    )

    period = Period.year(2026)
    place = Place.of(cast.dong_xuan)
    values = compute(place, period)
    between = [period.start, period.end]
    visit, case, disclosure = Visit._meta.db_table, Case._meta.db_table, Disclosure._meta.db_table
    expected = {
        "reception.visits": sql_count(visit, place.paths, "visited_on BETWEEN %s AND %s", between),
        "reception.refused": sql_count(visit, place.paths, "visited_on BETWEEN %s AND %s AND is_refused", between),
        "petitions.received": sql_count(case, place.paths, "received_on BETWEEN %s AND %s", between),
        "petitions.received.recommendation": sql_count(
            case, place.paths, "received_on BETWEEN %s AND %s AND kind = %s", [*between, "recommendation"]
        ),
        "petitions.resolved": sql_count(case, place.paths, "resolved_on BETWEEN %s AND %s", between),
        "petitions.resolved_on_time": sql_count(
            case, place.paths, "resolved_on BETWEEN %s AND %s AND resolution_timeliness = %s", [*between, "on_time"]
        ),
        "petitions.resolved_late": sql_count(
            case, place.paths, "resolved_on BETWEEN %s AND %s AND resolution_timeliness = %s", [*between, "late"]
        ),
        "petitions.accepted": sql_count(case, place.paths, "accepted_on BETWEEN %s AND %s", between),
        "democracy.disclosures.count": sql_count(disclosure, place.paths, "issued_on BETWEEN %s AND %s", between),
        "democracy.disclosures.on_time": sql_count(
            disclosure,
            place.paths,
            "issued_on BETWEEN %s AND %s AND NOT is_late AND disclosed_on IS NOT NULL",
            between,
        ),
    }
    assert {code: values[code] for code in expected} == expected
    assert expected["reception.visits"] == 11 and expected["petitions.resolved"] == 2
    assert expected["democracy.disclosures.count"] == 3
    assert values["petitions.on_time_rate"] == Decimal("50.0")
    # The drill-down lists exactly the records counted.
    for code in ("reception.visits", "petitions.received", "petitions.resolved_late", "democracy.disclosures.count"):
        source = indicators.source_of(code)
        assert source is not None
        records = source.records(code, place, period)
        assert records is not None and records.count() == values[code], code


def test_province_is_the_sum_of_its_communes(cast):
    from danvan.cases.tests.test_statistics import make_case as make_petition

    golden.make_visits([cast.dong_xuan], 2026, 4)
    golden.make_visits([cast.buon_ma_thuot], 2026, 6)
    golden.make_visits(predecessors(cast.dong_xuan)[:1], 2026, 3)
    golden.make_visits([cast.ba_dinh], 2026, 50)  # another province
    make_petition(cast, received_on=D(2026, 3, 1))
    period = Period.year(2026)
    codes = ["reception.visits", "petitions.received"]
    province = compute(Place.of(cast.dak_lak), period, codes)
    children = {code: rollup.sum_values(c.value for c in rollup.by_child(cast.dak_lak, period, code)) for code in codes}
    assert province == children == {"reception.visits": 13, "petitions.received": 1}


def test_split_commune_counts_under_its_primary_successor_only(cast):
    """A legacy commune split between two successors: its records count under the primary one only."""
    old = predecessors(cast.dong_xuan)[0]
    other = cast.buon_ma_thuot
    UnitSuccession.objects.create(predecessor=old, successor=other, kind="split", is_primary=False)
    golden.make_visits([old], 2026, 5)
    period = Period.year(2026)
    assert compute(Place.of(cast.dong_xuan), period, ["reception.visits"])["reception.visits"] == 5
    assert compute(Place.of(other), period, ["reception.visits"])["reception.visits"] == 0
    assert old in rollup.legacy_units(cast.dong_xuan) and old not in rollup.legacy_units(other)
    assert old in rollup.legacy_units(other, primary_only=False)


@pytest.mark.parametrize("source", indicators.sources(), ids=lambda source: source.code)
def test_queries_constant(cast, source, django_assert_max_num_queries):
    place = Place.of(cast.dong_xuan)
    with django_assert_max_num_queries(source.queries + 4):  # the wrapped statistics look up the legacy paths
        source.compute(place, Period.year(2026))


def test_report_queries_do_not_grow_with_records(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = parse_period("2026-H1")
    with CaptureQueriesContext(connection) as empty:
        report_figures(cast.dong_xuan, period)
    golden.make_visits([cast.dong_xuan, *predecessors(cast.dong_xuan)[:1]], 2026, 50)
    with CaptureQueriesContext(connection) as full:
        report = report_figures(cast.dong_xuan, period)
    assert len(full.captured_queries) == len(empty.captured_queries)
    row = report.row("reception.visits")
    # Nothing before: no percentage, the difference in the unit of measure instead.
    assert row is not None and row.value == 50
    assert row.change_previous == "tăng 50 lượt so với 6 tháng cuối năm 2025"
    assert row.change_last_year == "tăng 50 lượt so với cùng kỳ 6 tháng đầu năm 2025"
