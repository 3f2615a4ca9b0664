"""Benchmark: the recommendation tracker at national scale — 2,000,000 recommendations over the real unit tree.

Generates (raw inserts, ``bench.democracy_generator.bulk_insert``; ``BENCH_RECOMMENDATIONS`` sets the count, default
2,000,000; ``make bench`` runs the default) recommendations raised at every current commune over two years (2025
and 2026), from every source, addressed to the commune's People's Committee (70%), its Front (10%), its People's
Council (10%) or the province's People's Committee (10%); 60% answered on time, 15% late, the rest open (overdue or
not yet due as of the bench day). Prints from one run on one engine (``make bench`` runs SQLite, then PostgreSQL):

- the recommendations figure group of a province for a year and the year before (in-process p50) vs one
  hand-written SQL aggregate computing the same figures (ratio; target ≤ 2×);
- the ranking of the province's bodies (in-process p50) vs one hand-written grouped SQL (ratio; target ≤ 2×);
- the whole statistics of the province (every registered group; in-process p50, target < 500 ms) and over HTTP
  (granian, 2 workers) GET /api/v1/democracy/statistics p50/p95 vs a bare Django JSON view running the hand-written
  SQL (ratio);
- a body's inbox over HTTP, GET /api/v1/democracy/recommendations/inbox/?organization=<the busiest body> p50/p95
  (target p95 < 50 ms) vs a bare Django JSON view of the same page (ratio);
- the sweep of recommendation deadlines for the whole country,
  ``danvan.democracy.recommendation_sweep.run_sweep(today)`` (target < 60 s) vs one hand-written SQL count of the
  due-soon and overdue items (ratio).

The functions (``generate``, ``hand_figures``, ``hand_ranking``) are importable: the smoke test
(``danvan/democracy/tests/test_recommendation_bench.py``) runs them at a small scale and checks that the
hand-written SQL and our code count the same things.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    api_officer,
    granian_server,
    percentile,
    prepared_django,
    record,
    scaled,
    sqlite_page_cache,
    timed,
    timed_requests,
)

RECOMMENDATIONS = scaled("BENCH_RECOMMENDATIONS", 2000000)
REQUESTS = scaled("BENCH_REQUESTS", 60, minimum=30)
PROVINCE = "66"
YEAR = 2026
TODAY = dt.date(2026, 12, 3)
SOURCES = (
    "year_end_meeting", "dialogue", "staff_dialogue", "voter_contact", "inspection_board", "investment_board",
    "supervision", "social_criticism", "reception",
)  # fmt: skip
FIELDS = ("land", "infrastructure", "environment", "social_policy", "health_education", "security", "economy", "other")
COLUMNS = (
    "unit_id", "unit_path", "province_code", "created_at", "updated_at", "version", "event_type_id", "event_id",
    "source", "kind", "field", "raiser_kind", "raised_by", "raised_on", "content", "addressee", "addressee_note",
    "addressee_org_id", "addressee_path", "due_rule", "due_on", "status", "answered_on", "answer",
    "answered_by_org_id", "assessment", "assessment_reason", "assessed_on", "public_hidden", "band_0", "band_1",
    "band_2", "band_3", "submission_fingerprint", "search_text", "duplicate_of_id",
)  # fmt: skip


def _bodies(province: str | None = None) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Every current commune with the ids of its People's Committee, Front and People's Council; the province
    People's Committee of each province code."""
    from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree

    communes: list[dict[str, Any]] = [
        dict(row)
        for row in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE)
        .filter(**({"province_code": province} if province else {}))
        .order_by("path")
        .values("id", "path", "province_code")
    ]
    kinds = ("peoples_committee", "fatherland_front", "peoples_council")
    orgs: dict[tuple[int, str], int] = {}
    for unit_id, kind, pk in (
        Organization.objects.filter(unit__tree=UnitTree.CURRENT, unit__level__in=(1, 3), kind__code__in=kinds)
        .order_by("pk")
        .values_list("unit_id", "kind__code", "pk")
    ):
        orgs.setdefault((unit_id, kind), pk)
    provinces = {
        code: orgs[(pk, "peoples_committee")]
        for pk, code in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE).values_list(
            "id", "province_code"
        )
        if (pk, "peoples_committee") in orgs
    }
    province_paths = dict(
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE).values_list(
            "province_code", "path"
        )
    )
    kept = []
    for commune in communes:
        if all((commune["id"], kind) in orgs for kind in kinds) and commune["province_code"] in provinces:
            commune.update({kind: orgs[(commune["id"], kind)] for kind in kinds})
            commune["province_path"] = province_paths[commune["province_code"]]
            kept.append(commune)
    return kept, provinces


