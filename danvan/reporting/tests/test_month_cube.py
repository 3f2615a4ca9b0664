"""The dossiers' month cube (decision 0030): every CCHC figure of a period of whole months, summed from the cube,
equals the same figure counted from the dossiers — for a commune with its legacy predecessor, a province and the
country, by month, quarter, half-year, nine months and year over 2022–2026, deadlines on month ends and the days
around them, states that span months and years; by child (the dashboard) and periods together (the trend, the
report) too. A period that is not whole months counts the dossiers. The import keeps the cube exact in its own
transaction (a failed one leaves both as they were), and ``danvan rebuild_month_cube`` checks and repairs it."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.compiled import count_rows
from danvan.core.models import AdministrativeUnit, UnitSuccession
from danvan.core.month_cube import PROVINCE_MARK, UNIT_ROWS, aligned
from danvan.core.periods import Period, month_end
from danvan.reporting import dossier_services, rollup
from danvan.reporting.indicators import Place
from danvan.reporting.models import Dossier, DossierMonth
from danvan.reporting.sources_dossiers import COUNTED, CUBE, SOURCE, SUMS, alive, conditions
from danvan.reporting.tests.dossier_helpers import COLUMNS, csv_file, row

pytestmark = pytest.mark.django_db
D = dt.date
STATUSES = ("early", "on_time", "late", "withdrawn", "returned")
CHANNELS = ("online", "in_person", "post")


def legacy_predecessor(unit: AdministrativeUnit) -> AdministrativeUnit:
    link = UnitSuccession.objects.filter(successor=unit, is_primary=True, predecessor__level=3).first()
    assert link is not None
    return link.predecessor


def edge_days(rng: random.Random, year: int, month: int) -> D:
    """A day of the month at or next to its ends (or its middle)."""
    last = month_end(year, month).day
    return D(year, month, rng.choice((1, 2, 15, last - 1, last)))


def spread_dossiers(units: list[AdministrativeUnit], count: int, seed: int = 30) -> None:
    """``count`` dossiers received over 2022–2026 at ``units``: received and finished on the first, second, middle,
    last-but-one and last day of a month; deadlines none, on the day, on a month's last day or the days before and
    after it; finished the same day, within the month, months or years later, or not at all."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        unit = units[i % len(units)]
        received = edge_days(rng, rng.randrange(2022, 2027), rng.randrange(1, 13))
        end = month_end(received.year, received.month)
        due = rng.choice(
            (
                None,
                received,
                end,
                end - dt.timedelta(days=1),
                end + dt.timedelta(days=1),
                received + dt.timedelta(days=rng.choice((3, 31, 45, 400))),
            )
        )
        finished: D | None = rng.choice(
            (
                None,
                received,
                end,
                end + dt.timedelta(days=1),
                received + dt.timedelta(days=rng.choice((5, 40, 200, 500))),
            )
        )
        status = "in_progress" if finished is None else rng.choice(STATUSES)
        rows.append(
            Dossier(
                unit=unit,
                unit_path=unit.path,
                province_code=unit.province_code,
                number=f"M-{i}",
                search_text=f"m-{i}",
                procedure_name="Thủ tục",
                received_on=received,
                channel=rng.choice(CHANNELS),
                due_on=due,
                finished_on=finished,
                status=status,
            )
        )
    Dossier.objects.bulk_create(rows, batch_size=2000)
    CUBE.rebuild(provinces=[u.province_code for u in units], paths=[u.path for u in units])


@pytest.fixture
def spread(cast):
    old = legacy_predecessor(cast.dong_xuan)
    spread_dossiers([cast.dong_xuan, old, cast.buon_ma_thuot, cast.ba_dinh], 1200)
    return old


def from_records(place: Place, period: Period) -> dict[str, Any]:
    """Every counted figure of the period counted from the dossiers themselves (the conditions as before the cube),
    with the sums of them."""
    wanted = {code: condition for code, condition in conditions(period).items() if code in COUNTED}
    counted = Dossier.objects.filter(place.q(), alive(period)).aggregate(
        **{code.replace(".", "__"): count_rows(condition) for code, condition in wanted.items()}
    )
    values = {code: counted[code.replace(".", "__")] or 0 for code in wanted}
    for code, parts in SUMS.items():
        values[code] = sum(values[part] for part in parts)
    return values


def whole_month_periods() -> list[Period]:
    periods = []
    for year in range(2022, 2027):
        periods.append(Period.year(year))
        periods += [Period.half(year, half) for half in (1, 2)]
        periods += [Period(D(year, 1 + 3 * q, 1), month_end(year, 3 + 3 * q)) for q in range(4)]
        periods.append(Period(D(year, 1, 1), D(year, 9, 30)))
        periods += [Period(D(year, month, 1), month_end(year, month)) for month in range(1, 13)]
    periods.append(Period(D(2022, 1, 1), D(2026, 12, 31)))
    return periods


