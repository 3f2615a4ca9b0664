"""Benchmark (issue 14): a province's annual report over every source of figures, the national dashboard, the DOCX.

Generates, through the existing generators, over the bench province (Tỉnh Đắk Lắk, 66: its current communes and
the legacy communes they succeeded, Phú Yên's among them), sizes ``scaled(name, default)`` (defaults = the issue's):
``BENCH_INITIATIVES`` 100,000 initiatives (``initiatives_bench.generate``), ``BENCH_CASES`` 1,000,000 petitions
(``cases_generator.generate``, open and finished, with their reception visits), ``BENCH_FEEDBACK_REPORTS`` 1,000,000
citizen reports (``feedback_generator.generate``, each with its case), ``BENCH_RECOMMENDATIONS`` 2,000,000
recommendations (``democracy_recommendations_bench.generate``) and ``BENCH_DOSSIERS`` 5,000,000 administrative
dossiers (``reporting_bench.generate``). Then, on one engine (SQLite, or the PostgreSQL of ``DANVAN_DATABASE_URL``):

1. the province's annual report: every registered indicator through the report's own code path
   (``indicator_services.report_figures``: the year, and the year before for the comparisons), p50 [target < 3 s];
   and per indicator source (one family of figures computed together) its ``compute`` for the year vs ONE
   hand-written SQL query counting the same records (the values must be equal, else the bench fails)
   [target ratio ≤ 1.5]; a table of both;
2. the national dashboard (34 provinces): one indicator by province plus the five-year trend — the app's dashboard
   API without a unit for a system-wide viewer (``rollup.by_child``/``rollup.trend`` of the country) when the app
   has it, else the bench's stand-in ``national_stand_in`` served at /bench/national-dashboard — over granian
   (p50/p95, warm; BENCH_REQUESTS each, or what fits in BENCH_REQUEST_SECONDS: 60 s × BENCH_SCALE, at least 3 s)
   vs a bare view running one hand-written grouped SQL query [target < 1 s]; and the province's dashboard API (its
   communes + trend) p50/p95;
3. the province's annual report as DOCX in the state format (``documents.render``), p50 [target < 2 s].

    BENCH_SCALE=0.01 nice -n 19 .venv/bin/python bench/reporting_report_bench.py
    BENCH_SCALE=0.01 bash scripts/with-postgres.sh nice -n 19 .venv/bin/python bench/reporting_report_bench.py
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    SCALE,
    api_officer,
    granian_server,
    percentile,
    prepared_django,
    record,
    run,
    scaled,
    timed,
    timed_pair,
    timed_requests,
)

PROVINCE = "66"  # Tỉnh Đắk Lắk: merged with Phú Yên on 01/7/2025, so legacy communes count too
YEAR = 2026
INITIATIVES = scaled("BENCH_INITIATIVES", 100_000)
CASES = scaled("BENCH_CASES", 1_000_000)
FEEDBACK_REPORTS = scaled("BENCH_FEEDBACK_REPORTS", 1_000_000)
RECOMMENDATIONS = scaled("BENCH_RECOMMENDATIONS", 2_000_000)
DOSSIERS = scaled("BENCH_DOSSIERS", 5_000_000)
# p50 of BENCH_TIMES calls (5; 3 in a quick run, BENCH_SCALE < 1: still a median, of pages of a second or more)
TIMES = int(os.environ.get("BENCH_TIMES") or (5 if SCALE >= 1 else 3))
REQUESTS = scaled("BENCH_REQUESTS", 60, minimum=30)
DASHBOARD_CODE = "cchc.received"  # the dashboard's indicator: a count over the largest table
TREND_YEARS = 5
# At most this long per dashboard path when BENCH_REQUESTS would take longer (60 s; scaled, at least 3 s; at least 10 requests each)
REQUEST_SECONDS = float(os.environ.get("BENCH_REQUEST_SECONDS") or max(3.0, 60 * SCALE))

# --- Generation ------------------------------------------------------------------------------------------------------


def generate() -> list[tuple[str, int, float]]:
    """Every source's records over the bench province; (what, rows, seconds) of each generator."""
    from django.db import connection, transaction

    from bench import (
        cases_generator,
        democracy_recommendations_bench,
        feedback_generator,
        initiatives_bench,
        reporting_bench,
    )
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.core.month_cube import cubes as month_cubes
    from danvan.reporting.indicators import Place

    done: list[tuple[str, int, float]] = []

    def timed_step(what: str, step: Callable[[], int]) -> None:
        started = time.perf_counter()
        rows = step()
        done.append((what, rows, time.perf_counter() - started))
        print(f"  generated {rows:>10,} {what} in {done[-1][2]:.1f} s", flush=True)

    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE, code=PROVINCE)
    timed_step("initiatives", lambda: (initiatives_bench.generate(INITIATIVES, province=PROVINCE), INITIATIVES)[1])
    open_cases = round(CASES / (1 + cases_generator.CLOSED_SHARE))

    def cases() -> int:
        made = cases_generator.generate(open_cases, province=PROVINCE)
        return made.open_cases + made.closed_cases

    timed_step("petitions (cases)", cases)
    timed_step(
        "feedback reports",
        lambda: int(feedback_generator.generate(FEEDBACK_REPORTS, province=PROVINCE)["reports"]),
    )
    timed_step(
        "recommendations",
        lambda: int(democracy_recommendations_bench.generate(RECOMMENDATIONS, province=PROVINCE)["recommendations"]),
    )
    provinces = Place.of(province).provinces
    timed_step("dossiers", lambda: (reporting_bench.generate(DOSSIERS, provinces=provinces), DOSSIERS)[1])

    def merge_cube() -> int:
        # The cubes the database keeps got a row per record written (SQLite's row triggers) or per key and statement
        # (PostgreSQL's): fold them as the periodic task would, so the report reads the cubes it would read.
        folded = 0
        for cube in month_cubes():
            if cube.merged_field is not None:
                with transaction.atomic():
                    folded += cube.merge()
                print(f"  {cube.name}' month cube: {cube.size():,} rows", flush=True)
        return folded

    timed_step("month cube rows folded", merge_cube)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return done