def _day(days: str, vendor: str) -> str:
    """SQL of the date ``days`` (an integer expression) days after 1/1 of the year before."""
    first = dt.date(YEAR - 1, 1, 1).isoformat()
    if vendor == "postgresql":
        return f"(DATE '{first}' + ({days})::int)"
    return f"DATE('{first}', '+' || ({days}) || ' days')"


def generate(count: int = RECOMMENDATIONS, *, province: str | None = None) -> dict[str, Any]:
    """``count`` recommendations (at the communes of ``province`` when given) and the transfers of some of them,
    written by the database itself (``INSERT … SELECT`` over ``generate_series`` on PostgreSQL, a table of integers
    on SQLite, as ``bench.democracy_generator`` does); the counts and the seconds taken.

    Row ``n`` (0 …) is arithmetic on ``n``, so a run is repeatable: its commune ``communes[(n × 1543) mod C]`` (a
    stride prime to the count: every commune, scattered), raised on day ``(n × 7919) mod 730`` of 2025–2026, due 15
    (2 sources in 9) or 30 days later, from source ``n mod 9``; addressed to the commune People's Committee (7 in
    10), its Front, its People's Council or the province People's Committee (1 in 10 each); answered on time (12
    in 20), late (3 in 20) or not (5 in 20), never after the bench day; a quarter of the answers closed and assessed
    (a third of those unsatisfied). One item in three addressed to the province came there by a transfer from the
    commune People's Committee (a ``RecommendationTransfer`` row two days after it was raised, with the due date it
    had before)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.democracy_generator import (
        _after_bulk,
        _next_id,
        _no_foreign_key_checks,
        _pick,
        _series,
        _temp_table,
    )
    from danvan.democracy.models import CommunityMeeting, Recommendation, RecommendationTransfer

    started = time.perf_counter()
    vendor = connection.vendor
    communes, provinces = _bodies(province)
    event_type = ContentType.objects.get_for_model(CommunityMeeting).pk
    table, transfers = Recommendation._meta.db_table, RecommendationTransfer._meta.db_table
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    days = (dt.date(YEAR, 12, 31) - dt.date(YEAR - 1, 1, 1)).days + 1
    today = (TODAY - dt.date(YEAR - 1, 1, 1)).days
    with (
        _no_foreign_key_checks(vendor),
        transaction.atomic(),
        connection.cursor() as cursor,
        sqlite_page_cache(cursor, 1_000_000),
    ):
        _temp_table(
            cursor,
            "bench_communes",
            "idx integer PRIMARY KEY, id bigint, path varchar(120), province_code varchar(2), pc bigint, ff bigint, "
            "hd bigint, province_org bigint, province_path varchar(120)",
        )
        cursor.executemany(
            "INSERT INTO bench_communes VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (idx, c["id"], c["path"], c["province_code"], c["peoples_committee"], c["fatherland_front"],
                 c["peoples_council"], provinces[c["province_code"]], c["province_path"])
                for idx, c in enumerate(communes)
            ],
        )  # fmt: skip
        _temp_table(cursor, "bench_count", "size bigint")
        cursor.execute("INSERT INTO bench_count VALUES (%s)", [count])
        source = _series(cursor, vendor, "bench_count", "size", count)
        first_id = _next_id(cursor, table)
        # Row n (from 0): its id, its commune and its day numbers since 1/1 of the year before.
        base = f"""
            SELECT g.n - 1 AS n, {first_id} + g.n - 1 AS rid, c.*,
                (g.n - 1) * 7919 %% {days} AS raised_k,
                CASE WHEN (g.n - 1) %% 9 IN (4, 5) THEN 15 ELSE 30 END AS due_days
            FROM {source} JOIN bench_communes c ON c.idx = (g.n - 1) * 1543 %% {len(communes)}
        """
        # Answered: 12 in 20 within 1–14 days (before the due date), 3 in 20 after it; none after the bench day.
        timed_rows = f"""
            SELECT a.*, a.raised_k + a.due_days AS due_k,
                CASE WHEN a.answer_k <= {today} THEN a.answer_k END AS answered_k
            FROM (
                SELECT b.*, CASE WHEN b.n * 31 %% 20 < 12 THEN b.raised_k + 1 + b.n %% 14
                    WHEN b.n * 31 %% 20 < 15 THEN b.raised_k + b.due_days + 1 + b.n %% 20 END AS answer_k
                FROM ({base}) b
            ) a
        """
        rows = f"""
            SELECT t.*, CASE WHEN t.n %% 10 < 7 THEN 'peoples_committee' WHEN t.n %% 10 = 7 THEN 'fatherland_front'
                    WHEN t.n %% 10 = 8 THEN 'peoples_council' ELSE 'higher_level' END AS addressee,
                CASE WHEN t.n %% 10 < 7 THEN t.pc WHEN t.n %% 10 = 7 THEN t.ff WHEN t.n %% 10 = 8 THEN t.hd
                    ELSE t.province_org END AS org,
                CASE WHEN t.n %% 10 = 9 THEN t.province_path ELSE t.path END AS org_path,
                CASE WHEN t.answered_k IS NULL OR t.n %% 4 <> 0 THEN ''
                    WHEN t.n %% 3 <> 0 THEN 'satisfied' ELSE 'unsatisfied' END AS assessment
            FROM ({timed_rows}) t
        """
        answered = _day("r.answered_k", vendor)
        source_name = _pick("r.n", SOURCES)
        cursor.execute(
            f"""
            INSERT INTO {table} (id, {", ".join(COLUMNS)}, reraised_from_id, submission_key)
            SELECT r.rid, r.id, r.path, r.province_code, %s, %s, 1, {event_type}, 1 + r.n / 5,
                {source_name}, CASE WHEN r.n %% 3 <> 0 THEN 'recommendation' ELSE 'question' END,
                {_pick("r.n", FIELDS)}, 'citizens', 'Cử tri', {_day("r.raised_k", vendor)},
                'Kiến nghị số ' || r.n || ' về đường liên thôn.', r.addressee, '', r.org, r.org_path,
                'recommendation.answer_days.' || {source_name}, {_day("r.due_k", vendor)},
                CASE WHEN r.answered_k IS NULL THEN 'open' WHEN r.n %% 4 = 0 THEN 'closed' ELSE 'answered' END,
                CASE WHEN r.answered_k IS NOT NULL THEN {answered} END,
                CASE WHEN r.answered_k IS NULL THEN '' ELSE 'Đã trả lời.' END,
                CASE WHEN r.answered_k IS NOT NULL THEN r.org END,
                r.assessment, CASE WHEN r.assessment = 'unsatisfied' THEN 'Chưa giải quyết dứt điểm.' ELSE '' END,
                CASE WHEN r.assessment <> '' THEN {answered} END,
                %s, r.n %% 997, r.n %% 991, r.n %% 983, r.n %% 977, '',
                'kien nghi so ' || r.n || ' ve duong lien thon cu tri', NULL, NULL, NULL
            FROM ({rows}) r
            """,
            [stamp, stamp, False],
        )
        made = cursor.rowcount
        # One in three of the items addressed to the province was first the commune's (n mod 30 = 9).
        cursor.execute(
            f"""
            INSERT INTO {transfers} (recommendation_id, from_org_id, to_org_id, reason, transferred_on,
                due_on_before, actor_id, created_at)
            SELECT r.rid, r.pc, r.province_org, 'Vượt thẩm quyền cấp xã, chuyển UBND tỉnh.', {_day("r.raised_k + 2", vendor)},
                {_day("r.raised_k + r.due_days", vendor)}, NULL, %s
            FROM ({base}) r WHERE r.n %% 30 = 9
            """,
            [stamp],
        )
        moved = cursor.rowcount
        # The load ran with PostgreSQL's triggers off (a replica session role, for the foreign keys): the
        # recommendations' month cube, which the triggers keep, is counted again for the provinces written.
        from danvan.democracy.recommendation_figures import CUBE

        CUBE.rebuild(provinces=sorted({commune["province_code"] for commune in communes}))
    with connection.cursor() as cursor:
        _after_bulk(cursor, vendor, [table, transfers])
    return {
        "recommendations": made,
        "transfers": moved,
        "communes": len(communes),
        "seconds": time.perf_counter() - started,
    }


def _paths_sql(paths: Sequence[str], column: str = "unit_path") -> tuple[str, list[Any]]:
    """``column LIKE 'path%'`` for each path; on SQLite also the byte range the index can answer (as
    ``core.subtree`` does)."""
    from django.db import connection

    parts, params = [], []
    for path in paths:
        if connection.vendor == "sqlite":
            parts.append(f"({column} >= %s AND {column} < %s)")
            params += [path, path[:-1] + chr(ord(path[-1]) + 1)]
        else:
            parts.append(f"{column} LIKE %s")
            params.append(f"{path}%")
    return " OR ".join(parts), params


ADDRESSEES = ("peoples_committee", "fatherland_front", "peoples_council", "village", "higher_level", "other")


def hand_figures(
    paths: Sequence[str], provinces: Sequence[str], start: dt.date, end: dt.date, today: dt.date
) -> dict[str, int]:
    """The recommendations group's figures for one period, in one hand-written aggregate."""
    from django.db import connection

    from danvan.democracy.models import Recommendation

    where, params = _paths_sql(paths)
    on_time = "answered_on IS NOT NULL AND (due_on IS NULL OR answered_on <= due_on)"
    late = "answered_on IS NOT NULL AND due_on IS NOT NULL AND answered_on > due_on"
    first = "reraised_from_id IS NULL"  # outcomes count first raises; re-raises on their own line
    columns = [
        f"SUM(CASE WHEN {first} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {first} AND {on_time} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {first} AND {late} THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {first} AND answered_on IS NULL THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {first} AND answered_on IS NULL AND due_on < %s THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {first} AND assessment = 'satisfied' THEN 1 ELSE 0 END)",
        f"SUM(CASE WHEN {first} AND assessment = 'unsatisfied' THEN 1 ELSE 0 END)",
        "SUM(CASE WHEN reraised_from_id IS NOT NULL THEN 1 ELSE 0 END)",
    ]
    names = ["raised", "raised.on_time", "raised.late", "raised.unanswered", "raised.overdue", "assessed_satisfied",
             "assessed_unsatisfied", "reraised"]  # fmt: skip
    for addressee in ADDRESSEES:
        columns += [
            f"SUM(CASE WHEN {first} AND addressee = '{addressee}' THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {first} AND addressee = '{addressee}' AND {on_time} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {first} AND addressee = '{addressee}' AND {late} THEN 1 ELSE 0 END)",
            f"SUM(CASE WHEN {first} AND addressee = '{addressee}' AND answered_on IS NULL THEN 1 ELSE 0 END)",
        ]
        names += [
            f"by_addressee.{addressee}",
            *(f"by_addressee.{addressee}.{o}" for o in ("on_time", "late", "unanswered")),
        ]
    marks = ", ".join(["%s"] * len(provinces))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {Recommendation._meta.db_table} WHERE province_code IN ({marks}) "
            f"AND ({where}) AND raised_on >= %s AND raised_on <= %s",
            [today, *provinces, *params, start, end],
        )
        values = cursor.fetchone()
    return {name: int(value or 0) for name, value in zip(names, values, strict=True)}