def test_the_cube_counts_fewer_rows_than_the_dossiers_and_checks_equal(spread):
    units = DossierMonth.objects.filter(UNIT_ROWS)
    assert 0 < sum(units.values_list("records", flat=True)) == Dossier.objects.count() == 1200
    # Each dossier counted again under its province's row (decision 0038): fewer rows still.
    provinces = DossierMonth.objects.exclude(UNIT_ROWS)
    assert sum(provinces.values_list("records", flat=True)) == 1200
    assert all(re.fullmatch(r"\*[CL]/\d\d/", path) for path in provinces.values_list("unit_path", flat=True))
    assert provinces.count() < units.count() < Dossier.objects.count()
    assert CUBE.differences() == []
    first_days = DossierMonth.objects.values_list("received_on", "finished_on", "due_on")
    assert all(day is None or day.day == 1 for days in first_days for day in days)


def test_every_figure_of_whole_months_from_the_cube_equals_the_dossiers(cast, spread):
    places = (Place.of(cast.dong_xuan), Place.of(cast.dak_lak), Place.country(), Place.of(spread))
    for period in whole_month_periods():
        assert aligned(period)
        for place in places:
            ours = SOURCE.compute(place, period)
            expected = from_records(place, period)
            assert {code: ours[code] for code in expected} == expected, (period, place.paths)
    # The cube is read, not the dossiers.
    province = Place.of(cast.dak_lak)
    with CaptureQueriesContext(connection) as captured:
        SOURCE.compute(province, Period.year(2026))
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert DossierMonth._meta.db_table in sql and f'"{Dossier._meta.db_table}"' not in sql
    assert len(captured.captured_queries) <= SOURCE.queries
    # A province's figures sum its provinces' rows (decision 0038); a commune's, its units' rows.
    assert f"'{PROVINCE_MARK}C/{cast.dak_lak.province_code}/" in sql
    with CaptureQueriesContext(connection) as captured:
        SOURCE.compute(Place.of(cast.dong_xuan), Period.year(2026))
    assert f"'{PROVINCE_MARK}" not in " ".join(query["sql"] for query in captured.captured_queries)


def test_deadlines_on_month_ends_and_the_days_around_them(cast):
    """In progress at the end of January 2026: due 30/1 is past (before the end), due 31/1 and 1/2 are within."""
    for number, due in (("A", D(2026, 1, 30)), ("B", D(2026, 1, 31)), ("C", D(2026, 2, 1)), ("E", D(2025, 12, 31))):
        Dossier.objects.create(
            unit=cast.dong_xuan, number=number, received_on=D(2025, 12, 31), channel="online", due_on=due,
            status="in_progress",
        )  # fmt: skip
    CUBE.rebuild(paths=[cast.dong_xuan.path])
    place = Place.of(cast.dong_xuan, legacy=False)
    for period, past, within in (
        (Period(D(2026, 1, 1), D(2026, 1, 31)), 2, 2),
        (Period(D(2025, 12, 1), D(2025, 12, 31)), 0, 4),
        (Period(D(2026, 2, 1), D(2026, 2, 28)), 4, 0),
    ):
        values = SOURCE.compute(place, period)
        assert (values["cchc.in_progress_past"], values["cchc.in_progress_within"]) == (past, within), period
        assert values == {**values, **from_records(place, period)}


def test_by_child_and_periods_together_from_the_cube_equal_the_dossiers(cast, spread):
    codes = [code for code in SOURCE.codes if not code.startswith("cchc.proc") and "days" not in code]
    year = Period.year(2025)
    for unit in (cast.dak_lak, None):
        for code in ("cchc.received", "cchc.in_progress_past", "cchc.resolved_late", "cchc.carried_over"):
            for bar in rollup.by_child(unit, year, code):
                assert bar.value == from_records(Place.of(bar.unit), year)[code], (code, bar.unit.name)
    # The report's periods together (a year, the one before, the same months of the year before), and periods of
    # whole months mixed with a cut-off: each equals its period alone.
    spans = [Period.year(2026), Period.year(2025), Period(D(2025, 12, 15), D(2026, 6, 14)), Period.half(2024, 1)]
    place = Place.of(cast.dong_xuan)
    assert SOURCE.compute_periods is not None
    together = SOURCE.compute_periods(place, spans, codes=codes)
    assert [dict(values) for values in together] == [SOURCE.compute(place, span, codes=codes) for span in spans]
    for span, values in zip(spans, together, strict=True):
        expected = from_records(place, span)
        assert {code: values[code] for code in expected if code in values} == {
            code: value for code, value in expected.items() if code in values
        }


