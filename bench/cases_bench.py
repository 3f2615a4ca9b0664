"""Benchmark: the case engine with 1,000,000 open cases over the real unit tree (bench/cases_generator.py).

Prints, from one run on one engine:
- generation time (DANVAN_BENCH_CASES scales the count down for quick runs);
- ``sweep_deadlines`` over every open case: the first sweep (a backlog nobody was told of: each late or nearly
  late case recorded as told, a notification per handler and state), a rerun (nothing to do), the next working
  day, and after each of three days off added in turn (due dates recomputed); the first beside one hand-written
  INSERT … SELECT recording the same notices, each one after a day off beside one hand-written UPDATE writing the
  same due dates to the same rows, the ratio taken of the three together [targets < 60 s, <= 2x];
- duplicate suggestions at intake (``duplicates.suggest`` for letters drawn from generated ones with a small
  edit, scope = a province leader) p50/p95 in-process [target p95 < 50 ms], beside the hand-written candidate
  query (band look-ups, same scope); how often the letter it came from is found;
- the case list with filters: in-process (``filters.apply_filters``, then the first page and the count as the
  list page and the API take them, ``pagination.sorted_slice``) and over HTTP (granian,
  2 workers) GET /api/v1/cases?kind=…&deadline=…&field=… with a token, p50/p95 vs a bare Django JSON view doing
  the same filter [target p95 < 50 ms];
- statistics of a province for a year (``danvan.cases.statistics.compare``) vs the same figures by hand-written
  SQL (``hand_sql_statistics``: every figure ours returns, both years, the breakdowns and the visits; checked
  equal) [target < 1 s, ratio <= 1,5].

BENCH_ONLY (a comma-separated list of ``sweep``, ``duplicates``, ``statistics``, ``list``) runs only those measures
(the generation always runs); unset, every one. BENCH_KEEP=1 keeps the SQLite database (its directory is printed) to
look into a plan or a profile at that scale afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    granian_server,
    hand_subtree,
    percentile,
    prepare_database,
    record,
    scaled,
    timed_each,
    timed_requests,
)

TOTAL = scaled("DANVAN_BENCH_CASES", 1000000)
REQUESTS = scaled("BENCH_REQUESTS", 400, minimum=30)
DAY_OFF_ROUNDS = 3  # days off announced in turn, each sweep timed beside its hand-written UPDATE
PROVINCE = "66"  # Tỉnh Đắk Lắk
STATISTICS_YEAR = 2025
MEASURES = ("sweep", "duplicates", "statistics", "list")
ONLY = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()} or set(MEASURES)
assert ONLY.issubset(MEASURES), f"BENCH_ONLY: unknown measures {sorted(ONLY - set(MEASURES))} (known: {MEASURES})"


def timed(fn: Any, times: int) -> list[float]:
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def seconds(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def engine_name() -> str:
    from django.db import connection

    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE cases_case" if connection.vendor == "postgresql" else "ANALYZE")


# --- The sweep -------------------------------------------------------------------------------------------------


def hand_claim(today: dt.date, soon_limit: dt.date) -> int:
    """The telling written by hand: one INSERT … SELECT of every open case due by the limit, with its state."""
    from django.db import connection

    from danvan.cases.models import DeadlineSweep

    record = DeadlineSweep.objects.create()
    sql = (
        "INSERT INTO cases_deadlinenotice (case_id, assignee_id, state, due_on, sweep_id) "
        "SELECT id, assignee_id, CASE WHEN due_on < %s THEN 'overdue' ELSE 'due_soon' END, due_on, %s "
        "FROM cases_case WHERE is_open = %s AND due_on <= %s AND assignee_id IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [today, record.pk, True, soon_limit])
        return cursor.rowcount


MOVED_ROWS = """
CREATE TEMP TABLE bench_moved AS
SELECT c.id, c.due_on, c.due_explanation FROM cases_case c JOIN bench_before b ON b.id = c.id
WHERE c.due_on <> b.due_on OR c.due_explanation <> b.due_explanation
"""
PUT_BACK = """
UPDATE cases_case SET due_on = b.due_on, due_explanation = b.due_explanation
FROM bench_before b WHERE b.id = cases_case.id AND b.id IN (SELECT id FROM bench_moved)
"""
HAND_UPDATE = """
UPDATE cases_case SET due_on = m.due_on, due_explanation = m.due_explanation
FROM bench_moved m WHERE m.id = cases_case.id
"""


def day_off_sweep_and_hand_update(sweep: Any) -> tuple[float, Any, float, int]:
    """The sweep after a day off (``sweep()``, timed), then the hand-written reference: one UPDATE writing the same
    new due dates and explanations on the same rows (read from a copy of the rows taken before the sweep and put
    back before the UPDATE is timed, so it writes what the sweep wrote, to rows in the same state)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_before AS SELECT id, due_on, due_explanation FROM cases_case WHERE is_open"
        )
    ours_seconds, ours = seconds(sweep)
    with connection.cursor() as cursor:
        cursor.execute(MOVED_ROWS)
        cursor.execute(PUT_BACK)
    analyze()
    with connection.cursor() as cursor:
        hand_seconds, _none = seconds(lambda: cursor.execute(HAND_UPDATE))
        hand_rows = cursor.rowcount
        cursor.execute("DROP TABLE bench_moved")
        cursor.execute("DROP TABLE bench_before")
    return ours_seconds, ours, hand_seconds, hand_rows


