"""Benchmark: the disclosure compliance boards with 300,000 disclosures over every commune of the real tree.

Prints, from one run on one server:
- generation time (raw inserts through ``bench.democracy_generator.bulk_insert``; ``BENCH_DISCLOSURES`` scales the
  count down for quick runs), with a posting channel per disclosure;
- in-process: ``province_board`` (every commune of a province with its counts by status and violation kind) p50/p95
  vs one hand-written SQL ``GROUP BY`` (ratio);
- over HTTP (granian, 2 workers): GET /api/v1/democracy/disclosures/compliance?unit=<province> p50/p95 vs a bare
  Django JSON view doing the same aggregate with ``.values().annotate()`` (ratio);
- the commune board (each disclosure with every rule computed and explained) for a busy commune, in process.
Target (issue 11): province compliance board p95 < 200 ms.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import granian_server, percentile, prepare_database, record, run, scaled, timed_requests  # noqa: E402

TOTAL = scaled("BENCH_DISCLOSURES", 300000)
REQUESTS = scaled("BENCH_REQUESTS", 200, minimum=30)
TITLES = [
    "Phương án bồi thường, hỗ trợ, tái định cư dự án đường giao thông",
    "Dự toán ngân sách xã",
    "Danh sách hộ nghèo được hỗ trợ",
    "Kế hoạch sử dụng đất",
    "Mức thu phí chợ",
    "Kết quả lấy ý kiến Nhân dân về quy hoạch",
    "Danh sách công dân gọi nhập ngũ",
    "Quyết toán ngân sách",
]


def generate(total: int) -> dict[str, Any]:
    """``total`` disclosures spread over every current commune, their compliance already computed (a mix of ok,
    running and violations), and one posting channel each; raw inserts."""
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.democracy_generator import bulk_insert
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.core.text import fold
    from danvan.democracy.models import Disclosure, DisclosureChannel, DisclosureForm, DisclosureItem

    rng = random.Random(2026)
    today = timezone.localdate()
    now = timezone.now()
    communes = list(
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE).values(
            "id", "path", "province_code"
        )
    )
    items = list(DisclosureItem.objects.values_list("id", "number"))
    posting = DisclosureForm.objects.get(code="posting").pk
    columns = [f.column for f in Disclosure._meta.concrete_fields]
    channel_columns = ["id", "disclosure_id", "form_id", "place", "started_on", "ended_on", "created_at"]
    started = time.perf_counter()

    def rows() -> Any:
        for pk in range(1, total + 1):
            commune = rng.choice(communes)
            item_id, number = rng.choice(items)
            issued = today - dt.timedelta(days=rng.randint(0, 3 * 365))
            delay = rng.choice([1, 2, 3, 4, 5, 5, 6, 9])
            disclosed = issued + dt.timedelta(days=delay)
            late = delay > 6
            short = rng.random() < 0.04
            portal = rng.random() < 0.9
            taken_down = number in (4, 13) and rng.random() < 0.05
            speaker = 7 <= number <= 12 and rng.random() < 0.05
            violation = late or short or not portal or taken_down or speaker
            running = not violation and (today - disclosed).days < 30
            status = "violation" if violation else "pending" if running else "ok"
            title = f"{rng.choice(TITLES)} số {pk}"
            search = fold(title)
            values = {
                "id": pk,
                "unit_id": commune["id"],
                "unit_path": commune["path"],
                "province_code": commune["province_code"],
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "item_id": item_id,
                "title": title,
                "document_number": f"{pk % 300}/QĐ-UBND",
                "issued_on": issued,
                "summary": "",
                "document_id": None,
                "is_published": portal,
                "published_on": disclosed if portal else None,
                "search_text": search,
                "public_search_text": search,
                "disclosed_on": disclosed,
                "status": status,
                "is_late": late,
                "is_too_short": short,
                "lacks_portal": not portal,
                "is_taken_down": taken_down,
                "lacks_loudspeaker": speaker,
                "checked_on": today,
                "recheck_on": disclosed + dt.timedelta(days=29) if running else None,
                "created_by_id": None,
                "submission_key": None,
                "submission_fingerprint": "",
            }
            yield tuple(values[c] for c in columns)

    def channel_rows() -> Any:
        for pk, disclosed, short in Disclosure.objects.values_list("id", "disclosed_on", "is_too_short").iterator(
            chunk_size=20000
        ):
            end = disclosed + dt.timedelta(days=rng.randint(10, 28) if short else rng.randint(30, 60))
            yield (pk, pk, posting, "Bảng tin trụ sở UBND xã", disclosed, end, now)

    with transaction.atomic():
        count = bulk_insert(Disclosure._meta.db_table, columns, rows())
        channels = bulk_insert(DisclosureChannel._meta.db_table, channel_columns, channel_rows())
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Disclosure, DisclosureChannel]):
                cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"disclosures": count, "channels": channels, "seconds": time.perf_counter() - started}


def hand_sql_board(province: Any) -> list[tuple[Any, ...]]:
    """The province board written by hand: one GROUP BY over the province's disclosures."""
    from django.db import connection

    flags = ("is_late", "is_too_short", "lacks_portal", "is_taken_down", "lacks_loudspeaker")
    sums = ", ".join(f"SUM(CASE WHEN {flag} THEN 1 ELSE 0 END)" for flag in flags)
    sql = (
        "SELECT unit_id, COUNT(*), SUM(CASE WHEN status = 'ok' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'violation' THEN 1 ELSE 0 END), "
        f"{sums} FROM democracy_disclosure WHERE province_code = %s AND unit_path LIKE %s GROUP BY unit_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [province.province_code, f"{province.path}%"])
        return list(cursor.fetchall())


def timed(fn: Any, times: int) -> list[float]:
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="danvan-bench-")
    env = {**os.environ, "DANVAN_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    engine = "PostgreSQL" if env.get("DANVAN_DATABASE_URL", "").startswith("postgres") else "SQLite"
    prepare_database(env)
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.models import Role
    from danvan.accounts.services import api_token_create, membership_grant, officer_create
    from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree
    from danvan.democracy.disclosure_selectors import commune_board, province_board

    generated = generate(TOTAL)
    # What the nightly sweep does before the day's first board (postings that reached their day).
    sweep = timed(lambda: run(["disclosure_compliance"], env), 1)[0] / 1000
    officer = officer_create(actor=None, username="bench", full_name="Bench Admin", password=None, check_password=False)
    officer.is_superuser = officer.is_staff = True
    officer.save(update_fields=["is_superuser", "is_staff"])
    membership_grant(
        actor=None,
        officer=officer,
        organization=Organization.objects.filter(unit__tree=UnitTree.CURRENT, unit__code="01").first(),
        role=Role.SYSTEM_ADMIN,
    )
    TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    _token, secret = api_token_create(actor=None, officer=officer, name="bench")

    provinces = list(AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE))
    biggest = max(
        provinces, key=lambda p: AdministrativeUnit.objects.filter(province_code=p.province_code, level=3).count()
    )
    province_board(biggest)  # warm
    ours = timed(lambda: province_board(biggest), 15)
    hand = timed(lambda: hand_sql_board(biggest), 15)
    busy = (
        AdministrativeUnit.objects.filter(
            tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, province_code=biggest.province_code
        )
        .order_by("pk")
        .first()
    )
    commune = timed(lambda: commune_board(busy), 5)
    per_commune = len(commune_board(busy))
    connection.close()

    rng = random.Random(7)
    ids = [p.pk for p in provinces]
    api_paths = [f"/api/v1/democracy/disclosures/compliance?unit={rng.choice(ids)}" for _ in range(REQUESTS)]
    bare_paths = [
        path.replace("/api/v1/democracy/disclosures/compliance", "/bare/disclosure-board") for path in api_paths
    ]
    with granian_server(env) as port:
        headers = {"Authorization": f"Bearer {secret}"}
        timed_requests(port, api_paths[:20] + bare_paths[:20], headers)  # warm up both workers
        api, api_status = timed_requests(port, api_paths, headers)
        bare, bare_status = timed_requests(port, bare_paths, headers)

    print(f"== democracy disclosures benchmark ({engine}, {generated['disclosures']:,} disclosures, granian 2 workers)")
    print(f"nightly sweep (manage.py disclosure_compliance): {sweep:.1f} s")
    print(
        f"generation {generated['seconds']:.1f} s ({generated['disclosures'] / generated['seconds']:,.0f} rows/s, "
        f"{generated['channels']:,} channels)"
    )
    ours_p50, hand_p50 = statistics.median(ours), statistics.median(hand)
    print(
        f"in-process province board ({biggest.name}): p50 {ours_p50:.2f} ms  p95 {percentile(ours, 95):.2f} ms "
        f"[target p95 < 200 ms]; hand-written SQL GROUP BY p50 {hand_p50:.2f} ms -> ratio {ours_p50 / hand_p50:.2f}x"
    )
    record("disclosure province board p95", engine=engine, ours=percentile(ours, 95), reference=None, target_max=200)
    record("disclosure province board / hand SQL p50", engine=engine, ours=ours_p50, reference=hand_p50)
    print(
        f"in-process commune board ({per_commune} disclosures, every rule explained): p50 {statistics.median(commune):.2f} ms"
    )
    if set(api_status) == {200} and set(bare_status) == {200}:
        print(
            f"API  /api/v1/democracy/disclosures/compliance?unit=<province>  p50 {percentile(api, 50):.2f} ms  "
            f"p95 {percentile(api, 95):.2f} ms  [target p95 < 200 ms]"
        )
        record("disclosure board API p95", engine=engine, ours=percentile(api, 95), reference=None, target_max=200)
        print(
            f"bare Django JSON view (same aggregate)  p50 {percentile(bare, 50):.2f} ms  p95 {percentile(bare, 95):.2f} ms"
        )
        print(f"latency ratio API/bare (p50): {statistics.median(api) / statistics.median(bare):.2f}x")
        record(
            "disclosure board API/bare view p50",
            engine=engine,
            ours=statistics.median(api),
            reference=statistics.median(bare),
        )
    else:
        print(f"HTTP skipped: statuses API {sorted(set(api_status))}, bare {sorted(set(bare_status))}")


if __name__ == "__main__":
    main()
