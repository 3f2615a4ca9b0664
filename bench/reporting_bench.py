"""Benchmark: administrative-procedure dossiers (reporting, dossiers part).

Prints, from one throw-away database (SQLite, or the PostgreSQL of ``DANVAN_DATABASE_URL``):
- generation of ``BENCH_DOSSIERS`` (default 5,000,000 × BENCH_SCALE) dossier rows by a raw bulk generator over the
  communes of Tỉnh Đắk Lắk (current and legacy) and Hà Nội;
- a province's CCHC indicators (``sources_dossiers``: 21 figures in 2 queries) for a year and a half-year, p50,
  against ONE hand-written SQL aggregate over the same rows (ratio printed; target ≤ 1.5);
- the import of a ``BENCH_IMPORT_ROWS`` (default 100,000 × BENCH_SCALE) row CSV export: all checked, then written
  in batches in one transaction (target < 60 s for 100,000 rows).

    BENCH_SCALE=0.01 nice -n 19 .venv/bin/python bench/reporting_bench.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import prepared_django, record, scaled  # noqa: E402

PROVINCE = "66"
BATCH = 10_000
TIMES = int(os.environ.get("BENCH_TIMES", "5"))


def generate(total: int, provinces: tuple[str, ...] = (PROVINCE, "01")) -> float:
    """``total`` dossiers by raw executemany (no ORM objects), received 2025-01-01 … 2026-12-31, over the communes
    (current and legacy) of ``provinces``; then their provinces' month cube (``sources_dossiers.CUBE``) counted
    again in the same transaction, as the import does."""
    from django.db import connection, transaction

    from danvan.core.models import AdministrativeUnit, UnitLevel
    from danvan.reporting.sources_dossiers import CUBE

    units = list(
        AdministrativeUnit.objects.filter(province_code__in=provinces, level=UnitLevel.COMMUNE).values_list(
            "id", "path", "province_code"
        )
    )
    rng = random.Random(766)
    now = dt.datetime.now(dt.UTC).isoformat(" ")
    sql = (
        "INSERT INTO reporting_dossier (unit_id, unit_path, province_code, number, procedure_code, procedure_name, "
        "level, received_on, channel, due_on, finished_on, status, search_text, imported_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    first = dt.date(2025, 1, 1)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        rows: list[tuple[Any, ...]] = []
        for i in range(total):
            unit_id, path, province = units[i % len(units)]
            received = first + dt.timedelta(days=rng.randrange(730))
            due = received + dt.timedelta(days=rng.choice((0, 3, 5, 7, 10, 15, 20)))
            roll = rng.random()
            if roll < 0.55:
                finished, status = due - dt.timedelta(days=min(rng.randrange(3), (due - received).days)), "early"
                status = "early" if finished < due else "on_time"
            elif roll < 0.75:
                finished, status = due, "on_time"
            elif roll < 0.87:
                finished, status = due + dt.timedelta(days=rng.randrange(1, 30)), "late"
            elif roll < 0.95:
                finished, status = None, "in_progress"
            elif roll < 0.98:
                finished, status = received + dt.timedelta(days=1), "withdrawn"
            else:
                finished, status = received + dt.timedelta(days=2), "returned"
            rows.append(
                (
                    unit_id,
                    path,
                    province,
                    f"B{i:08d}",
                    "1.0012",
                    "Đăng ký khai sinh",
                    "commune",
                    received,
                    rng.choice(("online", "online", "in_person", "post")),
                    due,
                    finished,
                    status,
                    f"b{i:08d} 1.0012 dang ky khai sinh",
                    now,
                )
            )
            if len(rows) >= BATCH:
                cursor.executemany(sql, rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)
        # Written around the import service: the month cube of the units counted again, in the same transaction.
        cube_started = time.perf_counter()
        CUBE.rebuild(provinces=sorted({province for _id, _path, province in units}))
        print(
            f"  month cube of the dossiers counted again in {time.perf_counter() - cube_started:.1f} s: "
            f"{CUBE.size():,} rows for {total:,} dossiers",
            flush=True,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reporting_dossier")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


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
WHERE province_code IN ({provinces}) AND ({paths})
  AND received_on <= %(end)s AND (finished_on IS NULL OR finished_on >= %(start)s)
"""


