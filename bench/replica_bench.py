"""Benchmark: a report read from the streaming replica vs the same report on the primary (issue 10).

Run under scripts/with-postgres-replica.sh (a PostgreSQL primary and a hot standby made by pg_basebackup).
Generates ``DANVAN_BENCH_CASES`` open cases (default 200,000; bench/cases_generator.py), waits until the standby
has replayed them, then times the statistics of a province for a year (``danvan.cases.statistics.compare``):
through the router (reads on the replica) and the same function unwrapped (reads on the primary), alternating,
in one run, and prints p50 of each and the ratio replica/primary; the figures must be equal. Also the time the
standby took to replay the generated data, and the same report on the replica while a writer inserts cases on
the primary (the load the replica takes off it).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import prepare_database, record, scaled  # noqa: E402

TOTAL = scaled("DANVAN_BENCH_CASES", 200000)
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))
PROVINCE = "66"  # Tỉnh Đắk Lắk
YEAR = 2025


def timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def wait_replayed(timeout: float = 600.0) -> float:
    from django.db import connections

    started = time.perf_counter()
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (target,) = cursor.fetchone()
    while True:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", [target])
            (behind,) = cursor.fetchone()
        if behind <= 0:
            return time.perf_counter() - started
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"the standby did not catch up in {timeout:.0f} s")
        time.sleep(0.05)


def main() -> None:
    if not os.environ.get("DANVAN_REPLICA_URL"):
        raise SystemExit("run under scripts/with-postgres-replica.sh")
    var_dir = tempfile.mkdtemp(prefix="danvan-bench-")
    env = {
        **os.environ,
        "DANVAN_VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DANVAN_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    prepare_database(env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    from bench.cases_generator import generate
    from danvan.cases.statistics import compare
    from danvan.core.db_router import replica_alias
    from danvan.core.models import AdministrativeUnit, UnitTree

    assert replica_alias() == "replica"
    generated = generate(TOTAL)
    with connections["default"].cursor() as cursor:
        cursor.execute("ANALYZE")
    replay = wait_replayed()  # ANALYZE's statistics reach the standby too
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=PROVINCE)
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)

    def on_replica() -> Any:
        return compare(unit=province, start=start, end=end)

    def on_primary() -> Any:
        return compare.__wrapped__(unit=province, start=start, end=end)  # the selector without the router's block

    assert on_replica().current == on_primary().current, "the replica and the primary disagree"
    replica_ms, primary_ms = [], []
    for _ in range(ROUNDS):
        replica_ms.append(timed(on_replica))
        primary_ms.append(timed(on_primary))
    replica_p50, primary_p50 = statistics.median(replica_ms), statistics.median(primary_ms)

    # The same report on the replica while a writer keeps the primary busy.
    stop = threading.Event()
    written = [0]

    def writer() -> None:
        from danvan.cases.models import Case

        template = Case.objects.filter(status="received").first()
        while not stop.is_set() and template is not None:
            Case.objects.filter(pk=template.pk).update(version=template.version + written[0] + 1)
            written[0] += 1
        connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        loaded_ms = [timed(on_replica) for _ in range(ROUNDS)]
    finally:
        stop.set()
        thread.join()
    print(
        f"== replica benchmark (PostgreSQL primary + streaming standby, {generated.open_cases:,} open + "
        f"{generated.closed_cases:,} finished cases)"
    )
    print(f"standby replayed the generated data {replay:.1f} s after the generator committed")
    print(
        f"statistics (province, year): replica p50 {replica_p50:.1f} ms, primary p50 {primary_p50:.1f} ms "
        f"-> ratio replica/primary {replica_p50 / primary_p50:.2f}x"
    )
    record("case statistics on replica/primary p50", engine="PostgreSQL", ours=replica_p50, reference=primary_p50)
    print(
        f"statistics on the replica while {written[0]:,} writes hit the primary: p50 {statistics.median(loaded_ms):.1f} ms "
        f"-> ratio loaded/idle {statistics.median(loaded_ms) / replica_p50:.2f}x"
    )
    record(
        "case statistics on replica, primary loaded/idle p50",
        engine="PostgreSQL",
        ours=statistics.median(loaded_ms),
        reference=replica_p50,
    )


if __name__ == "__main__":
    main()