def hand_ranking(paths: Sequence[str], start: dt.date, end: dt.date, today: dt.date) -> list[tuple[Any, ...]]:
    """Per addressed body, with its name and its unit's: raised, on time, late, unanswered, overdue — one
    hand-written GROUP BY."""
    from django.db import connection

    from danvan.core.models import AdministrativeUnit, Organization
    from danvan.democracy.models import Recommendation

    where, params = _paths_sql(paths, "r.addressee_path")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.addressee_org_id, o.name, u.name, COUNT(*), "
            "SUM(CASE WHEN r.answered_on IS NOT NULL AND (r.due_on IS NULL OR r.answered_on <= r.due_on) THEN 1 "
            "ELSE 0 END), SUM(CASE WHEN r.answered_on > r.due_on THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN r.answered_on IS NULL THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN r.answered_on IS NULL AND r.due_on < %s THEN 1 ELSE 0 END) "
            f"FROM {Recommendation._meta.db_table} r JOIN {Organization._meta.db_table} o ON o.id = r.addressee_org_id "
            f"JOIN {AdministrativeUnit._meta.db_table} u ON u.id = o.unit_id WHERE ({where}) "
            "AND r.raised_on >= %s AND r.raised_on <= %s GROUP BY r.addressee_org_id, o.name, u.name",
            [today, *params, start, end],
        )
        return sorted(tuple(row[:3]) + tuple(int(v or 0) for v in row[3:]) for row in cursor.fetchall())


