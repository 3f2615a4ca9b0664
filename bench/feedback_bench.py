"""Benchmark: the citizen feedback channel — N reports over the real unit tree (``bench.feedback_generator``;
1,000,000 times BENCH_SCALE, ``BENCH_FEEDBACK_REPORTS`` to choose). Prints, from one run on
one engine (``make bench`` runs SQLite, then PostgreSQL):

- the public list and map data of a province over HTTP: ``/api/v1/feedback/public/reports`` when the URL resolves
  (the citizen part), p50/p95 [target p95 < 100 ms], vs a bare Django view (the newest 20, the count and the points
  of a box by ``.values()``; ratio);
- the nearby-duplicate lookup (open reports of a category within the radius rule): ``danvan.feedback.nearby`` when
  present, else the grid-cell look-up ``geo`` offers, p50/p95 [target p95 < 30 ms] vs one hand-written SQL (ratio);
- ``GET /open311/v2/requests.json`` p50/p95 when the URL resolves [target p95 < 100 ms] vs a bare view (ratio);
- the statistics of a province for a year beside the year before, ``statistics.feedback_statistics`` in process
  vs the same figures by hand-written SQL (every figure, in total and by category and channel, over the province
  and its legacy predecessors; ratio; the figures are checked equal), and over HTTP
  ``/api/v1/feedback/statistics`` vs a bare view running the hand-written SQL (ratio);
- the public ranking of a province's communes and of the country's provinces, in process vs hand-written SQL (ratio),
  and over HTTP ``/api/v1/feedback/ranking`` vs a bare view (ratio).

``generate``, ``hand_statistics`` and ``hand_ranking`` are importable (the bare views of ``bench.feedback_urls`` use
them).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    api_officer,
    free_port,
    percentile,
    prepared_django,
    record,
    scaled,
    timed,
    timed_pair,
    timed_requests,
)
from bench.feedback_generator import TODAY  # noqa: E402

REQUESTS = scaled("BENCH_REQUESTS", 60, minimum=30)
PROVINCE = "66"
YEAR = 2026


@contextmanager
def feedback_server(env: Mapping[str, str], *, workers: int = 2) -> Iterator[int]:
    """danvan on granian with the feedback bench's bare views (``bench.feedback_settings``); yields the port."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port",
         str(port), "--workers", str(workers), "--blocking-threads", "1", "--log-level", "warning",
         "danvan.wsgi:application"],
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.feedback_settings"},
        cwd=ROOT,
    )  # fmt: skip
    try:
        for _ in range(300):
            try:
                timed_requests(port, ["/bare/hello"])
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _hours_sql() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return "CAST(FLOOR(EXTRACT(EPOCH FROM (answered_at - received_at)) / 3600) AS integer)"
    return "(CAST(ROUND((julianday(answered_at) - julianday(received_at)) * 86400) AS integer) / 3600)"


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    from danvan.feedback.statistics import day_start

    return day_start(start), day_start(end + dt.timedelta(days=1))


COUNTS_SQL = """
SELECT {flag} AS in_period, r.category_id, c.name, c.name_en, c.sort_order, r.channel, COUNT(*),
  COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL),
  COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.timeliness = 'on_time'),
  COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.timeliness = 'late'),
  COUNT(*) FILTER (WHERE r.state = 'refused'),
  COUNT(*) FILTER (WHERE r.state = 'merged'),
  COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL OR r.state IN ('refused', 'merged')),
  COUNT(*) FILTER (WHERE r.is_open AND r.due_on < %s),
  COUNT(r.rating), COALESCE(SUM(r.rating), 0), COUNT(*) FILTER (WHERE r.rating >= 4)
FROM feedback_report r LEFT JOIN feedback_category c ON c.id = r.category_id
WHERE r.province_code IN ({provinces}) AND {subtree} AND r.received_at >= %s AND r.received_at < %s
GROUP BY 1, 2, 3, 4, 5, 6
"""
HOURS_SQL = """
SELECT {flag} AS in_period, category_id, channel, {hours} AS hours, COUNT(*)
FROM feedback_report r WHERE province_code IN ({provinces}) AND {subtree} AND received_at >= %s AND received_at < %s
  AND answered_at IS NOT NULL
GROUP BY 1, 2, 3, 4
"""
COUNT_NAMES = ("received", "answered", "on_time", "late", "refused", "merged", "handled", "overdue", "rated",
               "rating_sum", "satisfied")  # fmt: skip