def reset_notices() -> None:
    """Back to what the generator left: nobody told of anything."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_deadlinenotice")
        cursor.execute("DELETE FROM cases_notification")
    analyze()


def sweep_measures() -> list[str]:
    from django.utils import timezone

    from danvan.cases.clock import clock_for
    from danvan.cases.models import Case
    from danvan.cases.sweep import case_list_path, run_sweep
    from danvan.core.models import CalendarNotice, LegalRule, NoticeKind
    from danvan.core.workdays import WorkCalendar

    today = timezone.localdate()
    calendar = WorkCalendar.load()
    clock = clock_for(today, calendar=calendar)
    open_cases = Case.objects.filter(is_open=True).count()
    case_list_path()  # the URLconf imported, as in the worker that sweeps every hour (not the sweep's cost)
    hand_seconds, hand_rows = seconds(lambda: hand_claim(today, clock.soon_limit))
    reset_notices()
    first_seconds, first = seconds(run_sweep)
    rerun_seconds, rerun = seconds(run_sweep)
    next_day = calendar.next_working_day(today + dt.timedelta(days=1))
    next_seconds, next_sweep = seconds(lambda: run_sweep(next_day))
    # Days off announced one after another (each a working day until then), each sweep beside its hand UPDATE: the
    # ratio of the totals, so one slow second on this 2-core machine does not decide it.
    day_offs: list[tuple[dt.date, float, Any, float, int]] = []
    day_off = next_day + dt.timedelta(days=2)
    for _round in range(DAY_OFF_ROUNDS):
        day_off = calendar.next_working_day(day_off + dt.timedelta(days=1))
        CalendarNotice.objects.create(
            date=day_off, kind=NoticeKind.DAY_OFF, title="Nghỉ theo thông báo (bench)", legal_basis="bench"
        )
        day_offs.append((day_off, *day_off_sweep_and_hand_update(lambda: run_sweep(next_day))))
    # A legal rule edited (saved as it is: its signature changes): every open case recomputed, none moved — what the
    # first sweep of a database without the installation's baseline (sweep.record_baseline) does too.
    rule = LegalRule.objects.filter(code__startswith="complaint.").order_by("code", "valid_from").first()
    assert rule is not None
    rule.save()
    rule_seconds, rule_sweep = seconds(lambda: run_sweep(next_day))
    holiday_seconds = sum(ours for _day, ours, _sweep, _hand, _rows in day_offs)
    update_seconds = sum(hand for _day, _ours, _sweep, hand, _rows in day_offs)
    moved = sum(sweep.record.recomputed for _day, _ours, sweep, _hand, _rows in day_offs)
    engine = engine_name()
    record(
        "deadline sweep, first / hand INSERT…SELECT",
        engine=engine,
        ours=first_seconds,
        reference=hand_seconds,
        unit="s",
        target_ratio=2,
        target_max=60,
    )
    record(
        "deadline sweep after a day off / hand UPDATE of the same rows",
        engine=engine,
        ours=holiday_seconds / len(day_offs),
        reference=update_seconds / len(day_offs),
        unit="s",
        target_ratio=2,
        target_max=60,
        note=f"mean of {len(day_offs)} days off, {moved / len(day_offs):,.0f} due dates moved each",
    )
    for label, took in (
        ("rerun", rerun_seconds),
        ("next working day", next_seconds),
        ("a rule edited (every open case recomputed)", rule_seconds),
    ):
        record(f"deadline sweep, {label}", engine=engine, ours=took, reference=None, unit="s", target_max=60)
    told = first.record
    lines = [
        f"sweep_deadlines over {open_cases:,} open cases [target < 60 s]:",
        f"  first sweep {first_seconds:6.1f} s: told overdue {told.newly_overdue:,}, due soon "
        f"{told.newly_due_soon:,}, recomputed {told.recomputed:,}, notifications {told.notifications:,} "
        f"({first.emails_sent:,} e-mails sent in {first.delivery_seconds:.1f} s)",
        f"  hand-written INSERT … SELECT of the same notices {hand_seconds:6.1f} s for {hand_rows:,} rows -> ratio "
        f"{first_seconds / hand_seconds:.2f}x",
        f"  rerun {rerun_seconds:6.1f} s (told {rerun.record.newly_overdue + rerun.record.newly_due_soon})",
        f"  next working day ({next_day:%d/%m/%Y}) {next_seconds:6.1f} s: told overdue "
        f"+{next_sweep.record.newly_overdue:,}, due soon +{next_sweep.record.newly_due_soon:,}, notifications "
        f"{next_sweep.record.notifications:,}",
    ]
    for day, ours, holiday, hand, rows in day_offs:
        lines.append(
            f"  after a day off on {day:%d/%m/%Y}: {ours:6.1f} s, {holiday.record.recomputed:,} due dates moved, told "
            f"due soon +{holiday.record.newly_due_soon:,}; hand-written UPDATE of the same {rows:,} rows with the same "
            f"values {hand:6.1f} s ({ours / hand:.2f}x)"
        )
    lines.append(
        f"  the {len(day_offs)} days off: sweeps {holiday_seconds:6.1f} s, hand UPDATEs {update_seconds:6.1f} s -> ratio "
        f"{holiday_seconds / update_seconds:.2f}x [target <= 2x]"
    )
    lines.append(
        f"  a legal rule edited: {rule_seconds:6.1f} s, every open case recomputed, {rule_sweep.record.recomputed:,} "
        "due dates moved"
    )
    return lines


# --- Duplicates ------------------------------------------------------------------------------------------------


def hand_candidates(paths: tuple[str, ...], bands: tuple[int, ...]) -> list[Any]:
    """The candidate look-up written by hand: cases of the scope sharing a band, newest first."""
    from django.db import connection

    where_paths = " OR ".join(["unit_path LIKE %s"] * len(paths))
    where_bands = " OR ".join(f"text_band_{i} = %s" for i in range(len(bands)))
    sql = (
        f"SELECT id, title, summary FROM cases_case WHERE ({where_paths}) AND ({where_bands}) "
        "ORDER BY received_on DESC, id DESC LIMIT 60"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(f"{p}%" for p in paths), *bands])
        return cursor.fetchall()


def duplicate_measures(leader: Any, probes: list[dict[str, Any]]) -> list[str]:
    from bench.cases_generator import small_edit
    from danvan.accounts.access import scope_for
    from danvan.cases import duplicates

    rng = random.Random(11)
    scope = scope_for(leader)
    chosen = rng.sample(probes, min(REQUESTS, len(probes)))
    edited = []
    for probe in chosen:
        summary = small_edit(rng, probe["summary"])
        keys = [probe["person_key"]] if probe["person_key"] and rng.random() < 0.5 else []
        edited.append((probe["case_id"], duplicates.Probe(probe["title"], summary, probe["subject"], person_keys=keys)))
    for _case_id, probe in edited[:20]:  # warm up
        duplicates.suggest(probe, scope=scope, viewer=leader)
    timings, found, strong = [], 0, 0
    for case_id, probe in edited:
        started = time.perf_counter()
        suggestions = duplicates.suggest(probe, scope=scope, viewer=leader)
        timings.append((time.perf_counter() - started) * 1000)
        scores = {s.case.pk: s.score for s in suggestions}
        found += case_id in scores
        strong += scores.get(case_id, 0) >= 80
    band_sets = [duplicates.text_bands(duplicates.case_text(probe.title, probe.summary)) for _case_id, probe in edited]
    hand = []
    for bands in band_sets:
        started = time.perf_counter()
        hand_candidates(scope.paths, bands)
        hand.append((time.perf_counter() - started) * 1000)
    n = len(edited)
    record(
        "duplicate check p95 / hand candidate query p95",
        engine=engine_name(),
        ours=percentile(timings, 95),
        reference=percentile(hand, 95),
        target_ratio=3,
        target_max=50,
        note=f"p50 ratio {percentile(timings, 50) / percentile(hand, 50):.2f}x; source letter suggested "
        f"{100 * found / n:.0f} %",
    )
    return [
        f"duplicate suggestions at intake (scope: province leader, {n} letters re-sent with a small edit): "
        f"p50 {percentile(timings, 50):6.2f} ms  p95 {percentile(timings, 95):6.2f} ms  [target p95 < 50 ms]",
        f"  hand-written candidate query p50 {percentile(hand, 50):6.2f} ms  p95 {percentile(hand, 95):6.2f} ms -> "
        f"ratio (p50) {percentile(timings, 50) / percentile(hand, 50):.2f}x; source letter suggested "
        f"{100 * found / n:.0f} %, with score >= 80 {100 * strong / n:.0f} %",
    ]


# --- The list --------------------------------------------------------------------------------------------------


def list_params(rng: random.Random, fields: list[int], words: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {
        "kind": rng.choice(["complaint", "denunciation", "recommendation", "feedback"]),
        "deadline": rng.choice(["overdue", "overdue", "due_soon", "on_track"]),
    }
    if rng.random() < 0.6:
        params["field"] = rng.choice(fields)
    if rng.random() < 0.3:
        params["order"] = "due"
    if rng.random() < 0.2:
        params["q"] = rng.choice(words)
    return params


def list_in_process(leader: Any, all_params: list[dict[str, Any]]) -> list[float]:
    from danvan.cases.filters import list_rows, visible_filtered
    from danvan.core.pagination import sorted_slice

    def page(params: dict[str, Any]) -> None:
        sorted_slice(list_rows(visible_filtered(leader, params)), 0, 20)  # the rows the API reads

    return timed_each(page, all_params)


# --- Statistics ------------------------------------------------------------------------------------------------


# One period's figures by hand: the same rules as danvan.cases.statistics (its module docstring), {s} {e} the
# period's first and last day, {d} the day of the state (the period's end, or today when it is not over).
HAND_PERIOD_FIGURES = {
    "received": "received_on BETWEEN {s} AND {e}",
    "eligible": "received_on BETWEEN {s} AND {e} AND is_eligible",
    "in_jurisdiction": "received_on BETWEEN {s} AND {e} AND in_jurisdiction",
    "accepted": "accepted_on BETWEEN {s} AND {e} OR (received_on BETWEEN {s} AND {e} AND accepted_on IS NULL "
    "AND NOT handled_as_management AND status IN ('accepted', 'verifying', 'suspended', 'resolved', 'notified', "
    "'closed'))",
    "transferred": "status = 'transferred' AND (intake_closed_on BETWEEN {s} AND {e} OR (intake_closed_on IS NULL "
    "AND received_on BETWEEN {s} AND {e}))",
    "guided": "status = 'guided' AND (intake_closed_on BETWEEN {s} AND {e} OR (intake_closed_on IS NULL "
    "AND received_on BETWEEN {s} AND {e}))",
    "filed": "status = 'filed' AND (intake_closed_on BETWEEN {s} AND {e} OR (intake_closed_on IS NULL "
    "AND received_on BETWEEN {s} AND {e}))",
    "withdrawn": "status = 'withdrawn' AND (closed_on BETWEEN {s} AND {e} OR (closed_on IS NULL "
    "AND received_on BETWEEN {s} AND {e}))",
    "terminated": "status = 'terminated' AND (closed_on BETWEEN {s} AND {e} OR (closed_on IS NULL "
    "AND received_on BETWEEN {s} AND {e}))",
    "resolved": "resolved_on BETWEEN {s} AND {e}",
    "resolved_on_time": "resolved_on BETWEEN {s} AND {e} AND resolution_timeliness = 'on_time'",
    "resolved_late": "resolved_on BETWEEN {s} AND {e} AND resolution_timeliness = 'late'",
    "in_progress": "{pending}",
    "in_progress_overdue": "{pending} AND (((intake_closed_on IS NULL OR intake_closed_on > {d}) AND "
    "((intake_closed_on IS NULL AND due_step = 'intake' AND due_on < {d}) OR (intake_closed_on > {d} AND "
    "intake_timeliness = 'late'))) OR (intake_closed_on <= {d} AND ((resolved_on IS NULL AND due_step = "
    "'resolution' AND due_on < {d}) OR (resolved_on > {d} AND resolution_timeliness = 'late')))) AND NOT "
    "(status = 'suspended' AND suspended_on IS NOT NULL AND suspended_on <= {d})",
    "under_resolution": "{pending} AND (accepted_on <= {d} OR (handled_as_management AND intake_closed_on <= {d}))",
    "complaints_right": "resolved_on BETWEEN {s} AND {e} AND kind = 'complaint' AND outcome = 'right'",
    "complaints_partly_right": "resolved_on BETWEEN {s} AND {e} AND kind = 'complaint' AND outcome = 'partly_right'",
    "complaints_wrong": "resolved_on BETWEEN {s} AND {e} AND kind = 'complaint' AND outcome = 'wrong'",
    "denunciations_founded": "resolved_on BETWEEN {s} AND {e} AND kind = 'denunciation' AND outcome = 'founded'",
    "denunciations_partly_founded": "resolved_on BETWEEN {s} AND {e} AND kind = 'denunciation' AND outcome = "
    "'partly_founded'",
    "denunciations_unfounded": "resolved_on BETWEEN {s} AND {e} AND kind = 'denunciation' AND outcome = 'unfounded'",
}
# Still open on a day (not resolved, transferred, guided, filed, withdrawn or terminated by then).
HAND_ALIVE = (
    "(resolved_on IS NULL OR resolved_on > {d}) AND (status NOT IN ('transferred', 'guided', 'filed') OR "
    "intake_closed_on > {d}) AND (status NOT IN ('withdrawn', 'terminated') OR closed_on > {d})"
)


def _quoted(day: dt.date) -> str:
    return f"'{day.isoformat()}'"


def hand_sql_statistics(paths: tuple[str, ...], year: int, today: dt.date | None = None) -> dict[str, Any]:
    """Every figure ``compare`` returns, written by hand: one grouped query over the subtree's cases (each figure a
    SUM(CASE …) for the year and the one before, grouped by kind, channel and field with the field's name, summed
    here, as ours does) and one over its visits. Until issue 15 it computed six headline figures only, while ours
    computes ~50 and the breakdowns; now both compute the same and the totals are checked equal."""
    from django.db import connection
    from django.utils import timezone

    today = today or timezone.localdate()
    spans = {
        "c": (dt.date(year, 1, 1), dt.date(year, 12, 31)),
        "p": (dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)),
    }
    columns = []
    for tag, (start, end) in spans.items():
        d = _quoted(min(end, today))
        pending = f"(received_on <= {d} AND {HAND_ALIVE.format(d=d)})"
        for name, condition in HAND_PERIOD_FIGURES.items():
            sql = condition.format(s=_quoted(start), e=_quoted(end), d=d, pending=pending)
            columns.append(f"COUNT(*) FILTER (WHERE {sql}) AS {name}_{tag}")
    where, params = hand_subtree(paths, "c.unit_path")
    alive = HAND_ALIVE.format(d=_quoted(spans["p"][0] - dt.timedelta(days=1)))
    sql = (
        f"SELECT c.kind, c.channel, c.field_id, f.name, {', '.join(columns)} FROM cases_case c "
        f"LEFT JOIN cases_field f ON f.id = c.field_id WHERE {where} AND c.received_on <= {_quoted(spans['c'][1])} "
        f"AND {alive} GROUP BY c.kind, c.channel, c.field_id, f.name"
    )
    visit_where, visit_params = hand_subtree(paths)
    visit_columns = []
    for start, end in spans.values():
        during = f"visited_on BETWEEN {_quoted(start)} AND {_quoted(end)}"
        visit_columns += [
            f"COUNT(*) FILTER (WHERE {during})",
            f"SUM(persons) FILTER (WHERE {during})",
            f"COUNT(*) FILTER (WHERE {during} AND is_group)",
            f"COUNT(*) FILTER (WHERE {during} AND is_refused)",
        ]
    visit_sql = (
        f"SELECT {', '.join(visit_columns)} FROM cases_visit WHERE {visit_where} AND visited_on BETWEEN "
        f"{_quoted(spans['p'][0])} AND {_quoted(spans['c'][1])}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        cursor.execute(visit_sql, visit_params)
        visits = cursor.fetchone()
    figures: dict[str, dict[str, Any]] = {}
    for index, tag in enumerate(spans):
        totals: dict[str, Any] = {
            name: sum(int(row[f"{name}_{tag}"] or 0) for row in rows) for name in HAND_PERIOD_FIGURES
        }
        totals["by_kind"], totals["by_channel"], totals["by_field"] = {}, {}, {}
        for row in rows:
            if row[f"received_{tag}"]:
                for key, column in (("by_kind", "kind"), ("by_channel", "channel"), ("by_field", "field_id")):
                    totals[key][row[column]] = totals[key].get(row[column], 0) + int(row[f"received_{tag}"])
        for offset, name in enumerate(("visits", "visit_persons", "visit_groups", "visits_refused")):
            totals[name] = int(visits[index * 4 + offset] or 0)
        figures[tag] = totals
    return figures


def statistics_measures(province: Any) -> list[str]:
    try:
        from danvan.cases.statistics import compare
    except ImportError:
        return ["statistics: skipped (module missing)"]
    from danvan.core.selectors import statistics_paths

    start, end = dt.date(STATISTICS_YEAR, 1, 1), dt.date(STATISTICS_YEAR, 12, 31)
    comparison = compare(unit=province, start=start, end=end)
    ours = timed(lambda: compare(unit=province, start=start, end=end), 7)
    paths, _provinces = statistics_paths(province)
    hand_figures = hand_sql_statistics(paths, STATISTICS_YEAR)
    for tag, ours_figures in (("c", comparison.current), ("p", comparison.previous)):
        expected = hand_figures[tag]
        names = [*HAND_PERIOD_FIGURES, "visits", "visit_persons", "visit_groups", "visits_refused"]
        assert {name: getattr(ours_figures, name) for name in names} == {name: expected[name] for name in names}, tag
        assert (ours_figures.received_by_kind, ours_figures.received_by_channel, ours_figures.received_by_field) == (
            expected["by_kind"],
            expected["by_channel"],
            expected["by_field"],
        ), tag
    hand = timed(lambda: hand_sql_statistics(paths, STATISTICS_YEAR), 7)
    cur, prev = comparison.current, comparison.previous
    ours_p50, hand_p50 = statistics.median(ours), statistics.median(hand)
    record(
        "case statistics (province, year) / hand SQL p50",
        engine=engine_name(),
        ours=ours_p50,
        reference=hand_p50,
        target_ratio=1.5,
        target_max=1000,
    )
    return [
        f"{province.name} {STATISTICS_YEAR}: received {cur.received:,} (prev {prev.received:,}), resolved "
        f"{cur.resolved:,} ({cur.resolved_on_time:,} on time), in progress {cur.in_progress:,} "
        f"({cur.in_progress_overdue:,} past deadline), visits {cur.visits:,}",
        f"statistics (province, year) in-process: p50 {ours_p50:7.1f} ms  max {max(ours):7.1f} ms  [target < 1 s]; "
        f"hand-written SQL p50 {hand_p50:.1f} ms -> ratio {ours_p50 / hand_p50:.2f}x",
    ]


# --- Main ------------------------------------------------------------------------------------------------------


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="danvan-bench-")
    env = {
        **os.environ,
        "DANVAN_VAR_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
        "DANVAN_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    engine = "PostgreSQL" if env.get("DANVAN_DATABASE_URL", "").startswith("postgres") else "SQLite"
    load = prepare_database(env)

    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection

    from bench.cases_generator import generate
    from danvan.accounts.models import Role
    from danvan.accounts.services import api_token_create, membership_grant, officer_create
    from danvan.core.models import AdministrativeUnit, Organization, UnitTree

    generated = generate(TOTAL)
    print(
        f"== cases benchmark ({engine}, {generated.open_cases:,} open + {generated.closed_cases:,} finished cases, "
        f"{generated.people:,} petitioners, {generated.denouncers:,} denouncers, {generated.visits:,} visits)"
    )
    print(
        f"migrate and load_units (or their template) {load:.1f} s; generation {generated.seconds:.1f} s "
        f"({(generated.open_cases + generated.closed_cases) / generated.seconds:,.0f} cases/s; "
        f"{generated.texts:,} texts and person keys in {generated.pool_seconds:.1f} s)"
    )
    sys.stdout.flush()

    province = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=PROVINCE)
    leader = officer_create(
        actor=None, username="bench-leader", full_name="Lãnh đạo Bench", password=None, check_password=False
    )
    membership_grant(
        actor=None,
        officer=leader,
        organization=Organization.objects.filter(unit=province, kind__code="peoples_committee").first(),
        role=Role.LEADER,
    )
    _token, secret = api_token_create(actor=None, officer=leader, name="bench")

    if "sweep" in ONLY:
        for line in sweep_measures():
            print(line)
        sys.stdout.flush()
    if "duplicates" in ONLY:
        for line in duplicate_measures(leader, generated.probes):
            print(line)
    if "statistics" in ONLY:
        for line in statistics_measures(province):
            print(line)
    sys.stdout.flush()
    if "list" not in ONLY:
        remove(var_dir)
        return

    rng = random.Random(7)
    all_params = [list_params(rng, generated.fields, generated.words) for _ in range(REQUESTS)]
    in_process = list_in_process(leader, all_params)
    connection.close()
    query = [urllib.parse.urlencode(p) for p in all_params]
    api_paths = [f"/api/v1/cases?{q}" for q in query]
    bare_paths = [f"/bare/cases?{q}&path={province.path}" for q in query]
    headers = {"Authorization": f"Bearer {secret}"}
    with granian_server(env) as port:
        timed_requests(port, api_paths[:40] + bare_paths[:40], headers)  # warm up both workers
        api, api_status = timed_requests(port, api_paths, headers)
        bare, bare_status = timed_requests(port, bare_paths, headers)

    print(
        f"case list in-process (filters + first page + count, province leader): p50 {percentile(in_process, 50):6.2f} ms  "
        f"p95 {percentile(in_process, 95):6.2f} ms  [target p95 < 50 ms]"
    )
    record("case list in-process p95", engine=engine, ours=percentile(in_process, 95), reference=None, target_max=50)
    if set(api_status) == {200}:
        print(
            f"API  /api/v1/cases?kind&deadline&field…  p50 {percentile(api, 50):6.2f} ms  p95 {percentile(api, 95):6.2f} ms"
            "  [target p95 < 50 ms]"
        )
        record(
            "case list API p95 / in-process p95",
            engine=engine,
            ours=percentile(api, 95),
            reference=percentile(in_process, 95),
            target_ratio=1.3,
            target_max=50,
        )
    else:
        print(f"API  /api/v1/cases: skipped (statuses {sorted(set(api_status))}; list API not mounted?)")
    if set(bare_status) == {200}:
        print(
            f"bare Django JSON view                 p50 {percentile(bare, 50):6.2f} ms  p95 {percentile(bare, 95):6.2f} ms"
        )
        if set(api_status) == {200}:
            print(f"latency ratio API/bare (p50): {statistics.median(api) / statistics.median(bare):.2f}x")
            record(
                "case list API/bare view p50",
                engine=engine,
                ours=statistics.median(api),
                reference=statistics.median(bare),
            )
    else:
        print(f"bare /bare/cases: statuses {sorted(set(bare_status))}")
    remove(var_dir)


def remove(var_dir: str) -> None:
    if os.environ.get("BENCH_KEEP"):
        print(f"kept (BENCH_KEEP): {var_dir}")
    else:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
