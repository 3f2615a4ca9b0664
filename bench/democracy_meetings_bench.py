"""Benchmark: year-end meetings, dialogues and raised items over every commune and village of the real tree, and the
statistics of grassroots democracy.

Generates (raw inserts, ``bench/democracy_generator.py`` villages): for each of ``BENCH_MEETING_YEARS`` years (default
3) one dialogue per commune with 3 raised items and one year-end meeting per village with 1 raised item — about
80,000 meetings and 90,000 items over 26,600 villages at 8 villages a commune. Prints from one run on one server:
- in-process ``meeting_compliance`` for a province and a year (p50) vs one hand-written grouped SQL count;
- in-process ``democracy_statistics`` for a province and a year (p50) vs one hand-written SQL aggregate of the same
  meetings figures;
- over HTTP (granian, 2 workers): GET /api/v1/democracy/statistics and /api/v1/democracy/meetings/compliance for a
  province, p50/p95, with the ratio to the in-process time.
Targets (ours, the issue names none for this part): province compliance and statistics p95 < 500 ms over HTTP.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import granian_server, percentile, prepare_database, record, scaled, timed_requests  # noqa: E402

# Not scaled: a year and the one before are compared (BENCH_VILLAGES_PER_COMMUNE scales the villages instead).
YEARS = int(os.environ.get("BENCH_MEETING_YEARS", "3"))
REQUESTS = scaled("BENCH_REQUESTS", 60, minimum=30)
PROVINCE = "66"
LAST_YEAR = 2026


def generate(villages: list[dict[str, Any]]) -> dict[str, Any]:
    """Meetings and items, raw; the counts and the seconds taken."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.democracy_generator import bulk_insert
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.democracy.models import CommunityMeeting, Recommendation

    started = time.perf_counter()
    now = timezone.now()
    communes = list(
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE).values(
            "id", "path", "province_code"
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {CommunityMeeting._meta.db_table}")
        next_id = int(cursor.fetchone()[0]) + 1
    meeting_columns = [
        "id", "unit_id", "unit_path", "province_code", "created_at", "updated_at", "version", "kind", "year",
        "title", "held_on", "place", "notice_on", "status", "chaired_by", "participants", "households_total",
        "households_present", "report_village_head", "report_front_committee", "report_inspection_board",
        "minutes", "sent_to_committee_on", "sent_to_front_on", "cancel_reason", "submission_fingerprint",
    ]  # fmt: skip
    item_columns = [
        "unit_id", "unit_path", "province_code", "created_at", "updated_at", "version", "event_type_id", "event_id",
        "kind", "raised_by", "raised_on", "content", "addressee", "addressee_note", "due_on", "answered_on", "answer",
        "submission_fingerprint", "source", "field", "raiser_kind", "addressee_path", "due_rule", "status",
        "assessment", "assessment_reason", "public_hidden", "search_text", "band_0", "band_1", "band_2", "band_3",
    ]  # fmt: skip
    meetings: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    event_type = ContentType.objects.get_for_model(CommunityMeeting).pk

    def add(unit: dict[str, Any], kind: str, year: int, held_on: dt.date, item_count: int) -> None:
        nonlocal next_id
        sent = held_on + dt.timedelta(days=3)
        meetings.append(
            (
                next_id, unit["id"], unit["path"], unit["province_code"], now, now, 2, kind, year,
                f"Hội nghị {year}", held_on, "Nhà văn hóa", held_on - dt.timedelta(days=7), "held", "",
                80 + next_id % 120, None, None, kind == "year_end", kind == "year_end", kind == "year_end",
                "Biên bản.", sent, sent, "", "",
            )
        )  # fmt: skip
        for n in range(item_count):
            answered = held_on + dt.timedelta(days=10) if (next_id + n) % 3 else None
            items.append(
                (
                    unit["id"], unit["path"], unit["province_code"], now, now, 1, event_type, next_id,
                    "recommendation" if n % 2 == 0 else "question", "Cử tri", held_on, "Kiến nghị.",
                    "peoples_committee", "", held_on + dt.timedelta(days=15), answered, "Đã trả lời." if answered else "",
                    "", "year_end_meeting" if kind == "year_end" else "dialogue", "other", "citizens", "", "",
                    "answered" if answered else "open", "", "", False, "", 0, 0, 0, 0,
                )
            )  # fmt: skip
        next_id += 1

    for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
        for commune in communes:
            add(commune, "dialogue", year, dt.date(year, 11, 1 + commune["id"] % 28), 3)
        for village in villages:
            add(village, "year_end", year, dt.date(year, 12, 1 + village["id"] % 28), 1)
    with transaction.atomic():
        made = bulk_insert(CommunityMeeting._meta.db_table, meeting_columns, meetings)
        raised = bulk_insert(Recommendation._meta.db_table, item_columns, items)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{CommunityMeeting._meta.db_table}', 'id'), {next_id})"
            )
            cursor.execute(f"ANALYZE {CommunityMeeting._meta.db_table}")
            cursor.execute(f"ANALYZE {Recommendation._meta.db_table}")
    return {"meetings": made, "items": raised, "seconds": time.perf_counter() - started}