def hand_statistics(
    paths: str | tuple[str, ...], provinces: str | tuple[str, ...], start: dt.date, end: dt.date, today: dt.date
) -> dict[str, Any]:
    """Every figure ``feedback_statistics`` returns for a unit subtree (``paths``, in ``provinces``: the unit's and
    its legacy predecessors', as ``statistics_paths`` gives them) for a period and the period of the same length
    before, in two hand-written GROUP BYs: the counts by period, category (with its names) and channel; the
    answer-time histogram by period, category, channel and hours, the medians read from it — for the totals and for
    each category and channel. Until issue 15 it kept the totals only (no refused, merged, slices or their medians)
    and counted the unit's own path only, while ours counts its legacy predecessors too; now both compute the same."""
    from django.db import connection

    from bench.common import hand_subtree
    from danvan.core.periods import Period
    from danvan.feedback.statistics import median_of

    paths = (paths,) if isinstance(paths, str) else paths
    provinces = (provinces,) if isinstance(provinces, str) else provinces
    period = Period(start, end)
    previous = period.previous()
    low, split = _bounds(previous.start, previous.end)[0], _bounds(period.start, period.end)[0]
    high = _bounds(period.start, period.end)[1]
    flag = "CASE WHEN received_at >= %s THEN 1 ELSE 0 END"
    subtree, subtree_params = hand_subtree(paths, "r.unit_path")
    in_provinces = ", ".join(["%s"] * len(provinces))
    slices: dict[int, dict[str, dict[Any, dict[str, Any]]]] = {
        which: {"total": {}, "category": {}, "channel": {}} for which in (0, 1)
    }
    histograms: dict[int, dict[str, dict[Any, dict[int, int]]]] = {
        which: {"total": {}, "category": {}, "channel": {}} for which in (0, 1)
    }
    names: dict[Any, tuple[str, str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            COUNTS_SQL.format(flag=flag, provinces=in_provinces, subtree=subtree),
            [split, today, *provinces, *subtree_params, low, high],
        )
        for which, category, name, name_en, order, channel, *counts in cursor.fetchall():
            names[category] = (name, name_en, order)
            for kind, key in (("total", None), ("category", category), ("channel", channel)):
                figures = slices[which][kind].setdefault(key, dict.fromkeys(COUNT_NAMES, 0))
                for count_name, value in zip(COUNT_NAMES, counts, strict=True):
                    figures[count_name] += int(value or 0)
        cursor.execute(
            HOURS_SQL.format(flag=flag, hours=_hours_sql(), provinces=in_provinces, subtree=subtree),
            [split, *provinces, *subtree_params, low, high],
        )
        for which, category, channel, hours, count in cursor.fetchall():
            for kind, key in (("total", None), ("category", category), ("channel", channel)):
                histogram = histograms[which][kind].setdefault(key, {})
                histogram[max(int(hours), 0)] = histogram.get(max(int(hours), 0), 0) + count
    for which in (0, 1):
        for kind, by_key in slices[which].items():
            for key, figures in by_key.items():
                median = median_of(histograms[which][kind].get(key, {}))
                figures["median_hours"] = float(median) if median is not None else None
    empty = {**dict.fromkeys(COUNT_NAMES, 0), "median_hours": None}
    return {
        tag: {
            **slices[which]["total"].get(None, empty),
            "by_category": {str(key): value for key, value in slices[which]["category"].items()},
            "by_channel": slices[which]["channel"],
        }
        for tag, which in (("current", 1), ("previous", 0))
    } | {"categories": {str(key): list(value) for key, value in names.items()}}


def hand_ranking(province: str, start: dt.date, end: dt.date, today: dt.date) -> list[list[Any]]:
    """Per commune of ``province`` (by unit): name, received, answered, on time, overdue, rated, rating sum, and late,
    refused, merged, handled, satisfied (every figure ours keeps per unit; before issue 15 the last five were left
    out), and the ranking's threshold rule in force today (ours reads it too) — one hand-written GROUP BY joined to
    the units; ordered by on-time rate then mean rating (ties by name)."""
    from django.db import connection

    low, high = _bounds(start, end)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.code, u.name, COUNT(*), COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL), "
            "COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.timeliness = 'on_time'), "
            "COUNT(*) FILTER (WHERE r.is_open AND r.due_on < %s), COUNT(r.rating), COALESCE(SUM(r.rating), 0), "
            "COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL AND r.timeliness = 'late'), "
            "COUNT(*) FILTER (WHERE r.state = 'refused'), COUNT(*) FILTER (WHERE r.state = 'merged'), "
            "COUNT(*) FILTER (WHERE r.answered_at IS NOT NULL OR r.state IN ('refused', 'merged')), "
            "COUNT(*) FILTER (WHERE r.rating >= 4), (SELECT value FROM core_legalrule WHERE code = "
            "'feedback.ranking_min_reports' AND valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s) "
            "ORDER BY valid_from DESC LIMIT 1) "
            "FROM feedback_report r JOIN core_administrativeunit u ON u.id = r.unit_id "
            "WHERE r.province_code = %s AND r.received_at >= %s AND r.received_at < %s GROUP BY u.code, u.name",
            [today, today, today, province, low, high],
        )
        rows = [list(row) for row in cursor.fetchall()]

    def score(row: list[Any]) -> tuple[float, float]:
        judged = int(row[3]) + int(row[5])
        return (int(row[4]) / judged if judged else -1.0, int(row[7]) / int(row[6]) if row[6] else -1.0)

    return sorted(rows, key=lambda row: (score(row), row[1]), reverse=True)


