"""Benchmark: community decisions — the one tally of a commune-wide household ballot and recording a ballot.

Prints, from one run:
- generation (the shared generator, bench/democracy_generator.py, inside the database): villages for every
  commune of the real tree and ``BENCH_HOUSEHOLDS`` (10,000,000) households in all — ``BENCH_TALLY_HOUSEHOLDS``
  (20,000) of them in the villages of commune 22081, the rest over the others; ``BENCH_DECISIONS`` (50,000)
  decisions in all with ``BENCH_BALLOTS`` (5,000,000) ballots in all as background (closed decisions of every
  matter and form over every commune), plus the measured commune-wide ballot of commune 22081 where
  ``BENCH_TURNOUT`` (85 %) of its households voted (raw inserts);
- in-process: ``decision_tally`` (p50 of 7) vs ONE hand-written SQL aggregate (ballots by village and choice,
  joined to the register count) [target < 1 s and ≤ 2x];
- over HTTP (granian, 2 workers): POST /api/v1/democracy/decisions/{id}/ballots p50/p95 vs a bare Django view
  doing one INSERT [target p95 < 30 ms].
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
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

from bench.common import granian_server, percentile, prepare_database, record, scaled  # noqa: E402

# Not scaled: the measure is a commune-wide ballot of 20,000 households, and at a twentieth (1,000) the
# tally's fixed cost, not its work, would be compared with the hand-written aggregate.
TALLY_HOUSEHOLDS = int(os.environ.get("BENCH_TALLY_HOUSEHOLDS", "20000"))
TURNOUT = float(os.environ.get("BENCH_TURNOUT", "0.85"))
REQUESTS = scaled("BENCH_REQUESTS", 400, minimum=60)  # the first 20 warm up; the bare view's start after them
COMMUNE = "22081"


def timed(fn: Any, times: int) -> list[float]:
    out = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def hand_sql_tally(decision_id: int, village_ids: list[int], day: dt.date) -> list[tuple[Any, ...]]:
    """One aggregate: per village, households on the register that day and the ballots by choice."""
    from django.db import connection

    from danvan.democracy.models import Ballot, Residence

    marks = ", ".join(["%s"] * len(village_ids))
    sql = f"""
        SELECT r.village_id, COUNT(*) AS households,
               COUNT(b.id) FILTER (WHERE b.choice = 'agree') AS agreed,
               COUNT(b.id) FILTER (WHERE b.choice = 'disagree') AS disagreed,
               COUNT(b.id) FILTER (WHERE b.choice = 'other') AS other
        FROM {Residence._meta.db_table} r
        LEFT JOIN {Ballot._meta.db_table} b ON b.household_id = r.household_id AND b.decision_id = %s
        WHERE r.village_id IN ({marks}) AND r.valid_from <= %s AND (r.valid_to IS NULL OR r.valid_to >= %s)
        GROUP BY r.village_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [decision_id, *village_ids, day, day])
        return list(cursor.fetchall())