def _paths_sql(paths: tuple[str, ...]) -> tuple[str, list[Any]]:
    return " OR ".join(["unit_path LIKE %s"] * len(paths)), [f"{p}%" for p in paths]


def hand_compliance(province_path: str, year: int) -> int:
    """One grouped count written by hand: meetings held per unit and kind in the year."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unit_id, kind, COUNT(*) FROM democracy_communitymeeting WHERE unit_path LIKE %s AND year = %s "
            "AND status = 'held' GROUP BY unit_id, kind",
            [f"{province_path}%", year],
        )
        return len(cursor.fetchall())


def hand_statistics(paths: tuple[str, ...], provinces: tuple[str, ...], start: dt.date, end: dt.date) -> tuple:
    """The meetings figures of one period, by hand: one aggregate over meetings, one over items."""
    from django.db import connection

    from danvan.democracy.models import Recommendation

    where, params = _paths_sql(paths)
    marks = ", ".join(["%s"] * len(provinces))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(CASE WHEN kind = 'year_end' THEN 1 ELSE 0 END), SUM(CASE WHEN kind = 'dialogue' THEN 1 ELSE 0 "
            "END), SUM(participants), SUM(CASE WHEN sent_to_committee_on IS NOT NULL AND sent_to_front_on IS NOT NULL "
            f"THEN 1 ELSE 0 END) FROM democracy_communitymeeting WHERE province_code IN ({marks}) AND ({where}) "
            "AND status = 'held' AND held_on BETWEEN %s AND %s",
            [*provinces, *params, start, end],
        )
        meetings = cursor.fetchone()
        cursor.execute(
            "SELECT SUM(CASE WHEN raised_on BETWEEN %s AND %s THEN 1 ELSE 0 END), SUM(CASE WHEN answered_on BETWEEN "
            "%s AND %s THEN 1 ELSE 0 END), SUM(CASE WHEN raised_on <= %s AND (answered_on IS NULL OR answered_on > %s)"
            f" THEN 1 ELSE 0 END) FROM {Recommendation._meta.db_table} WHERE province_code IN ({marks}) AND ({where})",
            [start, end, start, end, end, end, *provinces, *params],
        )
        return meetings, cursor.fetchone()


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

    from bench.democracy_generator import make_villages
    from danvan.accounts.models import Role
    from danvan.accounts.services import api_token_create, membership_grant, officer_create
    from danvan.core.models import AdministrativeUnit, Organization, UnitTree
    from danvan.core.periods import Period
    from danvan.core.selectors import statistics_paths
    from danvan.democracy.meeting_compliance import meeting_compliance
    from danvan.democracy.statistics import democracy_statistics

    villages = make_villages()
    generated = generate(villages)
    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=PROVINCE)
    officer = officer_create(actor=None, username="bench", full_name="Bench", password=None, check_password=False)
    membership_grant(
        actor=None, officer=officer, organization=Organization.objects.get(unit=province, kind__code="peoples_committee"),
        role=Role.VIEWER,
    )  # fmt: skip
    TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    _token, secret = api_token_create(actor=None, officer=officer, name="bench")

    period = Period.year(LAST_YEAR)
    report = meeting_compliance(unit=province, year=LAST_YEAR)
    compliance_ours = timed(lambda: meeting_compliance(unit=province, year=LAST_YEAR), 7)
    compliance_hand = timed(lambda: hand_compliance(province.path, LAST_YEAR), 7)
    stats = democracy_statistics(unit=province, period=period)
    stats_ours = timed(lambda: democracy_statistics(unit=province, period=period), 7)
    paths, provinces = statistics_paths(province)
    previous = period.previous()

    def hand_both() -> None:
        hand_statistics(paths, provinces, period.start, period.end)
        hand_statistics(paths, provinces, previous.start, previous.end)

    stats_hand = timed(hand_both, 7)
    connection.close()

    stats_urls = [f"/api/v1/democracy/statistics?unit={province.pk}&year={LAST_YEAR}"] * REQUESTS
    compliance_urls = [f"/api/v1/democracy/meetings/compliance?unit={province.pk}&year={LAST_YEAR}"] * REQUESTS
    headers = {"Authorization": f"Bearer {secret}"}
    with granian_server(env) as port:
        timed_requests(port, stats_urls[:6] + compliance_urls[:6], headers)
        stats_http, stats_status = timed_requests(port, stats_urls, headers)
        compliance_http, compliance_status = timed_requests(port, compliance_urls, headers)

    held = next(row for group in stats.groups if group.code == "meetings" for row in group.rows)
    print(
        f"== democracy meetings benchmark ({engine}, {len(villages):,} villages, {generated['meetings']:,} meetings, "
        f"{generated['items']:,} raised items over {YEARS} years; generated in {generated['seconds']:.1f} s)"
    )
    print(
        f"{province.name} {LAST_YEAR}: {held.current:,} year-end meetings held (prev {held.previous:,}); "
        f"{len(report.communes)} communes, {len(report.communes_without_dialogue)} without a dialogue"
    )
    c_ours, c_hand = statistics.median(compliance_ours), statistics.median(compliance_hand)
    print(
        f"in-process compliance (province, year): p50 {c_ours:7.2f} ms [target < 500 ms]; hand-written SQL p50 "
        f"{c_hand:.2f} ms -> ratio {c_ours / c_hand:.2f}x"
    )
    record(
        "meeting compliance (province, year) / hand SQL p50",
        engine=engine,
        ours=c_ours,
        reference=c_hand,
        target_max=500,
    )
    s_ours, s_hand = statistics.median(stats_ours), statistics.median(stats_hand)
    print(
        f"in-process statistics (province, year, every group): p50 {s_ours:7.2f} ms [target < 500 ms]; hand-written SQL "
        f"(meetings figures, both periods) p50 {s_hand:.2f} ms -> ratio {s_ours / s_hand:.2f}x"
    )
    record(
        "meeting democracy statistics (province, year) / hand SQL p50",
        engine=engine,
        ours=s_ours,
        reference=s_hand,
        target_max=500,
    )
    for label, timings, statuses, inproc in (
        ("/api/v1/democracy/statistics", stats_http, stats_status, s_ours),
        ("/api/v1/democracy/meetings/compliance", compliance_http, compliance_status, c_ours),
    ):
        if set(statuses) != {200}:
            print(f"API  {label}: statuses {sorted(set(statuses))}")
            continue
        print(
            f"API  {label} (a province, a year)  p50 {percentile(timings, 50):6.2f} ms  p95 "
            f"{percentile(timings, 95):6.2f} ms  [target p95 < 500 ms]; ratio to in-process p50 "
            f"{statistics.median(timings) / inproc:.2f}x"
        )
        name = f"meeting {label.rsplit('/', 1)[-1]} API"  # meeting statistics API, meeting compliance API
        record(f"{name} p95", engine=engine, ours=percentile(timings, 95), reference=None, target_max=500)
        record(f"{name}/in-process p50", engine=engine, ours=statistics.median(timings), reference=inproc)


if __name__ == "__main__":
    main()