def hand_sweep(today: dt.date, warning_days: int) -> tuple[int, int]:
    """The country's open items due within ``warning_days`` days and those overdue: one hand-written count."""
    from django.db import connection

    from danvan.democracy.models import Recommendation

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(CASE WHEN due_on >= %s THEN 1 ELSE 0 END), SUM(CASE WHEN due_on < %s THEN 1 ELSE 0 END) "
            f"FROM {Recommendation._meta.db_table} WHERE answered_on IS NULL AND status = 'open' AND due_on <= %s",
            [today, today, today + dt.timedelta(days=warning_days)],
        )
        soon, overdue = cursor.fetchone()
    return int(soon or 0), int(overdue or 0)


def main() -> None:
    env, engine = prepared_django()
    from django.db import connection

    from danvan.accounts.models import Role
    from danvan.core.models import AdministrativeUnit, Organization, UnitTree
    from danvan.core.periods import Period
    from danvan.core.selectors import statistics_paths
    from danvan.democracy import figures as democracy_figures
    from danvan.democracy import recommendation_figures
    from danvan.democracy.figures import Place
    from danvan.democracy.recommendation_ranking import recommendation_ranking
    from danvan.democracy.recommendation_sweep import run_sweep
    from danvan.democracy.statistics import democracy_statistics

    generated = generate()
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=PROVINCE)
    province_body = Organization.objects.get(unit=province, kind__code="peoples_committee")
    secret = api_officer(province_body, Role.OFFICER)

    period = Period.year(YEAR)
    previous = period.previous()
    paths, provinces = statistics_paths(province)
    place = Place(paths=paths, provinces=provinces)

    def ours_group() -> None:
        recommendation_figures.compute(place, period, today=TODAY)
        recommendation_figures.compute(place, previous, today=TODAY)

    def hand_group() -> None:
        hand_figures(paths, provinces, period.start, period.end, TODAY)
        hand_figures(paths, provinces, previous.start, previous.end, TODAY)

    mine = recommendation_figures.compute(place, period, today=TODAY)
    theirs = hand_figures(paths, provinces, period.start, period.end, TODAY)
    assert all(mine[key] == theirs[key] for key in theirs), (mine, theirs)
    group_ours, group_hand = timed(ours_group, 7), timed(hand_group, 7)
    ranking = recommendation_ranking(unit=province, period=period, today=TODAY)
    ranking_ours = timed(lambda: recommendation_ranking(unit=province, period=period, today=TODAY), 7)
    ranking_hand = timed(lambda: hand_ranking(paths, period.start, period.end, TODAY), 7)
    democracy_statistics(unit=province, period=period)
    stats_ours = timed(lambda: democracy_statistics(unit=province, period=period), 7)
    # The same page reading the recommendations group by group (four reads, as before the read ahead).
    group = democracy_figures._GROUPS["recommendations"]
    democracy_figures._GROUPS["recommendations"] = dataclasses.replace(group, read_ahead=None)
    try:
        stats_separately = timed(lambda: democracy_statistics(unit=province, period=period), 5)
    finally:
        democracy_figures._GROUPS["recommendations"] = group

    started = time.perf_counter()
    sweep_report = run_sweep(today=TODAY)
    sweep_seconds = time.perf_counter() - started
    hand_sweep_ms = statistics.median(timed(lambda: hand_sweep(TODAY, 5), 3))
    connection.close()

    headers = {"Authorization": f"Bearer {secret}"}
    stats_urls = [f"/api/v1/democracy/statistics?unit={province.pk}&year={YEAR}"] * REQUESTS
    bare_stats_urls = [f"/bare/recommendation-figures?unit={province.pk}&year={YEAR}"] * REQUESTS
    inbox_urls = [f"/api/v1/democracy/recommendations/inbox/?organization={province_body.pk}"] * REQUESTS
    bare_inbox_urls = [f"/bare/recommendation-inbox?organization={province_body.pk}"] * REQUESTS
    with granian_server(env) as port:
        timed_requests(port, stats_urls[:6] + bare_stats_urls[:6] + inbox_urls[:10] + bare_inbox_urls[:10], headers)
        stats_http, stats_status = timed_requests(port, stats_urls, headers)
        bare_stats_http, bare_stats_status = timed_requests(port, bare_stats_urls, headers)
        inbox_http, inbox_status = timed_requests(port, inbox_urls, headers)
        bare_inbox_http, bare_inbox_status = timed_requests(port, bare_inbox_urls, headers)

    print(
        f"== democracy recommendations benchmark ({engine}, {generated['recommendations']:,} recommendations over "
        f"{generated['communes']:,} communes, {generated['transfers']:,} transfers; generated in the database in "
        f"{generated['seconds']:.1f} s)"
    )
    print(
        f"{province.name} {YEAR}: {mine['raised']:,} raised, {mine['raised.on_time']:,} on time, "
        f"{mine['raised.late']:,} late, {mine['raised.unanswered']:,} unanswered; {len(ranking.bodies):,} bodies ranked"
    )
    g_ours, g_hand = statistics.median(group_ours), statistics.median(group_hand)
    print(
        f"in-process recommendations figures (province, year + year before): p50 {g_ours:7.2f} ms; hand-written SQL "
        f"p50 {g_hand:.2f} ms -> ratio {g_ours / g_hand:.2f}x [target <= 2x]"
    )
    record("recommendation figures / hand SQL p50", engine=engine, ours=g_ours, reference=g_hand, target_ratio=2)
    r_ours, r_hand = statistics.median(ranking_ours), statistics.median(ranking_hand)
    print(
        f"in-process ranking of bodies (province, year): p50 {r_ours:7.2f} ms; hand-written SQL p50 {r_hand:.2f} ms "
        f"-> ratio {r_ours / r_hand:.2f}x [target <= 2x]"
    )
    record("recommendation ranking / hand SQL p50", engine=engine, ours=r_ours, reference=r_hand, target_ratio=2)
    s_ours, s_separately = statistics.median(stats_ours), statistics.median(stats_separately)
    print(
        f"in-process statistics (province, year, every group): p50 {s_ours:7.2f} ms [target < 500 ms]; reading the "
        f"recommendations group by group (4 reads) p50 {s_separately:.2f} ms -> ratio {s_ours / s_separately:.2f}x"
    )
    record("democracy statistics in-process p50", engine=engine, ours=s_ours, reference=None, target_max=500)
    if set(stats_status) == {200} and set(bare_stats_status) == {200}:
        print(
            f"API  /api/v1/democracy/statistics (province, year)  p50 {percentile(stats_http, 50):6.2f} ms  p95 "
            f"{percentile(stats_http, 95):6.2f} ms [target < 500 ms]; bare view (hand SQL, recommendations only) p50 "
            f"{percentile(bare_stats_http, 50):.2f} ms -> ratio {statistics.median(stats_http) / statistics.median(bare_stats_http):.2f}x"
        )
        record(
            "democracy statistics API p95",
            engine=engine,
            ours=percentile(stats_http, 95),
            reference=None,
            target_max=500,
        )
        record(
            "democracy statistics API/bare view p50",
            engine=engine,
            ours=statistics.median(stats_http),
            reference=statistics.median(bare_stats_http),
        )
    else:
        print(f"API statistics: statuses {sorted(set(stats_status))}, bare {sorted(set(bare_stats_status))}")
    if set(inbox_status) == {200} and set(bare_inbox_status) == {200}:
        print(
            f"API  inbox of {province_body.name}  p50 {percentile(inbox_http, 50):6.2f} ms  p95 "
            f"{percentile(inbox_http, 95):6.2f} ms [target p95 < 50 ms]; bare view p50 "
            f"{percentile(bare_inbox_http, 50):.2f} ms p95 {percentile(bare_inbox_http, 95):.2f} ms -> ratio "
            f"{statistics.median(inbox_http) / statistics.median(bare_inbox_http):.2f}x"
        )
        record(
            "recommendation inbox API p95",
            engine=engine,
            ours=percentile(inbox_http, 95),
            reference=None,
            target_max=50,
        )
        record(
            "recommendation inbox API/bare view p50",
            engine=engine,
            ours=statistics.median(inbox_http),
            reference=statistics.median(bare_inbox_http),
        )
    else:
        print(
            f"API  inbox: statuses {sorted(set(inbox_status))} (expected 200); bare view "
            f"p50 {percentile(bare_inbox_http, 50):.2f} ms p95 {percentile(bare_inbox_http, 95):.2f} ms"
        )
    print(
        f"sweep of recommendation deadlines (whole country): {sweep_seconds:.2f} s [target < 60 s]; "
        f"hand-written SQL count p50 {hand_sweep_ms:.2f} ms; told due soon {sweep_report.newly_due_soon:,}, "
        f"overdue {sweep_report.newly_overdue:,}, {sweep_report.bodies:,} bodies, "
        f"{sweep_report.notifications:,} notifications"
    )
    record(
        "recommendation sweep / hand SQL count",
        engine=engine,
        ours=sweep_seconds,
        reference=hand_sweep_ms / 1000,
        unit="s",
        target_max=60,
    )


if __name__ == "__main__":
    main()