NEARBY_SQL = (
    "SELECT id, code, latitude, longitude FROM feedback_report WHERE grid_cell IN ({cells}) AND category_id = %s "
    "AND is_open"
)


def hand_nearby(lat: float, lng: float, category_id: int, radius: float) -> list[tuple[Any, ...]]:
    from django.db import connection

    from danvan.feedback import geo

    cells = geo.cells_around(lat, lng, radius)
    with connection.cursor() as cursor:
        cursor.execute(NEARBY_SQL.format(cells=", ".join(["%s"] * len(cells))), [*cells, category_id])
        return [row for row in cursor.fetchall() if geo.distance_m(lat, lng, float(row[2]), float(row[3])) <= radius]


def ours_nearby() -> tuple[str, Any]:
    """The citizen form's look-up ("is it one of these?"), called as the form calls it."""
    from danvan.feedback.models import Category
    from danvan.feedback.nearby import nearby_open_reports

    categories: dict[int, Category] = {}

    def ours(lat: float, lng: float, category_id: int, radius: float) -> list[Any]:
        category = categories.get(category_id) or categories.setdefault(
            category_id, Category.objects.get(pk=category_id)
        )
        return [near.report for near in nearby_open_reports(category=category, latitude=lat, longitude=lng)]

    return "feedback.nearby.nearby_open_reports", ours