def test_a_period_not_of_whole_months_counts_the_dossiers(cast, spread):
    place = Place.of(cast.dak_lak)
    for period in (Period(D(2025, 12, 15), D(2026, 6, 14)), Period(D(2026, 1, 1), D(2026, 1, 30)),
                   Period(D(2026, 1, 2), D(2026, 1, 31))):  # fmt: skip
        assert not aligned(period)
        with CaptureQueriesContext(connection) as captured:
            ours = SOURCE.compute(place, period)
        sql = " ".join(query["sql"] for query in captured.captured_queries)
        assert DossierMonth._meta.db_table not in sql
        expected = from_records(place, period)
        assert {code: ours[code] for code in expected} == expected


# --- Freshness: the import ---------------------------------------------------------------------------------------


@pytest.fixture
def mapped(cast):
    return dossier_services.mapping_save(actor=cast.carol, province=cast.dak_lak, columns=COLUMNS)


KEY = ("unit_path", "province_code", "received_on", "finished_on", "due_on", "status", "channel")


def cube_totals() -> dict[tuple[Any, ...], int]:
    return {
        (r.unit_path, r.received_on, r.finished_on, r.due_on, r.status, r.channel): r.records
        for r in DossierMonth.objects.all()
    }


def test_an_import_changes_the_cube_in_its_transaction(cast, mapped):
    first = [row(f"HS-{i}", finished="", status="Đang giải quyết") for i in range(6)]
    dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file(first))
    assert CUBE.differences() == []
    january = Period(D(2026, 1, 1), D(2026, 1, 31))
    place = Place.of(cast.dak_lak)
    assert SOURCE.compute(place, january)["cchc.in_progress"] == 6
    # A later export: three resolved (one late), one moved to another unit, one new.
    later = [
        row("HS-0", finished="09/01/2026"),
        row("HS-1", finished="12/01/2026"),
        row("HS-2", finished="03/02/2026"),
        row("HS-3", unit="Phường Buôn Ma Thuột", finished="", status="Đang giải quyết"),
        row("HS-9", received="31/01/2026", due="01/02/2026", finished="", status="Đang giải quyết"),
    ]
    result = dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file(later))
    assert (result.created, result.updated) == (1, 4)
    assert CUBE.differences() == []
    # The counts taken away and added back are merged: one positive row per key.
    keys = list(DossierMonth.objects.values_list(*KEY, "records"))
    assert len({key[:-1] for key in keys}) == len(keys) and all(key[-1] > 0 for key in keys)
    values = SOURCE.compute(place, january)
    assert (values["cchc.resolved_early"], values["cchc.resolved_late"], values["cchc.in_progress"]) == (1, 1, 5)
    assert SOURCE.compute(Place.of(cast.buon_ma_thuot), january)["cchc.in_progress"] == 1
    assert values == {**values, **from_records(place, january)}


def test_a_failed_import_leaves_the_dossiers_and_the_cube_as_they_were(cast, mapped, monkeypatch):
    dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file([row("HS-1")]))
    dossiers, cube = list(Dossier.objects.values_list("number", "status", "finished_on")), cube_totals()

    def refuse(**_kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    # The audit entry is written after the cube: its failure rolls the whole import back.
    monkeypatch.setattr(dossier_services, "audit_log", refuse)
    later = [
        row("HS-1", finished="", status="Đang giải quyết"),
        row("HS-2", received="01/03/2026", due="10/03/2026", finished="09/03/2026"),
    ]
    with pytest.raises(RuntimeError):
        dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file(later))
    assert list(Dossier.objects.values_list("number", "status", "finished_on")) == dossiers
    assert cube_totals() == cube
    assert CUBE.differences() == []


def test_an_import_s_queries_do_not_grow_with_its_rows(cast, mapped):
    counts = []
    for size, prefix in ((3, "A"), (60, "B")):
        rows = [row(f"{prefix}-{i}", unit=("22081", "Phường Buôn Ma Thuột")[i % 2]) for i in range(size)]
        with CaptureQueriesContext(connection) as captured:
            dossier_services.dossiers_import(actor=cast.carol, province=cast.dak_lak, file=csv_file(rows))
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts
    assert CUBE.differences() == []


# --- Repair ------------------------------------------------------------------------------------------------------


def test_rebuild_month_cube_checks_and_repairs(cast, spread):
    call_command("rebuild_month_cube", "--check")
    # Written around the services: the cube is behind until rebuilt.
    Dossier.objects.filter(unit=cast.dong_xuan, finished_on__isnull=True).update(
        finished_on=D(2026, 12, 31), status="late"
    )
    DossierMonth.objects.filter(unit_path=cast.ba_dinh.path).delete()
    with pytest.raises(CommandError):
        call_command("rebuild_month_cube", "--check")
    call_command("rebuild_month_cube", "--province", cast.dak_lak.province_code)
    assert {row[0] for row in CUBE.differences()} == {cast.ba_dinh.path}  # only the province asked
    call_command("rebuild_month_cube")
    call_command("rebuild_month_cube", "--check")
    assert CUBE.differences() == []