def hand_sql(place: Any, period: Any) -> tuple[Any, ...]:
    from django.db import connection

    params: dict[str, Any] = {"start": period.start, "end": period.end}
    provinces = []
    for i, code in enumerate(place.provinces):
        params[f"p{i}"] = code
        provinces.append(f"%(p{i})s")
    paths = []
    for i, path in enumerate(place.paths):
        params[f"path{i}"] = path + "%"
        paths.append(f"unit_path LIKE %(path{i})s")
    with connection.cursor() as cursor:
        cursor.execute(HAND_SQL.format(provinces=", ".join(provinces), paths=" OR ".join(paths)), params)
        return tuple(cursor.fetchone())


def p50(fn: Any, times: int = TIMES) -> float:
    fn()  # warm the caches first, for both sides alike
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def import_measure(rows: int) -> tuple[float, int]:
    """Seconds to import a ``rows``-row CSV export into Đắk Lắk (a mapping saved first)."""
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.reporting import dossier_services

    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE, code=PROVINCE)
    communes = list(
        AdministrativeUnit.objects.filter(
            tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, province_code=PROVINCE
        ).values_list("code", flat=True)
    )
    headings = ["Số hồ sơ", "Cơ quan tiếp nhận", "Mã TTHC", "Tên TTHC", "Ngày nhận hồ sơ", "Kênh nộp",
                "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"]  # fmt: skip
    columns = dict(zip(["number", "unit", "procedure_code", "procedure_name", "received_on", "channel", "due_on",
                        "finished_on", "status"], headings, strict=True))  # fmt: skip
    dossier_services.mapping_save(actor=None, province=province, columns=columns)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(headings)
    rng = random.Random(14)
    for i in range(rows):
        received = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300))
        due = received + dt.timedelta(days=5)
        finished = received + dt.timedelta(days=rng.randrange(9))
        writer.writerow([f"IMP-{i}", communes[i % len(communes)], "1.001", "Chứng thực bản sao",
                         received.strftime("%d/%m/%Y"), rng.choice(["Trực tuyến", "Trực tiếp", "Bưu chính"]),
                         due.strftime("%d/%m/%Y"), finished.strftime("%d/%m/%Y"), "Đã giải quyết"])  # fmt: skip
    data = io.BytesIO(text.getvalue().encode("utf-8"))
    started = time.perf_counter()
    result = dossier_services.dossiers_import(actor=None, province=province, file=data, name="bench.csv")
    return time.perf_counter() - started, result.created


def main() -> None:
    _env, engine = prepared_django()
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.core.periods import Period
    from danvan.reporting.indicators import Place
    from danvan.reporting.sources_dossiers import CUBE, SOURCE

    total = scaled("BENCH_DOSSIERS", 5_000_000)
    import_rows = scaled("BENCH_IMPORT_ROWS", 100_000)
    seconds = generate(total)
    print(f"[{engine}] generated {total:,} dossiers in {seconds:.1f} s ({total / max(seconds, 1e-9):,.0f} rows/s)")
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE, code=PROVINCE)
    place = Place.of(province)
    for label, period in (("year 2026", Period.year(2026)), ("H1 2026", Period.half(2026, 1))):
        ours = p50(lambda period=period: SOURCE.compute(place, period))
        reference = p50(lambda period=period: hand_sql(place, period))
        values = SOURCE.compute(place, period)
        check = hand_sql(place, period)
        same = values["cchc.carried_over"] == check[0] and values["cchc.resolved_late"] == check[7]
        ratio = ours / reference if reference else float("nan")
        print(
            f"[{engine}] province CCHC indicators, {label}: {ours:.1f} ms p50 (summed from the month cube) vs hand "
            f"SQL over the dossiers {reference:.1f} ms (ratio {ratio:.2f}, target ≤ 1.5 — well under 1: the cube "
            f"holds {CUBE.size():,} rows for {total:,} dossiers; same counts: {same}; on-time rate "
            f"{values['cchc.on_time_rate']} %)"
        )
        record(
            f"cchc_indicators_province_{label.replace(' ', '_')}",
            engine=engine,
            ours=ours,
            reference=reference,
            target_ratio=1.5,
            note=f"{total} dossiers",
        )
    seconds, created = import_measure(import_rows)
    target = 60.0 * import_rows / 100_000
    print(
        f"[{engine}] import of {import_rows:,} rows (CSV): {seconds:.1f} s, {created:,} created (target < {target:.1f} s)"
    )
    record("dossier_import", engine=engine, ours=seconds, reference=None, unit="s", target_max=target,
           note=f"{import_rows} rows")  # fmt: skip


if __name__ == "__main__":
    main()