def _resolves(url: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(url.split("?")[0])
    except Resolver404:
        return False
    return True


def _p(values: list[float]) -> str:
    return f"p50 {percentile(values, 50):7.2f} ms  p95 {percentile(values, 95):7.2f} ms"


def _ratio(ours: list[float], bare: list[float]) -> str:
    return f"{statistics.median(ours) / statistics.median(bare):.2f}x"


def main() -> None:
    env, engine = prepared_django()
    from django.db import connection
    from django.urls import clear_url_caches

    from bench.feedback_generator import generate
    from danvan.accounts.models import Role
    from danvan.core.models import AdministrativeUnit, Organization, UnitTree
    from danvan.core.periods import Period
    from danvan.core.rules import rule_in_force
    from danvan.core.selectors import statistics_paths
    from danvan.feedback.models import Category, Report
    from danvan.feedback.ranking import feedback_ranking
    from danvan.feedback.statistics import feedback_statistics

    generated = generate()
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=PROVINCE)
    province_body = Organization.objects.get(unit=province, kind__code="peoples_committee")
    secret = api_officer(province_body, Role.OFFICER)
    period = Period.year(YEAR)
    print(
        f"== feedback benchmark ({engine}, {generated['reports']:,} reports over {generated['communes']:,} communes; "
        f"generated in {generated['seconds']:.1f} s)"
    )

    # Statistics: ours vs hand-written SQL, checked equal (every figure, in total and by category and channel).
    paths, provinces = statistics_paths(province)
    stats = feedback_statistics(unit=province, period=period, today=TODAY)
    hand = hand_statistics(paths, provinces, period.start, period.end, TODAY)
    now = stats.current

    def figures_of(figures: Any) -> dict[str, Any]:
        median = figures.median_hours
        return {**{name: getattr(figures, name) for name in COUNT_NAMES},
                "median_hours": float(median) if median is not None else None}  # fmt: skip

    for tag, ours_figures in (("current", now), ("previous", stats.previous)):
        assert figures_of(ours_figures) == {k: v for k, v in hand[tag].items() if not k.startswith("by_")}, tag
        for slices, key in ((stats.by_category, "by_category"), (stats.by_channel, "by_channel")):
            ours_slices = {one.code: figures_of(getattr(one, tag)) for one in slices if getattr(one, tag).received}
            assert ours_slices == hand[tag][key], (tag, key)
    assert [s.label for s in stats.by_category] == [
        name for _key, (name, _en, _order) in sorted(hand["categories"].items(), key=lambda kv: (kv[1][2], kv[1][0]))
    ]
    stats_ours, stats_hand = timed_pair(
        lambda: feedback_statistics(unit=province, period=period, today=TODAY),
        lambda: hand_statistics(paths, provinces, period.start, period.end, TODAY),
        7,
    )
    print(
        f"{province.name} {YEAR}: {now.received:,} received, {now.answered:,} answered, on time "
        f"{now.on_time_rate}%, median {now.median_hours} h, mean rating {now.mean_rating}"
    )
    print(
        f"in-process statistics (province, year + year before, by category and channel): "
        f"p50 {statistics.median(stats_ours):7.2f} ms; hand-written SQL p50 {statistics.median(stats_hand):.2f} ms "
        f"-> ratio {_ratio(stats_ours, stats_hand)}"
    )
    record(
        "feedback statistics (province, year) / hand SQL p50", engine=engine, ours=statistics.median(stats_ours),
        reference=statistics.median(stats_hand), target_ratio=1.5,
    )  # fmt: skip
    # Ranking: ours vs hand-written SQL.
    ranking = feedback_ranking(province=province, period=period, today=TODAY)
    hand_rows = hand_ranking(PROVINCE, period.start, period.end, TODAY)
    assert len(ranking.units) == len(hand_rows), (len(ranking.units), len(hand_rows))
    ranking_ours, ranking_hand = timed_pair(
        lambda: feedback_ranking(province=province, period=period, today=TODAY),
        lambda: hand_ranking(PROVINCE, period.start, period.end, TODAY),
        7,
    )
    country_ours = timed(lambda: feedback_ranking(province=None, period=period, today=TODAY), 5)
    print(
        f"in-process ranking of {len(ranking.units):,} communes ({len(ranking.ranked):,} ranked): "
        f"p50 {statistics.median(ranking_ours):7.2f} ms; hand-written SQL p50 {statistics.median(ranking_hand):.2f} "
        f"ms -> ratio {_ratio(ranking_ours, ranking_hand)}; the country's provinces p50 "
        f"{statistics.median(country_ours):.2f} ms"
    )
    record(
        "feedback ranking of a province / hand SQL p50", engine=engine, ours=statistics.median(ranking_ours),
        reference=statistics.median(ranking_hand), target_ratio=1.5,
    )  # fmt: skip
    # Nearby: ours vs hand-written SQL over the same points.
    radius = float(rule_in_force("feedback.nearby_radius_m", TODAY).value)
    rng = random.Random(7)
    points = list(
        Report.objects.filter(latitude__isnull=False, province_code=PROVINCE)
        .order_by("id")
        .values_list("latitude", "longitude", "category_id")[:2000]
    )
    probes: list[tuple[float, float, int]] = (
        [
            (float(lat or 0), float(lng or 0), cat)
            for lat, lng, cat in (points[rng.randrange(len(points))] for _ in range(200))
        ]
        if points
        else []
    )
    label, nearby = ours_nearby()
    if probes:
        try:
            nearby_ours = [timed(partial(nearby, *p, radius), 1)[0] for p in probes]
        except TypeError:
            nearby_ours = []
            label += " (signature not understood: skipped)"
        nearby_hand = [timed(partial(hand_nearby, *p, radius), 1)[0] for p in probes]
        if nearby_ours:
            print(
                f"nearby look-up ({label}, {radius:.0f} m, {len(probes)} points): {_p(nearby_ours)} [target p95 < 30 "
                f"ms]; hand-written SQL {_p(nearby_hand)} -> ratio {_ratio(nearby_ours, nearby_hand)}"
            )
            record(
                "feedback nearby look-up p95 / hand SQL p95", engine=engine, ours=percentile(nearby_ours, 95),
                reference=percentile(nearby_hand, 95), target_max=30,
            )  # fmt: skip
        else:
            print(f"nearby look-up: {label}; hand-written SQL {_p(nearby_hand)}")
    box: tuple[float, float, int] = probes[0] if probes else (12.68, 108.04, 0)
    bbox = f"{box[1] - 0.1:.4f},{box[0] - 0.1:.4f},{box[1] + 0.1:.4f},{box[0] + 0.1:.4f}"
    category = Category.objects.order_by("pk").first()
    assert category is not None
    list_url = f"/api/v1/feedback/public/reports?province={PROVINCE}&bbox={bbox}"
    open311_url = "/open311/v2/requests.json"
    clear_url_caches()
    has_list, has_open311 = _resolves(list_url), _resolves(open311_url)
    connection.close()

    headers = {"Authorization": f"Bearer {secret}"}
    stats_urls = [f"/api/v1/feedback/statistics?unit={province.pk}&year={YEAR}"] * REQUESTS
    bare_stats = [f"/bare/feedback-statistics?unit={province.pk}&year={YEAR}"] * REQUESTS
    ranking_urls = [f"/api/v1/feedback/ranking?province={PROVINCE}&year={YEAR}"] * REQUESTS
    bare_ranking = [f"/bare/feedback-ranking?province={PROVINCE}&year={YEAR}"] * REQUESTS
    bare_list = [f"/bare/feedback-list?province={PROVINCE}&bbox={bbox}"] * REQUESTS
    bare_open311 = ["/bare/open311-requests"] * REQUESTS
    with feedback_server(env) as port:
        for urls in (stats_urls, bare_stats, ranking_urls, bare_ranking, bare_list, bare_open311):
            timed_requests(port, urls[:5], headers)  # warm both workers
        results: dict[str, tuple[list[float], list[int]]] = {}
        for name, urls in (
            ("stats", stats_urls), ("bare_stats", bare_stats), ("ranking", ranking_urls),
            ("bare_ranking", bare_ranking), ("bare_list", bare_list), ("bare_open311", bare_open311),
        ):  # fmt: skip
            results[name] = timed_requests(port, urls, headers)
        if has_list:
            timed_requests(port, [list_url] * 5)
            results["list"] = timed_requests(port, [list_url] * REQUESTS)
        if has_open311:
            timed_requests(port, [open311_url] * 5)
            results["open311"] = timed_requests(port, [open311_url] * REQUESTS)

    def line(title: str, ours: str, bare: str, target: str, target_max: float | None = None) -> None:
        (o_ms, o_status), (b_ms, b_status) = results[ours], results[bare]
        if set(o_status) != {200} or set(b_status) != {200}:
            print(f"{title}: statuses {sorted(set(o_status))}, bare {sorted(set(b_status))} (expected 200)")
            return
        print(f"{title}  {_p(o_ms)} {target}; bare view {_p(b_ms)} -> ratio {_ratio(o_ms, b_ms)}")
        record(f"{title} p95 / bare view p95", engine=engine, ours=percentile(o_ms, 95),
               reference=percentile(b_ms, 95), target_max=target_max)  # fmt: skip

    line("API  /api/v1/feedback/statistics (province, year)", "stats", "bare_stats", "")
    line("API  /api/v1/feedback/ranking (province, year, public; cached 10 min)", "ranking", "bare_ranking", "")
    if has_list:
        line("API  public list + map of a province", "list", "bare_list", "[target p95 < 100 ms]", 100)
    else:
        print(f"public list + map: {list_url.split('?')[0]} does not resolve on this branch (skipped); bare view "
              f"(newest 20 + count + box points) {_p(results['bare_list'][0])}")  # fmt: skip
    if has_open311:
        line("GET  /open311/v2/requests.json", "open311", "bare_open311", "[target p95 < 100 ms]", 100)
    else:
        print(f"GET /open311/v2/requests.json does not resolve on this branch (skipped); bare view (newest 1,000 of "
              f"90 days) {_p(results['bare_open311'][0])}")  # fmt: skip


if __name__ == "__main__":
    main()