def post_json(port: int, paths_bodies: list[tuple[str, dict[str, Any]]], token: str) -> tuple[list[float], list[int]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings, statuses = [], []
    for path, body in paths_bodies:
        data = json.dumps(body)
        started = time.perf_counter()
        conn.request(
            "POST", path, body=data, headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        )
        response = conn.getresponse()
        response.read()
        timings.append((time.perf_counter() - started) * 1000)
        statuses.append(response.status)
    conn.close()
    return timings, statuses


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

    from bench.democracy_generator import (
        BALLOTS,
        DECISIONS,
        HOUSEHOLDS,
        bulk_insert,
        make_decisions,
        make_households,
        make_villages,
    )
    from danvan.accounts.models import Role
    from danvan.accounts.services import api_token_create, membership_grant, officer_create
    from danvan.core.models import AdministrativeUnit, Organization, UnitTree
    from danvan.democracy import decision_services as services
    from danvan.democracy.decision_tally import decision_tally
    from danvan.democracy.models import Ballot, DecisionMatter, Residence

    started = time.perf_counter()
    villages = make_villages()
    commune = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=COMMUNE)
    mine = [v for v in villages if v["parent_id"] == commune.pk]
    others = [v for v in villages if v["parent_id"] != commune.pk]
    make_households(others, max(1, HOUSEHOLDS - TALLY_HOUSEHOLDS))
    make_households(mine, TALLY_HOUSEHOLDS, seed=11)
    households_seconds = time.perf_counter() - started
    # The background: every decision but the measured one, every ballot but its own.
    background_decisions, background_ballots = make_decisions(
        others + mine, max(1, DECISIONS - 1), max(1, BALLOTS - round(TALLY_HOUSEHOLDS * TURNOUT))
    )
    generation = time.perf_counter() - started

    today = timezone.localdate()
    village_units = list(AdministrativeUnit.objects.filter(pk__in=[v["id"] for v in mine]))
    decision = services.decision_create(
        actor=None,
        commune=commune,
        matter=DecisionMatter.objects.get(code="1"),
        scope="commune",
        villages=village_units,
        form="ballot",
        title="Đóng góp xây dựng đường liên thôn toàn xã",
    )
    notice = today - dt.timedelta(days=10)
    decision = services.decision_announce(
        actor=None,
        decision=decision,
        notice_on=notice,
        register_on=notice + dt.timedelta(days=3),
        documents_sent_on=notice,
        team=["A", "B", "C"],
        team_leader="A",
    )
    rng = random.Random(5)
    register = list(
        Residence.objects.on(decision.register_on)
        .filter(village__in=village_units)
        .values_list("household_id", "village_id")
    )
    voters = [row for row in register if rng.random() < TURNOUT]
    voters_set = set(voters)
    remaining = [row for row in register if row not in voters_set][: REQUESTS * 2 + 50]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Ballot._meta.db_table}")
        first = int(cursor.fetchone()[0]) + 1
    columns = [
        "id",
        "decision_id",
        "household_id",
        "village_id",
        "choice",
        "other_text",
        "channel",
        "cast_on",
        "receipt",
        "corrections",
        "recorded_at",
    ]
    now = timezone.now()
    started = time.perf_counter()
    bulk_insert(
        Ballot._meta.db_table,
        columns,
        (
            (
                first + n,
                decision.pk,
                household,
                village,
                rng.choices(["agree", "disagree", "other"], [84, 13, 3])[0],
                "",
                "online" if n % 5 == 0 else "paper",
                decision.register_on,
                f"B{first + n:09d}",
                0,
                now,
            )
            for n, (household, village) in enumerate(voters)
        ),
    )
    ballots_seconds = time.perf_counter() - started
    bare_decision = services.decision_create(
        actor=None,
        commune=commune,
        matter=DecisionMatter.objects.get(code="6"),
        scope="commune",
        villages=village_units,
        form="ballot",
        title="Nội dung cho view trần",
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{Ballot._meta.db_table}', 'id'), (SELECT MAX(id) FROM {Ballot._meta.db_table}))"
            )
            cursor.execute(f"ANALYZE {Ballot._meta.db_table}")
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Ballot._meta.db_table}")

    tally = decision_tally(decision)
    hand_rows = hand_sql_tally(decision.pk, [v.pk for v in village_units], decision.register_on)
    assert sum(r[2] for r in hand_rows) == tally.agreed and sum(r[1] for r in hand_rows) == tally.households
    ours = timed(lambda: decision_tally(decision), 7)
    hand = timed(lambda: hand_sql_tally(decision.pk, [v.pk for v in village_units], decision.register_on), 7)

    officer = officer_create(
        actor=None, username="bench", full_name="Bench Officer", password=None, check_password=False
    )
    membership_grant(
        actor=None,
        officer=officer,
        organization=Organization.objects.get(unit=commune, kind__code="peoples_committee"),
        role=Role.OFFICER,
    )
    _token, secret = api_token_create(actor=None, officer=officer, name="bench")
    connection.close()

    api_calls = [
        (f"/api/v1/democracy/decisions/{decision.pk}/ballots", {"household_id": h, "choice": "agree"})
        for h, _v in remaining[:REQUESTS]
    ]
    bare_calls = [
        ("/bare/ballot", {"decision_id": bare_decision.pk, "household_id": h, "village_id": v, "choice": "agree"})
        for h, v in remaining[20:REQUESTS]
    ]
    with granian_server(env) as port:
        post_json(port, api_calls[:20], secret)  # warm up (these 20 are recorded too)
        api, api_status = post_json(port, api_calls[20:], secret)
        bare, bare_status = post_json(port, bare_calls, secret)

    print(
        f"== democracy decisions benchmark ({engine}; {HOUSEHOLDS:,} households, {len(villages):,} villages, "
        f"{background_decisions + 1:,} decisions, {background_ballots + len(voters):,} ballots; granian 2 workers)"
    )
    print(
        f"generation {generation:.1f} s (households and residences {households_seconds:.1f} s, decisions and "
        f"{background_ballots:,} background ballots {generation - households_seconds:.1f} s); the measured "
        f"decision's {len(voters):,} ballots in {ballots_seconds:.1f} s"
    )
    print(
        f"tally: {tally.text} | {tally.households:,} households, {tally.voted:,} ballots, {len(tally.villages)} villages"
    )
    ours_p50, hand_p50 = statistics.median(ours), statistics.median(hand)
    print(
        f"in-process tally (commune-wide, {tally.households:,} households): p50 {ours_p50:.2f} ms max {max(ours):.2f} ms "
        f"[target < 1000 ms]; one hand-written SQL aggregate p50 {hand_p50:.2f} ms -> ratio {ours_p50 / hand_p50:.2f}x "
        f"[target <= 2x]"
    )
    record(
        "decision tally / hand SQL p50",
        engine=engine,
        ours=ours_p50,
        reference=hand_p50,
        target_ratio=2,
        target_max=1000,
    )
    codes = sorted(set(api_status))
    print(
        f"API POST ballot: p50 {percentile(api, 50):.2f} ms p95 {percentile(api, 95):.2f} ms over {len(api)} "
        f"[target p95 < 30 ms] statuses {codes}; bare Django INSERT p50 {percentile(bare, 50):.2f} ms "
        f"p95 {percentile(bare, 95):.2f} ms statuses {sorted(set(bare_status))} -> ratio p95 "
        f"{percentile(api, 95) / percentile(bare, 95):.2f}x"
    )
    record(
        "ballot API POST p95 / bare INSERT p95",
        engine=engine,
        ours=percentile(api, 95),
        reference=percentile(bare, 95),
        target_max=30,
    )


if __name__ == "__main__":
    main()
