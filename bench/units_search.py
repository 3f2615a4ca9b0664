"""Benchmark: unit search over the whole tree (~14,000 units).

Prints, from one run on one server:
- `danvan load_units` time (first load and the idempotent second load);
- p50/p95 latency of GET /api/v1/units?q=… vs the bare Django JSON view doing the same search;
- throughput of both (wrk, 1 thread, 8 connections, when wrk is installed) and their ratio;
- in-process: our selector (ranked, counted) vs one hand-written SQL query.
Targets (issue 2): API p95 < 20 ms; API throughput ≥ 40 % of the bare view's.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import (
    ROOT,
    SCALE,
    granian_server,
    percentile,
    prepare_database,
    record,
    run,
    scaled,
    timed_requests,
)

REQUESTS = scaled("BENCH_REQUESTS", 600, minimum=30)


def latencies(port: int, paths: list[str]) -> list[float]:
    timings, statuses = timed_requests(port, paths)
    assert all(status == 200 for status in statuses), statuses
    return timings


def throughput(port: int, paths: list[str], seconds: int = 5) -> float | None:
    if not shutil.which("wrk"):
        return None
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    quoted = ",".join(f'"{p}"' for p in paths[:200])
    script.write_text(
        f"paths = {{{quoted}}}\ni = 0\nrequest = function()\n i = i % #paths + 1\n"
        'return wrk.format("GET", paths[i])\nend\n'
    )
    out = subprocess.run(
        ["wrk", "-t1", "-c8", f"-d{seconds}s", "-s", str(script), f"http://127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    return None


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="danvan-bench-")
    env = {**os.environ, "DANVAN_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    engine = "PostgreSQL" if env.get("DANVAN_DATABASE_URL", "").startswith("postgres") else "SQLite"
    # The tree has one size whatever BENCH_SCALE: its load is measured in a full run (make bench); a quick run copies
    # the prepared tree (bench-quick's five minutes).
    measure_load = SCALE >= 1
    prepare_database(env, units=not measure_load)
    first_load = run(["load_units"], env) if measure_load else None
    second_load = run(["load_units"], env) if measure_load else None

    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from danvan.core import selectors
    from danvan.core.models import AdministrativeUnit
    from danvan.core.text import fold

    names = list(AdministrativeUnit.objects.values_list("short_name", flat=True))
    rng = random.Random(2026)
    queries = [fold(rng.choice(names)) for _ in range(REQUESTS)]
    queries = [" ".join(q.split()[:2]) for q in queries]
    api_paths = [f"/api/v1/units?{urllib.parse.urlencode({'q': q})}" for q in queries]
    bare_paths = [f"/bare/units?{urllib.parse.urlencode({'q': q})}" for q in queries]

    # In-process: our selector (ranked page + count) vs one hand-written SQL query.
    def ours(q: str) -> None:
        units = selectors.units_search(q=q)
        list(units[:20])
        units.count()

    def hand_sql(q: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, code, name, count(*) OVER () FROM core_administrativeunit "
                "WHERE search_text LIKE %s ORDER BY level, name LIMIT 20",
                [f"%{q}%"],
            )
            cursor.fetchall()

    timings: dict[str, list[float]] = {"ours": [], "sql": []}
    for q in queries[:300]:
        for label, fn in (("ours", ours), ("sql", hand_sql)):
            started = time.perf_counter()
            fn(q)
            timings[label].append((time.perf_counter() - started) * 1000)
    connection.close()

    with granian_server(env) as port:
        latencies(port, api_paths[:50] + bare_paths[:50])  # warm up both workers
        api = latencies(port, api_paths)
        bare = latencies(port, bare_paths)
        api_rps = throughput(port, api_paths)
        bare_rps = throughput(port, bare_paths)

    unit_count = AdministrativeUnit.objects.count()
    print(f"== unit search benchmark ({engine}, {unit_count:,} units, {REQUESTS} requests, granian 2 workers)")
    if first_load is None or second_load is None:
        print("load_units: measured in a full run only (make bench; BENCH_SCALE < 1 copies the prepared tree)")
    else:
        print(
            f"load_units: first load {first_load:.1f} s, second (idempotent) load {second_load:.1f} s  [target < 60 s]"
        )
        record("load_units, first load", engine=engine, ours=first_load, reference=None, unit="s", target_max=60)
        record("load_units, second load", engine=engine, ours=second_load, reference=None, unit="s", target_max=60)
    print(
        f"API  /api/v1/units?q=  p50 {percentile(api, 50):6.2f} ms  p95 {percentile(api, 95):6.2f} ms  [target p95 < 20 ms]"
    )
    record("unit search API p95", engine=engine, ours=percentile(api, 95), reference=None, target_max=20)
    print(f"bare Django JSON view  p50 {percentile(bare, 50):6.2f} ms  p95 {percentile(bare, 95):6.2f} ms")
    print(f"latency ratio API/bare (p50): {statistics.median(api) / statistics.median(bare):.2f}x")
    record(
        "unit search API/bare view p50", engine=engine, ours=statistics.median(api), reference=statistics.median(bare)
    )
    if api_rps and bare_rps:
        print(
            f"throughput: API {api_rps:,.0f} req/s, bare {bare_rps:,.0f} req/s -> API = {api_rps / bare_rps:.0%} "
            "of bare [target >= 40%]"
        )
        record(
            "unit search throughput API/bare",
            engine=engine,
            ours=api_rps,
            reference=bare_rps,
            unit="req/s",
            target_min_ratio=0.4,
        )
    ours_p50, sql_p50 = statistics.median(timings["ours"]), statistics.median(timings["sql"])
    print(
        f"in-process: selector p50 {ours_p50:.2f} ms vs hand-written SQL p50 {sql_p50:.2f} ms "
        f"-> ratio {ours_p50 / sql_p50:.2f}x"
    )
    record("unit search selector/hand SQL p50", engine=engine, ours=ours_p50, reference=sql_p50)
    shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
