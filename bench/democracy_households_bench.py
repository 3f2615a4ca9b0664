"""Benchmark: the household register (issue 11).

Prints, from one run on one engine:
- generation of villages for every commune of the real tree and ``BENCH_HOUSEHOLDS`` households over them — the
  issue's national register of 10,000,000 at BENCH_SCALE=1 (the shared generator, bench/democracy_generator.py,
  writes them inside the database: a few minutes per engine);
- the XLSX import of ``BENCH_IMPORT_ROWS`` (20,000) households into one commune, all-or-nothing with every row
  checked  [target < 30 s], beside the same rows inserted raw by hand (the floor: no checks, no file);
- ``household_count_on(commune, day)`` (what a vote counts as "all households") vs one hand-written SQL COUNT;
- over HTTP (granian, 2 workers): GET /api/v1/democracy/households?village=…&q=… p50/p95.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import granian_server, percentile, prepare_database, record, scaled, timed_requests  # noqa: E402

IMPORT_ROWS = scaled("BENCH_IMPORT_ROWS", 20000)
REQUESTS = scaled("BENCH_REQUESTS", 300, minimum=30)


def timed(function: Callable[[], Any], times: int) -> list[float]:
    laps = []
    for _ in range(times):
        started = time.perf_counter()
        function()
        laps.append((time.perf_counter() - started) * 1000)
    return laps


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="danvan-bench-")
    env = {**os.environ, "DANVAN_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    engine = "PostgreSQL" if env.get("DANVAN_DATABASE_URL", "").startswith("postgres") else "SQLite"
    prepare_database(env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from bench.democracy_generator import HOUSEHOLDS, bulk_insert, make_households, make_villages
    from danvan.accounts.models import Role
    from danvan.accounts.services import api_token_create, membership_grant, officer_create
    from danvan.core.models import AdministrativeUnit, Organization, UnitKind, UnitTree
    from danvan.core.services import village_create
    from danvan.democracy.household_selectors import household_count_on
    from danvan.democracy.household_xlsx import import_households, rows_to_xlsx
    from danvan.democracy.models import Household, Residence

    started = time.perf_counter()
    villages = make_villages()
    generated = make_households(villages, HOUSEHOLDS)
    generation = time.perf_counter() - started

    officer = officer_create(actor=None, username="bench", full_name="Bench Admin", password=None, check_password=False)
    officer.is_superuser = officer.is_staff = True
    officer.save(update_fields=["is_superuser", "is_staff"])
    membership_grant(
        actor=None,
        officer=officer,
        organization=Organization.objects.filter(unit__tree=UnitTree.CURRENT, unit__code="01").first(),
        role=Role.SYSTEM_ADMIN,
    )
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    _token, secret = api_token_create(actor=None, officer=officer, name="bench")

    # The import: a commune of its own (new villages "Thôn Nhập 1…10"), 20,000 rows.
    commune = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code="22081")
    targets = [
        village_create(actor=None, commune=commune, name=f"Thôn Nhập {n}", kind=UnitKind.VILLAGE, households=None)
        for n in range(1, 11)
    ]
    rng = random.Random(11)
    rows = [
        [
            n,
            f"NH-{n:06}",
            f"Nguyễn Văn {n}",
            targets[n % 10].name,
            f"09{rng.randint(10_000_000, 99_999_999)}",
            f"Xóm {n % 37}",
            "01/03/2024",
        ]
        for n in range(1, IMPORT_ROWS + 1)
    ]
    content = rows_to_xlsx(rows)
    started = time.perf_counter()
    result = import_households(actor=officer, commune=commune, file=io.BytesIO(content))
    import_seconds = time.perf_counter() - started
    assert result.created == IMPORT_ROWS, result

    # The floor: the same rows inserted raw, without reading a file or checking anything (another commune).
    floor_commune = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code="24133")
    floor_village = village_create(
        actor=None, commune=floor_commune, name="Thôn Sàn", kind=UnitKind.VILLAGE, households=None
    )
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Household._meta.db_table}")
        first = int(cursor.fetchone()[0]) + 1
    started = time.perf_counter()
    from django.db import transaction

    with transaction.atomic():
        bulk_insert(
            Household._meta.db_table,
            [
                "id",
                "unit_id",
                "unit_path",
                "province_code",
                "created_at",
                "updated_at",
                "version",
                "code",
                "representative_name",
                "representative_phone",
                "address",
                "search_text",
                "submission_fingerprint",
            ],
            (
                (
                    first + i,
                    floor_commune.pk,
                    floor_commune.path,
                    floor_commune.province_code,
                    now,
                    now,
                    1,
                    row[1],
                    row[2],
                    row[4],
                    row[5],
                    "",
                    "",
                )
                for i, row in enumerate(rows)
            ),
        )
        bulk_insert(
            Residence._meta.db_table,
            ["household_id", "village_id", "valid_from"],
            ((first + i, floor_village.pk, dt.date(2024, 3, 1)) for i in range(len(rows))),
        )
    floor_seconds = time.perf_counter() - started

    # "All households of the commune on the vote's day": ours vs one hand-written COUNT.
    day = timezone.localdate()
    busiest = commune  # its generated villages and the 20,000 imported households
    expected = household_count_on(busiest, day)
    ours = timed(lambda: household_count_on(busiest, day), 15)
    sql = (
        f"SELECT COUNT(*) FROM {Residence._meta.db_table} r JOIN {Household._meta.db_table} h ON h.id = r.household_id "
        "WHERE h.unit_id = %s AND r.valid_from <= %s AND (r.valid_to IS NULL OR r.valid_to >= %s)"
    )

    def hand() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, [busiest.pk, day, day])
            return int(cursor.fetchone()[0])

    assert hand() == expected
    hand_laps = timed(hand, 15)
    sample = list(villages[:: max(1, len(villages) // 50)])[:50]
    connection.close()

    words = ["nguyen", "van", "thi", "tran", "le", "an", "binh"]
    api_paths = [
        f"/api/v1/democracy/households?village={rng.choice(sample)['id']}&q={rng.choice(words)}"
        for _ in range(REQUESTS)
    ]
    headers = {"Authorization": f"Bearer {secret}"}
    with granian_server(env) as port:
        timed_requests(port, api_paths[:30], headers)
        api, api_status = timed_requests(port, api_paths, headers)

    print(f"== democracy households benchmark ({engine}, {generated:,} households in {len(villages):,} villages)")
    print(f"generation {generation:.1f} s")
    print(
        f"XLSX import of {IMPORT_ROWS:,} rows (checked, all-or-nothing): {import_seconds:6.2f} s  [target < 30 s]; "
        f"raw insert of the same rows {floor_seconds:.2f} s -> ratio {import_seconds / floor_seconds:.1f}x"
    )
    record(
        "household XLSX import / raw insert",
        engine=engine,
        ours=import_seconds,
        reference=floor_seconds,
        unit="s",
        target_max=30,
    )
    ours_p50, hand_p50 = statistics.median(ours), statistics.median(hand_laps)
    print(
        f"household_count_on(commune) = {expected:,}: p50 {ours_p50:.2f} ms; hand-written SQL COUNT p50 "
        f"{hand_p50:.2f} ms -> ratio {ours_p50 / hand_p50:.2f}x"
    )
    record("household_count_on / hand SQL COUNT p50", engine=engine, ours=ours_p50, reference=hand_p50)
    if set(api_status) == {200}:
        print(
            f"API  /api/v1/democracy/households?village&q  p50 {percentile(api, 50):6.2f} ms  "
            f"p95 {percentile(api, 95):6.2f} ms"
        )
    else:
        print(f"API statuses: {sorted(set(api_status))}")


if __name__ == "__main__":
    main()
