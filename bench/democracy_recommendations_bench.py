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

import datetime as dt
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
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


def rows(count: int, communes: list[dict[str, Any]], provinces: dict[str, int], event_type: int) -> Iterator[tuple]:
    """``count`` recommendation rows spread over ``communes`` and two years (deterministic)."""
    from django.utils import timezone

    now = timezone.now()
    first = dt.date(YEAR - 1, 1, 1)
    days = (dt.date(YEAR, 12, 31) - first).days + 1
    for n in range(count):
        commune = communes[(n * 1543) % len(communes)]  # a stride prime to the count: every commune, scattered
        raised_on = first + dt.timedelta(days=(n * 7919) % days)
        due_on = raised_on + dt.timedelta(days=15 if n % 9 in (4, 5) else 30)
        choice = n % 10
        if choice < 7:
            addressee, org, path = "peoples_committee", commune["peoples_committee"], commune["path"]
        elif choice == 7:
            addressee, org, path = "fatherland_front", commune["fatherland_front"], commune["path"]
        elif choice == 8:
            addressee, org, path = "peoples_council", commune["peoples_council"], commune["path"]
        else:
            addressee, org, path = "higher_level", provinces[commune["province_code"]], commune["province_path"]
        outcome = (n * 31) % 20  # 0–11 on time, 12–14 late, 15–19 open
        answered_on: dt.date | None = None
        if outcome < 12:
            answered_on = min(raised_on + dt.timedelta(days=1 + n % 14), due_on)
        elif outcome < 15:
            answered_on = due_on + dt.timedelta(days=1 + n % 20)
        if answered_on is not None and answered_on > TODAY:
            answered_on = None
        status = "open" if answered_on is None else ("closed" if n % 4 == 0 else "answered")
        assessment = "" if answered_on is None or n % 4 else ("satisfied" if n % 3 else "unsatisfied")
        yield (
            commune["id"], commune["path"], commune["province_code"], now, now, 1, event_type, 1 + n // 5,
            SOURCES[n % len(SOURCES)], "recommendation" if n % 3 else "question", FIELDS[n % len(FIELDS)],
            "citizens", "Cử tri", raised_on, f"Kiến nghị số {n} về đường liên thôn.", addressee, "", org, path,
            f"recommendation.answer_days.{SOURCES[n % len(SOURCES)]}", due_on, status, answered_on,
            "Đã trả lời." if answered_on else "", org if answered_on else None, assessment,
            "Chưa giải quyết dứt điểm." if assessment == "unsatisfied" else "", answered_on if assessment else None,
            False, n % 997, n % 991, n % 983, n % 977, "", f"kien nghi so {n} ve duong lien thon cu tri", None,
        )  # fmt: skip


def generate(count: int = RECOMMENDATIONS, *, province: str | None = None) -> dict[str, Any]:
    """``count`` recommendations, raw (at the communes of ``province`` when given); the count and the seconds
    taken."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from bench.democracy_generator import bulk_insert
    from danvan.democracy.models import CommunityMeeting, Recommendation

    started = time.perf_counter()
    communes, provinces = _bodies(province)
    event_type = ContentType.objects.get_for_model(CommunityMeeting).pk
    table = Recommendation._meta.db_table
    with transaction.atomic():
        made = bulk_insert(table, COLUMNS, rows(count, communes, provinces, event_type))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"recommendations": made, "communes": len(communes), "seconds": time.perf_counter() - started}


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
        f"{generated['communes']:,} communes; generated in {generated['seconds']:.1f} s)"
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
    s_ours = statistics.median(stats_ours)
    print(f"in-process statistics (province, year, every group): p50 {s_ours:7.2f} ms [target < 500 ms]")
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