# --- Hand-written SQL, one query per indicator source -----------------------------------------------------------------


def _paths(paths: Sequence[str], provinces: Sequence[str] | None = None, alias: str = "") -> tuple[str, list[Any]]:
    """``unit_path`` under one of ``paths`` (a byte range on SQLite, whose LIKE uses no index; LIKE 'p%' on
    PostgreSQL), and ``province_code IN (…)`` when given."""
    from django.db import connection

    column = f"{alias}unit_path"
    parts, params = [], []
    for path in paths:
        if connection.vendor == "sqlite":
            parts.append(f"({column} >= %s AND {column} < %s)")
            params += [path, path[:-1] + chr(ord(path[-1]) + 1)]
        else:
            parts.append(f"{column} LIKE %s")
            params.append(f"{path}%")
    sql = "(" + " OR ".join(parts) + ")"
    if provinces:
        sql += f" AND {alias}province_code IN ({', '.join(['%s'] * len(provinces))})"
        params += list(provinces)
    return sql, params


def _fetch(sql: str, params: Sequence[Any]) -> tuple[Any, ...]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return tuple(cursor.fetchone())


def _int(value: Any) -> int:
    return int(value or 0)


def _rate(numerator: int, denominator: int) -> Decimal | None:
    from danvan.reporting.indicators import rate

    return rate(numerator, denominator)


def hand_dossiers(place: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The CCHC figures: the dossiers open at some time in the period, twelve counts, and the entered procedure
    figures of periods within it — one query (two aggregates joined)."""
    where, params = _paths(place.paths, place.provinces)
    finished = "finished_on <= %(end)s"
    in_progress = "(finished_on IS NULL OR finished_on > %(end)s)"
    counts = {
        "cchc.carried_over": "received_on < %(start)s",
        "cchc.received": "received_on >= %(start)s",
        "cchc.received_online": "received_on >= %(start)s AND channel = 'online'",
        "cchc.received_in_person": "received_on >= %(start)s AND channel = 'in_person'",
        "cchc.received_post": "received_on >= %(start)s AND channel = 'post'",
        "cchc.resolved_early": f"{finished} AND status = 'early'",
        "cchc.resolved_on_time": f"{finished} AND status = 'on_time'",
        "cchc.resolved_late": f"{finished} AND status = 'late'",
        "cchc.in_progress_within": f"{in_progress} AND (due_on IS NULL OR due_on >= %(end)s)",
        "cchc.in_progress_past": f"{in_progress} AND due_on < %(end)s",
        "cchc.withdrawn": f"{finished} AND status = 'withdrawn'",
        "cchc.returned": f"{finished} AND status = 'returned'",
    }
    sums = {
        "cchc.procedures_published": "published",
        "cchc.procedures_time_cut": "time_cut",
        "cchc.days_cut": "days_cut",
        "cchc.online_partial": "online_partial",
        "cchc.online_full": "online_full",
    }
    named: dict[str, Any] = {"start": start, "end": end}
    for i, value in enumerate(params):
        named[f"w{i}"] = value
    where_named = where
    for i in range(len(params)):
        where_named = where_named.replace("%s", f"%(w{i})s", 1)
    columns = ", ".join(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)" for condition in counts.values())
    figure_columns = ", ".join(f"SUM({column})" for column in sums.values())
    sql = (
        f"SELECT d.*, f.* FROM (SELECT {columns} FROM reporting_dossier WHERE {where_named} "
        "AND received_on <= %(end)s AND (finished_on IS NULL OR finished_on >= %(start)s)) d "
        f"CROSS JOIN (SELECT {figure_columns} FROM reporting_procedurefigure WHERE {where_named} "
        "AND period_start >= %(start)s AND period_end <= %(end)s) f"
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, named)
        row = tuple(cursor.fetchone())
    values: dict[str, Any] = {code: _int(value) for code, value in zip(counts, row, strict=False)}
    for code, value in zip(sums, row[len(counts) :], strict=True):
        values[code] = int(value) if value is not None else None
    values["cchc.handled"] = values["cchc.carried_over"] + values["cchc.received"]
    values["cchc.resolved_in_time"] = values["cchc.resolved_early"] + values["cchc.resolved_on_time"]
    values["cchc.resolved"] = values["cchc.resolved_in_time"] + values["cchc.resolved_late"]
    values["cchc.in_progress"] = values["cchc.in_progress_within"] + values["cchc.in_progress_past"]
    values["cchc.on_time_rate"] = _rate(values["cchc.resolved_in_time"], values["cchc.resolved"])
    values["cchc.online_rate"] = _rate(values["cchc.received_online"], values["cchc.received"])
    return values


def hand_reception(place: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Visits of the period (count, persons, groups, refused) and the days a head held a reception session."""
    from danvan.reception.models import HostRole, SessionStatus

    where, params = _paths(place.paths)
    sql = (
        "SELECT v.*, s.* FROM (SELECT COUNT(*), SUM(persons), SUM(CASE WHEN is_group THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN is_refused THEN 1 ELSE 0 END) FROM cases_visit WHERE {where} "
        "AND visited_on >= %s AND visited_on <= %s) v "
        f"CROSS JOIN (SELECT COUNT(DISTINCT held_on) FROM cases_receptionsession WHERE {where} "
        "AND status = %s AND held_on >= %s AND held_on <= %s AND host_role <> %s) s"
    )
    row = _fetch(sql, [*params, start, end, *params, SessionStatus.HELD, start, end, HostRole.DESK])
    codes = ("reception.visits", "reception.persons", "reception.groups", "reception.refused", "reception.head_days")
    return {code: _int(value) for code, value in zip(codes, row, strict=True)}


def hand_petitions(place: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Petitions received (and by kind), accepted, resolved (on time, late) in the period and those still under
    resolution at its end (or today, for a period not over) — one aggregate over the cases alive in it."""
    from django.utils import timezone

    from danvan.cases.models import CaseKind
    from danvan.cases.statistics import ACCEPTED_PATH, INTAKE_END_STATUSES, STOP_STATUSES

    day = min(end, timezone.localdate())
    where, params = _paths(place.paths)

    def among(statuses: Sequence[str]) -> str:
        return "(" + ", ".join(f"'{status}'" for status in statuses) + ")"

    ended, stopped = among(INTAKE_END_STATUSES), among(STOP_STATUSES)
    received = "received_on >= %(start)s AND received_on <= %(end)s"
    resolved = "resolved_on >= %(start)s AND resolved_on <= %(end)s"
    pending = (
        "received_on <= %(day)s AND (resolved_on IS NULL OR resolved_on > %(day)s) "
        f"AND (status NOT IN {ended} OR intake_closed_on > %(day)s) "
        f"AND (status NOT IN {stopped} OR closed_on > %(day)s)"
    )
    columns = {
        "received": received,
        **{f"kind.{kind}": f"{received} AND kind = '{kind}'" for kind in CaseKind.values},
        "accepted": f"(accepted_on >= %(start)s AND accepted_on <= %(end)s) OR ({received} "
        f"AND accepted_on IS NULL AND NOT handled_as_management AND status IN {among(ACCEPTED_PATH)})",
        "resolved": resolved,
        "resolved_on_time": f"{resolved} AND resolution_timeliness = 'on_time'",
        "resolved_late": f"{resolved} AND resolution_timeliness = 'late'",
        "under_resolution": f"{pending} AND (accepted_on <= %(day)s "
        "OR (handled_as_management AND intake_closed_on <= %(day)s))",
        # past its deadline on the day: the running step's (intake, then resolution), not while suspended
        "overdue": f"{pending} AND ((intake_closed_on IS NULL OR intake_closed_on > %(day)s) AND ("
        "(intake_closed_on IS NULL AND due_step = 'intake' AND due_on < %(day)s) "
        "OR (intake_closed_on > %(day)s AND intake_timeliness = 'late')) "
        "OR intake_closed_on <= %(day)s AND ((resolved_on IS NULL AND due_step = 'resolution' AND due_on < %(day)s) "
        "OR (resolved_on > %(day)s AND resolution_timeliness = 'late'))) "
        "AND NOT (status = 'suspended' AND suspended_on IS NOT NULL AND suspended_on <= %(day)s)",
    }
    named: dict[str, Any] = {"start": start, "end": end, "day": day, "before": start - dt.timedelta(days=1)}
    where_named = where
    for i, value in enumerate(params):
        named[f"w{i}"] = value
        where_named = where_named.replace("%s", f"%(w{i})s", 1)
    sql = (
        f"SELECT {', '.join(f'SUM(CASE WHEN {c} THEN 1 ELSE 0 END)' for c in columns.values())} FROM cases_case "
        f"WHERE {where_named} AND received_on <= %(end)s AND (resolved_on IS NULL OR resolved_on > %(before)s) "
        f"AND (status NOT IN {ended} OR intake_closed_on > %(before)s) "
        f"AND (status NOT IN {stopped} OR closed_on > %(before)s)"
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, named)
        got = dict(zip(columns, (_int(v) for v in cursor.fetchone()), strict=True))
    values: dict[str, Any] = {
        f"petitions.{name}": got[name]
        for name in ("received", "accepted", "resolved", "resolved_on_time", "resolved_late")
    }
    for kind in CaseKind.values:
        values[f"petitions.received.{kind}"] = got[f"kind.{kind}"]
    values["petitions.to_resolve"] = got["resolved"] + got["under_resolution"]
    values["petitions.overdue"] = got["overdue"]
    values["petitions.resolution_rate"] = _rate(got["resolved"], values["petitions.to_resolve"])
    values["petitions.on_time_rate"] = _rate(got["resolved_on_time"], got["resolved"])
    return values


def hand_initiatives(place: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The registry's figures: registered (and by level), maintained (a "maintain" step in the period, or
    maintained and recognized by its end), recognized, replicated, funds; commendations awarded in the period."""
    from django.db import connection
    from django.utils import timezone

    from danvan.initiatives.models import InitiativeLevel
    from danvan.initiatives.statistics import MAINTAIN_ACTION

    zone = timezone.get_current_timezone()
    since = connection.ops.adapt_datetimefield_value(dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    until = connection.ops.adapt_datetimefield_value(
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    )
    where, params = _paths(place.paths, place.provinces)
    where_i, params_i = _paths(place.paths, place.provinces, alias="i.")
    registered = "registered_on >= %s AND registered_on <= %s"
    levels = InitiativeLevel.values
    sql = (
        "SELECT a.*, c.* FROM (SELECT "
        f"SUM(CASE WHEN {registered} THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN (status = 'maintained' AND recognized_on <= %s) OR id IN (SELECT initiative_id FROM "
        "initiatives_transition WHERE action = %s AND at >= %s AND at < %s) THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN recognized_on >= %s AND recognized_on <= %s THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {registered} AND origin_id IS NOT NULL THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {registered} THEN funds_total ELSE 0 END), "
        + ", ".join(f"SUM(CASE WHEN {registered} AND level = %s THEN 1 ELSE 0 END)" for _level in levels)
        + f" FROM initiatives_initiative WHERE {where}) a CROSS JOIN (SELECT "
        "SUM(CASE WHEN c.recipient_type = 'collective' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN c.recipient_type = 'individual' THEN 1 ELSE 0 END) "
        "FROM initiatives_commendation c JOIN initiatives_initiative i ON i.id = c.initiative_id "
        f"WHERE {where_i} AND c.awarded_on >= %s AND c.awarded_on <= %s) c"
    )
    level_params: list[Any] = []
    for level in levels:
        level_params += [start, end, level]
    head = [start, end, end, MAINTAIN_ACTION, since, until, start, end, start, end, start, end]
    row = _fetch(sql, [*head, *level_params, *params, *params_i, start, end])
    names = ("registered", "maintained", "recognized", "replicated", "funds_total")
    values: dict[str, Any] = {f"initiatives.{name}": _int(value) for name, value in zip(names, row, strict=False)}
    for level, value in zip(levels, row[len(names) : len(names) + len(levels)], strict=True):
        values[f"initiatives.registered.{level}"] = _int(value)
    values["initiatives.commended_collectives"] = _int(row[-2])
    values["initiatives.commended_individuals"] = _int(row[-1])
    return values


def hand_recommendations(place: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The recommendations group: ``democracy_recommendations_bench.hand_figures`` (one aggregate), as of today."""
    from django.utils import timezone

    from bench.democracy_recommendations_bench import hand_figures

    figures = hand_figures(place.paths, place.provinces, start, end, timezone.localdate())
    return {f"democracy.recommendations.{name}": value for name, value in figures.items()}


def hand_feedback(place: Any, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Citizen reports received in the period (local days) and what became of them as of today."""
    from django.db import connection
    from django.utils import timezone

    from danvan.feedback.statistics import percent

    zone = timezone.get_current_timezone()
    since = connection.ops.adapt_datetimefield_value(dt.datetime.combine(start, dt.time.min, tzinfo=zone))
    until = connection.ops.adapt_datetimefield_value(
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    )
    where, params = _paths(place.paths, place.provinces)
    answered = "answered_at IS NOT NULL"
    sql = (
        f"SELECT COUNT(*), SUM(CASE WHEN {answered} THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {answered} AND timeliness = 'on_time' THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {answered} AND timeliness = 'late' THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {answered} OR state IN ('refused', 'merged') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN is_open AND due_on < %s THEN 1 ELSE 0 END), COUNT(rating), SUM(rating), "
        "SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END) "
        f"FROM feedback_report WHERE {where} AND received_at >= %s AND received_at < %s"
    )
    row = [_int(value) for value in _fetch(sql, [timezone.localdate(), *params, since, until])]
    received, answered_n, on_time, late, handled, overdue, rated, rating_sum, satisfied = row
    mean = (Decimal(rating_sum) / rated).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if rated else None
    return {
        "feedback.received": received,
        "feedback.handled": handled,
        "feedback.answered": answered_n,
        "feedback.answered_on_time": on_time,
        "feedback.answered_late": late,
        "feedback.overdue": overdue,
        "feedback.on_time_rate": percent(on_time, answered_n + overdue),
        "feedback.rated": rated,
        "feedback.mean_rating": mean,
        "feedback.satisfied_share": percent(satisfied, rated),
    }


HAND: dict[str, Callable[[Any, dt.date, dt.date], dict[str, Any]]] = {
    "dossiers": hand_dossiers,
    "reception": hand_reception,
    "petitions": hand_petitions,
    "initiatives": hand_initiatives,
    "democracy.recommendations": hand_recommendations,
    "feedback": hand_feedback,
}


# --- Measures ---------------------------------------------------------------------------------------------------------


def p50(fn: Callable[[], object], times: int = TIMES) -> float:
    fn()  # warm the caches first, for both sides alike
    return statistics.median(timed(fn, times))


def _same(ours: Any, theirs: Any) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return Decimal(str(ours)) == Decimal(str(theirs))


def _source_measures(
    engine: str, place: Any, period: Any, cube_of: Mapping[str, Any]
) -> tuple[tuple[float, str, float, float] | None, float, float]:
    """Each indicator source against its hand-written SQL, timed in turns; (the worst ratio, the sums)."""
    from danvan.reporting.indicators import sources

    worst: tuple[float, str, float, float] | None = None
    sum_ours = sum_hand = 0.0
    for source in sources():
        ours = source.compute(place, period)  # also the warm call
        hand = HAND.get(source.code)
        if hand is None:
            ours_ms = p50(functools.partial(source.compute, place, period))
            busy = sum(1 for code in source.codes if ours.get(code))
            print(f"  {source.code:<28} {len(source.codes):>5} {ours_ms:>9.1f} {'—':>9} {'—':>6}  {busy} non-zero")
            sum_ours += ours_ms
            continue
        hand(place, period.start, period.end)  # its warm call
        # Taken in turns with ours: the ratio compares calls made under the same load.
        mine, reference = timed_pair(
            functools.partial(source.compute, place, period), functools.partial(hand, place, period.start, period.end),
            TIMES,
        )  # fmt: skip
        ours_ms, hand_ms = statistics.median(mine), statistics.median(reference)
        theirs = hand(place, period.start, period.end)
        missing = sorted(set(source.codes) - set(theirs))
        wrong = {code: (ours.get(code), theirs[code]) for code in theirs if not _same(ours.get(code), theirs[code])}
        if wrong:
            raise SystemExit(f"[{engine}] {source.code}: our figures differ from the hand-written SQL: {wrong}")
        if missing:  # a code added to the source since: compared no more, said so
            print(f"  ! {source.code}: not counted by hand (add them here): {', '.join(missing)}")
        ratio = ours_ms / hand_ms if hand_ms else float("inf")
        sum_ours += ours_ms
        sum_hand += hand_ms
        if worst is None or ratio > worst[0]:
            worst = (ratio, source.code, ours_ms, hand_ms)
        headline = next(iter(source.codes))
        cubed = " — ours sums the month cube, the hand SQL counts the records" if source.code in cube_of else ""
        print(
            f"  {source.code:<28} {len(source.codes):>5} {ours_ms:>9.1f} {hand_ms:>9.1f} {ratio:>6.2f}  "
            f"= hand SQL ({headline} {ours[headline]:,}){cubed}"
        )
        record(
            f"indicators {source.code} (province, year) / hand SQL",
            engine=engine,
            ours=ours_ms,
            reference=hand_ms,
            target_ratio=1.5,
            note=f"{len(source.codes)} codes, {source.queries} queries at most",
        )
    return worst, sum_ours, sum_hand


def report_measures(engine: str, province: Any) -> None:
    from danvan.core.db_router import reporting_reads
    from danvan.core.month_cube import cubes
    from danvan.core.periods import Period
    from danvan.reporting.indicator_services import report_figures
    from danvan.reporting.indicators import Place, compute, sources
    from danvan.reporting.periods import parse_period

    # Each cube by the code of the indicator source that sums it ("recommendations": "democracy.recommendations").
    cube_of = {
        source.code: cube for cube in cubes() for source in sources() if source.code.rsplit(".", 1)[-1] == cube.name
    }

    report_period = parse_period(str(YEAR))
    period = report_period.period
    place = Place.of(province)

    report_ms = p50(lambda: report_figures(province, report_period))
    report = report_figures(province, report_period)
    compute_ms = p50(lambda: compute(place, period))
    values = compute(place, period)
    print(
        f"[{engine}] {province.name} {YEAR}: the report (report_figures: {len(report.rows)} indicators, the year "
        f"and the year before) p50 {report_ms:.0f} ms [target < 3000 ms]; every computed indicator of the year "
        f"alone (indicators.compute, {len(values)} values) p50 {compute_ms:.0f} ms"
    )
    record(
        "province annual report, every indicator (report_figures)",
        engine=engine,
        ours=report_ms,
        reference=None,
        target_max=3000,
        note=f"{len(report.rows)} indicators; compute of the year alone {compute_ms:.0f} ms",
    )

    print(f"\n  {'indicator source':<28} {'codes':>5} {'ours ms':>9} {'SQL ms':>9} {'ratio':>6}  values")
    # Each source and its hand SQL as the app runs its figures: inside ``reporting_reads`` (on PostgreSQL every
    # statement planned for its values, not a prepared statement's generic plan: decision 0034) — both alike.
    with reporting_reads():
        worst, sum_ours, sum_hand = _source_measures(engine, place, period, cube_of)
    print(f"  {'sum':<28} {'':>5} {sum_ours:>9.1f} {sum_hand:>9.1f}\n")
    for code, cube in cube_of.items():
        # A period not of whole months (a report type's cut-off) still counts the records: its cost beside.
        source = next(source for source in sources() if source.code == code)
        cut_off = Period(dt.date(YEAR - 1, 12, 15), dt.date(YEAR, 12, 14))
        cut_ms = p50(functools.partial(source.compute, place, cut_off))
        print(
            f"[{engine}] {code}: month cube {cube.size():,} rows for {cube.records._default_manager.count():,} "
            f"records (a whole-month period sums it, so its ratio to the hand SQL over the records is well under "
            f"1); a cut-off period ({cut_off.start:%d/%m/%Y}–{cut_off.end:%d/%m/%Y}) counts the records: "
            f"{cut_ms:.1f} ms"
        )
    if worst is not None:
        print(f"[{engine}] worst ratio: {worst[1]} {worst[0]:.2f} [target ≤ 1.5]")
        record(
            "indicators, worst source / hand SQL",
            engine=engine,
            ours=worst[2],
            reference=worst[3],
            target_ratio=1.5,
            note=worst[1],
        )


def national_in_app() -> bool:
    """Whether the app has the national dashboard (``rollup.by_child(None, …)``: the country's provinces)."""
    from danvan.reporting import rollup

    return hasattr(rollup, "place_of")


def national_dashboard(code: str, year: int) -> dict[str, Any]:
    """The national dashboard: the app's own (``rollup.by_child`` and ``rollup.trend`` of the country, as the
    dashboard API computes it) when it has one, else :func:`national_stand_in`."""
    if not national_in_app():
        return national_stand_in(code, year)
    from danvan.reporting import rollup
    from danvan.reporting.periods import parse_period

    period = parse_period(str(year))
    children = rollup.by_child(None, period.period, code)  # type: ignore[arg-type,unused-ignore]
    points = rollup.trend(None, rollup.trend_periods(period), code)  # type: ignore[arg-type,unused-ignore]
    return {
        "code": code,
        "year": year,
        "children": [{"unit": child.unit.pk, "name": child.unit.name, "value": child.value} for child in children],
        "trend": [{"year": point.period.period.start.year, "value": point.value} for point in points],
    }


def national_stand_in(code: str, year: int) -> dict[str, Any]:
    """The national dashboard the app would show: ``code`` for ``year`` by province (``rollup.by_child`` over the
    34 provinces) and the national figure over the last five years (``rollup.trend``, each year's figure over
    the country's place: the roots of both unit trees). Through ``indicators.compute`` and ``Place.of``, as the dashboard does; the app has
    no unit above the provinces, so this stands in for the page that does not exist."""
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.core.periods import Period
    from danvan.core.text import vi_sort_key
    from danvan.reporting.indicators import Place, compute

    provinces = sorted(
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE),
        key=lambda unit: vi_sort_key(unit.name),
    )
    places = [Place.of(province) for province in provinces]
    bars = [
        {"unit": unit.pk, "name": unit.name, "value": compute(place, Period.year(year), [code]).get(code)}
        for unit, place in zip(provinces, places, strict=True)
    ]
    # The country: the roots of both trees (every record counts once, legacy ones under their successor's
    # province), as a national unit's place would be.
    country = Place(
        provinces[0],
        tuple(sorted({path.split("/", 1)[0] + "/" for place in places for path in place.paths})),
        tuple(sorted({code for place in places for code in place.provinces})),
    )
    trend = [
        {"year": y, "value": compute(country, Period.year(y), [code]).get(code)}
        for y in range(year - TREND_YEARS + 1, year + 1)
    ]
    return {"code": code, "year": year, "children": bars, "trend": trend}


def hand_national_received(year: int) -> dict[str, Any]:
    """``cchc.received`` by province and the national trend, by hand: one query grouped by province code (legacy
    codes folded into their current province by the mapping of the provinces' places)."""
    from django.db import connection

    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.core.selectors import statistics_paths

    current = list(AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE))
    owner: dict[str, int] = {}
    for unit in current:
        for code in statistics_paths(unit)[1]:
            owner.setdefault(code, unit.pk)
    years = range(year - TREND_YEARS + 1, year + 1)
    columns = ", ".join("SUM(CASE WHEN received_on >= %s AND received_on <= %s THEN 1 ELSE 0 END)" for _y in years)
    params: list[Any] = []
    for y in years:
        params += [dt.date(y, 1, 1), dt.date(y, 12, 31)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT province_code, {columns} FROM reporting_dossier WHERE received_on >= %s AND received_on <= %s "
            "GROUP BY province_code",
            [*params, dt.date(years[0], 1, 1), dt.date(year, 12, 31)],
        )
        rows = cursor.fetchall()
    by_unit: dict[int, int] = {unit.pk: 0 for unit in current}
    trend = dict.fromkeys(years, 0)
    for code, *counts in rows:
        if code in owner:
            by_unit[owner[code]] += int(counts[-1] or 0)
        for y, count in zip(years, counts, strict=True):
            trend[y] += int(count or 0)
    return {"children": by_unit, "trend": trend}


def dashboard_measures(engine: str, env: Mapping[str, str], province: Any) -> None:
    from danvan.accounts.models import Role
    from danvan.core.models import Organization

    ours = national_dashboard(DASHBOARD_CODE, YEAR)
    theirs = hand_national_received(YEAR)
    got = {bar["unit"]: bar["value"] or 0 for bar in ours["children"]}
    if got != theirs["children"] or {p["year"]: p["value"] or 0 for p in ours["trend"]} != theirs["trend"]:
        raise SystemExit(f"[{engine}] national dashboard differs from the hand-written SQL: {ours} vs {theirs}")
    in_process = p50(lambda: national_dashboard(DASHBOARD_CODE, YEAR))
    hand_in_process = p50(lambda: hand_national_received(YEAR))
    # The province's dashboard in-process, once: its communes (one compute each) and its trend (one per year).
    from danvan.reporting import rollup
    from danvan.reporting.periods import parse_period

    asked = parse_period(str(YEAR))
    started = time.perf_counter()
    communes = rollup.by_child(province, asked.period, DASHBOARD_CODE)
    by_child_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    rollup.trend(province, rollup.trend_periods(asked), DASHBOARD_CODE)
    trend_ms = (time.perf_counter() - started) * 1000
    print(
        f"[{engine}] province dashboard in-process, once: by_child ({len(communes)} communes) {by_child_ms:.0f} ms, "
        f"trend ({TREND_YEARS} years) {trend_ms:.0f} ms",
        flush=True,
    )
    body = Organization.objects.get(unit=province, kind__code="peoples_committee")
    secret = api_officer(body, Role.SYSTEM_ADMIN)  # sees the whole country
    query = f"code={DASHBOARD_CODE}&year={YEAR}"
    # The app's dashboard API without a unit is the country's for a system-wide viewer; the bench's stand-in else.
    national_path = (
        f"/api/v1/reporting/dashboard?period={YEAR}&code={DASHBOARD_CODE}"
        if national_in_app()
        else f"/bench/national-dashboard?{query}"
    )
    with granian_server(env) as port:
        paths = {
            "ours": [national_path] * REQUESTS,
            "bare": [f"/bare/national-dashboard?{query}"] * REQUESTS,
            "api": [f"/api/v1/reporting/dashboard?unit={province.pk}&period={YEAR}&code={DASHBOARD_CODE}"] * REQUESTS,
        }
        headers = {"Authorization": f"Bearer {secret}"}
        results: dict[str, list[float]] = {}
        for name, urls in paths.items():
            timings: list[float] = []
            try:
                timed_requests(port, urls[:4], headers)  # warm both workers
                started = time.perf_counter()
                # BENCH_REQUESTS of each, or as many as fit in REQUEST_SECONDS (at least 10: a slow page's p95)
                while len(timings) < len(urls) and (
                    len(timings) < 10 or time.perf_counter() - started < REQUEST_SECONDS
                ):
                    chunk, statuses = timed_requests(port, urls[:2], headers)
                    if set(statuses) != {200}:
                        raise SystemExit(f"[{engine}] {name} dashboard answered {sorted(set(statuses))}")
                    timings += chunk
            except TimeoutError:  # common.timed_requests waits 30 s for an answer
                print(f"[{engine}] ! {name}: a request took more than 30 s (counted as 30 s)")
                timings.append(30_000.0)
            results[name] = timings
    ours_p50, ours_p95 = percentile(results["ours"], 50), percentile(results["ours"], 95)
    bare_p50, bare_p95 = percentile(results["bare"], 50), percentile(results["bare"], 95)
    api_p50, api_p95 = percentile(results["api"], 50), percentile(results["api"], 95)
    where = "the app's dashboard API" if national_in_app() else "the bench's stand-in (no national page in the app)"
    print(
        f"[{engine}] national dashboard, {where} ({DASHBOARD_CODE}, 34 provinces + {TREND_YEARS}-year trend): in-process "
        f"p50 {in_process:.0f} ms vs hand SQL {hand_in_process:.1f} ms; over granian p50 {ours_p50:.0f} ms, p95 "
        f"{ours_p95:.0f} ms [target < 1000 ms] vs bare view p50 {bare_p50:.1f} ms, p95 {bare_p95:.1f} ms "
        f"(ratio p50 {ours_p50 / bare_p50:.1f}; {len(results['ours'])} requests)"
    )
    print(
        f"[{engine}] province dashboard API /api/v1/reporting/dashboard ({province.name}, {DASHBOARD_CODE}, its "
        f"communes + trend): p50 {api_p50:.0f} ms, p95 {api_p95:.0f} ms ({len(results['api'])} requests)"
    )
    record("national dashboard p95 (granian) / bare view p95", engine=engine, ours=ours_p95, reference=bare_p95,
           target_max=1000, note=f"p50 {ours_p50:.0f} ms vs {bare_p50:.1f} ms; in-process {in_process:.0f} ms")  # fmt: skip
    record("province dashboard API p95 (granian)", engine=engine, ours=api_p95, reference=None, target_max=1000,
           note=f"p50 {api_p50:.0f} ms")  # fmt: skip


def docx_measures(engine: str, env: Mapping[str, str], province: Any) -> None:
    from danvan.core.periods import Period
    from danvan.reporting.documents import render
    from danvan.reporting.indicators import sources
    from danvan.reporting.models import Indicator, ReportTemplate

    labels = dict(Indicator.objects.values_list("code", "label"))
    # One section per app (a state report has a handful of parts; the part numbers are Roman numerals).
    by_app: dict[str, list[str]] = {}
    for source in sources():
        by_app.setdefault(source.code.split(".")[0], []).extend(code for code in source.codes if code in labels)
    sections = [{"title": f"Kết quả {app}", "codes": codes} for app, codes in by_app.items()]
    template = ReportTemplate.objects.create(
        owner_unit=province,
        name="Báo cáo kết quả công tác dân vận năm",
        period_kind="year",
        doc_format="state",
        sections=[section for section in sections if section["codes"]],
    )
    period = Period.year(YEAR)
    content = render(province, period, template, "docx", doc_format="state")
    ms = p50(lambda: render(province, period, template, "docx", doc_format="state"))
    out = Path(env["DANVAN_VAR_DIR"]) / "report.docx"
    cli = run(["report", "--unit", PROVINCE, "--period", str(YEAR), "--format", "docx", "--template",
               str(template.pk), "--output", str(out)], env)  # fmt: skip
    print(
        f"[{engine}] DOCX annual report of {province.name} (state format, {len(template.indicator_codes)} "
        f"indicators, {len(content) / 1024:.0f} KiB): p50 {ms:.0f} ms [target < 2000 ms]; "
        f"`danvan report --format docx` {cli:.1f} s with the process start"
    )
    record("DOCX annual report (state format)", engine=engine, ours=ms, reference=None, target_max=2000,
           note=f"{len(template.indicator_codes)} indicators; CLI {cli:.1f} s")  # fmt: skip


def main() -> None:
    env, engine = prepared_django()
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree

    print(
        f"[{engine}] generating over province {PROVINCE}: {INITIATIVES:,} initiatives, {CASES:,} petitions, "
        f"{FEEDBACK_REPORTS:,} feedback reports, {RECOMMENDATIONS:,} recommendations, {DOSSIERS:,} dossiers",
        flush=True,
    )
    generated = generate()
    print(f"[{engine}] generated in {sum(seconds for _w, _r, seconds in generated):.0f} s", flush=True)
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE, code=PROVINCE)
    report_measures(engine, province)
    dashboard_measures(engine, env, province)
    docx_measures(engine, env, province)


if __name__ == "__main__":
    main()
